package dashboard

import (
	"html/template"
	"strings"
	"testing"

	"districtstats/figure"
	"districtstats/press"
)

// TestFigureItemsMatchTemplate: a briefing section's figures, written in
// Go, are byte for byte what html/template wrote from the template they
// replace, whatever the texts hold (markup, quotes, +, NUL, invalid
// UTF-8, CJK), for an outcome, a target and a comparison.
func TestFigureItemsMatchTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`{{$c := .C}}{{with .S}}  <ul class="briefing-figures">
  {{range .Figures}}
    <li class="briefing-figure{{if .Pair.Target}} is-target{{end}}{{if .Comparison}} is-comparison{{end}}" data-figure="{{.Pair.Indicator}}/{{.Pair.Region}}/{{.Pair.Period}}">
      {{if .Pair.Target}}<span class="badge">{{$c.Target}}</span>{{end}}
      <span class="briefing-sentence">{{.Text}}</span>
      <span class="no-print">
        <button type="button" class="copy" data-copy="{{.Pair.Zh.Text}}" data-copied="{{$c.Copied}}" aria-label="{{$c.ZhLabel}}">{{$c.Zh}}</button>
        <button type="button" class="copy" data-copy="{{.Pair.En.Text}}" data-copied="{{$c.Copied}}" aria-label="{{$c.EnLabel}}">{{$c.En}}</button>
        <span class="copy-status" role="status" aria-live="polite"></span>
      </span>
    </li>
  {{end}}
  </ul>{{end}}`))
	page := template.Must(template.New("p").Parse(`{{$c := .C}}{{with .S}}  <ul class="briefing-figures">
  {{.FigureItems $c}}
  </ul>{{end}}`))
	pair := func(ind, status, zh, en string) press.Pair {
		return press.Pair{Indicator: ind, Region: "nanshan", Period: "2024", Status: status,
			Zh: press.Sentence{Lang: figure.Zh, Body: zh, Citation: "（来源：蛇口消息报，2025年3月26日）"},
			En: press.Sentence{Lang: figure.En, Body: en, Citation: "(Shekou News, 26 March 2025)"}}
	}
	s := briefingSection{Figures: []briefingFigure{
		{Pair: pair("gdp", "final", "2024年，南山区地区生产总值超9501亿元。", "Nanshan's GDP was more than 950.1 billion yuan in 2024."), Text: "2024年，南山区地区生产总值超9501亿元。[1]"},
		{Pair: pair("robotics", "target", `<script>alert("x")</script> & it's +5%`, "nul\x00byte bad\xffutf8 \u2028"), Text: "<b>&amp;</b> +1 'q' \"dq\"[2]"},
		{Pair: pair("rd_intensity", "preliminary", "比较", "compare"), Comparison: true, Text: "较全国高 [1][3]"},
	}}
	for _, c := range []briefingCopy{
		{Copied: "已复制", Zh: "复制中文", En: "复制英文", ZhLabel: "复制中文句子（含来源）", EnLabel: "复制英文句子（含来源）", Target: "目标"},
		{Copied: `Cop"ied`, Zh: "Copy <Chinese>", En: "Copy English", ZhLabel: "a & b", EnLabel: "it's", Target: "+Target"},
	} {
		data := struct {
			C briefingCopy
			S briefingSection
		}{c, s}
		var want, got strings.Builder
		if err := tmpl.Execute(&want, data); err != nil {
			t.Fatal(err)
		}
		if err := page.Execute(&got, data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("FigureItems:\n%q\nhtml/template:\n%q", got.String(), want.String())
		}
		if !strings.Contains(got.String(), "&lt;script&gt;") || !strings.Contains(got.String(), "is-target") || !strings.Contains(got.String(), "is-comparison") {
			t.Errorf("not escaped or classes missing: %q", got.String())
		}
	}
}
