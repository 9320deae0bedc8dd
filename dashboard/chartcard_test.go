package dashboard

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"districtstats/chart"
	"districtstats/figure"
	"districtstats/site"
)

// chartPartial is the template pageChart.HTML replaced, as it was.
const chartPartial = `{{define "chart"}}{{$p := .P}}{{with .C}}
<figure class="chart-card{{if .IsTiles}} chart-tiles{{end}}" id="chart-{{.ID}}" data-chart="{{.ID}}" data-kind="{{.Kind}}">
  <h3 class="chart-title">{{.Title}}</h3>
  {{if .IsTiles}}
  <ul class="tiles">{{range .Tiles}}
    <li class="tile{{if .Target}} tile-target{{end}}{{if .Qualified}} tile-qualified{{end}}{{if .Home}} tile-home{{end}}" data-indicator="{{.Indicator}}" data-region="{{.Region}}">
      <span class="tile-label">{{.Label}}</span>
      <span class="value">{{.Value}}</span>
      {{with .Status}}<span class="tile-status">{{.}}</span>{{end}}
    </li>{{end}}
  </ul>
  {{else}}
  <p class="chart-unit">{{$p.T "单位：" "Unit: "}}{{.Unit}}</p>
  <div class="chart" role="img" aria-label="{{.Title}}" data-options="opts-{{.ID}}"
       data-title="{{.Title}}" data-unit="{{.Unit}}" data-source="{{.SourceLine}}" data-notes="{{.NotesText}}" data-published="{{.PublishedText}}"></div>
  <script type="application/json" id="opts-{{.ID}}">{{.Options}}</script>
  {{end}}
  {{if $p.Embed}}<figcaption class="chart-source">{{.SourceLine}}</figcaption>{{else}}
  <details class="chart-sources"><summary>{{.SourceCount}}</summary>
    <ol>{{range .Sources}}<li>{{.Publisher}}{{$p.T "，" ", "}}{{$.C.SourceDate .}}</li>{{end}}</ol>
  </details>{{end}}
  {{with .Notes}}<ul class="chart-notes">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
  <details class="chart-table">
    <summary>{{$p.T "表格视图" "Table view"}}</summary>
    <div class="table-wrap"><table>
      <caption>{{.Title}}{{with .Unit}} ({{.}}){{end}}</caption>
      <thead><tr>{{range .Table.Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
      <tbody>{{.TableBody}}</tbody>
    </table></div>
  </details>
  {{if not $p.Embed}}<div class="chart-actions">
    <span>{{$p.T "数据：" "Data: "}}</span>
    <a href="{{.Data "csv" false}}" download>CSV</a>
    <a href="{{.Data "csv" true}}" download>{{$p.T "Excel 用 CSV" "CSV for Excel"}}</a>
    <a href="{{.Data "xlsx" false}}" download>XLSX</a>
    <a href="{{.Data "json" false}}">JSON</a>
    {{if not .IsTiles}}<span>{{$p.T "图片：" "Image: "}}</span>
    <button type="button" data-action="png" data-target="chart-{{.ID}}">PNG</button>
    <button type="button" data-action="svg" data-target="chart-{{.ID}}">SVG</button>{{end}}
    {{with .Embed}}<details class="embed-snippet"><summary>{{$p.T "嵌入" "Embed"}}</summary>
      <code>&lt;iframe src="{{$p.Origin}}{{.}}" width="720" height="{{$.C.EmbedHeight}}" title="{{$.C.Title}}"&gt;&lt;/iframe&gt;</code></details>{{end}}
  </div>{{end}}
</figure>
{{end}}{{end}}`

// TestChartHTMLMatchesTemplate: a chart written in Go (pageChart.HTML) is
// byte for byte what html/template wrote from the partial it replaces, for
// lines and tiles, a page and an embed, both languages, and texts holding
// markup, quotes, +, NUL, invalid UTF-8, U+2028 and CJK in every place,
// including links that need percent-encoding and one html/template
// refuses (javascript:).
func TestChartHTMLMatchesTemplate(t *testing.T) {
	ref := template.Must(template.New("ref").Funcs(funcs).Parse(chartPartial + `{{define "page"}}{{template "chart" .}}{{end}}`))
	line := &ChartView{ID: "economy-gdp", Kind: site.Line, Title: "地区生产总值 " + hostile, Unit: "亿元 <b>",
		SourceLine: "来源：" + hostile, SourceCount: "2 个来源", Published: "2025-03-26",
		Sources: []chart.Source{{ID: "a", Publisher: "南山区统计局 " + hostile, Published: "2025-03-26"}, {ID: "b", Publisher: "Shekou News", Published: "2024"}},
		Options: ChartData{Options: map[string]any{"title": map[string]any{"text": "</script><script>x" + hostile}, "series": []any{map[string]any{"name": "南山", "data": []any{1.5, "-", 3}}}},
			Labels: [][]string{{"超5500家 " + hostile, ""}}},
		Table: chart.Table{Head: []string{"年份", "南山 " + hostile}, Rows: [][]string{{"2024", "9,501"}, {hostile, "<i>"}}},
		Notes: []string{"缺失年份显示为空缺。", hostile}, DataURL: "/topics/economy/charts/gdp 南山'(x)%41%zz",
		Query:    url.Values{"from": {"2015"}, "regions": {"nanshan,shenzhen"}, "note": {hostile}, "lang": {"en"}},
		EmbedURL: "/embed/charts/economy/gdp", lang: figure.Zh}
	tiles := &ChartView{ID: "economy-key_shares", Kind: site.Tiles, Title: "Key shares " + hostile, SourceLine: "Source: x",
		SourceCount: "1 source", Sources: []chart.Source{{Publisher: "Pub", Published: ""}},
		Tiles: []chart.Tile{{Indicator: "a", Region: "nanshan", Label: "L " + hostile, Value: "约30%", Status: "初步数", Target: true, Home: true},
			{Indicator: "b\"", Region: "r'", Label: "M", Value: hostile, Qualified: true}},
		Table: chart.Table{Head: []string{"h"}, Rows: [][]string{{"x"}}}, DataURL: "javascript:alert(1)//x", lang: figure.En}
	bare := &ChartView{ID: "i", Kind: site.Bar, Title: "t", Options: ChartData{}, DataURL: "/indicators/gdp", lang: figure.En}
	n := 0
	for _, cv := range []*ChartView{line, tiles, bare} {
		for _, lang := range []figure.Lang{figure.Zh, figure.En} {
			for _, embed := range []bool{false, true} {
				p := &Page{Lang: lang, Embed: embed, Origin: "https://stats.example.gov.cn/\"x&y"}
				got, err := pc(p, cv).HTML()
				if err != nil {
					t.Fatal(err)
				}
				sameAsTemplate(t, fmt.Sprintf("%s, %s, embed %v", cv.ID, lang, embed), ref, "page", pc(p, cv), string(got))
				n++
			}
		}
	}
	// Not two empty outputs that agree: the escapes are there.
	got, _ := pc(&Page{Lang: figure.Zh}, line).HTML()
	for _, want := range []string{"&lt;script&gt;", "\\u003c/script\\u003e", `\u2028`, "%20%e5%8d%97", "%41%25zz", "&#43;5%", "#ZgotmplZ"} {
		s := string(got)
		if want == "#ZgotmplZ" {
			g, _ := pc(&Page{Lang: figure.En}, tiles).HTML()
			s = string(g)
		}
		if !strings.Contains(s, want) {
			t.Errorf("no %q in the chart's HTML", want)
		}
	}
	if n != 12 {
		t.Fatalf("%d cases", n)
	}
}
