"""The committed datasets are exactly what docs/data/generate.py writes."""

from __future__ import annotations

import importlib.util

import pytest

from hooks.snippets import DATA_DIR

spec = importlib.util.spec_from_file_location("generate", DATA_DIR / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)
TABLES = generate.build_tables()


@pytest.mark.parametrize("name", sorted(TABLES))
def test_committed_dataset_is_what_the_generator_writes(name, tmp_path):
    generate.write(name, TABLES[name], tmp_path)
    for suffix in (".csv", ".parquet"):
        fresh, committed = tmp_path / f"{name}{suffix}", DATA_DIR / f"{name}{suffix}"
        assert fresh.read_bytes() == committed.read_bytes(), f"docs/data/{name}{suffix} is stale: run make data"


def test_orders_hold_the_awkward_cases_the_pages_teach():
    orders = TABLES["orders"].to_pylist()
    prices = [row["unit_price"] for row in orders]
    assert sum(p is None for p in prices) == 1 and sum(p != p for p in prices if p is not None) == 2
    ids = [row["order_id"] for row in orders]
    assert len(ids) - len(set(ids)) == 1
    customers = {row["customer_id"] for row in TABLES["customers"].to_pylist()}
    assert {row["customer_id"] for row in orders} - customers
