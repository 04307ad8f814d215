import polars as pl
