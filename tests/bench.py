"""`make bench`: measure the budgets of the design and print them as a table.

Timings are reported, never asserted: a slow machine should not turn the suite red.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: tests/ is a package of the repository

from tests.site_audits import PAGES, LighthouseError, lighthouse, missing, score, served  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PYTHON = sys.executable


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_rebuild_seconds(page: Path) -> float:
    """Start `make serve`, touch one page, and time until the rebuild is served."""
    server = subprocess.Popen(["make", "--no-print-directory", "serve", "ADDR=127.0.0.1:8765"], cwd=ROOT, env=ENV,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=lambda: [lines.append((time.perf_counter(), line)) for line in server.stderr],
                              daemon=True)
    reader.start()
    try:
        wait_for(lambda: any("Serving on" in line for _, line in lines), 120)
        touched = time.perf_counter()
        page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
        wait_for(lambda: any("Reloading browsers" in line and t > touched for t, line in lines), 120)
        return next(t for t, line in lines if "Reloading browsers" in line and t > touched) - touched
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # make and the mkdocs it started
        server.wait(timeout=30)


def wait_for(condition, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("mkdocs serve did not answer in time")
        time.sleep(0.05)


def page_weights(site: Path) -> tuple[str, int, int]:
    pages = {p: p.stat().st_size for p in site.rglob("*.html") if "print_page" not in p.parts}  # reported apart
    heaviest = max(pages, key=pages.get)
    notebooks = [size for p, size in pages.items() if "notebooks" in p.parts]
    return str(heaviest.relative_to(site)), pages[heaviest], max(notebooks, default=0)


def performance_scores(site: Path) -> dict[str, int | str]:
    """Lighthouse's performance score per audited page, on its default mobile device and network,
    the site served compressed as its host serves it."""
    if reason := missing():
        return dict.fromkeys(PAGES, f"not run: {reason}")
    scores: dict[str, int | str] = {}
    with served(site) as url:
        for path in PAGES:
            try:
                scores[path] = score(lighthouse(url + path, ["performance"]), "performance")
            except LighthouseError as error:
                scores[path] = f"failed: {str(error).splitlines()[0]}"
    return scores


def offline_zip_bytes(folder: Path) -> int:
    """The size of site-offline.zip, built into `folder` as `make offline` builds it."""
    subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder / "site-offline")],
                   cwd=ROOT, env={**ENV, "OFFLINE": "true"}, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    subprocess.run([PYTHON, "-m", "zipfile", "-c", "site-offline.zip", "site-offline/"], cwd=folder, check=True)
    return (folder / "site-offline.zip").stat().st_size


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)])
        heaviest, heaviest_size, notebook_size = page_weights(site)
        index_size = (site / "search" / "search_index.json").stat().st_size
        print_page = site / "print_page" / "index.html"
        print_size = print_page.stat().st_size if print_page.is_file() else 0
        performance = performance_scores(site)
        zip_size = offline_zip_bytes(Path(tmp))
    rebuild = serve_rebuild_seconds(ROOT / "docs" / "index.md")
    tests = timed([PYTHON, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile"])
    rows = [
        ("make build (strict, whole site)", f"{build:.1f} s", "<= 20 s", build <= 20),
        ("rebuild under make serve, one page edited", f"{rebuild:.1f} s", "<= 3 s", rebuild <= 3),
        ("make test, warm environment", f"{tests:.0f} s", "<= 240 s", tests <= 240),
        ("HTML of the heaviest notebook page", f"{notebook_size / 1000:.0f} KB", "<= 200 KB", notebook_size <= 200_000),
        (f"HTML of the heaviest page ({heaviest})", f"{heaviest_size / 1000:.0f} KB", "(reported)", True),
        ("search index", f"{index_size / 1000:.0f} KB", "(reported)", True),
        ("HTML of the whole guide on one page (print_page/)", f"{print_size / 1e6:.1f} MB", "(reported)", True),
        ("make offline: site-offline.zip", f"{zip_size / 1e6:.1f} MB", "(reported)", True),
    ]
    rows += [(f"Lighthouse performance, mobile: {kind} (/{path})", str(performance[path]), ">= 95",
              isinstance(performance[path], int) and performance[path] >= 95) for path, kind in PAGES.items()]
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'measured':>10}  {'budget':>10}  within")
    for what, measured, budget, ok in rows:
        print(f"{what:<{width}}  {measured:>10}  {budget:>10}  {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
