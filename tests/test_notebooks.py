"""Every notebook runs top to bottom, and is committed without outputs.

tests/bad_notebooks/ holds broken notebooks that prove each failure names the file, the cell and the fix.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from hooks.snippets import PLACEHOLDER, ROOT, display_path

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BAD = ROOT / "tests" / "bad_notebooks"


def stored_outputs_problem(path: Path) -> str | None:
    notebook = nbformat.read(path, as_version=4)
    cells = [n for n, cell in enumerate(notebook.cells, 1)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    if cells:
        return (f"{display_path(path)}: cell(s) {', '.join(map(str, cells))} hold outputs; the site shows a fresh "
                f"run, so commit it without them. Fix: jupyter nbconvert --clear-output --inplace {display_path(path)}")
    return None


def placeholder_problem(path: Path) -> str | None:
    notebook = nbformat.read(path, as_version=4)
    cells = [n for n, cell in enumerate(notebook.cells, 1) if PLACEHOLDER.search(cell.source)]
    if cells:
        return (f"{display_path(path)}: cell(s) {', '.join(map(str, cells))} still hold a PLACEHOLDER from the "
                "notebook template. Fix: replace it with the text or code it describes.")
    return None


def execution_problem(path: Path) -> str | None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next(n for n, cell in enumerate(notebook.cells, 1)
                      if any(o.output_type == "error" for o in cell.get("outputs", [])))
        return (f"{display_path(path)}: cell {failed} raised {error.ename}: {error.evalue}. "
                f"Fix: run the notebook top to bottom in Jupyter and correct cell {failed}.")
    return None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path):
    problem = stored_outputs_problem(path)
    assert problem is None, problem


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_holds_no_placeholder(path: Path):
    problem = placeholder_problem(path)
    assert problem is None, problem


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_error(path: Path):
    problem = execution_problem(path)
    assert problem is None, problem


def test_notebook_with_outputs_is_reported_with_cells_and_fix():
    problem = stored_outputs_problem(BAD / "with-outputs.ipynb")
    assert problem.startswith("tests/bad_notebooks/with-outputs.ipynb: cell(s) 2 hold outputs")
    assert "Fix: jupyter nbconvert --clear-output --inplace tests/bad_notebooks/with-outputs.ipynb" in problem


def test_notebook_that_raises_is_reported_with_cell_and_fix():
    problem = execution_problem(BAD / "raises.ipynb")
    assert problem.startswith("tests/bad_notebooks/raises.ipynb: cell 3 raised KeyError: 'price'")
    assert "correct cell 3" in problem
