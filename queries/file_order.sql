-- name: file_order
-- Each indicator's and region's place in its file (ord), the order figures
-- come in, and its place among the ids of its kind sorted (sorted), what
-- its series number is made of (observations.series, ingest/schema.sql).
-- params: none
-- columns: kind ('indicator' or 'region'), id, ord, sorted
SELECT 'indicator' AS kind, id, ord, row_number() OVER (ORDER BY id) - 1 AS sorted FROM indicators
UNION ALL
SELECT 'region', id, ord, row_number() OVER (ORDER BY id) - 1 FROM regions
ORDER BY kind, sorted
