-- name: dashboard_definition
-- The dashboard definition the snapshot was built with, as canonical JSON
-- (package site); no row when the data directory had none.
-- params: none
-- columns: definition
SELECT definition
FROM dashboard_definition
