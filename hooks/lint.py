"""`make lint` (and the pre-commit hook): every linter of the project in one command.

- ruff on the project's Python (hooks/, tests/, docs/) and on every Python block of every page;
- pymarkdown on the Markdown (its rules are configured in pyproject.toml);
- codespell on the prose, with the project's own words in tests/spelling-words.txt.

Each problem is printed as file:line: what; the exit status is 1 when any linter found one.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

from hooks.snippets import DOCS_DIR, ROOT, SNIPPETS_DIR, PageError, known_datasets, load_page, page_paths

BIN = Path(sys.executable).parent
# What suits a page but not a module: a bare expression shown for its value (B018), imports
# where the reader needs them (E402, F811, I001), math-style names and one-liners (E741, E731,
# E702), zip() over arrays the page has just built with equal lengths (B905), and a lambda
# that a loop body hands to a numerical-gradient function and that runs at once (B023).
SNIPPET_IGNORES = "B018,E402,F811,I001,E741,E731,E702,B905,B023"


def run(command: list[str]) -> tuple[bool, str]:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def ruff_on_code() -> tuple[bool, str]:
    return run([str(BIN / "ruff"), "check", "--output-format", "concise", "--quiet", "hooks", "tests", "docs"])


def ruff_on_pages(pages: list[Path] | None = None) -> tuple[bool, str]:
    """Lint each page's Python blocks per engine, laid out at their own line numbers so that
    ruff's file:line is the page's file:line. Names the engine's setup defines count as defined."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        files_by_engine: dict[str, list[Path]] = {}
        for page_path in pages or page_paths():
            try:
                page = load_page(page_path)
            except PageError:
                continue  # the build and the tests report a broken page; linting it adds nothing
            for engine, text in _aligned_sources(page).items():
                target = Path(tmp) / engine / page_path.relative_to(ROOT).with_suffix(".md.py")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                files_by_engine.setdefault(engine, []).append(target)
        for engine, files in sorted(files_by_engine.items()):
            builtins = sorted(_setup_names(engine) | known_datasets())
            ok, out = run([str(BIN / "ruff"), "check", "--output-format", "concise", "--quiet",
                           "--config", str(ROOT / "pyproject.toml"), "--config", f"builtins = {builtins!r}",
                           "--extend-ignore", SNIPPET_IGNORES, *map(str, files)])
            if not ok:
                prefix = str(Path(tmp) / engine) + "/"
                found = [line.replace(prefix, "").replace(".md.py:", ".md:", 1) + f" [{engine}]"
                         for line in out.splitlines() if line.startswith(prefix)]
                problems += found or [f"ruff failed on the {engine} snippets: {out}"]
    return not problems, "\n".join(problems)


def _aligned_sources(page) -> dict[str, str]:
    lines: dict[str, list[str]] = {}
    total = len(page.path.read_text(encoding="utf-8").splitlines())
    for block in page.runnable:
        if block.lang != "python" or len(block.code.splitlines()) != block.end_line - block.line - 1:
            continue  # not Python, or it includes a snippet file whose lines are not the page's
        out = lines.setdefault(block.engine, [""] * total)
        for offset, text in enumerate(block.code.splitlines()):
            out[block.line + offset] = text  # block.line is the fence; the code starts on the next line
    return {engine: "\n".join(text) + "\n" for engine, text in lines.items()}


def _setup_names(engine: str) -> set[str]:
    setup = SNIPPETS_DIR / "setup" / f"{engine}.py"
    if not setup.is_file():
        return set()
    names = set()
    for node in ast.walk(ast.parse(setup.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def markdown_style() -> tuple[bool, str]:
    """pymarkdown on copies of the Markdown whose display math lines read "math" (line numbers
    kept), since CommonMark reads a LaTeX line that starts with + or - as a list item."""
    sources = [*sorted(DOCS_DIR.rglob("*.md")), ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            target = Path(tmp) / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_without_display_math(source.read_text(encoding="utf-8")), encoding="utf-8")
        ok, out = run([str(BIN / "pymarkdown"), "--config", str(ROOT / "pyproject.toml"), "scan", "-r", tmp])
        return ok, out.replace(tmp + "/", "")


def _without_display_math(text: str) -> str:
    lines, in_math = [], False
    for line in text.splitlines():
        fence = line.strip() == "$$" or (line.strip().startswith("$$") != line.strip().endswith("$$"))
        indent = line[: len(line) - len(line.lstrip())]
        lines.append(f"{indent}math" if in_math or fence else line)
        in_math = in_math != fence
    return "\n".join(lines) + "\n"


def spelling() -> tuple[bool, str]:
    return run([str(BIN / "codespell"), "docs", "hooks", "tests", "notebooks", "README.md", "CONTRIBUTING.md"])


LINTERS = {
    "ruff (project code)": ruff_on_code,
    "ruff (page snippets)": ruff_on_pages,
    "markdown style": markdown_style,
    "spelling": spelling,
}


def main() -> int:
    failed = []
    for name, linter in LINTERS.items():
        ok, out = linter()
        print(f"{name}: {'ok' if ok else 'problems'}")
        if not ok:
            failed.append(name)
            print(out.replace(str(ROOT) + "/", ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
