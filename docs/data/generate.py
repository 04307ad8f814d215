"""Generate the small datasets every wrangling page runs on.

Run `python docs/data/generate.py` (or `make data`): it rewrites the CSV and Parquet
files beside it. The output is deterministic, so a test regenerates them and checks
that the committed files are current.

The data is small on purpose but has the awkward cases a real table has: missing
values (null), not-a-number floats (NaN) kept apart from nulls in Parquet, duplicate
join keys, orders whose customer does not exist, dates, and strings with stray
spaces and mixed case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

DATA_DIR = Path(__file__).resolve().parent
SEED = 7

CITIES = ["Lisbon", "Porto", "Madrid", "Berlin", "Paris"]
SEGMENTS = ["consumer", "corporate", "home office"]
PRODUCTS = {"notebook": 4.5, "pen": 1.2, "stapler": 12.0, "desk lamp": 35.0, "backpack": 49.9}
STATUSES = ["shipped", "delivered", "returned", "pending"]


def customers_table(rng: np.random.Generator) -> pa.Table:
    n = 12
    first_names = ["Ana", "Bruno", "Carla", "Diogo", "Elena", "Farid",
                   "Greta", "Hugo", "Ines", "Jonas", "Kiko", "Lea"]
    cities = [str(c) for c in rng.choice(CITIES, n)]
    cities[3] = None  # a customer with no known city
    cities[9] = None
    cities[6] = " porto "  # typed by hand: stray spaces and lower case
    segments = [str(s) for s in rng.choice(SEGMENTS, n)]
    signup = [dt.date(2023, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 365, n)]
    return pa.table({
        "customer_id": pa.array(range(1, n + 1), pa.int64()),
        "name": pa.array(first_names, pa.string()),
        "city": pa.array(cities, pa.string()),
        "segment": pa.array(segments, pa.string()),
        "signup_date": pa.array(signup, pa.date32()),
    })


def orders_table(rng: np.random.Generator) -> pa.Table:
    n = 40
    # customers 1..12 exist; 13 and 14 do not, so anti-joins find something
    customer_ids = rng.integers(1, 15, n)
    products = [str(p) for p in rng.choice(list(PRODUCTS), n)]
    quantity = [int(q) for q in rng.integers(1, 8, n)]
    for i in (5, 17, 33):
        quantity[i] = None
    unit_price = [PRODUCTS[p] for p in products]
    unit_price[8] = float("nan")   # a price that failed to parse upstream
    unit_price[21] = float("nan")
    unit_price[12] = None          # a price nobody entered
    order_dates = [dt.date(2024, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 180, n)]
    statuses = [str(s) for s in rng.choice(STATUSES, n, p=[0.4, 0.4, 0.1, 0.1])]
    ship_dates = [
        None if s == "pending" else d + dt.timedelta(days=int(rng.integers(1, 6)))
        for d, s in zip(order_dates, statuses, strict=True)
    ]
    # the same order exported twice, as happens with retried loads
    duplicate_of = 4
    rows = list(range(n)) + [duplicate_of]
    order_id = [1000 + i for i in range(n)] + [1000 + duplicate_of]

    def pick(values):
        return [values[i] for i in rows]

    return pa.table({
        "order_id": pa.array(order_id, pa.int64()),
        "customer_id": pa.array(pick([int(c) for c in customer_ids]), pa.int64()),
        "order_date": pa.array(pick(order_dates), pa.date32()),
        "ship_date": pa.array(pick(ship_dates), pa.date32()),
        "product": pa.array(pick(products), pa.string()),
        "quantity": pa.array(pick(quantity), pa.int64()),
        "unit_price": pa.array(pick(unit_price), pa.float64()),
        "status": pa.array(pick(statuses), pa.string()),
    })


def write(name: str, table: pa.Table, folder: Path = DATA_DIR) -> None:
    pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
    pacsv.write_csv(table, folder / f"{name}.csv")


def build_tables() -> dict[str, pa.Table]:
    rng = np.random.default_rng(SEED)
    return {"customers": customers_table(rng), "orders": orders_table(rng)}


if __name__ == "__main__":
    for name, table in build_tables().items():
        write(name, table)
        print(f"{name}: {table.num_rows} rows x {table.num_columns} columns")
