-- name: figure_values
-- The qualifiers and statuses the observations use, each with its hash():
-- figures.sql sends those columns hashed, and the figure context maps them
-- back. A scan of one column each, once per snapshot (80-130 ms at 10M).
-- params: none
-- columns: kind ('qualifier' or 'status'), value, hash
SELECT 'qualifier' AS kind, value, hash(value) AS hash FROM (SELECT DISTINCT qualifier AS value FROM observations)
UNION ALL
SELECT 'status', value, hash(value) FROM (SELECT DISTINCT status AS value FROM observations)
