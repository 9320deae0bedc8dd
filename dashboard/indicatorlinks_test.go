package dashboard

import (
	"html/template"
	"strings"
	"testing"

	"districtstats/figure"
	"districtstats/queries"
)

// TestIndicatorLinksMatchTemplate: a topic's indicator list written in Go
// is byte for byte what html/template wrote from the range it replaces, in
// both languages, whatever the ids, names and units hold.
func TestIndicatorLinksMatchTemplate(t *testing.T) {
	ref := template.Must(template.New("ref").Parse(
		`{{range .Data}}<li><a href="{{$.URL (print "/indicators/" .ID)}}">{{$.T .NameZh .NameEn}}</a> <span class="unit">({{$.T .UnitZh .UnitEn}})</span></li>{{end}}`))
	inds := []*queries.Indicator{
		{ID: "gdp", NameZh: "地区生产总值", NameEn: "GDP", UnitZh: "亿元", UnitEn: "100 million yuan"},
		{ID: "a b\"<c>'&+%zz", NameZh: hostile, NameEn: hostile, UnitZh: hostile, UnitEn: ""},
	}
	for _, lang := range []figure.Lang{figure.Zh, figure.En} {
		p := &Page{Lang: lang, Data: inds}
		got := string(indicatorLinks(p, inds))
		sameAsTemplate(t, "indicatorLinks, "+string(lang), ref, "", p, got)
		for _, s := range []string{"&lt;script&gt;", "a%20b%22%3cc%3e%27&amp;&#43;%25zz", "/indicators/gdp"} {
			if !strings.Contains(got, s) {
				t.Errorf("%s: no %q in %q", lang, s, got)
			}
		}
	}
}
