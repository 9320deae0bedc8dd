package dashboard

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"districtstats/export"
	"districtstats/figure"
	"districtstats/press"
	"districtstats/request"
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
	v, err := parseView(c, snap, request.Report)
	var bad *request.Error
	if err != nil && ext == "" && errors.As(err, &bad) && !bad.Unknown {
		// A bad value in the form: the form again, the error beside its field.
		p := s.newPage(c, nil)
		p.Title = p.T("报表", "Reports")
		// v holds what was read before the bad value: the ticks stay ticked.
		rv := newReportView(s.catalog(snap), snap, v, nil, p.Lang)
		rv.Error = formError(bad, p.Lang)
		rv.Raw = c.QueryParams()
		p.Data = rv
		return s.renderStatus(c, http.StatusBadRequest, "reports", p)
	}
	if err != nil {
		return err
	}
	if len(v.Regions) == 0 {
		// Bounded as the indicator page is: beyond 30 regions, the home
		// region, ticked in the form and named in the file, so the page and
		// its twins say what they hold.
		v.Regions = pageRegions(snap)
	}
	cat := s.catalog(snap)
	var rows []transform.Row
	if len(v.Indicators) > 0 {
		if rows, err = transform.Select(c.Request().Context(), snap.DB, v.Filter(v.Indicators, v.Regions, true), v.Transform, cat.IndicatorOrID); err != nil {
			return err
		}
	}
	if ext != "" {
		if len(v.Indicators) == 0 {
			return &request.Error{Param: request.Indicators, Zh: "一个或多个指标代码，如 indicators=gdp,rd_intensity",
				En: "one or more indicator ids, e.g. indicators=gdp,rd_intensity", List: request.ListIndicators}
		}
		f, err := twinFormat(v, ext)
		if err != nil {
			return err
		}
		startDownload(c, f, reportFileName(v))
		return export.WriteReport(c.Response(), f, cat, rows, v.Layout, v.Lang)
	}
	p := s.newPage(c, nil)
	p.Title = p.T("报表", "Reports")
	p.Data = newReportView(cat, snap, v, rows, v.Lang)
	return s.render(c, "reports", p)
}

// fieldError is a form field's error, shown beside it.
type fieldError struct {
	Field, Message, Link string
}

func formError(e *request.Error, lang figure.Lang) *fieldError {
	link := listLink(e.List, false)
	if link != "" && lang == figure.En {
		link += "?lang=en"
	}
	return &fieldError{Field: e.Field(), Message: e.Message(lang), Link: link}
}

// reportFileName: gdp-rd_intensity-nanshan-shenzhen-2015-2024-wide.
func reportFileName(v View) fileName {
	name := "report"
	for _, id := range v.Indicators {
		name += "-" + id
	}
	for _, id := range v.Regions {
		name += "-" + id
	}
	if v.From != "" || v.To != "" {
		name += "-" + v.From + "-" + v.To
	}
	if v.Transform != transform.Level {
		name += "-" + v.Transform
	}
	name += "-" + v.Layout
	return fileName{ASCII: name, Zh: "报表" + name[len("report"):]}
}

// reportView is what reports.html shows: the form's choices and the table.
type reportView struct {
	Indicators []choice
	Regions    []choice
	// MoreRegions counts the regions the form does not list (formRegions):
	// it takes them by id.
	MoreRegions int
	AllRegions  int
	Transforms  []choice
	Layouts     []choice
	View        View
	Selected    bool
	Layout      string
	Wide        *export.Wide
	WideCells   [][]string // formatted, qualifier and unit kept
	Long        []reportRow
	Rows        int
	Error       *fieldError // a bad value, shown beside its field
	Raw         url.Values  // the values as typed, when one was bad
}

// Value is a text field's value: as typed when the form came back with an
// error, else as parsed.
func (rv *reportView) Value(name string) string {
	if rv.Raw != nil {
		return rv.Raw.Get(name)
	}
	switch name {
	case request.From:
		return rv.View.From
	case request.To:
		return rv.View.To
	case request.AsOf:
		return rv.View.AsOf
	}
	return ""
}

// ErrorFor is the error to show beside a field, if it is the bad one.
func (rv *reportView) ErrorFor(field string) *fieldError {
	if rv.Error != nil && rv.Error.Field == field {
		return rv.Error
	}
	return nil
}

type choice struct {
	ID, Label string
	Checked   bool
}

type reportRow struct {
	Indicator, Region, Period, Value, Status, Source, Note string
}

func newReportView(cat *export.Catalog, snap *Snapshot, v View, rows []transform.Row, lang figure.Lang) *reportView {
	pick := func(zh, en string) string {
		if lang == figure.En {
			return en
		}
		return zh
	}
	rv := &reportView{View: v, Selected: len(v.Indicators) > 0, Layout: v.Layout, Rows: len(rows)}
	in := func(list []string, id string) bool { return oneOf(id, list) }
	for _, i := range snap.Indicators {
		rv.Indicators = append(rv.Indicators, choice{i.ID, pick(i.NameZh, i.NameEn), in(v.Indicators, i.ID)})
	}
	offered, more := formRegions(snap, v.Regions)
	rv.AllRegions, rv.MoreRegions = len(snap.Regions), more
	for _, r := range offered {
		rv.Regions = append(rv.Regions, choice{r.ID, pick(r.NameZh, r.NameEn), in(v.Regions, r.ID)})
	}
	for _, t := range transform.Valid {
		rv.Transforms = append(rv.Transforms, choice{t, transform.Name(t, false, lang), t == v.Transform})
	}
	rv.Layouts = []choice{{"wide", pick("宽表（时期为行）", "wide (periods as rows)"), v.Layout == "wide"},
		{"long", pick("长表（每个数字一行）", "long (one row per figure)"), v.Layout == "long"}}
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
	if v.Layout == "wide" {
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
		ind, reg := cat.IndicatorOrID(r.Indicator), cat.RegionOrID(r.Region)
		rv.Long = append(rv.Long, reportRow{pick(ind.NameZh, ind.NameEn), pick(reg.NameZh, reg.NameEn), press.PeriodLabel(r.Observation, lang),
			show(r), figure.Status(r.Status, lang), r.Source, r.Note})
	}
	return rv
}

// rowUnit is the figure.Unit a row's value is in: the indicator's, or the
// unit of a derived value.
func rowUnit(cat *export.Catalog, r *transform.Row) figure.Unit {
	return r.UnitOf(unitOf(cat.IndicatorOrID(r.Indicator)))
}
