"""Fixtures shared by the tests in tests/: the strictly built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hooks.snippets import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The hosted flavour, built with --strict once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-5000:]}", pytrace=False)
    return site
