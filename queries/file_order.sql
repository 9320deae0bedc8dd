-- name: file_order
-- Each indicator's and region's place in its file, the order figures come in.
-- params: none
-- columns: kind ('indicator' or 'region'), id, ord
SELECT 'indicator' AS kind, id, ord FROM indicators
UNION ALL
SELECT 'region', id, ord FROM regions
