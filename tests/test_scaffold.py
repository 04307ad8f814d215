"""`make new` gives a contributor a page that passes every check but the placeholders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hooks.build import nav_order
from hooks.scaffold import ScaffoldError, create
from hooks.snippets import PLACEHOLDER, ROOT, PageError, load_page
from tests.test_notebooks import execution_problem, placeholder_problem


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of mkdocs.yml and of each section's index page: what the scaffold reads and writes."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for index in (ROOT / "docs").glob("*/index.md"):
        (tmp_path / "docs" / index.parent.name).mkdir(parents=True)
        shutil.copy(index, tmp_path / "docs" / index.parent.name / "index.md")
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def fill_placeholders(text: str) -> str:
    return "\n".join(PLACEHOLDER.sub("Written", line) for line in text.splitlines()) + "\n"


def nav_entries(mkdocs_yml: Path) -> list[str]:
    return list(nav_order(yaml.load(mkdocs_yml.read_text(), Loader=yaml.BaseLoader)["nav"]))


@pytest.mark.parametrize("kind, page", [("topic", "classical/quantile-regression"),
                                        ("comparison", "wrangling/sample-rows")])
def test_new_page_fails_only_on_its_placeholders(repo, kind, page):
    target, _ = create(kind, page, "A new page", root=repo)
    assert f"{page}.md" in nav_entries(repo / "mkdocs.yml")
    with pytest.raises(PageError, match="a PLACEHOLDER from the page template is left in"):
        load_page(target)
    target.write_text(fill_placeholders(target.read_text()))
    model = load_page(target)
    assert model.runnable and (model.comparisons or kind == "topic")


def test_new_pages_run_green_once_placeholders_are_replaced(repo):
    pages = []
    for kind, page in [("topic", "optimization/line-search"), ("comparison", "wrangling/sample-rows")]:
        target, _ = create(kind, page, f"New {kind}", root=repo)
        target.write_text(fill_placeholders(target.read_text()))
        pages.append(str(target))
    command = [sys.executable, "-m", "pytest", "-c", "pyproject.toml", *pages, "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "comparisons checked equal: 1" in result.stdout


def test_new_notebook_fails_only_on_its_placeholders(repo):
    target, _ = create("notebook", "optimization/line-search", "Line search", root=repo)
    assert "notebooks/line-search.ipynb" in nav_entries(repo / "mkdocs.yml")
    assert "still hold a PLACEHOLDER" in placeholder_problem(target)
    assert execution_problem(target) is None


@pytest.mark.parametrize("kind, page, title, says", [
    ("essay", "classical/x", "X", "unknown kind 'essay'"),
    ("topic", "no-such-section/x", "X", "there is no section 'no-such-section'"),
    ("topic", "classical/Bad Name", "X", "is not a page name"),
    ("topic", "classical/pca", "X", "docs/classical/pca.md already exists"),
    ("topic", "classical/x", " ", "the page needs a title"),
])
def test_bad_request_is_refused_and_leaves_nothing_behind(repo, kind, page, title, says):
    (repo / "docs" / "classical" / "pca.md").write_text("an existing page")
    before = (repo / "mkdocs.yml").read_text()
    files_before = sorted(repo.rglob("*"))
    with pytest.raises(ScaffoldError, match="Fix: ") as caught:
        create(kind, page, title, root=repo)
    assert says in str(caught.value)
    assert (repo / "mkdocs.yml").read_text() == before
    assert sorted(repo.rglob("*")) == files_before
