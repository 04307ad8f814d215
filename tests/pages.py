"""A pytest plugin (loaded by pyproject.toml) that collects every page under docs/ as tests.

`pytest docs/wrangling/filter.md` runs one page. `pytest --update-outputs` (what `make outputs`
calls) rewrites stored outputs instead of failing on them.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SPARK_CONF_DIR", str(ROOT / "tests" / "spark-conf"))  # quiet log4j config
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
# Each test process gets one BLAS/OpenMP thread: the workers already use both cores, and
# oversubscribed threads make small scikit-learn fits many times slower.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from hooks.snippets import Block, PageError, is_page, load_page  # noqa: E402
from tests.runner import PageRun, SnippetFailed, compare, in_data_dir, normalize_text  # noqa: E402

COUNTS = Counter()
UPDATED_OUTPUTS: dict[Path, dict[Block, str]] = {}


class ReportedFailure(Exception):
    """A failure whose message says everything; pytest shows it without a traceback."""


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="rewrite the stored outputs of docs/ pages instead of checking them")


def pytest_collect_file(file_path: Path, parent):
    """Every page under docs/, and any other Markdown file named on the command line."""
    if is_page(file_path) or (file_path.suffix == ".md" and parent.session.isinitpath(file_path)):
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


class MarkdownPage(pytest.File):
    def collect(self):
        try:
            page = load_page(self.path)
        except PageError as error:
            yield RulesItem.from_parent(self, name="page rules", error=error, no_run=0)
            return
        yield RulesItem.from_parent(self, name="page rules", error=None,
                                    no_run=sum(b.kind == "no-run" for b in page.blocks))
        run = PageRun(page)
        closing = {}  # id of a group's last block -> the group, so its check follows it
        result_of = {}  # id of a tab's last runnable block -> (group index, tab label)
        for index, group in enumerate(page.comparisons):
            for label, blocks in group.blocks.items():
                runnable = [b for b in blocks if b.kind == "run"]
                result_of[id(runnable[-1])] = (index, label)
            runnable = [b for blocks in group.blocks.values() for b in blocks if b.kind == "run"]
            closing[id(max(runnable, key=lambda b: b.line))] = (index, group)
        for block in page.runnable:
            yield BlockItem.from_parent(self, name=f"line {block.line} [{block.engine}]",
                                        block=block, run=run, result_key=result_of.get(id(block)))
            if id(block) in closing:
                index, group = closing[id(block)]
                yield ComparisonItem.from_parent(self, name=f"line {group.line} [compare]",
                                                 group=group, index=index, run=run)


class PageItem(pytest.Item):
    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, (SnippetFailed, ReportedFailure, PageError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name


class RulesItem(PageItem):
    def __init__(self, *, error, no_run, **kwargs):
        super().__init__(**kwargs)
        self.error = error
        self.user_properties.append(("no-run", no_run))

    def runtest(self):
        if self.error is not None:
            raise self.error


class BlockItem(PageItem):
    def __init__(self, *, block: Block, run: PageRun, result_key, **kwargs):
        super().__init__(**kwargs)
        self.block, self.run, self.result_key = block, run, result_key
        self.user_properties.append(("engine", block.engine))
        if "formula-check" in block.classes:
            self.user_properties.append(("formula-check", 1))
        if block.output is not None:
            self.user_properties.append(("output", 1))

    def runtest(self):
        shown = self.run.run(self.block)
        if self.result_key is not None:
            self.run.results[self.result_key] = shown.value
        if self.block.output is not None:
            self.check_output(shown.text)

    def check_output(self, actual: str):
        stored = normalize_text(self.block.output.code)
        if actual == stored:
            return
        if self.config.getoption("update_outputs"):
            UPDATED_OUTPUTS.setdefault(self.block.path, {})[self.block.output] = actual
            return
        diff = "\n".join(difflib.unified_diff(stored.splitlines(), actual.splitlines(),
                                              "stored output", "output now", lineterm=""))
        raise ReportedFailure(f"{self.block.where} [{self.block.engine}]: the stored output at line "
                              f"{self.block.output.line} is stale; run make outputs.\n{diff}")


class ComparisonItem(PageItem):
    def __init__(self, *, group, index: int, run: PageRun, **kwargs):
        super().__init__(**kwargs)
        self.group, self.index, self.run = group, index, run
        self.user_properties.append(("comparison", 1))

    def runtest(self):
        results = {}
        for label in self.group.labels:
            key = (self.index, label)
            if key not in self.run.results:
                raise ReportedFailure(f"{self.path}:{self.group.line}: cannot compare: the {label} tab did not run.")
            results[label] = self.run.results[key]
        with in_data_dir():  # a lazy result (a DuckDB relation) may read its files only now
            message = compare(self.group, results)
        if message:
            raise ReportedFailure(message)


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed:
        for key, value in report.user_properties:
            COUNTS[f"engine:{value}" if key == "engine" else key] += 1 if key == "engine" else value


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    engines = ", ".join(f"{k.split(':', 1)[1]} {v}" for k, v in sorted(COUNTS.items()) if k.startswith("engine:"))
    terminalreporter.write_sep("=", "what the pages ran")
    terminalreporter.write_line(f"blocks run per engine: {engines or 'none'}")
    terminalreporter.write_line(f"comparisons checked equal: {COUNTS['comparison']}; "
                                f"stored outputs checked: {COUNTS['output']}; "
                                f"formula checks: {COUNTS['formula-check']}; "
                                f"blocks marked not run: {COUNTS['no-run']}")


def pytest_sessionfinish(session):
    for path, outputs in UPDATED_OUTPUTS.items():
        rewrite_outputs(path, outputs)
        print(f"\nupdated {len(outputs)} output(s) in {path.relative_to(ROOT)}")


def rewrite_outputs(path: Path, outputs: dict[Block, str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for block, text in sorted(outputs.items(), key=lambda item: -item[0].line):
        fence = lines[block.line - 1]
        indent = fence[: len(fence) - len(fence.lstrip())]
        body = [f"{indent}{line}\n" if line else "\n" for line in text.splitlines()]
        lines[block.line: block.end_line - 1] = body
    path.write_text("".join(lines), encoding="utf-8")
