"""The cheat sheet: every page's TL;DR and its first display formula, on one printable page."""

from __future__ import annotations

import posixpath
import textwrap

from hooks.question_bank import Sourced, relink, sections

PAGE_PATH = "reference/cheat-sheet.md"

FRONT_MATTER = """---
title: Cheat sheet
description: >-
  The guide on one printable page: every page's TL;DR and its key formula, by section,
  each linked to the page that explains it.
tags: [reference]
difficulty: beginner
search:
  exclude: true
---

# Cheat sheet

Every page's TL;DR and key formula, gathered by the build from the pages themselves. Print it
(it lays itself out in two columns on paper) or follow a title to the page that explains it.

<div class="cheat-sheet" markdown>
"""


def render_page(pages: list[Sourced]) -> str:
    out = [FRONT_MATTER]
    for section, members in sections(pages, keep=lambda page: bool(page.tldr)).items():
        out.append(f"\n## {section}\n")
        for src, page in members:
            link = posixpath.relpath(src, posixpath.dirname(PAGE_PATH))
            out.append(f'\n<div class="cheat-sheet-entry" markdown>\n\n### [{page.meta["title"]}]({link})\n\n'
                       f"{relink(page.tldr, src, PAGE_PATH)}\n")
            if page.formulas:
                out.append(f"\n$$\n{textwrap.dedent(page.formulas[0])}\n$$\n")
            out.append("\n</div>\n")
    out.append("\n</div>\n")
    return "".join(out)
