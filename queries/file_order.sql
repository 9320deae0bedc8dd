-- name: file_order
-- Each indicator's and region's place in its file, the order figures come in.
-- params: none
-- columns: kind ('indicator' or 'region'), id, ord, hash (of id: figures.sql sends that)
SELECT 'indicator' AS kind, id, ord, hash(id) AS hash FROM indicators
UNION ALL
SELECT 'region', id, ord, hash(id) FROM regions
