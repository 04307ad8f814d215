"""Fixtures shared by the tests in tests/: the site, built strictly in both flavours.

Each flavour is built once per `make test`, however many workers pytest-xdist starts: the first
worker to need it builds it under a file lock, the others wait and reuse the folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from hooks.snippets import ROOT


def build_site(site: Path, **env: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-5000:]}", pytrace=False)
    (site / ".complete").touch()
    return site


def shared_build(tmp_path_factory, name: str, **env: str) -> Path:
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # this run's folder, the same for every worker
    site = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not (site / ".complete").exists():
            build_site(site, **env)
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The hosted flavour, as `make build` builds it."""
    return shared_build(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline flavour, as `make offline` builds it."""
    return shared_build(tmp_path_factory, "site-offline", OFFLINE="true")
