"""MkDocs hooks: the guide's own build rules, on top of what Material and pymdown do.

- every page obeys the snippet model's rules (front matter, comparisons, marked blocks), or the
  build fails naming the page, the line and the fix;
- a comparison's declared difference is rendered as a "Differences between engines" note;
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
    return config


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        files.append(File(f"notebooks/{notebook.name}", str(ROOT), config.site_dir, config.use_directory_urls))
    return files


_titles: dict[str, str] = {}  # title -> the page that has it, for this build


def on_pre_build(config):
    _titles.clear()


def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    try:
        model = load_page(Path(page.file.abs_src_path))
    except PageError as error:
        raise PluginError(str(error)) from None
    _check_unique_title(model.meta["title"], page.file.src_uri)
    return render_differences(markdown, model)


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
