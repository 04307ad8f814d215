"""The snippet model: what a page's code blocks are, which engine runs each, and the rules they obey.

One parser serves the MkDocs hooks (which render and validate pages) and the pytest harness
(which runs them), so what the site shows and what the tests run cannot drift apart.

The page is parsed with markdown-it. pymdown's containers (`=== "Tab"`, `!!! note`, `??? question`)
are not CommonMark: markdown-it sees their header as a paragraph and their indented body as an
indented code block. We recognise that pair and parse the body again, with its line offset, so
fences nested in tabs, admonitions and lists are all found with their true line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from hooks.engines import ENGINE_BY_LABEL, ENGINE_LABELS, ENGINES, RUNNABLE_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
SNIPPETS_DIR = DOCS_DIR / "snippets"
DATA_DIR = DOCS_DIR / "data"

REQUIRED_KEYS = {"title", "description", "tags", "difficulty"}
OPTIONAL_KEYS = {"datasets", "search", "hide"}
DIFFICULTIES = {"beginner", "intermediate", "advanced"}
ALLOWED_TAGS = {
    "wrangling", "pandas", "polars", "sql", "pyspark", "numpy", "python", "optimization",
    "generalization", "losses", "classical-ml", "clustering", "features", "evaluation",
    "visualization", "statistics", "deep-learning", "cnn", "rnn", "generative", "transformers",
    "llm", "fine-tuning", "retrieval", "mlops", "deployment", "monitoring", "reference",
}
COMPARE_MODES = {"rows", "ordered", "columns"}
QUESTION_LEVELS = ("Easy", "Medium", "Hard")

CONTAINER = re.compile(r'^(===[!+]?|!!!|\?\?\?\+?)\s*([^\s"]*)\s*(?:"([^"]*)")?\s*$')
DIRECTIVE = re.compile(r"^<!--\s*compare:(.*?)-->\s*$", re.S)
SNIPPET_LINE = re.compile(r'^(\s*)--8<--\s+"([^"]+)"\s*$')

PLACEHOLDER = re.compile(r"\bPLACEHOLDER\b")
NOT_CHECKED = re.compile(r"^_Not checked numerically: .+\._$")

_markdown = MarkdownIt("commonmark").use(dollarmath_plugin, double_inline=False)


class PageError(Exception):
    """A rule a page breaks; str() names the file, the line and the fix."""

    def __init__(self, path: Path, line: int, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = path, line, problem, fix
        super().__init__(f"{display_path(path)}:{line}: {problem} Fix: {fix}")


@dataclass(eq=False)  # blocks are compared and hashed by identity
class Block:
    path: Path
    line: int                  # 1-based line of the opening fence
    end_line: int              # 1-based line of the closing fence
    lang: str
    classes: set[str]
    code: str
    tab: str | None = None     # label of the enclosing tab, if any
    engine: str | None = None  # None for no-run and output blocks
    output: Block | None = None  # the stored output block shown right after this one

    @property
    def kind(self) -> str:
        if "output" in self.classes:
            return "output"
        if "no-run" in self.classes:
            return "no-run"
        return "run"

    @property
    def where(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


@dataclass
class TabGroup:
    path: Path
    line: int
    labels: list[str]
    blocks: dict[str, list[Block]] = field(default_factory=dict)
    mode: str = "rows"
    reason: str | None = None
    directive_line: int | None = None

    @property
    def is_comparison(self) -> bool:
        return any(_engine_like(label) for label in self.labels)


@dataclass
class Question:
    """A "Check yourself" question: `??? question "Easy: ..."` with its answer as the body."""

    path: Path
    line: int
    difficulty: str
    text: str
    answer: str  # Markdown, relative links as written on the page


@dataclass
class Page:
    path: Path
    meta: dict
    blocks: list[Block]
    groups: list[TabGroup]
    body_offset: int = 0  # lines taken by the front matter
    questions: list[Question] = field(default_factory=list)
    # in page order: ("formula", line) for display math, ("check", line) for a formula-check
    # block, ("excuse", line) for a "_Not checked numerically: ..._" line
    formula_events: list[tuple[str, int]] = field(default_factory=list)
    tldr: str = ""  # the body of the page's `!!! abstract "TL;DR"` box, for the cheat sheet
    formulas: list[str] = field(default_factory=list)  # LaTeX of each display formula, in order

    @property
    def runnable(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "run"]

    @property
    def comparisons(self) -> list[TabGroup]:
        return [g for g in self.groups if g.is_comparison]

    @property
    def datasets(self) -> list[str]:
        return list(self.meta.get("datasets") or [])


def display_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _engine_like(label: str) -> bool:
    known = {"pandas", "polars", "sql", "pyspark", "spark", "duckdb"}
    return label.lower() in known or label in ENGINE_BY_LABEL


# --- parsing -----------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, number of lines before the body)."""
    if not text.startswith("---\n"):
        return "", text, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        return "", text, 0
    header = text[4:end]
    return header, text[end + 5:], header.count("\n") + 3


def parse_page(path: Path, text: str | None = None) -> Page:
    """Parse a page into blocks and tab groups. Raises PageError on the first broken rule."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    header, body, offset = split_front_matter(text)
    try:
        meta = yaml.safe_load(header) or {} if header else {}
    except yaml.YAMLError as err:
        raise PageError(path, 1, f"the front matter is not valid YAML ({err}).",
                        "correct the YAML between the two '---' lines.") from None
    if not isinstance(meta, dict):
        raise PageError(path, 1, "the front matter is not a mapping of keys.", "write 'key: value' lines.")
    left = [number for number, line in enumerate(text.splitlines(), 1) if PLACEHOLDER.search(line)]
    if left:
        others = f" (also at lines {', '.join(map(str, left[1:]))})" if left[1:] else ""
        raise PageError(path, left[0], f"a PLACEHOLDER from the page template is left in{others}.",
                        "replace each with the text or code it describes.")
    first = next((n for n, line in enumerate(body.splitlines()) if line.strip()), None)
    if meta and (first is None or not body.splitlines()[first].startswith("# ")):
        raise PageError(path, offset + (first or 0) + 1, "the page does not start with its title as a heading.",
                        f"put '# {meta.get('title', 'Title')}' right after the front matter.")
    page = Page(path, meta, [], [], offset)
    _walk(page, body, offset, tab=None)
    _attach_outputs(page)
    return page


def _walk(page: Page, text: str, offset: int, tab: str | None) -> None:
    tokens = _markdown.parse(text)
    group: TabGroup | None = None
    directive: tuple[int, str] | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = offset + tok.map[0] + 1 if tok.map else offset
        container = _container_at(tokens, i)
        if container:
            kind, label, body = container
            if kind.startswith("==="):
                if group is None or kind == "===!":
                    group = TabGroup(page.path, line, [])
                    if directive:
                        _apply_directive(group, *directive)
                    page.groups.append(group)
                group.labels.append(label)
                before = len(page.blocks)
                _walk(page, body.content, offset + body.map[0], tab=label)
                group.blocks[label] = page.blocks[before:]
            else:
                if kind == "!!!" and label == "TL;DR" and not page.tldr:
                    page.tldr = body.content.strip()
                if kind.startswith("???") and tokens[i + 1].content.split()[1:2] == ["question"]:
                    page.questions.append(_question(page.path, line, label, body.content))
                _walk(page, body.content, offset + body.map[0], tab=tab)
                group = None
            directive = None
            i += 4
            continue
        if tok.type == "fence":
            page.blocks.append(_block(page.path, tok, offset, tab))
            if "formula-check" in page.blocks[-1].classes:
                page.formula_events.append(("check", line))
        elif tok.type == "math_block":
            page.formula_events.append(("formula", line))
            page.formulas.append(tok.content.strip())
        elif tok.type == "inline" and NOT_CHECKED.match(tok.content.strip()):
            page.formula_events.append(("excuse", line))
        if tok.level == 0 and not tok.type.endswith("_close") and tok.type != "inline":
            match = DIRECTIVE.match(tok.content.strip()) if tok.type == "html_block" else None
            directive = (line, match.group(1)) if match else None
            group = None
        i += 1


def _container_at(tokens, i):
    """A pymdown container header (paragraph) followed by its indented body, at top level."""
    if tokens[i].type != "paragraph_open" or tokens[i].level != 0 or i + 3 >= len(tokens):
        return None
    header = CONTAINER.match(tokens[i + 1].content)
    body = tokens[i + 3]
    if not header or body.type != "code_block":
        return None
    return header.group(1), header.group(3) or header.group(2), body


def _question(path: Path, line: int, title: str, answer: str) -> Question:
    level, _, text = title.partition(":")
    if level not in QUESTION_LEVELS or not text.strip():
        raise PageError(path, line, f"the question '{title}' does not start with its difficulty.",
                        f"start its title with one of {', '.join(level + ':' for level in QUESTION_LEVELS)}.")
    return Question(path, line, level.lower(), text.strip(), answer)


def _apply_directive(group: TabGroup, line: int, text: str) -> None:
    group.directive_line = line
    parts = [p.strip() for p in text.split(";") if p.strip()]
    mode = parts[0] if parts else ""
    if mode not in COMPARE_MODES:
        raise PageError(group.path, line, f"unknown compare mode '{mode}'.",
                        f"use one of: {', '.join(sorted(COMPARE_MODES))}.")
    group.mode = mode
    for part in parts[1:]:
        key, _, value = part.partition(":")
        if key.strip() != "reason" or not value.strip():
            raise PageError(group.path, line, f"unknown compare option '{part}'.",
                            "write '<!-- compare: MODE; reason: WHY -->'.")
        group.reason = value.strip()
    if mode == "columns" and not group.reason:
        raise PageError(group.path, line, "compare: columns checks less than the rows, and says not why.",
                        "add '; reason: ...' explaining why the engines' rows cannot be equal.")


def _block(path: Path, tok, offset: int, tab: str | None) -> Block:
    lang, classes = _parse_info(tok.info)
    start = offset + tok.map[0] + 1
    end = offset + tok.map[1]
    code = _expand_snippets(path, start, tok.content)
    return Block(path, start, end, lang, classes, code, tab)


def _parse_info(info: str) -> tuple[str, set[str]]:
    info = info.strip()
    if info.startswith("{"):
        words = info.strip("{}").split()
        classes = [w[1:] for w in words if w.startswith(".")]
        return (classes[0] if classes else ""), set(classes[1:])
    return (info.split()[0] if info else ""), set()


def _expand_snippets(path: Path, line: int, code: str) -> str:
    """Inline `--8<-- "file"` lines the way pymdownx.snippets does, so the tests run what readers see."""
    out = []
    for n, text in enumerate(code.splitlines(keepends=True), start=line + 1):
        m = SNIPPET_LINE.match(text)
        if not m:
            out.append(text)
            continue
        target = SNIPPETS_DIR / m.group(2)
        if not target.is_file():
            raise PageError(path, n, f"the included snippet '{m.group(2)}' does not exist.",
                            f"create docs/snippets/{m.group(2)} or correct the name.")
        out.append(target.read_text(encoding="utf-8"))
    return "".join(out)


def _attach_outputs(page: Page) -> None:
    previous: Block | None = None
    for block in page.blocks:
        if block.kind == "output":
            if previous is None or previous.kind != "run" or previous.tab != block.tab:
                raise PageError(page.path, block.line, "an output block follows no runnable block.",
                                "put the output block right after the code block whose output it shows.")
            previous.output = block
        previous = block


# --- rules -------------------------------------------------------------------------------


def check_page(page: Page, known_datasets: set[str]) -> None:
    """Raise PageError for the first rule the page breaks; assign each block its engine."""
    _check_front_matter(page, known_datasets)
    for group in page.groups:
        if group.is_comparison:
            _check_comparison(group)
        elif group.directive_line:
            raise PageError(page.path, group.directive_line,
                            "a compare comment stands before tabs that are no comparison.",
                            "remove the comment, or label the tabs Pandas, Polars, SQL, PySpark.")
    for block in page.blocks:
        block.engine = _engine_of(block)
    _check_formulas(page)


def _check_formulas(page: Page) -> None:
    """Each display formula is followed by the code that checks it, or by the reason it cannot be."""
    events = page.formula_events
    for (kind, line), following in pairwise([*events, ("end", 0)]):
        if kind == "formula" and following[0] not in ("check", "excuse"):
            raise PageError(page.path, line, "this display formula is followed by no check.",
                            "after it (before the next display formula) add a ```{.python .formula-check} block "
                            "that computes the formula as printed and compares it with an independent computation, "
                            "or the line '_Not checked numerically: <why>._'.")


def _check_front_matter(page: Page, known_datasets: set[str]) -> None:
    meta, path = page.meta, page.path
    unknown = set(meta) - REQUIRED_KEYS - OPTIONAL_KEYS
    if unknown:
        raise PageError(path, 1, f"unknown front-matter key(s): {', '.join(sorted(unknown))}.",
                        f"use only {', '.join(sorted(REQUIRED_KEYS | OPTIONAL_KEYS))}.")
    missing = REQUIRED_KEYS - set(meta)
    if missing:
        raise PageError(path, 1, f"missing front-matter key(s): {', '.join(sorted(missing))}.",
                        "add them; see CONTRIBUTING.md, 'Front matter'.")
    if meta["difficulty"] not in DIFFICULTIES:
        raise PageError(path, 1, f"difficulty '{meta['difficulty']}' is not allowed.",
                        f"use one of: {', '.join(sorted(DIFFICULTIES))}.")
    tags = meta["tags"] if isinstance(meta["tags"], list) else [meta["tags"]]
    bad_tags = [t for t in tags if t not in ALLOWED_TAGS]
    if bad_tags:
        raise PageError(path, 1, f"unknown tag(s): {', '.join(map(str, bad_tags))}.",
                        "use a tag from ALLOWED_TAGS in hooks/snippets.py, or add one there.")
    for name in page.datasets:
        if name not in known_datasets:
            raise PageError(path, 1, f"dataset '{name}' does not exist in docs/data/.",
                            f"use one of: {', '.join(sorted(known_datasets))}, or add it to docs/data/generate.py.")


def _check_comparison(group: TabGroup) -> None:
    for label in group.labels:
        if label not in ENGINE_BY_LABEL:
            raise PageError(group.path, group.line, f"unknown tab label '{label}' in a comparison.",
                            f"label the tabs exactly {', '.join(ENGINE_LABELS)}.")
    if group.labels != list(ENGINE_LABELS):
        missing = [label for label in ENGINE_LABELS if label not in group.labels]
        problem = (f"the comparison lacks the tab(s) {', '.join(missing)}." if missing
                   else f"the tabs are in the order {', '.join(group.labels)}.")
        raise PageError(group.path, group.line, problem,
                        f"give the comparison exactly the tabs {', '.join(ENGINE_LABELS)}, in that order.")
    for label, blocks in group.blocks.items():
        if not [b for b in blocks if b.kind == "run"]:
            raise PageError(group.path, group.line, f"the {label} tab has no code block to run.",
                            "give every tab of a comparison the code that computes its result.")


def _engine_of(block: Block) -> str | None:
    if block.kind != "run":
        return None
    engine = ENGINE_BY_LABEL.get(block.tab) if block.tab else None
    if engine is not None:
        if block.lang != engine.language:
            raise PageError(block.path, block.line,
                            f"a '{block.lang}' block in the {engine.label} tab.",
                            f"fence it as ```{engine.language}.")
        return engine.name
    if block.lang in RUNNABLE_LANGUAGES:
        return RUNNABLE_LANGUAGES[block.lang]
    raise PageError(block.path, block.line,
                    f"a '{block.lang or 'plain'}' block that is neither run nor marked.",
                    "fence it as ```python or ```sql to run it, or add the class: ```{."
                    + (block.lang or "text") + " .no-run}.")


def is_page(path: Path) -> bool:
    """A page of the site: Markdown under docs/, but not a snippet that pages include."""
    return path.suffix == ".md" and DOCS_DIR in path.parents and SNIPPETS_DIR not in path.parents


def page_paths() -> list[Path]:
    return sorted(p for p in DOCS_DIR.rglob("*.md") if is_page(p))


def known_datasets() -> set[str]:
    return {p.stem for p in DATA_DIR.glob("*.parquet")}


def load_page(path: Path, text: str | None = None) -> Page:
    """Parse and check a page: the one entry point for the build and the tests."""
    page = parse_page(path, text)
    check_page(page, known_datasets())
    return page


__all__ = ["Block", "Page", "PageError", "TabGroup", "load_page", "ENGINES", "display_path"]
