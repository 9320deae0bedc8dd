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
--         $4 series: comma-separated series numbers (observations.series,
--            ingest/schema.sql), read by the by-series variant alone, ''
--            otherwise: a page of several regions names its series by
--            number instead of by $1 and $2 (figuresOf, observations.go),
--            only the combinations its charts draw
-- columns: series, period, value, terms, note, latest
--          series: the indicator and region as one number (ingest/schema.sql),
--          which the figure context maps back to both ids; period as its
--          hash(), and terms as the hash() of qualifier, status, source and
--          period_stated together: the driver copies every value it hands
--          over (a clone and an interface), and a page's rows repeat a few
--          dozen periods and combinations of terms thousands of times. The
--          figure context maps each hash back to its texts, read once per
--          snapshot (periods.sql, figure_terms.sql), and refuses two that
--          share a hash (observations.go, hashedText). At 10M the
--          overview's 3,524 rows came back in 2.7-3.5 ms instead of 5.0-5.3
--          with hashes instead of texts, and its 2,684 rows of card
--          indicators in 1.3-1.4 ms instead of 1.6-1.8 (best of 200) with
--          one hash of the four terms instead of one each; the series
--          number spares reading the indicator and region columns at all.
SELECT series, hash(period) AS period, value,
       hash(qualifier, status, source, period_stated) AS terms,
       note, latest
FROM observations
-- Observations are stored in series order (by region, those dashboard.yaml
-- names first, then indicator).
-- Regions: IN (subquery) is a semi join, and DuckDB pushes the chosen ids
-- into the scan as a filter, so the row groups' min/max skip the rest.
-- Indicators are only checked row by row among those: a second semi join
-- cost more than it saved. For exactly one region, and for exactly one
-- indicator unless several regions are named, queries runs this text with
-- that predicate as an equality (idVariants in queries.go): same rows, a
-- third of the fixed cost. For named indicators of several regions it runs
-- it by series ($4, variant by-series) instead: the region list gives way
-- to series IN (subquery) over the series numbers, pushed into the scan
-- the same way and tested as integers, and only the combinations the
-- page's charts draw come back. At 10M the economy topic's 17 series of 11
-- regions came back in 2.4-2.9 ms instead of 3.1-3.5 by ids and a filter
-- of indicator/region texts. (Elsewhere $4 is empty and its test true.)
-- But named indicators of named regions, up to 64 series in up to 8 runs
-- of near numbers, do not run this text as written: queries writes their
-- numbers into a text of its own with no parameter left (seriesText in
-- queries.go), which DuckDB plans once, not on every execution as it does
-- a statement with parameters. Most pages are such; the variants above
-- answer every indicator of a region, one indicator of every region, and
-- more series or runs than that.
WHERE ($1 = '' OR list_contains(string_split($1, ','), indicator))
  AND ($2 = '' OR region IN (SELECT unnest(string_split($2, ','))))
  AND $4 = ''
  AND (latest OR NOT $3)
