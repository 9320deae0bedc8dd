package dashboard

import (
	"html/template"
	"strings"
	"testing"

	"districtstats/chart"
)

// TestTableBodyMatchesTemplate: the chart table's rows, written in Go, are
// byte for byte what html/template wrote from the template they replace,
// whatever the cells hold (markup, quotes, +, NUL, invalid UTF-8, CJK).
func TestTableBodyMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(
		`{{range .}}<tr>{{range $i, $c := .}}{{if $i}}<td class="num">{{$c}}</td>{{else}}<th scope="row">{{$c}}</th>{{end}}{{end}}</tr>{{end}}`))
	rows := [][]string{
		{"2024", "超6,500 亿元（初步数）", "约30%", "—"},
		{`<script>alert("x")</script>`, "a & b", "it's", "+5.2%"},
		{"nul\x00byte", "bad\xffutf8", "\u2028", "<b>", "&amp;"},
		{"only a category"},
	}
	got := string((&ChartView{Table: chart.Table{Rows: rows}}).TableBody())
	sameAsTemplate(t, "TableBody", tmpl, "", rows, got)
	if !strings.Contains(got, "&lt;script&gt;") || !strings.Contains(got, "&#43;5.2%") {
		t.Errorf("cells not escaped: %q", got)
	}
}
