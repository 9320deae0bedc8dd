package dashboard

import (
	"fmt"
	"html/template"
	"strconv"
)

// HTML is the chart as a page shows it: title, tiles or canvas with its
// ECharts option, sources, notes, the table of exactly the drawn numbers,
// and its data and image links (embed pages: the source line instead).
//
// It is written in Go rather than by a template partial: html/template
// runs each action through reflection and one to three escaper functions,
// and at 10M the partial was about half of a cold topic page's Go time
// (five charts, a few hundred actions; a page's figures bounded by from=
// and to= make the rest small). Every value is escaped as html/template
// escapes it in that place: text and quoted attributes with its
// replacement table (textEscaper), links as its URL filter and normaliser
// then that table, the option as its JSON escaper does.
// TestChartHTMLMatchesTemplate holds the output byte for byte to the
// partial it replaces.
func (v pageChart) HTML() (template.HTML, error) {
	p, c := v.P, v.C
	t := p.T
	var hw htmlWriter
	hw.Grow(4096 + 64*len(c.Table.Rows)*(1+len(c.Table.Head)))
	w, text, href := hw.raw, hw.text, hw.url

	tiles := c.IsTiles()
	w("\n<figure class=\"chart-card")
	if tiles {
		w(" chart-tiles")
	}
	w(`" id="chart-`)
	text(c.ID)
	w(`" data-chart="`)
	text(c.ID)
	w(`" data-kind="`)
	text(c.Kind)
	w("\">\n  <h3 class=\"chart-title\">")
	text(c.Title)
	w("</h3>\n  ")
	if tiles {
		w("\n  <ul class=\"tiles\">")
		for _, tl := range c.Tiles {
			w("\n    <li class=\"tile")
			if tl.Target {
				w(" tile-target")
			}
			if tl.Qualified {
				w(" tile-qualified")
			}
			if tl.Home {
				w(" tile-home")
			}
			w(`" data-indicator="`)
			text(tl.Indicator)
			w(`" data-region="`)
			text(tl.Region)
			w("\">\n      <span class=\"tile-label\">")
			text(tl.Label)
			w("</span>\n      <span class=\"value\">")
			text(tl.Value)
			w("</span>\n      ")
			if tl.Status != "" {
				w(`<span class="tile-status">`)
				text(tl.Status)
				w("</span>")
			}
			w("\n    </li>")
		}
		w("\n  </ul>\n  ")
	} else {
		w("\n  <p class=\"chart-unit\">")
		text(t("单位：", "Unit: "))
		text(c.Unit)
		w("</p>\n  <div class=\"chart\" role=\"img\" aria-label=\"")
		text(c.Title)
		w(`" data-options="opts-`)
		text(c.ID)
		w("\"\n       data-title=\"")
		text(c.Title)
		w(`" data-unit="`)
		text(c.Unit)
		w(`" data-source="`)
		text(c.SourceLine)
		w(`" data-notes="`)
		text(c.NotesText())
		w(`" data-published="`)
		text(c.PublishedText())
		w("\"></div>\n  <script type=\"application/json\" id=\"opts-")
		text(c.ID)
		w(`">`)
		opts, err := scriptJSON(c.Options)
		if err != nil {
			return "", fmt.Errorf("chart %s: %w", c.ID, err)
		}
		w(opts)
		w("</script>\n  ")
	}
	w("\n  ")
	if p.Embed {
		w(`<figcaption class="chart-source">`)
		text(c.SourceLine)
		w("</figcaption>")
	} else {
		w("\n  <details class=\"chart-sources\"><summary>")
		text(c.SourceCount)
		w("</summary>\n    <ol>")
		for _, s := range c.Sources {
			w("<li>")
			text(s.Publisher)
			text(t("，", ", "))
			text(c.SourceDate(s))
			w("</li>")
		}
		w("</ol>\n  </details>")
	}
	w("\n  ")
	if len(c.Notes) > 0 {
		w(`<ul class="chart-notes">`)
		for _, n := range c.Notes {
			w("<li>")
			text(n)
			w("</li>")
		}
		w("</ul>")
	}
	w("\n  <details class=\"chart-table\">\n    <summary>")
	text(t("表格视图", "Table view"))
	w("</summary>\n    <div class=\"table-wrap\"><table>\n      <caption>")
	text(c.Title)
	if c.Unit != "" {
		w(" (")
		text(c.Unit)
		w(")")
	}
	w("</caption>\n      <thead><tr>")
	for _, h := range c.Table.Head {
		w(`<th scope="col">`)
		text(h)
		w("</th>")
	}
	w("</tr></thead>\n      <tbody>")
	w(string(c.TableBody()))
	w("</tbody>\n    </table></div>\n  </details>\n  ")
	if !p.Embed {
		w("<div class=\"chart-actions\">\n    <span>")
		text(t("数据：", "Data: "))
		w("</span>")
		for _, l := range []struct {
			ext, label string
			excel      bool
		}{{"csv", "CSV", false}, {"csv", t("Excel 用 CSV", "CSV for Excel"), true}, {"xlsx", "XLSX", false}, {"json", "JSON", false}} {
			w("\n    <a href=\"")
			href(c.Data(l.ext, l.excel))
			if l.ext == "json" {
				w("\">") // opened in the browser, not downloaded
			} else {
				w("\" download>")
			}
			text(l.label)
			w("</a>")
		}
		w("\n    ")
		if !tiles {
			w("<span>")
			text(t("图片：", "Image: "))
			w("</span>\n    <button type=\"button\" data-action=\"png\" data-target=\"chart-")
			text(c.ID)
			w("\">PNG</button>\n    <button type=\"button\" data-action=\"svg\" data-target=\"chart-")
			text(c.ID)
			w("\">SVG</button>")
		}
		w("\n    ")
		if e := c.Embed(); e != "" {
			w("<details class=\"embed-snippet\"><summary>")
			text(t("嵌入", "Embed"))
			w("</summary>\n      <code>&lt;iframe src=\"")
			text(p.Origin)
			text(e)
			w(`" width="720" height="`)
			w(strconv.Itoa(c.EmbedHeight()))
			w(`" title="`)
			text(c.Title)
			w("\"&gt;&lt;/iframe&gt;</code></details>")
		}
		w("\n  </div>")
	}
	w("\n</figure>\n")
	return template.HTML(hw.String()), nil
}
