-- name: observations
-- Observations with their period and source. Each row says whether it is the
-- latest vintage of its indicator/region/period among the sources published
-- by as_of (all sources when as_of is NULL), by the rule of the snapshot's
-- ranked_observations macro (ingest/schema.sql).
-- Without as_of it runs against current_observations instead (queries.go):
-- the same rows, with the latest flag ingest stored by that rule.
-- params: $1 indicators: comma-separated ids, '' for all
--         $2 regions: comma-separated ids, '' for all
--         $3 from: DATE or NULL; periods that start before it are left out
--         $4 to: DATE or NULL; periods that end after it are left out
--         $5 as_of: DATE or NULL
--         $6 latest_only: BOOLEAN
-- columns: indicator, region, period, freq, start_date, end_date, value, qualifier,
--          status, source, note, source_title, source_publisher, source_publisher_en, source_published,
--          source_url, latest, period_stated, source_title_given, source_copy,
--          indicator_ord, region_ord (file order, for splitting a union: ObservationsPerFilter)
SELECT indicator, region, period, freq, start_date, end_date, value, qualifier, status, source, note,
       source_title, source_publisher, source_publisher_en, source_published, source_url, latest, period_stated,
       source_title_given, source_copy, indicator_ord, region_ord
FROM ranked_observations($1, $2, $3::DATE, $4::DATE, $5::DATE)
WHERE latest OR NOT $6
-- Indicators and regions come in the order the request named them (a
-- report's columns follow indicators= and regions=), else in file order.
ORDER BY coalesce(list_position(string_split($1, ','), indicator), 0), indicator_ord,
         coalesce(list_position(string_split($2, ','), region), 0), region_ord,
         end_date, start_date, published_last NULLS FIRST, source,
         -- Two periods of one span (2024 and 2024-01/2024-12) from one
         -- source: by their notation, so that the order is total.
         period
