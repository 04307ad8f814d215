"""`make bench`: measure the budgets of the design and print them as a table.

Timings are reported, never asserted: a slow machine should not turn the suite red.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PYTHON = sys.executable


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_rebuild_seconds(page: Path) -> float:
    """Start `mkdocs serve`, touch one page, and time until the rebuild is served."""
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8765"],
                              cwd=ROOT, env=ENV, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.perf_counter(), l)) for l in server.stderr], daemon=True)
    reader.start()
    try:
        wait_for(lambda: any("Serving on" in l for _, l in lines), 120)
        touched = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        wait_for(lambda: any("Reloading browsers" in l and t > touched for t, l in lines), 120)
        return next(t for t, l in lines if "Reloading browsers" in l and t > touched) - touched
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(condition, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("mkdocs serve did not answer in time")
        time.sleep(0.05)


def page_weights(site: Path) -> tuple[str, int, int]:
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    heaviest = max(pages, key=pages.get)
    notebooks = [size for p, size in pages.items() if "notebooks" in p.parts]
    return str(heaviest.relative_to(site)), pages[heaviest], max(notebooks, default=0)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)])
        heaviest, heaviest_size, notebook_size = page_weights(site)
        index_size = (site / "search" / "search_index.json").stat().st_size
    rebuild = serve_rebuild_seconds(ROOT / "docs" / "index.md")
    tests = timed([PYTHON, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile"])
    rows = [
        ("make build (strict, whole site)", f"{build:.1f} s", "<= 20 s", build <= 20),
        ("rebuild under make serve, one page edited", f"{rebuild:.1f} s", "<= 3 s", rebuild <= 3),
        ("make test, warm environment", f"{tests:.0f} s", "<= 240 s", tests <= 240),
        ("HTML of the heaviest notebook page", f"{notebook_size / 1000:.0f} KB", "<= 200 KB", notebook_size <= 200_000),
        (f"HTML of the heaviest page ({heaviest})", f"{heaviest_size / 1000:.0f} KB", "(reported)", True),
        ("search index", f"{index_size / 1000:.0f} KB", "(reported)", True),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'measured':>10}  {'budget':>10}  within")
    for what, measured, budget, ok in rows:
        print(f"{what:<{width}}  {measured:>10}  {budget:>10}  {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
