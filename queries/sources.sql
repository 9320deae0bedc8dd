-- name: sources
-- Every source, newest publication first; undated sources last.
-- params: none
-- columns: id, title, publisher, published (as written), url, note, observations
SELECT s.id, s.title, s.publisher, s.published, s.url, s.note,
       (SELECT count(*) FROM observations o WHERE o.source = s.id) AS observations
FROM sources s
ORDER BY s.published_last DESC NULLS LAST, s.id
