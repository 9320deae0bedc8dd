-- name: snapshot
-- When the snapshot was built, how many observations it holds, and the
-- newest publication date among its sources ('' when none is dated), and
-- whether its observations carry series numbers as this version reads
-- them (figures.sql, file_order.sql: observations.series and regions.place;
-- a snapshot built before them cannot answer a page).
-- params: none
-- columns: built_at, observations, latest_published, numbered
SELECT sn.built_at, sn.observations,
       coalesce((SELECT s.published FROM sources s
                 WHERE s.published_last IS NOT NULL AND s.id IN (SELECT DISTINCT source FROM observations)
                 ORDER BY s.published_last DESC LIMIT 1), '') AS latest_published,
       (SELECT count(*) = 2 FROM duckdb_columns() c
        WHERE c.database_name = current_database()
          AND (c.table_name, c.column_name) IN (('observations', 'series'), ('regions', 'place'))) AS numbered
FROM snapshot sn
