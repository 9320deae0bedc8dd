-- name: figure_terms
-- The terms each figure is published on, as the observations combine them:
-- its qualifier, status, source and what the source said of its period,
-- each combination once with the hash() of the four. figures.sql sends that
-- hash instead of four columns, and the figure context maps it back. A scan
-- of four columns, once per snapshot (about 0.3 s at 10M on one thread,
-- when the snapshot opens); at 10M the observations use 47 combinations.
-- params: none
-- columns: qualifier, status, source, period_stated, hash
SELECT qualifier, status, source, period_stated, hash(qualifier, status, source, period_stated) AS hash
FROM (SELECT DISTINCT qualifier, status, source, period_stated FROM observations)
