-- name: regions
-- Every region in file order.
-- params: none
-- columns: id, name_zh, name_en, level, parent
SELECT id, name_zh, name_en, level, parent
FROM regions
ORDER BY ord
