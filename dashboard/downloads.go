package dashboard

import (
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/queries"
	"districtstats/request"
)

// handleDownloads offers the whole dataset: observations (every vintage,
// with a latest column), indicators, regions and sources, as CSV, CSV for
// Excel, JSON and Parquet, and all four as one XLSX workbook.
func (s *Server) handleDownloads(c echo.Context) error {
	if _, err := parseView(c, s.snapshot(c), request.Page); err != nil {
		return err
	}
	p := s.newPage(c, nil)
	p.Title = p.T("下载全部数据", "Download the dataset")
	p.Data = struct {
		Tables   []string
		Workbook string
	}{export.Tables, "districtstats.xlsx"}
	return s.render(c, "downloads", p)
}

// handleDownload serves /downloads/{table}.{csv,json,parquet} and
// /downloads/districtstats.xlsx. The server's DuckDB handle is read-only
// with external access off, so it cannot COPY … TO; the rows stream from
// the query through Go writers instead (parquet-go for Parquet).
func (s *Server) handleDownload(c echo.Context) error {
	file := c.Param("file")
	base, ext, _ := strings.Cut(file, ".")
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.Download)
	if err != nil {
		return err
	}
	var f export.Format
	switch {
	case file == "districtstats.xlsx":
		f = export.XLSX
	case oneOf(base, export.Tables) && (ext == "csv" || ext == "json" || ext == "parquet"):
		if f, err = twinFormat(v, ext); err != nil {
			return err
		}
	default:
		return notFound("no download %q: use {observations,indicators,regions,sources}.{csv,json,parquet} or districtstats.xlsx", file)
	}
	stamp := snap.Info.BuiltAt.UTC().Format("20060102")
	zh := map[string]string{"observations": "观测值", "indicators": "指标", "regions": "地区", "sources": "来源", "districtstats": "全部数据"}[base]
	name := fileName{ASCII: "districtstats-" + base + "-" + stamp, Zh: snap.Def.Site.NameZh + "-" + zh + "-" + stamp}
	if base == "districtstats" {
		name = fileName{ASCII: "districtstats-" + stamp, Zh: snap.Def.Site.NameZh + "-" + stamp}
	}
	startDownload(c, f, name)
	rows := export.Query(c.Request().Context(), snap.DB, queries.Filter{})
	return export.WriteTable(c.Response(), f, s.catalog(snap), base, rows)
}
