"""The built site: strict, self-contained, and showing exactly the blocks the tests run."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.snippets import DOCS_DIR, SNIPPETS_DIR, load_page

# what a browser fetches on its own when it renders a page
LOADING_ATTRIBUTES = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
                      "video": "src", "embed": "src", "object": "data", "link": "href"}
EXTERNAL = re.compile(r"^(https?:)?//", re.I)
CSS_EXTERNAL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class LoadedResources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.code_blocks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        wanted = LOADING_ATTRIBUTES.get(tag)
        if wanted and attrs.get(wanted) and (tag != "link" or _loads(attrs.get("rel", ""))):
            self.urls.append(attrs[wanted])
        if tag == "div" and "highlight" in (attrs.get("class") or "").split():
            self.code_blocks += 1


def _loads(rel: str) -> bool:
    return bool({"stylesheet", "preload", "prefetch", "icon", "manifest", "modulepreload"} & set(rel.split()))


def parsed(html_file: Path) -> LoadedResources:
    parser = LoadedResources()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def pages() -> list[Path]:
    return sorted(p for p in DOCS_DIR.rglob("*.md") if SNIPPETS_DIR not in p.parents)


def html_of(site: Path, page: Path) -> Path:
    relative = page.relative_to(DOCS_DIR).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


@pytest.mark.parametrize("flavour", ["built_site", "offline_site"])
def test_no_page_loads_anything_from_another_host(flavour, request):
    site = request.getfixturevalue(flavour)
    offenders = []
    for html in site.rglob("*.html"):
        offenders += [f"{html.relative_to(site)}: {url}" for url in parsed(html).urls if EXTERNAL.match(url)]
    for css in site.rglob("*.css"):
        offenders += [f"{css.relative_to(site)}: {url}" for url in CSS_EXTERNAL.findall(css.read_text())]
    assert not offenders, "resources from another host:\n" + "\n".join(offenders)


def test_offline_flavour_works_from_the_file_system(offline_site, built_site):
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "navigation.instant" not in home  # instant navigation needs a server
    assert "navigation.instant" in (built_site / "index.html").read_text(encoding="utf-8")
    assert (offline_site / "search" / "search_index.js").is_file()  # search without fetch()
    assert "iframe-worker-shim.js" in home


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS_DIR)))
def test_every_code_block_on_the_page_is_run_or_marked(built_site, page):
    model = load_page(page)
    accounted = len(model.blocks)  # run, marked not run, or a stored output checked against its run
    assert parsed(html_of(built_site, page)).code_blocks == accounted


def test_declared_differences_are_shown_to_the_reader(built_site):
    for page in pages():
        for group in load_page(page).comparisons:
            if group.reason:
                html = html_of(built_site, page).read_text(encoding="utf-8")
                assert "Differences between engines" in html and group.reason.split()[0] in html


def test_notebook_pages_show_their_plots_and_stay_light(built_site):
    notebook_pages = list((built_site / "notebooks").glob("*/index.html"))
    assert notebook_pages
    for html in notebook_pages:
        text = html.read_text(encoding="utf-8")
        assert "data:image/png;base64" in text, f"{html}: no plot rendered"
        assert len(text.encode()) <= 200_000, f"{html}: {len(text.encode())} bytes, over the 200 KB budget"


def test_question_bank_gathers_every_question(built_site):
    questions = [q for page in pages() for q in load_page(page).questions]
    html = (built_site / "reference" / "questions" / "index.html").read_text(encoding="utf-8")
    assert html.count('<details class="question"') == len(questions)
    rows = list(csv.DictReader(io.StringIO((built_site / "reference" / "questions.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(questions)
    assert {row["difficulty"] for row in rows} <= {"easy", "medium", "hard"}


def test_pages_with_code_say_which_versions_it_ran_with(built_site):
    import pandas

    home = html_of(built_site, DOCS_DIR / "index.md").read_text(encoding="utf-8")
    assert f"pandas {pandas.__version__}" in home
    for page in pages():
        if load_page(page).runnable:
            assert "runs in the test suite with Python" in html_of(built_site, page).read_text(encoding="utf-8"), page


def test_glossary_terms_show_as_tooltips_on_pages(built_site):
    from hooks import glossary

    entries = glossary.entries()
    assert len(entries) >= 69  # every term of the seed's A-Z list, and the terms pages define
    losses = html_of(built_site, DOCS_DIR / "generalization" / "losses.md").read_text(encoding="utf-8")
    tooltips = re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', losses)
    assert tooltips, "no glossary tooltip on the losses page"
    definitions = {e.term: e.definition for e in entries} | {a: e.definition for e in entries for a in e.also}
    assert all(html.unescape(tip) == definitions[html.unescape(word)] for tip, word in tooltips)
    page = (built_site / "reference" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert all(html.escape(e.term, quote=False) in page for e in entries)
