"""The hosted site as a reader meets it, audited by Lighthouse in Chromium: accessibility, best
practices and SEO score 100 on one page of each kind (performance is measured by `make bench`)."""

from __future__ import annotations

import pytest

from tests.site_audits import PAGES, LighthouseError, failures, lighthouse, missing, score, served

CATEGORIES = ["accessibility", "best-practices", "seo"]


@pytest.fixture(scope="module")
def site_url(built_site):
    if reason := missing():
        pytest.fail(reason, pytrace=False)
    with served(built_site) as url:
        yield url


@pytest.mark.parametrize("path", list(PAGES), ids=[kind.replace(" ", "-") for kind in PAGES.values()])
def test_page_scores_100_on_accessibility_best_practices_and_seo(site_url, path):
    try:
        report = lighthouse(site_url + path, CATEGORIES)
    except LighthouseError as error:
        pytest.fail(str(error), pytrace=False)
    below = {category: score(report, category) for category in CATEGORIES if score(report, category) != 100}
    details = [line for category in below for line in [f"{category}: {below[category]}"] + failures(report, category)]
    assert not below, f"/{path} ({PAGES[path]}) scores below 100:\n" + "\n".join(details)
