package dashboard

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// staticFS holds the app's JS and CSS and the vendored ECharts: the
// dashboard loads nothing from outside the server.
//
//go:embed static
var staticFS embed.FS

// handleStatic serves one embedded file. A name that is not valid UTF-8 or
// not a clean path (/static/%ff, /static/../x) is the client's mistake, a
// 400; a directory is not listed (404). Browsers may keep files an hour.
func (s *Server) handleStatic() echo.HandlerFunc {
	files, _ := fs.Sub(staticFS, "static")
	return func(c echo.Context) error {
		name := strings.TrimSuffix(strings.TrimPrefix(c.Request().URL.Path, "/static/"), "/")
		if name == "" {
			return notFound("no file")
		}
		if !utf8.ValidString(name) || !fs.ValidPath(name) {
			return echo.NewHTTPError(http.StatusBadRequest, "not a file name")
		}
		if fi, err := fs.Stat(files, name); err != nil || fi.IsDir() {
			return notFound("no file %q", name)
		}
		c.Response().Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeFileFS(c.Response(), c.Request(), files, name)
		return nil
	}
}
