package dashboard

import (
	"html/template"

	"districtstats/figure"
)

// Header is the site's header on every page but an embed: the skip link,
// the site's name, the navigation with a link per topic, and the language
// switch. Written in Go as the layout's busiest part (some 30 actions,
// each a method call through reflection, on every cold render), escaped
// as html/template escaped the template it replaced
// (TestHeaderFooterMatchTemplate).
func (p *Page) Header() template.HTML {
	var w htmlWriter
	w.Grow(1536)
	w.raw("\n<a class=\"skip\" href=\"#main\">")
	w.text(p.T("跳到正文", "Skip to content"))
	w.raw("</a>\n<header class=\"site\">\n  <a class=\"brand\" href=\"")
	w.url(p.URL("/"))
	w.raw(`">`)
	if p.Snapshot != nil {
		w.text(p.T(p.Snapshot.Def.Site.NameZh, p.Snapshot.Def.Site.NameEn))
	}
	w.raw("</a>\n  <nav aria-label=\"")
	w.text(p.T("主导航", "Main"))
	w.raw("\">\n    <a href=\"")
	w.url(p.URL("/"))
	w.raw(`">`)
	w.text(p.T("概览", "Overview"))
	w.raw("</a>\n    ")
	if p.Snapshot != nil {
		for _, t := range p.Snapshot.Def.Topics {
			w.raw(`<a href="`)
			w.url(p.URL("/topics/" + t.ID))
			w.raw(`">`)
			w.text(p.T(t.NameZh, t.NameEn))
			w.raw("</a>\n    ")
		}
	}
	for _, l := range navLinks {
		w.raw("    <a href=\"")
		w.url(p.URL(l.path))
		w.raw(`">`)
		w.text(p.T(l.zh, l.en))
		w.raw("</a>\n")
	}
	w.raw("  </nav>\n  <span class=\"lang\">")
	if p.Lang == figure.En {
		w.raw(`<a href="`)
		w.url(p.LangURL("zh"))
		w.raw(`" hreflang="zh-CN" lang="zh-CN">中文</a> · <strong>English</strong>`)
	} else {
		w.raw(`<strong>中文</strong> · <a href="`)
		w.url(p.LangURL("en"))
		w.raw(`" hreflang="en" lang="en">English</a>`)
	}
	w.raw("</span>\n</header>\n")
	return template.HTML(w.String())
}

// navLinks are the header's links after the topics.
var navLinks = []struct{ path, zh, en string }{
	{"/indicators", "指标", "Indicators"},
	{"/reports", "报表", "Reports"},
	{"/briefing", "简报", "Briefing"},
	{"/check", "数字核对", "Figure check"},
	{"/downloads", "下载", "Downloads"},
	{"/api/v1/docs", "API", "API"},
}

// Footer is the site's footer: the freshness line when a snapshot is open,
// and, but on an embed, the note on sources and precision. Written in Go
// with the header (TestHeaderFooterMatchTemplate).
func (p *Page) Footer() template.HTML {
	var w htmlWriter
	w.Grow(512)
	w.raw("\n<footer class=\"site\">\n  ")
	if s := p.Snapshot; s != nil {
		w.raw("<p class=\"freshness\">\n    ")
		w.text(p.T("数据最新发布：", "Data last published: "))
		w.raw(`<span data-freshness="published">`)
		w.text(figure.Date(p.FreshnessDate(), p.Lang))
		w.raw("</span>\n    · ")
		w.text(p.T("快照生成于：", "Snapshot built: "))
		w.raw(`<time datetime="`)
		w.text(isoTime(s.Info.BuiltAt))
		w.raw(`" data-freshness="built">`)
		w.text(figure.TimeIn(s.Info.BuiltAt, s.Loc, p.Lang))
		w.raw("</time>\n  </p>")
	}
	w.raw("\n  ")
	if !p.Embed {
		w.raw("<p>")
		w.text(p.T("数据来源见各图表与指标页。数字按来源发布的精度显示，不做四舍五入；缺失年份显示为空缺。",
			"Sources are given under every chart and on every indicator page. Figures keep the precision their source published; missing years stay missing."))
		w.raw("</p>")
	}
	w.raw("\n</footer>\n")
	return template.HTML(w.String())
}
