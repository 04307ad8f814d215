"""The built site in a real browser: search, linked tabs, deep links, math, and offline reading.

Chromium comes from the system (Debian's `chromium` package); Playwright only drives it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from hooks.snippets import ROOT
from tests.site_audits import served

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail("Chromium is missing: install it (Debian: apt-get install chromium); .ci/run does.", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(built_site):
    """The hosted flavour served on the loopback interface, as a web host would serve it."""
    with served(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    """Type a query into the site's search box, as a reader does (Material listens to the keyboard,
    not to programmatic input); return the pages found, best first, as site paths."""
    box, meta = page.locator(".md-search__input"), ".md-search-result__meta"
    box.click()
    box.press("Control+a")
    box.press("Backspace")  # an empty box resets the results, so what is read below is this query's
    page.wait_for_function(f"!document.querySelector('{meta}').textContent.includes('matching')", timeout=60_000)
    box.press_sequentially(query)
    # the meta line reads "Initializing search" until the index is loaded, then counts matches
    page.wait_for_function(f"document.querySelector('{meta}').textContent.includes('matching')", timeout=60_000)
    read = """els => els.map(e => new URL(e.getAttribute('href'), location.href).pathname)"""
    found, previous = None, None
    while found is None or found != previous:  # the list is complete once two reads agree
        previous, found = found, page.locator(".md-search-result__item > a").evaluate_all(read)
        page.wait_for_timeout(150)
    return list(dict.fromkeys(found))  # a page's sections follow it in the results


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query, expected", [(q["query"], q["page"]) for q in QUERIES],
                         ids=[q["query"] for q in QUERIES])
def test_search_finds_the_page_in_the_top_three(search_page, site_url, query, expected):
    found = search(search_page, query)
    wanted = ("/" + expected.removesuffix(".md").removesuffix("index").rstrip("/") + "/").replace("//", "/")
    assert wanted in found[:3], f"'{query}' should find {expected} in the top 3; found {found[:5]}"


def test_the_query_set_is_large_enough_and_points_at_real_pages():
    assert len(QUERIES) >= 40
    missing = [q["page"] for q in QUERIES if not (ROOT / "docs" / q["page"]).is_file()]
    assert not missing, f"tests/search_queries.yml names pages that do not exist: {missing}"


def wait_for_all_math(page) -> None:
    """KaTeX renders a page's formulas in slices; wait until every one is rendered."""
    page.wait_for_function("""() => {
        const math = [...document.querySelectorAll('.arithmatex')];
        return math.length > 0 && math.every(element => element.querySelector('.katex'));
    }""", timeout=20_000)


def selected_tab(page) -> str:
    """The label of the selected tab of the page's first tab group."""
    return page.evaluate("""() => {
        const set = document.querySelector('.tabbed-set');
        const input = set.querySelector(':scope > input:checked');
        return set.querySelector(`label[for="${input.id}"]`).textContent.trim();
    }""")


def test_tabs_stay_linked_across_pages(page, site_url):
    page.goto(site_url + "wrangling/filter/")
    page.locator(".tabbed-labels > label", has_text="Polars").first.click()
    page.goto(site_url + "wrangling/sort/")
    assert selected_tab(page) == "Polars"


def test_a_link_can_choose_the_engine(page, site_url):
    page.goto(site_url + "wrangling/join/?engine=pyspark")
    assert selected_tab(page) == "PySpark"


def test_math_renders_and_survives_instant_navigation(page, site_url):
    page.goto(site_url)
    page.goto(site_url + "generalization/")
    page.locator("a[href$='losses/']").first.click()  # instant navigation: no full page load
    page.wait_for_url("**/losses/")
    wait_for_all_math(page)
    assert page.locator(".arithmatex .katex").count() > 10
    assert page.locator(".katex-error").count() == 0


@pytest.fixture
def offline_page(browser):
    """A page whose every request to a host is refused and recorded: the offline site makes none."""
    context = browser.new_context()
    requests: list[str] = []

    def refuse(route):
        requests.append(route.request.url)
        route.abort()

    context.route("http*://**/*", refuse)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    context.close()
    assert requests == [], f"the offline site tried to reach the network: {requests}"


def test_offline_site_works_from_the_file_system_without_network(offline_page, offline_site):
    page, errors = offline_page
    page.goto((offline_site / "index.html").as_uri())
    assert page.title().startswith("Start here")
    found = search(page, "fillna")
    assert any("fill-missing" in link for link in found[:3])
    page.goto((offline_site / "wrangling" / "filter.html").as_uri())
    page.locator(".tabbed-labels > label", has_text="Polars").first.click()
    page.goto((offline_site / "wrangling" / "sort.html").as_uri())
    assert selected_tab(page) == "Polars", "the engine chosen on one page is not kept on the next"
    page.locator("button[data-md-type=copy]:visible").first.click()
    page.wait_for_selector(".md-dialog--active", timeout=5_000)  # Material's "Copied to clipboard"
    page.goto((offline_site / "generalization" / "losses.html").as_uri())
    wait_for_all_math(page)
    assert page.locator(".katex-error").count() == 0
    page.goto((offline_site / "notebooks" / "wrangling-walkthrough.html").as_uri())
    assert page.locator("img[src^='data:image/png']").count() >= 1
    assert not errors, errors


def test_offline_pages_of_every_kind_render(offline_page, offline_site):
    """One page of each section and each generated page, opened from the file system; that every
    page finds what it loads is checked without a browser in test_build.py."""
    page, errors = offline_page
    sections = sorted(offline_site.glob("*/index.html"))
    generated = [offline_site / "reference" / f"{name}.html" for name in ("glossary", "questions", "cheat-sheet")]
    notebook = sorted((offline_site / "notebooks").glob("*.html"))[:1]
    chosen = [offline_site / "index.html", offline_site / "contributing.html", *sections, *generated, *notebook]
    assert len(chosen) > 15
    untitled = []
    for html_file in chosen:
        page.goto(html_file.as_uri(), wait_until="domcontentloaded")
        if page.locator("article h1").count() != 1:
            untitled.append(str(html_file.relative_to(offline_site)))
    assert not untitled, f"pages without their title: {untitled}"
    assert not errors, errors
