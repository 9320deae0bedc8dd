-- name: indicators
-- Every indicator in file order.
-- params: none
-- columns: id, topic, name_zh, name_en, unit, unit_zh, unit_en, decimals,
--          definition_zh, definition_en, note, price_basis, real_growth,
--          observations (rows in the snapshot)
SELECT i.id, i.topic, i.name_zh, i.name_en, i.unit, i.unit_zh, i.unit_en, i.decimals,
       i.definition_zh, i.definition_en, i.note, i.price_basis, i.real_growth,
       (SELECT count(*) FROM observations o WHERE o.indicator = i.id) AS observations
FROM indicators i
ORDER BY i.ord
