-- name: sources
-- Every source, newest publication first; undated sources last.
-- params: none
-- columns: id, title, publisher, publisher_en, published (as written), url, note, title_given, copy, observations
SELECT s.id, s.title, s.publisher, s.publisher_en, s.published, s.url, s.note, s.title_given, s.copy,
       (SELECT count(*) FROM observations o WHERE o.source = s.id) AS observations
FROM sources s
ORDER BY s.published_last DESC NULLS LAST, s.id
