package dashboard

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"
	"time"

	"districtstats/figure"
	"districtstats/queries"
	"districtstats/site"
)

// layoutTemplates are the header and footer Page.Header and Page.Footer
// replaced, as they were in templates/common/layout.html.
const layoutTemplates = `{{define "header"}}
<a class="skip" href="#main">{{.T "跳到正文" "Skip to content"}}</a>
<header class="site">
  <a class="brand" href="{{.URL "/"}}">{{with .Snapshot}}{{$.T .Def.Site.NameZh .Def.Site.NameEn}}{{end}}</a>
  <nav aria-label="{{.T "主导航" "Main"}}">
    <a href="{{.URL "/"}}">{{.T "概览" "Overview"}}</a>
    {{with .Snapshot}}{{range .Def.Topics}}<a href="{{$.URL (print "/topics/" .ID)}}">{{$.T .NameZh .NameEn}}</a>
    {{end}}{{end}}    <a href="{{.URL "/indicators"}}">{{.T "指标" "Indicators"}}</a>
    <a href="{{.URL "/reports"}}">{{.T "报表" "Reports"}}</a>
    <a href="{{.URL "/briefing"}}">{{.T "简报" "Briefing"}}</a>
    <a href="{{.URL "/check"}}">{{.T "数字核对" "Figure check"}}</a>
    <a href="{{.URL "/downloads"}}">{{.T "下载" "Downloads"}}</a>
    <a href="{{.URL "/api/v1/docs"}}">API</a>
  </nav>
  <span class="lang">{{if eq .Lang "en"}}<a href="{{.LangURL "zh"}}" hreflang="zh-CN" lang="zh-CN">中文</a> · <strong>English</strong>{{else}}<strong>中文</strong> · <a href="{{.LangURL "en"}}" hreflang="en" lang="en">English</a>{{end}}</span>
</header>
{{end}}

{{define "footer"}}
<footer class="site">
  {{with .Snapshot}}<p class="freshness">
    {{$.T "数据最新发布：" "Data last published: "}}<span data-freshness="published">{{date $.FreshnessDate $.Lang}}</span>
    · {{$.T "快照生成于：" "Snapshot built: "}}<time datetime="{{iso .Info.BuiltAt}}" data-freshness="built">{{time .Info.BuiltAt .Loc $.Lang}}</time>
  </p>{{end}}
  {{if not .Embed}}<p>{{.T "数据来源见各图表与指标页。数字按来源发布的精度显示，不做四舍五入；缺失年份显示为空缺。" "Sources are given under every chart and on every indicator page. Figures keep the precision their source published; missing years stay missing."}}</p>{{end}}
</footer>
{{end}}`

// TestHeaderFooterMatchTemplate: the header and footer written in Go are
// byte for byte what html/template wrote from the templates they replace,
// in both languages, with and without a snapshot, on embeds, whatever the
// site's and topics' names, the path and the query hold.
func TestHeaderFooterMatchTemplate(t *testing.T) {
	ref := template.Must(template.New("ref").Funcs(funcs).Parse(layoutTemplates))
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	snap := &Snapshot{
		Info: queries.SnapshotInfo{BuiltAt: time.Date(2026, 11, 26, 1, 2, 3, 0, time.UTC), LatestPublished: "2025-03-31"},
		Def: &site.Definition{Site: site.Site{NameZh: "南山区经济数据 " + hostile, NameEn: "Nanshan " + hostile},
			Topics: []site.Topic{{ID: "economy", NameZh: "经济", NameEn: "Economy"}, {ID: "x\"y z/../<", NameZh: hostile, NameEn: hostile}}},
		Loc: shanghai,
	}
	var pages []*Page
	for _, lang := range []figure.Lang{figure.Zh, figure.En} {
		for _, s := range []*Snapshot{snap, nil} {
			for _, embed := range []bool{false, true} {
				pages = append(pages,
					&Page{Lang: lang, Path: "/topics/economy", Query: url.Values{"from": {"2015"}}, Snapshot: s, Embed: embed},
					&Page{Lang: lang, Path: "/indicators/x y\"<", Query: url.Values{"q": {hostile}, "lang": {"en"}}, Snapshot: s, Embed: embed, Published: "2024年"},
					&Page{Lang: lang, Path: "javascript:alert(1)", Snapshot: s, Embed: embed})
			}
		}
	}
	for _, p := range pages {
		for name, got := range map[string]template.HTML{"header": p.Header(), "footer": p.Footer()} {
			sameAsTemplate(t, fmt.Sprintf("%s of %s (%s, snapshot %v, embed %v)", name, p.Path, p.Lang, p.Snapshot != nil, p.Embed),
				ref, name, p, string(got))
		}
	}
	got := string(pages[0].Header())
	for _, s := range []string{`<a href="/topics/economy">经济</a>`, "&lt;script&gt;", `href="/topics/x%22y%20z/../%3c"`, `<a href="/api/v1/docs">API</a>`} {
		if !strings.Contains(got, s) {
			t.Errorf("no %q in the header:\n%s", s, got)
		}
	}
}
