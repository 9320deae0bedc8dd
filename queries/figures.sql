-- name: figures
-- The observations of some indicators and regions as of now, each with the
-- latest flag ingest stored (the rule of ranked_observations): what every
-- page reads. Only the observations table, no join and no order: the Go
-- side (Observations, observations.go) adds period dates and citations from
-- tables it read once per snapshot, applies the period bounds and sorts as
-- observations.sql does. A page's query then costs about 2 ms instead of 7:
-- on a few dozen rows DuckDB's cost is per operator, not per row.
-- params: $1 indicators: comma-separated ids, '' for all
--         $2 regions: comma-separated ids, '' for all
--         $3 latest_only: BOOLEAN
--         $4 pairs: comma-separated indicator/region pairs, '' for any: only
--            these combinations (a page's charts ask for a few of the
--            indicators x regions their union names)
-- columns: indicator, region, period, value, qualifier, status, source, note, period_stated, latest
--          indicator, region, period, qualifier, status and source as their
--          hash(): the driver copies every text value twice (a clone and an
--          interface), and a page's rows repeat a few dozen texts thousands
--          of times; the figure context maps each hash back to its text,
--          read once per snapshot, and refuses two texts of one column that
--          share a hash (observations.go, hashedText). At 10M the overview's
--          3,524 rows came back in 2.7-3.5 ms instead of 5.0-5.3.
SELECT hash(indicator) AS indicator, hash(region) AS region, hash(period) AS period, value,
       hash(qualifier) AS qualifier, hash(status) AS status, hash(source) AS source,
       note, period_stated, latest
FROM observations
-- Regions: IN (subquery) is a semi join, and DuckDB pushes the chosen ids
-- into the scan as a filter, so the row groups' min/max skip the rest
-- (observations are stored sorted by region, then indicator). Indicators
-- are only checked row by row among those: a second semi join cost more
-- than it saved (the economy topic's query at 10M 7.3-8.7 -> 5.3-5.5 ms,
-- bundled 2.6 -> 2.0 ms). For exactly one indicator or
-- region, queries runs this text with that predicate as an equality
-- (idVariants in queries.go): same rows, a third of the fixed cost.
WHERE ($1 = '' OR list_contains(string_split($1, ','), indicator))
  AND ($2 = '' OR region IN (SELECT unnest(string_split($2, ','))))
  AND (latest OR NOT $3)
  AND ($4 = '' OR list_contains(string_split($4, ','), indicator || '/' || region))
