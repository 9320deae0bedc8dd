package dashboard

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/figure"
	"districtstats/transform"
)

// fileName says what a download holds: an ASCII name for the plain
// filename parameter and a Chinese one for RFC 6266 filename*.
type fileName struct {
	ASCII string // e.g. REGION-gdp-2013-2025 (no extension)
	Zh    string // e.g. 某某区-地区生产总值-2013-2025
}

// sendRows answers a data page's twin (ext csv, xlsx or json) with the
// rows the page shows: published levels, or the view's transform as
// transform.Select derives it for every surface. .csv?excel=1 is the CSV
// for Excel.
func (s *Server) sendRows(c echo.Context, v View, ext string, name fileName, rows []transform.Row) error {
	snap := s.snapshot(c)
	f, err := twinFormat(v, ext)
	if err != nil {
		return err
	}
	if v.Transform != transform.Level {
		name.ASCII += "-" + v.Transform
		name.Zh += "-" + transform.Name(v.Transform, false, figure.Zh)
	}
	startDownload(c, f, name)
	return export.WriteObservations(c.Response(), f, s.catalog(snap), export.Slice(rows))
}

// twinFormat maps an extension and ?excel=1 to an export format.
func twinFormat(v View, ext string) (export.Format, error) {
	switch ext {
	case "csv":
		if v.Excel {
			return export.ExcelCSV, nil
		}
		return export.CSV, nil
	case "xlsx":
		return export.XLSX, nil
	case "json":
		return export.JSON, nil
	case "parquet":
		return export.Parquet, nil
	}
	return "", notFound("no %q format: use .csv, .csv?excel=1, .xlsx or .json", ext)
}

// startDownload writes the headers of a download. JSON is shown inline;
// the other formats are attachments with names that say what they hold.
func startDownload(c echo.Context, f export.Format, name fileName) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, f.ContentType())
	if f != export.JSON {
		h.Set(echo.HeaderContentDisposition, export.Disposition(name.ASCII, name.Zh, f))
	}
	if snap, ok := c.Get("snapshot").(*Snapshot); ok {
		h.Set("X-Snapshot-Built-At", snap.Info.BuiltAt.UTC().Format(time.RFC3339))
	}
	c.Response().WriteHeader(http.StatusOK)
}

// catalog is the snapshot's small tables as the export writers want them.
func (s *Server) catalog(snap *Snapshot) *export.Catalog {
	return snap.Catalog
}
