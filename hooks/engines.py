"""The one list of engines a snippet can run on, and how each labels its tab."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Engine:
    name: str        # used in test ids and failure messages
    label: str       # the tab label on the site; Material links tabs by it
    language: str    # the fence language of its blocks
    load: str        # how a dataset becomes a variable or table, formatted with {name}


# Order matters: it is the order of the tabs in every comparison.
COMPARISON_ENGINES = (
    Engine("pandas", "Pandas", "python", '{name} = pd.read_parquet("{name}.parquet")'),
    Engine("polars", "Polars", "python", '{name} = pl.read_parquet("{name}.parquet")'),
    Engine("sql", "SQL", "sql", "CREATE TABLE {name} AS SELECT * FROM '{name}.parquet'"),
    Engine("pyspark", "PySpark", "python", '{name} = spark.read.parquet("{name}.parquet")'),
)
PYTHON = Engine("python", "Python", "python", "")

ENGINES = {e.name: e for e in (PYTHON, *COMPARISON_ENGINES)}
ENGINE_BY_LABEL = {e.label: e for e in COMPARISON_ENGINES}
ENGINE_LABELS = tuple(e.label for e in COMPARISON_ENGINES)
# the engine of a block outside comparison tabs, by its fence language
RUNNABLE_LANGUAGES = {"python": "python", "sql": "sql"}
