"""Checks on what pages show but do not run: YAML manifests parse, and the reading list's links
are well formed (no network here to fetch them)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from hooks.snippets import DOCS_DIR, display_path, load_page, page_paths

PAGES = page_paths()
YAML_BLOCKS = [(page, block) for page in PAGES for block in load_page(page).blocks if block.lang in ("yaml", "yml")]
READING_LIST = DOCS_DIR / "reference" / "reading-list.md"
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]*)\)")


@pytest.mark.parametrize("page, block", YAML_BLOCKS, ids=[f"{display_path(p)}:{b.line}" for p, b in YAML_BLOCKS])
def test_yaml_block_parses(page, block):
    try:
        documents = list(yaml.safe_load_all(block.code))
    except yaml.YAMLError as error:
        pytest.fail(f"{display_path(page)}:{block.line}: the YAML block does not parse ({error}). "
                    "Fix: correct its indentation or quoting.", pytrace=False)
    assert any(documents), f"{display_path(page)}:{block.line}: the YAML block is empty"


def test_manifests_are_among_the_checked_blocks():
    kinds = {doc.get("kind") for _, block in YAML_BLOCKS for doc in yaml.safe_load_all(block.code)
             if isinstance(doc, dict)}
    assert {"Deployment", "Service"} <= kinds


def test_reading_list_links_are_well_formed_and_annotated():
    text = READING_LIST.read_text(encoding="utf-8")
    links = LINK.findall(text)
    assert len(links) >= 40
    urls = [url for _, url in links]
    duplicates = {url for url in urls if urls.count(url) > 1}
    assert not duplicates, f"links listed twice: {sorted(duplicates)}"
    for _, url in links:
        parts = urlsplit(url)
        assert parts.scheme == "https", f"{url}: link with https"
        assert "." in parts.netloc and " " not in url, f"{url}: not a URL"
    for line in text.splitlines():
        if line.startswith("- ["):
            assert re.search(r"\)\s*:\s*\S", line) or line.rstrip().endswith(":"), f"no note after the link: {line}"
