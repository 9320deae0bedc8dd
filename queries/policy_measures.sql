-- name: policy_measures
-- The policy package's measures in file order.
-- params: none
-- columns: pillar_zh, pillar_en, measure_zh, measure_en, amount, unit_zh, unit_en, qualifier, source
SELECT pillar_zh, pillar_en, measure_zh, measure_en, amount, unit_zh, unit_en, qualifier, source
FROM policy_measures
ORDER BY ord
