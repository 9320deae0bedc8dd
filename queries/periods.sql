-- name: periods
-- Every period notation the observations use, with the span it covers.
-- params: none
-- columns: period, freq, start_date, end_date
SELECT period, freq, start_date, end_date
FROM periods
