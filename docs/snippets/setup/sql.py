import duckdb

con = duckdb.connect()  # an in-memory database; tables live as long as `con`
