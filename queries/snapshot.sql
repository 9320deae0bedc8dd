-- name: snapshot
-- When the snapshot was built, how many observations it holds, and the
-- newest publication date among its sources ('' when none is dated).
-- params: none
-- columns: built_at, observations, latest_published
SELECT sn.built_at, sn.observations,
       coalesce((SELECT s.published FROM sources s
                 WHERE s.published_last IS NOT NULL AND s.id IN (SELECT DISTINCT source FROM observations)
                 ORDER BY s.published_last DESC LIMIT 1), '') AS latest_published
FROM snapshot sn
