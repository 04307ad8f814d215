"""`make lint` is clean, and its snippet linter points at the page's own lines."""

from __future__ import annotations

import pytest

from hooks import lint
from hooks.snippets import ROOT


@pytest.mark.parametrize("name", sorted(lint.LINTERS))
def test_linter_finds_nothing(name):
    ok, out = lint.LINTERS[name]()
    assert ok, f"{name} found problems (run make lint):\n{out}"


def test_snippet_linter_reports_the_page_line_and_engine():
    ok, out = lint.ruff_on_pages([ROOT / "tests" / "bad_pages" / "lint-undefined-name.md"])
    assert not ok
    assert "tests/bad_pages/lint-undefined-name.md:17:1: F821 Undefined name `totl` [python]" in out
