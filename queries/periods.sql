-- name: periods
-- Every period notation the observations use, with the span it covers.
-- params: none
-- columns: period, freq, start_date, end_date, hash (of period: figures.sql sends that)
SELECT period, freq, start_date, end_date, hash(period) AS hash
FROM periods
