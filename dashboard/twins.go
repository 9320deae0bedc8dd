package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"districtstats/queries"
)

// fileName says what a download holds: an ASCII name for the plain
// filename parameter and a Chinese one for RFC 6266 filename*.
type fileName struct {
	ASCII string // e.g. nanshan-gdp-2013-2025 (no extension)
	Zh    string // e.g. 南山区-地区生产总值-2013-2025
}

// sendObservations answers a data page's twin (ext csv, xlsx or json) with
// the observations the page shows.
// TODO(exports): full formats; this minimal version serves JSON only.
func (s *Server) sendObservations(c echo.Context, ext string, name fileName, obs []queries.Observation) error {
	if ext != "json" {
		return echo.NewHTTPError(http.StatusNotImplemented, "format not yet available")
	}
	return c.JSON(http.StatusOK, obs)
}
