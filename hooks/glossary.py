"""The glossary: one YAML file feeds the glossary page and the hover tooltips on every page.

docs/reference/glossary.yml holds a list of entries:

    - term: Mutual information
      also: [MI]                       # other spellings that get the same tooltip (optional)
      definition: One to three sentences, in plain words.
      page: features/mutual-information.md   # where the guide covers it (optional)
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from hooks.snippets import DOCS_DIR

SOURCE = DOCS_DIR / "reference" / "glossary.yml"
PAGE_PATH = "reference/glossary.md"

FRONT_MATTER = """---
title: Glossary
description: >-
  The terms of data science and machine learning used in the guide, A to Z, each defined
  in a few sentences and linked to the page that covers it.
tags: [reference]
difficulty: beginner
search:
  exclude: true
---

# Glossary

Every term below is also explained in a tooltip wherever it appears in the guide: hover over a
dotted word, or tap it on a touch screen. Where a page of the guide covers the term, the entry
links to it.
"""


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    page: str | None = None
    also: tuple[str, ...] = field(default_factory=tuple)


@cache
def _load(mtime: float) -> tuple[Entry, ...]:
    raw = yaml.safe_load(SOURCE.read_text(encoding="utf-8")) or []
    entries = []
    for number, item in enumerate(raw, 1):
        unknown = set(item) - {"term", "definition", "page", "also"}
        if unknown or not item.get("term") or not item.get("definition"):
            raise GlossaryError(f"docs/reference/glossary.yml, entry {number} ({item.get('term', '?')}): "
                                "each entry needs 'term' and 'definition', and may have 'page' and 'also'. "
                                f"Fix: {'remove ' + ', '.join(sorted(unknown)) if unknown else 'add the missing key'}.")
        entries.append(Entry(item["term"], " ".join(item["definition"].split()), item.get("page"),
                             tuple(item.get("also") or ())))
    return tuple(sorted(entries, key=lambda e: e.term.lower()))


def entries() -> tuple[Entry, ...]:
    return _load(SOURCE.stat().st_mtime) if SOURCE.is_file() else ()


def tooltips() -> dict[str, str]:
    """Every term and alias with its definition, for the abbr extension's `glossary` option."""
    return {name: entry.definition for entry in entries() for name in (entry.term, *entry.also)}


_SKIPPED_TAGS = ("h1", "code", "pre", "a", "abbr", "script", "style")  # a title needs no tooltip
_TAG_OR_MATH = re.compile(r"(<[^>]+>|\$\$.*?\$\$|\$[^$]+\$)", re.S)


@cache
def _term_pattern(mtime: float) -> re.Pattern:
    names = sorted(tooltips(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


def add_tooltips(fragment: str, seen: set[str]) -> str:
    """Wrap glossary terms in rendered HTML (a notebook's Markdown cell) in <abbr> tooltips, as
    the abbr extension does on pages: text only, never inside code, links, or math. Only a term's
    first occurrence (not yet in `seen`) gets one, which keeps notebook pages light."""
    if not exists():
        return fragment
    pattern, tips, out, skipping = _term_pattern(SOURCE.stat().st_mtime), tooltips(), [], 0
    for piece in _TAG_OR_MATH.split(fragment):
        if piece.startswith("<"):
            name = piece.strip("</>").split()[0].lower() if piece.strip("</>") else ""
            if name in _SKIPPED_TAGS:
                skipping += -1 if piece.startswith("</") else 1
        elif not skipping and not piece.startswith("$"):
            piece = pattern.sub(lambda m: _abbr(m.group(1), tips, seen), piece)
        out.append(piece)
    return "".join(out)


def _abbr(term: str, tips: dict[str, str], seen: set[str]) -> str:
    if term in seen:
        return term
    seen.add(term)
    return f'<abbr title="{html.escape(tips[term])}">{term}</abbr>'


def render_page(titles: dict[str, str] | None = None) -> str:
    """The glossary page; `titles` (page path -> title) names each "Read more" link's target."""
    out = [FRONT_MATTER]
    letter = None
    for entry in entries():
        first = entry.term[0].upper()
        if first != letter:
            letter = first
            out.append(f"\n## {letter}\n")
        also = f" ({', '.join(entry.also)})" if entry.also else ""
        more = ""
        if entry.page:
            target = (titles or {}).get(entry.page.partition("#")[0], "the page that covers it")
            more = f" Read more in [{target}]({posixpath.relpath(entry.page, posixpath.dirname(PAGE_PATH))})."
        out.append(f"\n**{entry.term}**{also}\n:   {entry.definition}{more}\n")
    return "".join(out)


def exists() -> bool:
    return SOURCE.is_file()
