"""MkDocs hooks: the guide's own build rules, on top of what Material and pymdown do.

- every page obeys the snippet model's rules (front matter, comparisons, marked blocks), or the
  build fails naming the page, the line and the fix;
- a comparison's declared difference is rendered as a "Differences between engines" note;
- every page ends with the library versions its code ran with and the date it last changed;
- the question bank page and its CSV are generated from every page's check-yourself questions;
- the glossary page and the tooltips on every page come from one file, docs/reference/glossary.yml;
- notebooks/ is rendered into the site next to docs/;
- the offline flavour (OFFLINE=true) turns instant navigation off, which cannot work from file://;
- notebook pages link one shared stylesheet instead of inlining JupyterLab's CSS, and load no MathJax.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # MkDocs loads hooks by file path

from hooks import glossary, provenance, question_bank  # noqa: E402
from hooks.snippets import ROOT, PageError, load_page  # noqa: E402

NOTEBOOKS_DIR = ROOT / "notebooks"
OFFLINE = os.environ.get("OFFLINE", "false").lower() in ("1", "true", "yes")
INSTANT_FEATURES = {"navigation.instant", "navigation.instant.progress"}
NOTEBOOK_CSS = "assets/stylesheets/jupyter.css"

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
    files.append(File.generated(config, question_bank.PAGE_PATH, content=question_bank.render_page(pages)))
    files.append(File.generated(config, question_bank.CSV_PATH, content=question_bank.render_csv(pages)))
    if glossary.exists():
        try:
            files.append(File.generated(config, glossary.PAGE_PATH, content=glossary.render_page()))
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
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    output = _mathjax.sub("", output)
    styles = _inline_styles.findall(output)
    jupyter_css = [css for css in styles if ".jp-" in css or "--jp-" in css]
    if jupyter_css:
        _write_shared_css(config, "\n".join(jupyter_css))
        output = _inline_styles.sub(lambda m: "" if m.group(1) in jupyter_css else m.group(0), output)
        href = page.file.url.count("/") * "../" + NOTEBOOK_CSS
        output = output.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1)
    return output


_written_css: set[str] = set()


def _write_shared_css(config, css: str) -> None:
    digest = hashlib.sha256(css.encode()).hexdigest()
    if digest in _written_css:
        return
    target = Path(config.site_dir) / NOTEBOOK_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    _written_css.add(digest)
