"""Diagrams drawn by code: each docs/diagrams/NAME.py defines `draw()` returning a matplotlib
Figure, and the build serves it as diagrams/NAME.svg. A page shows it with
`![what it shows](../diagrams/NAME.svg)`; a strict build fails on a diagram that does not exist.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from hooks.snippets import DOCS_DIR

DIAGRAMS_DIR = DOCS_DIR / "diagrams"

_svg_cache: dict[tuple[str, float], str] = {}  # (script, mtime) -> SVG, so `make serve` redraws only what changed


class DiagramError(RuntimeError):
    pass


def scripts() -> list[Path]:
    return sorted(DIAGRAMS_DIR.glob("*.py"))


def svg(script: Path) -> str:
    key = (str(script), script.stat().st_mtime)
    if key not in _svg_cache:
        _svg_cache[key] = _draw(script)
    return _svg_cache[key]


def _draw(script: Path) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "field-guide"  # the same SVG on every build
    spec = importlib.util.spec_from_file_location(f"diagram_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        figure = module.draw()
    except Exception as error:  # noqa: BLE001 - any failure of a contributor's script is reported the same way
        raise DiagramError(f"docs/diagrams/{script.name}: drawing failed with {type(error).__name__}: {error}. "
                           f"Fix: run `python docs/diagrams/{script.name}` and correct draw().") from None
    out = io.StringIO()
    figure.savefig(out, format="svg", transparent=True, metadata={"Date": None}, bbox_inches="tight")
    plt.close(figure)
    return out.getvalue()
