"""Broken pages fail with a message that names the file, the line and the fix.

The pages live in tests/bad_pages/, never in docs/, so the site never shows them.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from hooks.snippets import ROOT, PageError, load_page

BAD = ROOT / "tests" / "bad_pages"

RULE_BREAKERS = {
    "unknown-tab.md": (11, "unknown tab label 'Spark'", "label the tabs exactly Pandas, Polars, SQL, PySpark"),
    "missing-tab.md": (11, "lacks the tab(s) PySpark", "exactly the tabs Pandas, Polars, SQL, PySpark"),
    "wrong-order.md": (11, "in the order Pandas, SQL, Polars, PySpark", "in that order"),
    "unknown-key.md": (1, "unknown front-matter key(s): author", "use only"),
    "missing-dataset.md": (1, "dataset 'invoices' does not exist", "add it to docs/data/generate.py"),
    "unmarked-block.md": (10, "a 'bash' block that is neither run nor marked", "{.bash .no-run}"),
    "question-without-level.md": (12, "does not start with its difficulty", "Easy:, Medium:, Hard:"),
    "unknown-tag.md": (1, "unknown tag(s): ml", "use a tag from ALLOWED_TAGS"),
    "missing-key.md": (1, "missing front-matter key(s): description", "add them"),
    "placeholder-left.md": (12, "a PLACEHOLDER from the page template is left in", "replace each"),
    "unchecked-formula.md": (10, "this display formula is followed by no check", "{.python .formula-check}"),
}


@pytest.mark.parametrize("name", sorted(RULE_BREAKERS))
def test_rule_breaker_is_reported_with_line_and_fix(name):
    line, problem, fix = RULE_BREAKERS[name]
    with pytest.raises(PageError) as caught:
        load_page(BAD / name)
    message = str(caught.value)
    assert message.startswith(f"tests/bad_pages/{name}:{line}: ")
    assert problem in message and fix in message


BUILD_BREAKERS = {
    **{name: name for name in RULE_BREAKERS},
    "broken-link.md": "no-such-page.md",
    "broken-anchor.md": "#no-such-heading",
    "duplicate-title.md": "the title 'Start here' is already the title of docs/index.md",
}


@pytest.mark.parametrize("name", sorted(BUILD_BREAKERS))
def test_build_fails_naming_the_page(name, tmp_path, caplog):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(BAD / name, docs / name)
    shutil.copy(ROOT / "docs" / "index.md", docs / "index.md")
    # The project's theme, extensions and hooks; of the plugins only search: notebooks,
    # redirects and the print page have nothing to do with a broken page, and take time.
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                         nav=[{"Home": "index.md"}, {"Broken": name}], plugins=["search"])
    caplog.set_level(logging.WARNING)
    with pytest.raises((Abort, PluginError)) as caught:
        build(config)
    said = str(caught.value) + "\n".join(r.getMessage() for r in caplog.records)
    assert name in said
    assert BUILD_BREAKERS[name] in said


def run_pytest_on(name: str) -> str:
    result = subprocess.run([sys.executable, "-m", "pytest", str(BAD / name), "-q", "-p", "no:cacheprovider"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def test_raising_snippet_names_page_line_engine_and_exception():
    out = run_pytest_on("raises.md")
    assert "tests/bad_pages/raises.md:12 [python] raised ZeroDivisionError: division by zero" in out
    assert "runner.py" not in out and "pages.py" not in out  # none of the harness's own frames


def test_disagreeing_engines_print_what_each_returned():
    out = run_pytest_on("disagree.md")
    assert "the engines disagree on the rows (in any order): SQL differ from Pandas" in out
    for label in ("Pandas", "Polars", "SQL", "PySpark"):
        assert f"--- {label} returned:" in out


def test_stale_output_shows_a_diff_and_the_fix():
    out = run_pytest_on("stale-output.md")
    assert "the stored output at line 14 is stale; run make outputs." in out
    assert "-46" in out and "+45" in out


def test_failing_formula_check_names_the_line_and_says_which_side_to_fix():
    out = run_pytest_on("failing-formula-check.md")
    assert "tests/bad_pages/failing-formula-check.md:21 [python] raised AssertionError" in out
    assert "Fix: correct the formula on the page" in out
