package dashboard

import (
	"io/fs"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is the one list of everything the server answers. Pages that show
// data answer with twins too: the same URL with .csv (?excel=1 for Excel),
// .xlsx or .json, and the same query parameters.
func (s *Server) routes(e *echo.Echo) {
	e.GET("/healthz", s.handleHealthz)
	e.GET("/readyz", s.handleReadyz)
	static, _ := fs.Sub(staticFS, "static")
	e.GET("/static/*", echo.WrapHandler(http.StripPrefix("/static/", cacheFor(http.FileServerFS(static)))))
	e.GET("/favicon.ico", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	// Officials: overview, topics, indicators (overview.go, topic.go, indicators.go, indicator.go).
	e.GET("/", s.handleOverview)
	e.GET("/overview.:ext", s.handleOverview)
	e.GET("/topics/:topic", s.handleTopic)               // also /topics/economy.csv|.json|.xlsx
	e.GET("/topics/:topic/charts/:chart", s.handleChart) // a chart's data: /topics/economy/charts/gdp.csv
	e.GET("/indicators", s.handleIndicators)
	e.GET("/indicators.:ext", s.handleIndicators)
	e.GET("/indicators/:id", s.handleIndicator) // also /indicators/gdp.csv|.json|.xlsx

	// Analysts: reports, downloads, the JSON API (reports.go, downloads.go, api.go).
	e.GET("/reports", s.handleReports)
	e.GET("/reports.:ext", s.handleReports)
	e.GET("/downloads", s.handleDownloads)
	e.GET("/downloads/:file", s.handleDownload, middleware.ContextTimeout(s.cfg.DownloadTimeout))
	e.GET("/api/v1/openapi.json", s.handleOpenAPI)
	e.GET("/api/v1/docs", s.handleAPIDocs)
	e.GET("/api/v1/indicators", s.handleAPIIndicators)
	e.GET("/api/v1/indicators/:id", s.handleAPIIndicator)
	e.GET("/api/v1/regions", s.handleAPIRegions)
	e.GET("/api/v1/sources", s.handleAPISources)
	e.GET("/api/v1/observations", s.handleAPIObservations)

	// Press: briefing and embeds (briefing.go, embed.go).
	e.GET("/briefing", s.handleBriefing)
	e.GET("/briefing.:ext", s.handleBriefing) // .md, .txt, .docx
	e.GET("/embed/charts/:topic/:chart", s.handleEmbed)
}

// cacheFor lets browsers keep static files for an hour.
func cacheFor(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
