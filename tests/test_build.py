"""The built site: strict, self-contained, and showing exactly the blocks the tests run."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from hooks.snippets import DOCS_DIR, ROOT, load_page, page_paths

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


pages = page_paths


def html_of(site: Path, page: Path) -> Path:
    relative = page.relative_to(DOCS_DIR).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


@pytest.mark.parametrize("flavour", ["built_site", "offline_site"])
def test_no_page_loads_anything_from_another_host(flavour, request):
    site = request.getfixturevalue(flavour)
    offenders = []
    for page in site.rglob("*.html"):
        offenders += [f"{page.relative_to(site)}: {url}" for url in parsed(page).urls if EXTERNAL.match(url)]
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
    import nbformat

    notebooks = sorted((DOCS_DIR.parent / "notebooks").glob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        page = built_site / "notebooks" / notebook.stem / "index.html"
        text = page.read_text(encoding="utf-8")
        code = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code")
        if "plt." in code or ".plot(" in code:
            assert "data:image/png;base64" in text, f"notebooks/{notebook.name}: it plots, but no plot is on its page"
        assert len(text.encode()) <= 200_000, (f"notebooks/{notebook.name}: its page is {len(text.encode())} bytes, "
                                               "over the 200 KB budget; make its figures smaller or fewer")


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


def test_a_moved_page_keeps_its_old_url(built_site):
    """mkdocs.yml's redirect_maps: every old path leads to a page that exists."""
    import yaml

    config = yaml.load((DOCS_DIR.parent / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "redirects" in p)
    for old, new in plugin["redirects"]["redirect_maps"].items():
        stub = built_site / old.removesuffix(".md") / "index.html"
        url = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', stub.read_text(encoding="utf-8")).group(1)
        landing = (stub.parent / url / "index.html").resolve()
        assert landing == (built_site / new.removesuffix(".md") / "index.html").resolve(), f"{old} leads to {url}"
        assert landing.is_file(), f"{old} redirects to {new}, which was not built"


def test_notebooks_get_glossary_tooltips_outside_code_and_math(built_site):
    page = (built_site / "notebooks" / "wrangling-walkthrough" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">Parquet</abbr>', page)
    for code in re.findall(r"<code>(.*?)</code>", page, re.S):
        assert "<abbr" not in code


def test_cheat_sheet_holds_every_tldr(built_site):
    with_tldr = [load_page(page) for page in pages() if load_page(page).tldr]
    sheet = (built_site / "reference" / "cheat-sheet" / "index.html").read_text(encoding="utf-8")
    assert sheet.count('class="cheat-sheet-entry"') == len(with_tldr)
    for page in with_tldr:
        assert html.escape(page.meta["title"], quote=False) in sheet, page.meta["title"]


def test_notebook_links_to_pages_lead_to_built_pages(built_site):
    for notebook in (built_site / "notebooks").glob("*/index.html"):
        for href in re.findall(r'<a href="([^"#:]+)(?:#([^"]*))?"', notebook.read_text(encoding="utf-8")):
            target, anchor = notebook.parent / href[0], href[1]
            if href[0].endswith(".md"):
                pytest.fail(f"{notebook.parent.name}: the link {href[0]} was left as a Markdown path")
            if target.is_dir():
                page = (target / "index.html").read_text(encoding="utf-8")
                assert not anchor or f'id="{anchor}"' in page, f"{notebook.parent.name}: no #{anchor} in {href[0]}"


SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
PRINT_PAGE = "print_page/"  # the whole guide on one page, made by the print-site plugin


def page_urls(site: Path) -> dict[str, Path]:
    """Every page a reader can open, by its public URL (a moved page's redirect stub is no page)."""
    return {SITE_URL + "".join(f"{part}/" for part in page.parent.relative_to(site).parts): page
            for page in site.rglob("index.html") if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")}


def sitemap(site: Path) -> set[str]:
    return set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))


def test_404_page_is_styled_and_links_back_to_the_home_page(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/main." in page and "assets/stylesheets/guide.css" in page  # the site's look
    content = page[page.index("<article"):page.index("</article>")]
    hrefs = re.findall(r'<a href="([^"]+)"', content)
    targets = [urljoin(SITE_URL + "404.html", html.unescape(href)) for href in hrefs]
    assert SITE_URL in {target.removesuffix("index.html").removesuffix(".") for target in targets}, \
        f"404.html: no link to the home page ({SITE_URL}) in its text; links: {targets}"


def test_every_page_has_its_canonical_url_and_is_in_the_sitemap(built_site):
    pages, listed = page_urls(built_site), sitemap(built_site)
    for url, page in pages.items():
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert canonical and canonical.group(1) == url, f"{page.relative_to(built_site)}: canonical URL is not {url}"
    # the print page repeats every other page: search engines are sent to the pages themselves
    assert listed == set(pages) - {SITE_URL + PRINT_PAGE}, (
        f"pages missing from sitemap.xml: {sorted(set(pages) - listed - {SITE_URL + PRINT_PAGE})}; "
        f"sitemap entries without a page: {sorted(listed - set(pages))}")


def test_the_whole_guide_prints_from_one_page(built_site):
    """Every page, in nav order, on print_page/ (to save as one PDF), linked from each page, not searched."""
    assert (built_site / PRINT_PAGE / "index.html").is_file(), "no print page: is print-site enabled in mkdocs.yml?"
    whole = (built_site / PRINT_PAGE / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="print-page" id="([^"]+)"', whole)
    for url in sitemap(built_site):
        key = url.removeprefix(SITE_URL).strip("/").replace("/", "-") or "index"
        assert key in sections, f"{url} is missing from the print page"
    a_page = (built_site / "wrangling" / "filter" / "index.html").read_text(encoding="utf-8")
    assert 'title="Print the whole guide"' in a_page
    assert '"location":"print_page' not in (built_site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_every_offline_page_finds_what_it_loads_and_links(offline_site):
    """From file:// a missing file shows as a broken page: every local script, stylesheet, image
    and link of the offline flavour must exist."""
    missing = []
    for page in offline_site.rglob("*.html"):
        if page.name == "404.html":
            continue  # only a web server shows it, and it links from the site's root on purpose
        text = page.read_text(encoding="utf-8")
        targets = parsed(page).urls + re.findall(r'<a [^>]*href="([^"#?]+)', text)
        for url in targets:
            if re.match(r"^[a-z]+:|^//|^data:", url):
                continue
            if not (page.parent / url).exists():
                missing.append(f"{page.relative_to(offline_site)} -> {url}")
    assert not missing, "missing from the offline folder:\n" + "\n".join(sorted(set(missing))[:40])
