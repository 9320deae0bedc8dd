-- name: export_observations
-- The observations query without the per-row source columns and period dates:
-- what a large export streams. Exports look source titles, publishers and
-- URLs up in the (small, cached) sources table instead of carrying them on
-- a million rows. Same filters, same vintage choice, same order as
-- observations.sql.
-- params: $1 indicators: comma-separated ids, '' for all
--         $2 regions: comma-separated ids, '' for all
--         $3 from: DATE or NULL; periods that start before it are left out
--         $4 to: DATE or NULL; periods that end after it are left out
--         $5 as_of: DATE or NULL
--         $6 latest_only: BOOLEAN
-- columns: key, value, note, latest
--   key is indicator, region, period, freq, qualifier, status and source
--   joined by chr(31) (unit separator): ids, periods and enums that ingest
--   validated, so none holds that character. One string crosses from C to
--   Go per row instead of seven: the cost of a large export is per value.
WITH visible AS (
    SELECT o.indicator, o.region, o.period, p.freq, p.start_date, p.end_date, o.value,
           o.qualifier, o.status, o.source, o.note, s.published_last,
           i.ord AS indicator_ord, r.ord AS region_ord
    FROM observations o
    JOIN periods p ON p.period = o.period
    JOIN sources s ON s.id = o.source
    JOIN indicators i ON i.id = o.indicator
    JOIN regions r ON r.id = o.region
    WHERE ($1 = '' OR list_contains(string_split($1, ','), o.indicator))
      AND ($2 = '' OR list_contains(string_split($2, ','), o.region))
      AND ($3::DATE IS NULL OR p.start_date >= $3::DATE)
      AND ($4::DATE IS NULL OR p.end_date <= $4::DATE)
      AND ($5::DATE IS NULL OR s.published_last <= $5::DATE)
), ranked AS (
    SELECT *, row_number() OVER (
               PARTITION BY indicator, region, period
               ORDER BY published_last DESC NULLS LAST,
                        CASE status WHEN 'revised' THEN 4 WHEN 'final' THEN 3 WHEN 'preliminary' THEN 2 ELSE 1 END DESC,
                        source) = 1 AS latest
    FROM visible
)
SELECT concat_ws(chr(31), indicator, region, period, freq, qualifier, status, source) AS key, value, note, latest
FROM ranked
WHERE latest OR NOT $6
ORDER BY indicator_ord, region_ord, end_date, start_date, published_last NULLS FIRST, source
