"""Fixtures shared by the tests in tests/: the site, built strictly in both flavours."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.snippets import ROOT


def build_site(site: Path, **env: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-5000:]}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The hosted flavour, built with --strict once per test session."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline flavour, as `make offline` builds it."""
    return build_site(tmp_path_factory.mktemp("site-offline"), OFFLINE="true")
