"""What a reader needs to trust a page's code: the versions it ran with, and when the page changed."""

from __future__ import annotations

import ast
import platform
import subprocess
from functools import cache
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path

from hooks.snippets import ROOT, Page

ENGINE_PACKAGES = {"pandas": "pandas", "polars": "polars", "sql": "duckdb", "pyspark": "pyspark"}


def imported_modules(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@cache
def _distributions() -> dict[str, list[str]]:
    return packages_distributions()


def packages_used(page: Page) -> dict[str, str]:
    """Distribution name -> installed version, for every library the page's code runs on."""
    wanted = {ENGINE_PACKAGES[b.engine] for b in page.runnable if b.engine in ENGINE_PACKAGES}
    for block in page.runnable:
        if block.engine != "sql":
            for module in imported_modules(block.code):
                wanted.update(_distributions().get(module, []))
    found = {}
    for name in sorted(wanted, key=str.lower):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    return found


def last_changed(path: Path) -> str | None:
    """The date of the last commit that touched the file, or None outside a git checkout."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def footer(page: Page) -> str:
    parts = []
    if page.runnable:
        libraries = ", ".join(f"{name} {v}" for name, v in packages_used(page).items())
        python = f"Python {platform.python_version()}"
        tested_with = f"{python}, {libraries}" if libraries else python
        parts.append(f"Code on this page runs in the test suite with {tested_with}.")
    changed = last_changed(page.path)
    if changed:
        parts.append(f"Page last changed on {changed}.")
    if not parts:
        return ""
    return "\n\n---\n\n" + " ".join(parts) + "\n{ .page-provenance }\n"
