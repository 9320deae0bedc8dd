package dashboard

import "embed"

// staticFS holds the app's JS and CSS and the vendored ECharts: the
// dashboard loads nothing from outside the server.
//
//go:embed static
var staticFS embed.FS
