-- name: figure_terms
-- The terms a figure is published on besides its period statement: its
-- source, qualifier and status, by the number ingest gives the three
-- (observations.terms, ingest/schema.sql), which figures.sql sends instead
-- of the texts. Every number from 0 up, in order.
-- params: none
-- columns: terms, qualifier, status, source
SELECT terms, qualifier, status, source
FROM figure_terms
ORDER BY terms
