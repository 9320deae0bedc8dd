package dashboard

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is the one list of everything the server answers. Pages that show
// data answer with twins too: the same URL with .csv (?excel=1 for Excel),
// .xlsx or .json, and the same query parameters.
func (s *Server) routes(e *echo.Echo) {
	// Every route answers HEAD as GET; net/http sends no body for HEAD.
	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		e.Match([]string{http.MethodGet, http.MethodHead}, path, h, m...)
	}
	get("/healthz", s.handleHealthz)
	get("/readyz", s.handleReadyz)
	get("/static/*", s.handleStatic())
	get("/favicon.ico", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	// Officials: overview, topics, indicators (overview.go, topic.go, indicators.go, indicator.go).
	get("/", s.handleOverview)
	get("/overview.:ext", s.handleOverview)
	get("/topics/:topic", s.handleTopic)               // also /topics/economy.csv|.json|.xlsx
	get("/topics/:topic/charts/:chart", s.handleChart) // a chart's data: /topics/economy/charts/gdp.csv
	get("/indicators", s.handleIndicators)
	get("/indicators.:ext", s.handleIndicators)
	get("/indicators/:id", s.handleIndicator) // also /indicators/gdp.csv|.json|.xlsx

	// Analysts: reports, downloads, the JSON API (reports.go, downloads.go, api.go).
	get("/reports", s.handleReports)
	get("/reports.:ext", s.handleReports)
	get("/downloads", s.handleDownloads)
	get("/downloads/:file", s.handleDownload, middleware.ContextTimeout(s.cfg.DownloadTimeout))
	get("/api/v1/openapi.json", s.handleOpenAPI)
	get("/api/v1/docs", s.handleAPIDocs)
	get("/api/v1/indicators", s.handleAPIIndicators)
	get("/api/v1/indicators/:id", s.handleAPIIndicator)
	get("/api/v1/regions", s.handleAPIRegions)
	get("/api/v1/sources", s.handleAPISources)
	get("/api/v1/observations", s.handleAPIObservations)

	// Press: briefing and embeds (briefing.go, embed.go).
	get("/briefing", s.handleBriefing)
	get("/briefing.:ext", s.handleBriefing) // .md, .txt, .docx
	get("/embed/charts/:topic/:chart", s.handleEmbed)

	// Press: the figure check (check.go). Texts come only in POST bodies,
	// which the request log never records.
	get("/check", s.handleCheck)
	e.POST("/check", s.handleCheck)
	e.POST("/api/v1/check", s.handleAPICheck)
}
