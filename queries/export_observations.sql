-- name: export_observations
-- The observations query without the per-row source columns and period dates:
-- what a large export streams. Exports look source titles, publishers and
-- URLs up in the (small, cached) sources table instead of carrying them on
-- a million rows. Same filters, same vintage choice (the
-- ranked_observations macro), same order as observations.sql.
-- Without as_of it runs against current_observations instead (queries.go):
-- the same rows, with the latest flag ingest stored by that rule.
-- params: $1 indicators: comma-separated ids, '' for all
--         $2 regions: comma-separated ids, '' for all
--         $3 from: DATE or NULL; periods that start before it are left out
--         $4 to: DATE or NULL; periods that end after it are left out
--         $5 as_of: DATE or NULL
--         $6 latest_only: BOOLEAN
-- columns: key, value, note, latest
--   key is indicator, region, period, freq, qualifier, status, source and period_stated
--   joined by chr(31) (unit separator): ids, periods and enums that ingest
--   validated, so none holds that character. One string crosses from C to
--   Go per row instead of seven: the cost of a large export is per value.
SELECT concat_ws(chr(31), indicator, region, period, freq, qualifier, status, source, period_stated) AS key, value, note, latest
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
