package dashboard

import (
	"html/template"
	"strings"
	"testing"

	"districtstats/figure"
	"districtstats/queries"
)

// overviewCardsTemplate is the template overviewCards replaced, as it
// was (the page keeps the line break after it).
const overviewCardsTemplate = `{{range .Data.Topics}}
<section class="topic-cards" id="topic-{{.ID}}">
  <h2><a href="{{$.URL (print "/topics/" .ID)}}">{{.Name}}</a></h2>
  <div class="cards">
  {{range .Cards}}
    <article class="card{{if .Target}} target{{end}}" data-indicator="{{.Indicator.ID}}">
      <h3><a href="{{.Href}}">{{.Name}}</a></h3>
      <p class="card-value">{{if .Target}}<span class="badge">{{$.T "目标" "Target"}}</span> {{end}}{{.Value}}</p>
      <p class="card-period">{{.When}}</p>
      {{with .Change}}<p class="card-change">{{.}}</p>{{end}}
      {{with .Spark}}<svg class="spark" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" focusable="false" aria-label="{{.Label}}"><path d="{{.Path}}"/></svg>{{end}}
      <p class="card-source">{{.SourceLine}}</p>
    </article>
  {{end}}
  </div>
</section>
{{end}}`

// TestOverviewCardsMatchTemplate: the overview's cards written in Go are
// byte for byte what html/template wrote from the template they replace,
// for targets and figures, with and without a change or a sparkline, in
// both languages, whatever the texts hold.
func TestOverviewCardsMatchTemplate(t *testing.T) {
	ref := template.Must(template.New("ref").Parse(overviewCardsTemplate))
	gdp := &queries.Indicator{ID: "gdp"}
	odd := &queries.Indicator{ID: "a\"b<c>'&+"}
	topics := []topicCards{
		{ID: "economy", Name: "经济 " + hostile, Cards: []card{
			{Indicator: gdp, Name: "地区生产总值", Href: "/indicators/gdp", Value: "超9,501亿元", When: "2024年，初步数",
				Change: "较2023年 +5.2%（按已发布数计算）", Spark: &sparkline{Path: "M1.0 12.0 L50.0 2.0 h0", Label: "走势 2001–2024"}, SourceLine: "来源：" + hostile},
			{Indicator: odd, Name: hostile, Href: "/indicators/x y?lang=en&q=" + hostile, Target: true, Value: hostile, When: hostile, SourceLine: ""},
		}},
		{ID: "x\"y z", Name: "Funds", Cards: []card{
			{Indicator: gdp, Name: "n", Href: "javascript:alert(1)", Value: "v", When: "w", Spark: &sparkline{Path: hostile, Label: hostile}, SourceLine: "s"},
		}},
		{ID: "empty", Name: "no cards"},
	}
	for _, lang := range []figure.Lang{figure.Zh, figure.En} {
		p := &Page{Lang: lang}
		p.Data = struct{ Topics []topicCards }{topics}
		got := string(overviewCards(p, topics))
		sameAsTemplate(t, "overviewCards, "+string(lang), ref, "", p, got)
		for _, s := range []string{"&lt;script&gt;", "&#43;5%", "#ZgotmplZ", "card target", `class="badge"`, "%20y"} {
			if !strings.Contains(got, s) {
				t.Errorf("%s: no %q in the cards", lang, s)
			}
		}
	}
}
