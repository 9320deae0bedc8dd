-- name: citations
-- What a figure cites of its source: the sources table without counts.
-- params: none
-- columns: id, title, publisher, publisher_en, published (as written),
--          published_last (NULL when undated), url, title_given, copy
SELECT id, title, publisher, publisher_en, published, published_last, url, title_given, copy
FROM sources
