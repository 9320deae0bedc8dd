package export

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"districtstats/figure"
	"districtstats/queries"
	"districtstats/transform"
)

// Wide is a report with periods as rows and one column per
// indicator/region series.
type Wide struct {
	Columns []WideColumn
	Periods []string
	Cells   [][]*transform.Row // [period][column]; nil is a gap
}

// WideColumn is one series of a wide report.
type WideColumn struct {
	Indicator string `json:"indicator"`
	Region    string `json:"region"`
	Label     string `json:"label"` // 地区生产总值 某某区 (亿元)
	Unit      string `json:"unit"`  // unit code of the values
}

// MakeWide lays rows out wide. Labels are in lang; a transformed series
// says so in its label and carries the derived unit.
func MakeWide(cat *Catalog, rows []transform.Row, lang figure.Lang) *Wide {
	w := &Wide{}
	col := map[[2]string]int{}
	type span struct {
		text       string
		start, end int64
	}
	periods := map[string]span{}
	for i := range rows {
		r := &rows[i]
		k := [2]string{r.Indicator, r.Region}
		if _, ok := col[k]; !ok {
			col[k] = len(w.Columns)
			w.Columns = append(w.Columns, wideColumn(cat, r, lang))
		}
		periods[r.Period] = span{r.Period, r.Start.Unix(), r.End.Unix()}
	}
	// A missing year stays visible: annual rows run without holes from the
	// first year to the last, empty where nothing was published.
	first, last := 0, 0
	for _, p := range periods {
		if y, err := strconv.Atoi(p.text); err == nil && len(p.text) == 4 {
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
	}
	for y := first; first > 0 && y <= last; y++ {
		text := strconv.Itoa(y)
		if _, ok := periods[text]; !ok {
			periods[text] = span{text, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).Unix()}
		}
	}
	list := make([]span, 0, len(periods))
	for _, p := range periods {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.end != b.end {
			return a.end < b.end
		}
		if a.start != b.start {
			return a.start > b.start
		}
		return a.text < b.text
	})
	row := map[string]int{}
	for i, p := range list {
		w.Periods = append(w.Periods, p.text)
		row[p.text] = i
		w.Cells = append(w.Cells, make([]*transform.Row, len(w.Columns)))
	}
	for i := range rows {
		r := &rows[i]
		w.Cells[row[r.Period]][col[[2]string{r.Indicator, r.Region}]] = r // later vintages win
	}
	return w
}

func wideColumn(cat *Catalog, r *transform.Row, lang figure.Lang) WideColumn {
	ind, reg := cat.IndicatorOrID(r.Indicator), cat.RegionOrID(r.Region)
	code, zh, en := unitNames(r, ind)
	name, region, unit := ind.NameZh, reg.NameZh, zh
	if lang == figure.En {
		name, region, unit = ind.NameEn, reg.NameEn, en
	}
	label := name + " " + region
	if r.Derived() {
		label += " " + TransformName(r.Transform, ind, lang)
	}
	return WideColumn{Indicator: r.Indicator, Region: r.Region, Label: label + " (" + unit + ")", Unit: code}
}

// TransformName names a transform for headers: transform's one list of
// labels, "nominal" when a rate comes from current-price levels.
func TransformName(t string, ind *queries.Indicator, lang figure.Lang) string {
	return transform.Name(t, transform.Nominal(ind), lang)
}

// Cell is a wide cell's value, or nil for a gap. In CSV it is the plain
// number (its qualifier has a column of its own); in XLSX a Qualified
// number, still a number, displayed with its qualifier ("about 7500").
func (w *Wide) Cell(p, c int, lang figure.Lang, shown bool) any {
	r := w.Cells[p][c]
	if r == nil || r.Null {
		return nil
	}
	if !shown {
		return r.Value
	}
	if r.Qualifier == "exact" || r.Qualifier == "" {
		return Qualified{Value: r.Value}
	}
	return Qualified{Value: r.Value, Prefix: figure.QualifierPrefix(r.Qualifier, lang)}
}

// Sources are the distinct sources of column c's figures, in period order.
func (w *Wide) Sources(c int) []string {
	var out []string
	for p := range w.Cells {
		if r := w.Cells[p][c]; r != nil && r.Source != "" && !slices.Contains(out, r.Source) {
			out = append(out, r.Source)
		}
	}
	return out
}

// derivedUnit is the unit code of column c's rows ("" = the indicator's).
func derivedUnit(w *Wide, c int) string {
	for p := range w.Cells {
		if r := w.Cells[p][c]; r != nil {
			return r.Unit
		}
	}
	return ""
}

func pickLang(lang figure.Lang, zh, en string) string {
	if lang == figure.En {
		return en
	}
	return zh
}

// WriteReport writes a report: layout "long" is the observations table,
// "wide" one column per series.
func WriteReport(w io.Writer, f Format, cat *Catalog, rows []transform.Row, layout string, lang figure.Lang) error {
	if layout == "long" {
		return WriteObservations(w, f, cat, Slice(rows))
	}
	wide := MakeWide(cat, rows, lang)
	periodHeader := "period"
	if lang != figure.En {
		periodHeader = "时期"
	}
	// Each series is three columns: its value (a number, empty for a gap),
	// then the value's qualifier and status, so that every value column
	// reads as numbers (pandas, R, Excel) and nothing is lost.
	qualWord, statusWord, unitWord, sourceWord := " 数值限定", " 状态", "单位", "来源"
	if lang == figure.En {
		qualWord, statusWord, unitWord, sourceWord = " qualifier", " status", "unit", "source"
	}
	cols := []string{periodHeader}
	for _, c := range wide.Columns {
		cols = append(cols, c.Label, c.Label+qualWord, c.Label+statusWord)
	}
	switch f {
	case CSV, ExcelCSV, XLSX:
		var t table
		var book *xlsxBook
		if f == XLSX {
			book = newXLSXBook()
			// Header, unit and source rows stay in view.
			if err := book.sheetFrozen("report", 3); err != nil {
				return err
			}
			t = book
		} else {
			ct, err := newCSVTable(w, f == ExcelCSV)
			if err != nil {
				return err
			}
			defer ct.flush()
			t = ct
		}
		if book != nil {
			if err := book.headerFitted(cols); err != nil {
				return err
			}
			units, sources := []any{unitWord}, []any{sourceWord}
			for c, col := range wide.Columns {
				_, zh, en := unitNames(&transform.Row{Unit: derivedUnit(wide, c)}, cat.IndicatorOrID(col.Indicator))
				units = append(units, pickLang(lang, zh, en), "", "")
				sources = append(sources, strings.Join(wide.Sources(c), "; "), "", "")
			}
			if err := book.row(units); err != nil {
				return err
			}
			if err := book.row(sources); err != nil {
				return err
			}
		} else if err := t.header(cols); err != nil {
			return err
		}
		var u used
		for p := range wide.Periods {
			cells := []any{wide.Periods[p]}
			for c := range wide.Columns {
				r := wide.Cells[p][c]
				cells = append(cells, wide.Cell(p, c, lang, f == XLSX))
				if r != nil && !r.Null {
					cells = append(cells, r.Qualifier, r.Status)
				} else {
					cells = append(cells, nil, nil)
				}
				if r != nil {
					u.add(r)
				}
			}
			if err := t.row(cells); err != nil {
				return err
			}
		}
		if book != nil {
			if err := writeMetaSheets(book, cat, &u); err != nil {
				return err
			}
			return book.write(w)
		}
		return nil
	case JSON:
		type cell struct {
			Value     *float64 `json:"value"`
			Qualifier string   `json:"qualifier"`
			Status    string   `json:"status"`
			Source    string   `json:"source"`
			Note      string   `json:"note,omitempty"`
		}
		type wideRow struct {
			Period string  `json:"period"`
			Cells  []*cell `json:"cells"`
		}
		out := struct {
			Snapshot SnapshotJSON `json:"snapshot"`
			Layout   string       `json:"layout"`
			Columns  []WideColumn `json:"columns"`
			Rows     []wideRow    `json:"rows"`
		}{Snapshot: SnapshotJSON{cat.BuiltAt}, Layout: "wide", Columns: wide.Columns, Rows: []wideRow{}}
		for p := range wide.Periods {
			wr := wideRow{Period: wide.Periods[p], Cells: make([]*cell, len(wide.Columns))}
			for c := range wide.Columns {
				if r := wide.Cells[p][c]; r != nil {
					x := &cell{Qualifier: r.Qualifier, Status: r.Status, Source: r.Source, Note: r.Note}
					if !r.Null {
						v := r.Value
						x.Value = &v
					}
					wr.Cells[c] = x
				}
			}
			out.Rows = append(out.Rows, wr)
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return fmt.Errorf("format %q: reports come as csv, excel-csv, xlsx or json", f)
}
