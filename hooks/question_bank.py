"""The question bank: every "Check yourself" question of the guide on one page, and as CSV."""

from __future__ import annotations

import csv
import io
import posixpath
import re
import textwrap

from hooks.snippets import QUESTION_LEVELS, Page

# A page with its path inside the docs folder, as MkDocs names it (e.g. "numpy/sorting.md").
Sourced = tuple[str, Page]

PAGE_PATH = "reference/questions.md"
CSV_PATH = "reference/questions.csv"
LINK = re.compile(r"\]\(([^)\s]+)\)")

FRONT_MATTER = """---
title: Question bank
description: >-
  Every check-yourself question of the guide on one page, by section and difficulty,
  with collapsible answers and a CSV download.
tags: [reference]
difficulty: beginner
search:
  exclude: true
---

# Question bank

Every "Check yourself" question of the guide, gathered by the build from the pages themselves,
grouped by section and by difficulty. Open a question to see its answer, follow the link to the
page that teaches it, or [download all questions as CSV](questions.csv) for flash cards.
"""


def relink(markdown: str, from_src: str, to_page: str = PAGE_PATH) -> str:
    """Rewrite the relative links of Markdown taken from one page so they work on another."""
    def fix(match: re.Match) -> str:
        target = match.group(1)
        if re.match(r"^[a-z]+:", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path)) if path else from_src
        relative = posixpath.relpath(resolved, posixpath.dirname(to_page))
        return f"]({relative}{'#' + anchor if anchor else ''})"
    return LINK.sub(fix, markdown)


def sections(pages: list[Sourced], keep=lambda page: bool(page.questions)) -> dict[str, list[Sourced]]:
    """Pages by section, in the order given (the nav's); a section is named by its index page's title."""
    titles = {posixpath.dirname(src): p.meta["title"] for src, p in pages if src.endswith("index.md")}
    grouped: dict[str, list[Sourced]] = {}
    for src, page in pages:
        if keep(page):
            folder = posixpath.dirname(src)
            section = titles.get(folder, folder.replace("-", " ").capitalize() or "Start here")
            grouped.setdefault(section, []).append((src, page))
    return grouped


def render_page(pages: list[Sourced]) -> str:
    out = [FRONT_MATTER]
    for section, members in sections(pages).items():
        out.append(f"\n## {section}\n")
        for level in QUESTION_LEVELS:
            asked = [(s, p, q) for s, p in members for q in p.questions if q.difficulty == level.lower()]
            if not asked:
                continue
            out.append(f"\n### {section}: {level.lower()}\n")
            for src, page, question in asked:
                answer = relink(question.answer, src).rstrip()
                link = posixpath.relpath(src, posixpath.dirname(PAGE_PATH))
                title = question.text.replace('"', "&quot;")
                out.append(f'\n??? question "{title}"\n\n{textwrap.indent(answer, "    ")}\n\n'
                           f'    From [{page.meta["title"]}]({link}).\n')
    return "".join(out)


def render_csv(pages: list[Sourced]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "page", "difficulty", "question", "answer"])
    for section, members in sections(pages).items():
        for src, page in members:
            for q in page.questions:
                writer.writerow([section, src, q.difficulty, q.text, q.answer.strip()])
    return buffer.getvalue()
