-- name: file_order
-- Each indicator's and region's place in its file (ord), the order figures
-- come in, and its place in the series numbers (observations.series,
-- ingest/schema.sql): an indicator's among the indicator ids sorted, a
-- region's as ingest stored it (regions.place).
-- params: none
-- columns: kind ('indicator' or 'region'), id, ord, place
SELECT 'indicator' AS kind, id, ord, row_number() OVER (ORDER BY id) - 1 AS place FROM indicators
UNION ALL
SELECT 'region', id, ord, place FROM regions
ORDER BY kind, place
