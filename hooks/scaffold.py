"""`make new`: start a page from a template and register it in the nav.

    make new kind=topic      page=classical/quantile-regression title="Quantile regression"
    make new kind=comparison page=wrangling/sample-rows        title="Sample rows"
    make new kind=notebook   page=optimization/line-search     title="Line search"

The new page passes every check except one: the PLACEHOLDER lines fail the tests, naming each
line, until they are replaced, so a half-written page cannot be merged.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hooks.snippets import ROOT

TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = ("topic", "comparison", "notebook")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(ValueError):
    pass


def create(kind: str, page: str, title: str, root: Path = ROOT) -> list[Path]:
    """Write the new file, register it in the nav, and return what was changed."""
    docs, mkdocs_yml = root / "docs", root / "mkdocs.yml"
    section, _, slug = page.partition("/")
    _check_arguments(docs, kind, section, slug, title)
    if kind == "notebook":
        target = root / "notebooks" / f"{slug}.ipynb"
        nav_line = f'- "Notebook: {title}": notebooks/{slug}.ipynb'
    else:
        target = docs / section / f"{slug}.md"
        nav_line = f"- {section}/{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(root)} already exists. Fix: choose another name.")
    nav = _nav_with(mkdocs_yml, section, nav_line)  # computed first: a bad section leaves nothing behind
    if kind == "notebook":
        nbformat.write(_notebook(title), target)
    else:
        target.write_text(_page(docs, kind, section, title), encoding="utf-8")
    mkdocs_yml.write_text(nav, encoding="utf-8")
    return [target, mkdocs_yml]


def _check_arguments(docs: Path, kind: str, section: str, slug: str, title: str) -> None:
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}'. Fix: use kind=topic, kind=comparison or kind=notebook.")
    if not (docs / section / "index.md").is_file():
        sections = sorted(p.parent.name for p in docs.glob("*/index.md"))
        raise ScaffoldError(f"there is no section '{section}'. Fix: write page=SECTION/NAME with SECTION one of "
                            f"{', '.join(sections)}.")
    if not SLUG.match(slug):
        raise ScaffoldError(f"'{slug}' is not a page name. Fix: use lower-case words joined by hyphens, "
                            "e.g. page=classical/quantile-regression.")
    if not title.strip():
        raise ScaffoldError('the page needs a title. Fix: add title="..." to the command.')


def _page(docs: Path, kind: str, section: str, title: str) -> str:
    text = (TEMPLATES / f"{kind}.md").read_text(encoding="utf-8")
    index_tags = yaml.safe_load((docs / section / "index.md").read_text(encoding="utf-8").split("---")[1])["tags"]
    return (text.replace("{title}", title).replace("{tag}", index_tags[0])
            .replace("DOCS_ROOT", os.path.relpath(docs, docs / section)))


def _notebook(title: str):
    return new_notebook(
        metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        cells=[
            new_markdown_cell(f"# {title}\n\nPLACEHOLDER: what this notebook shows, and which pages it illustrates."),
            new_code_cell("import numpy as np\n\nrng = np.random.default_rng(0)\nsample = rng.normal(size=1_000)\n"
                          "assert abs(sample.mean()) < 0.1  # a claim of the text, checked\nsample.mean()"),
            new_markdown_cell("PLACEHOLDER: what the cell above shows, and what comes next."),
        ])


def _nav_with(mkdocs_yml: Path, section: str, nav_line: str) -> str:
    """mkdocs.yml with nav_line added after the last nav entry of the section, comments kept."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    entry = re.compile(rf"^(\s*)- (?:[^:]+: )?{re.escape(section)}/\S+\.md\s*$")
    last = max((i for i, line in enumerate(lines) if entry.match(line)), default=None)
    if last is None:
        raise ScaffoldError(f"mkdocs.yml lists no page of docs/{section}/. Fix: add the section to the nav first.")
    indent = entry.match(lines[last]).group(1)
    lines.insert(last + 1, f"{indent}{nav_line}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    try:
        changed = create(*argv)
    except ScaffoldError as error:
        print(f"make new: {error}", file=sys.stderr)
        return 1
    print(f"Created {changed[0].relative_to(ROOT)} and added it to the nav in mkdocs.yml.")
    print("Next: replace every PLACEHOLDER line, then run the page's checks:")
    target = changed[0].relative_to(ROOT)
    print(f"  .venv/bin/pytest {target}" if target.suffix == ".md" else
          f"  .venv/bin/pytest tests/test_notebooks.py -k {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
