"""Run a page's blocks in their engines, show their outputs, and compare engines' results."""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import io
import math
import os
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hooks.engines import ENGINES
from hooks.snippets import DATA_DIR, SNIPPETS_DIR, Block, Page, TabGroup, display_path

FLOAT_TOLERANCE = 1e-9
SHOWN_ROWS = 10


def set_display_options() -> None:
    """Outputs are shown as a reader with a wide terminal would see them; figures draw off screen."""
    import matplotlib
    import pandas as pd

    matplotlib.use("Agg")  # in this process only: notebook kernels keep their inline backend

    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 12)
    pd.set_option("display.max_rows", 20)
    pd.set_option("display.min_rows", 10)


set_display_options()


class SnippetFailed(Exception):
    """A block raised: the message names the page line, the engine and the exception only."""

    def __init__(self, block: Block, engine: str, error: BaseException):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == str(block.path)]
        where = frames[-1].lineno if frames else block.line
        lines = [f"{display_path(block.path)}:{where} [{engine}] raised {type(error).__name__}: {error}"]
        lines += [f"  {display_path(block.path)}:{f.lineno}: {f.line}" for f in frames]
        if "formula-check" in block.classes and isinstance(error, AssertionError):
            lines.append("  The formula as printed disagrees with its independent computation. Fix: correct "
                         "the formula on the page (or the check, if the check computes something else).")
        super().__init__("\n".join(lines))


@dataclass
class Shown:
    value: object
    text: str  # what a reader sees: printed text, then the last expression's display


@dataclass
class PageRun:
    """One page's state while its items run: a namespace per engine, results per tab."""

    page: Page
    namespaces: dict[str, dict] = field(default_factory=dict)
    results: dict[tuple[int, str], object] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # engine -> where it first failed

    def run(self, block: Block) -> Shown:
        engine = block.engine
        if engine in self.broken:
            earlier = RuntimeError(f"not run: an earlier {engine} block failed at {self.broken[engine]}")
            raise SnippetFailed(block, engine, earlier)
        try:
            with in_data_dir():
                shown = self._run(block)
        except SnippetFailed:
            self.broken[engine] = block.where
            raise
        except Exception as error:  # the snippet's own error, reported against the page
            self.broken[engine] = block.where
            raise SnippetFailed(block, engine, error) from None
        return shown

    def _run(self, block: Block) -> Shown:
        namespace = self.namespace(block.engine)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            if block.engine == "sql":
                value = namespace["con"].sql(block.code)
            else:
                value = exec_python(block.code, namespace, block.path, block.line)
            shown = display(value)
        return Shown(value, join_output(out.getvalue(), shown))

    def namespace(self, engine: str) -> dict:
        if engine not in self.namespaces:
            with in_data_dir():
                self.namespaces[engine] = new_namespace(engine, self.page.datasets)
        return self.namespaces[engine]


@functools.cache
def scratch_data_dir() -> Path:
    """A copy of docs/data for this test process: snippets read datasets by file name, as a
    reader would, and whatever they write stays out of the repository."""
    folder = Path(tempfile.mkdtemp(prefix="field-guide-data-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for dataset in DATA_DIR.iterdir():
        if dataset.suffix in (".csv", ".parquet"):
            shutil.copy(dataset, folder / dataset.name)
    return folder


@contextlib.contextmanager
def in_data_dir():
    previous = os.getcwd()
    os.chdir(scratch_data_dir())
    try:
        yield
    finally:
        os.chdir(previous)


def new_namespace(engine: str, datasets: list[str]) -> dict:
    namespace: dict = {"__name__": "__main__"}
    if engine == "python":
        return namespace
    setup = SNIPPETS_DIR / "setup" / f"{engine}.py"
    exec(compile(setup.read_text(), str(setup), "exec"), namespace)
    if engine == "pyspark":
        namespace["spark"].sparkContext.setLogLevel("ERROR")
    for name in datasets:
        load = ENGINES[engine].load.format(name=name)
        if engine == "sql":
            namespace["con"].execute(load)
        else:
            exec(load, namespace)
    return namespace


def exec_python(code: str, namespace: dict, path: Path, line: int) -> object:
    """Run code as a notebook cell: return the value of a final expression, if any."""
    filename = str(path)
    tree = ast.parse("\n" * line + code, filename)  # keep the page's line numbers
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), filename, "eval"), namespace)


# --- what a reader sees ------------------------------------------------------------------


def display(value: object) -> str:
    if value is None:
        return ""
    if is_spark_frame(value):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            value.show(SHOWN_ROWS)
        return out.getvalue()
    return str(value) if type(value).__module__.startswith("duckdb") else repr(value)


def join_output(printed: str, shown: str) -> str:
    return normalize_text("\n".join(part for part in (printed, shown) if part))


def normalize_text(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def is_spark_frame(value: object) -> bool:
    return type(value).__module__.startswith("pyspark.sql") and hasattr(value, "toPandas")


# --- comparing engines -------------------------------------------------------------------


@dataclass
class Rows:
    columns: list[str] | None
    rows: list[tuple]

    def preview(self, limit: int = 12) -> str:
        head = f"columns: {self.columns}\n" if self.columns is not None else ""
        body = "\n".join(f"  {row}" for row in self.rows[:limit])
        more = f"\n  ... {len(self.rows) - limit} more rows" if len(self.rows) > limit else ""
        return f"{head}{len(self.rows)} rows\n{body}{more}"


def as_rows(value: object) -> Rows:
    """Turn any engine's result into column names and plain Python rows."""
    module = type(value).__module__
    if module.startswith("pandas"):
        import pandas as pd

        frame = value.to_frame() if isinstance(value, pd.Series) else value
        if any(name is not None for name in frame.index.names):  # a named index holds data, e.g. group keys
            frame = frame.reset_index()
        return Rows([str(c) for c in frame.columns], [tuple(map(plain, r)) for r in frame.itertuples(index=False)])
    if module.startswith("polars"):
        import polars as pl

        if isinstance(value, pl.LazyFrame):
            value = value.collect()
        if isinstance(value, pl.Series):
            value = value.to_frame()
        return Rows(value.columns, [tuple(map(plain, r)) for r in value.rows()])
    if module.startswith("duckdb"):
        return Rows(list(value.columns), [tuple(map(plain, r)) for r in value.fetchall()])
    if is_spark_frame(value):
        return Rows(list(value.columns), [tuple(map(plain, r)) for r in value.collect()])
    if isinstance(value, (tuple, list)):
        return Rows(None, [tuple(map(plain, value))])
    return Rows(None, [(plain(value),)])


def plain(value: object) -> object:
    """One spelling per value: NaN, NA, NaT and None are all missing; dates at midnight are dates."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.time() == datetime.min.time() and value.tzinfo is None:
        return value.date()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    return value


def sort_key(row: tuple) -> tuple:
    def key(v):
        if v is None:
            return (0, "")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return (1, round(float(v), 6))
        if isinstance(v, (date, datetime)):
            return (2, v.isoformat())
        return (3, str(v))
    return tuple(key(v) for v in row)


def same_value(a: object, b: object) -> bool:
    numbers = [isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)]
    if all(numbers):
        return math.isclose(a, b, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    return a == b


def same_rows(a: Rows, b: Rows, ordered: bool) -> bool:
    if len(a.rows) != len(b.rows):
        return False
    left, right = (a.rows, b.rows) if ordered else (sorted(a.rows, key=sort_key), sorted(b.rows, key=sort_key))
    return all(len(x) == len(y) and all(map(same_value, x, y)) for x, y in zip(left, right, strict=True))


def compare(group: TabGroup, results: dict[str, object]) -> str | None:
    """Return None when every engine agrees, else a message that shows what each returned."""
    rows = {label: as_rows(value) for label, value in results.items()}
    labels = list(rows)
    reference = rows[labels[0]]
    disagree = []
    for label in labels[1:]:
        other = rows[label]
        named = reference.columns is not None and other.columns is not None
        if named and reference.columns != other.columns:
            disagree.append(label)
        elif group.mode == "columns" and len(reference.rows) != len(other.rows):
            disagree.append(label)
        elif group.mode != "columns" and not same_rows(reference, other, ordered=group.mode == "ordered"):
            disagree.append(label)
    if not disagree:
        return None
    what = ("column names and row counts" if group.mode == "columns"
            else f"rows ({'in order' if group.mode == 'ordered' else 'in any order'})")
    report = [f"{display_path(group.path)}:{group.line}: the engines disagree on the {what}: "
              f"{', '.join(disagree)} differ from {labels[0]}."]
    report += [f"--- {label} returned:\n{rows[label].preview()}" for label in labels]
    return "\n".join(report)
