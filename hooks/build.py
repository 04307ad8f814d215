"""MkDocs hooks: the guide's own build rules, on top of what Material and pymdown do.

- every page obeys the snippet model's rules (front matter, comparisons, marked blocks), or the
  build fails naming the page, the line and the fix;
- a comparison's declared difference is rendered as a "Differences between engines" note;
- every page ends with the library versions its code ran with and the date it last changed;
- the question bank page and its CSV are generated from every page's check-yourself questions;
- the cheat sheet is generated from every page's TL;DR and first display formula;
- CONTRIBUTING.md is also the site's Contributing page;
- the glossary page and the tooltips on every page come from one file, docs/reference/glossary.yml;
- notebooks/ is rendered into the site next to docs/;
- each docs/diagrams/NAME.py is drawn into diagrams/NAME.svg;
- the offline flavour (OFFLINE=true) turns instant navigation off, which cannot work from file://;
- notebook pages link one shared stylesheet instead of inlining JupyterLab's CSS, load no MathJax,
  and get the glossary's tooltips in their Markdown cells.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # MkDocs loads hooks by file path

from hooks import cheat_sheet, diagrams, glossary, provenance, question_bank  # noqa: E402
from hooks.snippets import ROOT, PageError, load_page  # noqa: E402

NOTEBOOKS_DIR = ROOT / "notebooks"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
CONTRIBUTING_PAGE = """---
title: Contributing
description: >-
  How to add a topic page, a four-engine comparison or a notebook to the guide, and what each
  check of the test suite means when it fails.
---

"""
OFFLINE = os.environ.get("OFFLINE", "false").lower() in ("1", "true", "yes")
INSTANT_FEATURES = {"navigation.instant", "navigation.instant.progress"}
NOTEBOOK_CSS = "assets/stylesheets/jupyter.css"

_md_link = re.compile(r'href="(?![a-z]+:)([^"#]+\.md)(#[^"]*)?"')
_markdown_cell = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^>]*>)(.*?)(</div>)', re.S)
_inline_styles = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_mathjax = re.compile(r"<script[^>]*>[^<]*MathJax.*?</script>|<script[^>]*mathjax[^>]*>\s*</script>", re.S | re.I)


def on_config(config):
    if OFFLINE:
        config.theme["features"] = [f for f in config.theme["features"] if f not in INSTANT_FEATURES]
    try:  # one glossary for the whole site, handed to the abbr extension once instead of appended to every page
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.tooltips()
    except glossary.GlossaryError as error:
        raise PluginError(str(error)) from None
    return config


_models: dict[str, object] = {}  # src_uri -> the page's snippet model, parsed once per build
_titles: dict[str, str] = {}  # title -> the page that has it, for this build


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        files.append(File(f"notebooks/{notebook.name}", str(ROOT), config.site_dir, config.use_directory_urls))
    _models.clear()
    _titles.clear()
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md") and file.abs_src_path:
            try:
                _models[file.src_uri] = load_page(Path(file.abs_src_path))
            except PageError as error:
                raise PluginError(str(error)) from None
    order = nav_order(config.nav or [])
    pages = sorted(_models.items(), key=lambda item: order.get(item[0], len(order)))
    files.append(File.generated(config, "contributing.md",
                                content=CONTRIBUTING_PAGE + CONTRIBUTING.read_text(encoding="utf-8")))
    files.append(File.generated(config, question_bank.PAGE_PATH, content=question_bank.render_page(pages)))
    files.append(File.generated(config, question_bank.CSV_PATH, content=question_bank.render_csv(pages)))
    files.append(File.generated(config, cheat_sheet.PAGE_PATH, content=cheat_sheet.render_page(pages)))
    for script in diagrams.scripts():
        try:
            files.append(File.generated(config, f"diagrams/{script.stem}.svg", content=diagrams.svg(script)))
        except diagrams.DiagramError as error:
            raise PluginError(str(error)) from None
    if glossary.exists():
        try:
            files.append(File.generated(config, glossary.PAGE_PATH, content=glossary.render_page(
                {src: model.meta["title"] for src, model in _models.items()})))
        except glossary.GlossaryError as error:
            raise PluginError(str(error)) from None
    return files


def nav_order(nav) -> dict[str, int]:
    """Each page of the nav config, by its position in reading order."""
    flat: list[str] = []

    def walk(item):
        if isinstance(item, str):
            flat.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)
    walk(nav)
    return {path: index for index, path in enumerate(flat)}


def on_page_markdown(markdown, page, config, files):
    model = _models.get(page.file.src_uri)
    if model is None:  # notebooks and generated pages
        return markdown
    _check_unique_title(model.meta["title"], page.file.src_uri)
    return render_differences(markdown, model) + provenance.footer(model)


def _check_unique_title(title: str, src_uri: str) -> None:
    """Two pages with one title look the same in search results and in the navigation."""
    other = _titles.setdefault(title, src_uri)
    if other != src_uri:
        raise PluginError(f"docs/{src_uri}:2: the title '{title}' is already the title of docs/{other}. "
                          "Fix: give one of the pages a title that says how it differs.")


def render_differences(markdown: str, model) -> str:
    """Replace each compare comment that gives a reason by a note a reader sees."""
    lines = markdown.split("\n")
    for group in model.comparisons:
        if group.reason:
            index = group.directive_line - 1 - model.body_offset
            lines[index] = f'!!! info "Differences between engines"\n\n    {group.reason}\n'
    return "\n".join(lines)


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        output = _describe_plots(output)
        output = _md_link.sub(lambda m: f'href="{_page_url(m.group(1), page)}{m.group(2) or ""}"', output)
        seen: set[str] = set()
        output = _markdown_cell.sub(lambda m: m.group(1) + glossary.add_tooltips(m.group(2), seen) + m.group(3),
                                    output)
    if "--jp-" in output:  # a notebook page, or the print page that holds every notebook
        output = _share_jupyter_css(_mathjax.sub("", output), page.file.url.count("/"), config)
    return output


def on_post_build(config):
    """The print-site plugin writes the whole-guide page after every page: it holds each notebook
    with its inline CSS, so it gets the same treatment as a notebook page."""
    printed = Path(config.site_dir) / "print_page" / ("index.html" if config.use_directory_urls else "")
    printed = printed if printed.is_file() else Path(config.site_dir) / "print_page.html"
    if printed.is_file():
        html = printed.read_text(encoding="utf-8")
        depth = printed.relative_to(config.site_dir).as_posix().count("/")
        printed.write_text(_share_jupyter_css(_mathjax.sub("", html), depth, config), encoding="utf-8")


def _share_jupyter_css(output: str, depth: int, config) -> str:
    """Replace mkdocs-jupyter's inline JupyterLab CSS (about 590 KB per notebook) by one shared file."""
    styles = _inline_styles.findall(output)
    jupyter_css = list(dict.fromkeys(css for css in styles if ".jp-" in css or "--jp-" in css))
    if not jupyter_css:
        return output
    _write_shared_css(config, "\n".join(jupyter_css))
    output = _inline_styles.sub(lambda m: "" if m.group(1) in jupyter_css else m.group(0), output)
    href = depth * "../" + NOTEBOOK_CSS
    return output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)


_PLACEHOLDER_ALT = 'alt="No description has been provided for this image"'  # nbconvert's, on every plot
_plot_title = re.compile(r"""(?:set_title|title|suptitle)\(\s*f?(["'])(.+?)\1""")
_heading = re.compile(r"<h[2-6][^>]*>(.*?)</h[2-6]>", re.S)


def _describe_plots(output: str) -> str:
    """Replace nbconvert's placeholder alt text of each plot by the titles its code sets, else its section."""
    parts = output.split(_PLACEHOLDER_ALT)
    described = parts[0]
    for part in parts[1:]:
        code = _text(described[described.rfind("jp-InputArea"):])  # the cell that drew it
        titles = [title for _, title in _plot_title.findall(code) if "{" not in title]  # not f-string templates
        headings = _heading.findall(described)
        alt = ("Plot: " + "; ".join(dict.fromkeys(titles)) if titles
               else f"Plot for the section {_text(headings[-1]).rstrip('¶ ')}" if headings
               else "Plot drawn by the code cell above")
        described += f'alt="{html.escape(alt.replace("$", ""))}"' + part  # TeX delimiters read as noise
    return described


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _page_url(link: str, page) -> str:
    """A notebook's link to a page (`../classical/kmeans.md`) as the URL the site serves it at:
    mkdocs-jupyter leaves such links as written."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), link))
    if target not in _models:
        raise PluginError(f"{page.file.src_uri} links to '{link}', which is no page. Fix: link to a page's .md "
                          "file relative to the notebooks folder, e.g. ../classical/kmeans.md.")
    if page.file.use_directory_urls:
        folder = target.removesuffix(".md").removesuffix("index").rstrip("/")
        return posixpath.relpath(folder or ".", page.file.url.rstrip("/")) + "/"
    return posixpath.relpath(target.removesuffix(".md") + ".html", posixpath.dirname(page.file.url) or ".")


_written_css: set[str] = set()


def _write_shared_css(config, css: str) -> None:
    digest = hashlib.sha256(css.encode()).hexdigest()
    if digest in _written_css:
        return
    target = Path(config.site_dir) / NOTEBOOK_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    _written_css.add(digest)
