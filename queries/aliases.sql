-- name: aliases
-- Other names of indicators (data/aliases.csv), in indicator order.
-- params: none
-- columns: alias, indicator
SELECT a.alias, a.indicator
FROM aliases a JOIN indicators i ON i.id = a.indicator
ORDER BY i.ord, a.alias
