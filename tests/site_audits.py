"""Lighthouse on the built site, served on the loopback interface: shared by the tests and `make bench`.

Lighthouse is the npm package pinned in package-lock.json (`make test` runs `npm ci`); it drives the
system's Chromium, as the browser tests do.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
RUNNER = ROOT / "tests" / "lighthouse.mjs"  # the CLI, minus the 5 s it idles before exiting
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]

# one page of each kind a reader meets: site path -> what it stands for
PAGES = {
    "": "home page",
    "wrangling/filter/": "comparison page",
    "generalization/losses/": "formula page",
    "notebooks/wrangling-walkthrough/": "notebook page",
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as its host does: text compressed with gzip, cached for 10 minutes."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}
    _gzipped: dict[Path, bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.suffix in self.COMPRESSED and path.is_file() and accepts_gzip):
            return super().send_head()  # redirects, 404s and binary files as usual
        body = self._gzipped.get(path)
        if body is None:
            body = self._gzipped[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that navigates away closes connections mid-response; that is no error


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, on a free port, for as long as the block runs; yields its URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class LighthouseError(RuntimeError):
    pass


def missing() -> str | None:
    """Why Lighthouse cannot run here, with the fix; None when it can."""
    if not LIGHTHOUSE.is_file():
        return "Lighthouse is not installed: run `npm ci --no-audit --no-fund` (make test does)."
    if not Path(CHROME).is_file():
        return f"Chromium is missing at {CHROME}: install it (Debian: apt-get install chromium) or set CHROME_PATH."
    return None


def lighthouse(url: str, categories: list[str], timeout: float = 180) -> dict:
    """Run Lighthouse on one URL (its default: a mobile device) and return its JSON report."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = ["node", str(RUNNER), url, f"--chrome-path={CHROME}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                   f"--only-categories={','.join(categories)}", "--disable-full-page-screenshot",
                   "--output=json", f"--output-path={report}", "--quiet"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0 or not report.is_file():
            raise LighthouseError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise LighthouseError(f"lighthouse could not audit {url}: {data['runtimeError'].get('message')}")
    return data


def score(report: dict, category: str) -> int | None:
    """A category's score out of 100, as Lighthouse shows it (None when it could not be computed)."""
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def failures(report: dict, category: str) -> list[str]:
    """Each audit that costs the category points: its title, the fix Lighthouse suggests, and where."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        lines.append(f"- {audit['title']} [{ref['id']}]\n  fix: {audit['description']}")
        for item in (audit.get("details") or {}).get("items", [])[:3]:
            node = item.get("node") or {}
            where = node.get("selector") or item.get("href") or item.get("url") or ""
            why = " ".join((node.get("explanation") or item.get("text") or "").split())
            lines.append(f"  at {where}: {why[:300]}")
    return lines
