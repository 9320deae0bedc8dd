-- name: indicator_regions
-- The regions that have figures of one indicator, in regions.csv order, at
-- most $2 of them, each with the total count: the indicator page's region
-- switch lists a few and says how many there are.
-- The equality filter on the sorted observations table lets DuckDB read
-- only the indicator's row groups.
-- params: $1 indicator id
--         $2 limit
-- columns: id, total
SELECT r.id, count(*) OVER () AS total
FROM regions r
JOIN (SELECT DISTINCT region FROM observations WHERE indicator = $1) o ON o.region = r.id
ORDER BY r.ord
LIMIT $2
