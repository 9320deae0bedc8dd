-- name: snapshot
-- When the snapshot was built, how many observations it holds, and the
-- newest publication date among its sources ('' when none is dated), and
-- whether its observations carry series numbers (figures.sql reads them;
-- a snapshot built before them cannot answer a page).
-- params: none
-- columns: built_at, observations, latest_published, numbered
SELECT sn.built_at, sn.observations,
       coalesce((SELECT s.published FROM sources s
                 WHERE s.published_last IS NOT NULL AND s.id IN (SELECT DISTINCT source FROM observations)
                 ORDER BY s.published_last DESC LIMIT 1), '') AS latest_published,
       EXISTS (SELECT 1 FROM duckdb_columns() c
               WHERE c.database_name = current_database() AND c.table_name = 'observations' AND c.column_name = 'series') AS numbered
FROM snapshot sn
