package dashboard

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/figure"
	"districtstats/transform"
)

// handleReports is the report builder: several indicators and regions over
// a period range, as one wide table (periods down, a column per series) or
// long (layout=long). The selection lives in the URL, e.g.
// /reports?indicators=gdp,rd_intensity&regions=nanshan,shenzhen&from=2015&to=2024;
// /reports.csv (?excel=1), .xlsx and .json download the same table.
func (s *Server) handleReports(c echo.Context) error {
	ext := c.Param("ext")
	if ext != "" && ext != "csv" && ext != "xlsx" && ext != "json" {
		return notFound("no %q format for reports: use .csv, .csv?excel=1, .xlsx or .json", ext)
	}
	snap := s.snapshot(c)
	v, err := parseView(c, snap)
	if err != nil {
		return err
	}
	sel, err := parseSelection(c, snap, v)
	if err != nil {
		return err
	}
	lang := langOf(c)
	cat := s.catalog(snap)
	var rows []transform.Row
	if len(sel.Indicators) > 0 {
		if rows, err = export.Transformed(c.Request().Context(), snap.DB, cat, v.Filter(sel.Indicators, sel.Regions, true), v.Transform); err != nil {
			return err
		}
	}
	if ext != "" {
		if len(sel.Indicators) == 0 {
			return badParam("indicators", "", "one or more indicator ids, e.g. indicators=gdp,rd_intensity (see /api/v1/indicators)")
		}
		f, err := twinFormat(c, ext)
		if err != nil {
			return err
		}
		startDownload(c, f, reportFileName(sel, v))
		return export.WriteReport(c.Response(), f, cat, rows, sel.Layout, lang)
	}
	p := s.newPage(c, nil)
	p.Title = p.T("报表", "Reports")
	p.Data = newReportView(cat, snap, sel, v, rows, lang)
	return s.render(c, "reports", p)
}

// selection is what a report shows besides the shared view parameters.
type selection struct {
	Indicators []string
	Regions    []string // regions= and region= together; nil means all
	Layout     string   // wide | long
}

func parseSelection(c echo.Context, snap *Snapshot, v View) (selection, error) {
	var sel selection
	var err error
	sel.Indicators, err = parseIDs(c, "indicators", func(id string) bool { _, ok := snap.Indicator(id); return ok },
		"an indicator id such as gdp, rd_intensity (see /api/v1/indicators)")
	if err != nil {
		return sel, err
	}
	more, err := parseIDs(c, "regions", func(id string) bool { _, ok := snap.Region(id); return ok },
		"a region id such as nanshan, shenzhen, china (see /api/v1/regions)")
	if err != nil {
		return sel, err
	}
	sel.Regions = append(append(sel.Regions, v.Regions...), more...)
	switch sel.Layout = c.QueryParam("layout"); sel.Layout {
	case "":
		sel.Layout = "wide"
	case "wide", "long":
	default:
		return sel, badParam("layout", sel.Layout, "wide (periods as rows, a column per series) or long (a row per figure)")
	}
	return sel, nil
}

// reportFileName: gdp-rd_intensity-nanshan-shenzhen-2015-2024-wide.
func reportFileName(sel selection, v View) fileName {
	name := "report"
	for _, id := range sel.Indicators {
		name += "-" + id
	}
	for _, id := range sel.Regions {
		name += "-" + id
	}
	if v.From != "" || v.To != "" {
		name += "-" + v.From + "-" + v.To
	}
	if v.Transform != transform.Level {
		name += "-" + v.Transform
	}
	name += "-" + sel.Layout
	return fileName{ASCII: name, Zh: "报表" + name[len("report"):]}
}

// reportView is what reports.html shows: the form's choices and the table.
type reportView struct {
	Indicators []choice
	Regions    []choice
	Transforms []choice
	Layouts    []choice
	View       View
	Selected   bool
	Layout     string
	Wide       *export.Wide
	WideCells  [][]string // formatted, qualifier and unit kept
	Long       []reportRow
	Rows       int
}

type choice struct {
	ID, Label string
	Checked   bool
}

type reportRow struct {
	Indicator, Region, Period, Value, Status, Source, Note string
}

func newReportView(cat *export.Catalog, snap *Snapshot, sel selection, v View, rows []transform.Row, lang figure.Lang) *reportView {
	pick := func(zh, en string) string {
		if lang == figure.En {
			return en
		}
		return zh
	}
	rv := &reportView{View: v, Selected: len(sel.Indicators) > 0, Layout: sel.Layout, Rows: len(rows)}
	in := func(list []string, id string) bool { return oneOf(id, list) }
	for _, i := range snap.Indicators {
		rv.Indicators = append(rv.Indicators, choice{i.ID, pick(i.NameZh, i.NameEn), in(sel.Indicators, i.ID)})
	}
	for _, r := range snap.Regions {
		rv.Regions = append(rv.Regions, choice{r.ID, pick(r.NameZh, r.NameEn), in(sel.Regions, r.ID)})
	}
	for _, t := range Transforms {
		rv.Transforms = append(rv.Transforms, choice{t, export.TransformName(t, lang), t == v.Transform})
	}
	rv.Layouts = []choice{{"wide", pick("宽表（时期为行）", "wide (periods as rows)"), sel.Layout == "wide"},
		{"long", pick("长表（每个数字一行）", "long (one row per figure)"), sel.Layout == "long"}}
	show := func(r *transform.Row) string {
		if r == nil {
			return ""
		}
		if r.Null {
			return "—"
		}
		v := r.Value
		if r.Transform == transform.PctChange || r.Transform == transform.YoYPct {
			// A computed ratio, not a published figure: shown to 2
			// decimals here; the downloads carry full precision.
			v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
		}
		return figure.Value(v, r.Qualifier, rowUnit(cat, r), lang)
	}
	if sel.Layout == "wide" {
		rv.Wide = export.MakeWide(cat, rows, lang)
		for p := range rv.Wide.Periods {
			line := make([]string, len(rv.Wide.Columns))
			for c := range rv.Wide.Columns {
				line[c] = show(rv.Wide.Cells[p][c])
			}
			rv.WideCells = append(rv.WideCells, line)
		}
		return rv
	}
	for i := range rows {
		r := &rows[i]
		ind, reg := cat.Indicator(r.Indicator), cat.Region(r.Region)
		rv.Long = append(rv.Long, reportRow{pick(ind.NameZh, ind.NameEn), pick(reg.NameZh, reg.NameEn), figure.Period(r.Period, lang),
			show(r), figure.Status(r.Status, lang), r.Source, r.Note})
	}
	return rv
}

// rowUnit is the figure.Unit a row's value is in: the indicator's, or the
// unit of a derived value.
func rowUnit(cat *export.Catalog, r *transform.Row) figure.Unit {
	ind := cat.Indicator(r.Indicator)
	switch r.Unit {
	case "percent":
		return figure.Unit{Code: "percent", Zh: "%", En: "%"}
	case "percentage_point":
		return figure.Unit{Code: "percentage_point", Zh: "个百分点", En: "percentage points"}
	}
	return figure.Unit{Code: ind.Unit, Zh: ind.UnitZh, En: ind.UnitEn}
}
