package dashboard

import (
	"html/template"
	"net/url"
	"strings"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/site"
)

// ChartView is one chart as a page shows it: what package chart drew (the
// ECharts option as JSON data, never go-echarts' own page; or tiles), the
// table of exactly the drawn numbers, and where its data and sources are.
type ChartView struct {
	ID          string // unique on the page, e.g. economy-gdp
	Kind        string // site.Line, site.Tiles …
	Title       string
	Unit        string
	SourceLine  string         // "来源：…" with every source drawn and its date: embeds and images
	SourceCount string         // "3 个来源" / "3 sources": the page's short line
	Sources     []chart.Source // the list behind SourceCount
	Published   string         // latest publication date among the drawn figures
	Options     ChartData
	Tiles       []chart.Tile // kind tiles: stand-alone figures, no canvas
	Table       ChartTable
	Notes       []string   // e.g. gaps, derived values, targets, the definition's note
	DataURL     string     // twins: DataURL + ".csv" …
	Query       url.Values // the view's parameters, kept by the data links
	EmbedURL    string     // "" where the chart has no embed page, or framing is not allowed
	lang        figure.Lang
}

// ChartTable is the accessible table under a chart.
type ChartTable = chart.Table

// TableBody is the rows of the chart's table as HTML, every cell escaped
// as html/template escapes text (textEscaper). A topic page at 10M has
// over a thousand cells, and each cell through the template (range, if,
// print, escaper: reflection each time) was a tenth of its render.
// TestTableBodyMatchesTemplate holds it to the template it replaces.
func (cv *ChartView) TableBody() template.HTML {
	n := 0
	for _, row := range cv.Table.Rows {
		n += 9
		for _, c := range row {
			n += len(c) + 23
		}
	}
	var w htmlWriter
	w.Grow(n)
	for _, row := range cv.Table.Rows {
		w.raw("<tr>")
		for i, c := range row {
			if i == 0 {
				w.raw(`<th scope="row">`)
				w.text(c)
				w.raw("</th>")
				continue
			}
			w.raw(`<td class="num">`)
			w.text(c)
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
	return template.HTML(w.String())
}

// textEscaper escapes text in HTML content exactly as html/template does
// (its htmlReplacementTable: NUL, quotes, &, +, < and >).
var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func newChartView(ch *chart.Chart, id string, lang figure.Lang) *ChartView {
	return &ChartView{ID: id, Kind: ch.Kind, Title: ch.Title, Unit: ch.Unit,
		SourceLine: ch.SourceLine(lang), SourceCount: ch.SourceCount(lang), Sources: ch.Sources, Published: ch.Published(),
		Options: ChartData{Options: ch.Option, Labels: ch.Labels}, Tiles: ch.Tiles, Table: ch.Table, Notes: ch.Notes, lang: lang}
}

// IsTiles says the chart is tiles: HTML, no canvas, no image export.
func (cv *ChartView) IsTiles() bool { return cv.Kind == site.Tiles }

// EmbedHeight is the frame height the embed snippet suggests (720 px
// wide): enough for the title, notes and whole source line beside a
// readable plot, or for every row of tiles (three to a row).
func (cv *ChartView) EmbedHeight() int {
	if cv.IsTiles() {
		return 400 + 120*((len(cv.Tiles)+2)/3)
	}
	return 560
}

// NotesText is the notes as one text, for the PNG/SVG footer.
func (cv *ChartView) NotesText() string { return strings.Join(cv.Notes, "\n") }

// PublishedText is the latest publication date as the page writes dates.
func (cv *ChartView) PublishedText() string { return figure.Date(cv.Published, cv.lang) }

// SourceDate is a source's date as the page writes dates.
func (cv *ChartView) SourceDate(s chart.Source) string { return figure.Date(s.Published, cv.lang) }

// Data links the chart's data in a format, with the parameters the chart
// was drawn with, so the download holds exactly what is shown.
func (cv *ChartView) Data(ext string, excel bool) string {
	q := url.Values{}
	for k, v := range cv.Query {
		if k != "lang" {
			q[k] = v
		}
	}
	if excel {
		q.Set("excel", "1")
	}
	return withQuery(cv.DataURL+"."+ext, q)
}

// Embed is the embed page's URL with the chart's parameters.
func (cv *ChartView) Embed() string {
	if cv.EmbedURL == "" {
		return ""
	}
	return withQuery(cv.EmbedURL, cv.Query)
}

// ChartData is what the static JS reads from the page: the ECharts option
// and, per series and point, the full label (qualifier, unit, status) for
// tooltips. html/template marshals it as JSON with <, > and & escaped, so
// data strings cannot end the script block, and JSON.parse keeps every
// string a string (no "__f__" functions).
type ChartData struct {
	Options map[string]any `json:"options"`
	Labels  [][]string     `json:"labels"`
}

// pageChart pairs a page with one of its charts, which HTML writes (chartcard.go).
type pageChart struct {
	P *Page
	C *ChartView
}

func pc(p *Page, c *ChartView) pageChart { return pageChart{p, c} }
