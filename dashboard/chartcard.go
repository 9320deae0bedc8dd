package dashboard

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
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
	t := func(zh, en string) string { return p.T(zh, en) }
	var b strings.Builder
	b.Grow(4096 + 64*len(c.Table.Rows)*(1+len(c.Table.Head)))
	w := b.WriteString
	text := func(s string) { textEscaper.WriteString(&b, s) }
	href := func(s string) { textEscaper.WriteString(&b, normalizeURL(filterURL(s))) }

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
		w("</span>\n    <a href=\"")
		href(c.Data("csv", false))
		w("\" download>CSV</a>\n    <a href=\"")
		href(c.Data("csv", true))
		w("\" download>")
		text(t("Excel 用 CSV", "CSV for Excel"))
		w("</a>\n    <a href=\"")
		href(c.Data("xlsx", false))
		w("\" download>XLSX</a>\n    <a href=\"")
		href(c.Data("json", false))
		w("\">JSON</a>\n    ")
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
	return template.HTML(b.String()), nil
}

// filterURL is html/template's urlFilter: a link whose scheme is not
// http, https or mailto becomes "#ZgotmplZ".
func filterURL(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL is html/template's urlNormalizer: every byte a URL may not
// hold as is percent-encoded, valid escapes kept.
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// scriptJSON is v as html/template's JSON escaper writes it in a script
// element: encoding/json's output (which escapes <, > and &), with U+2028
// and U+2029 escaped and a space either side when it starts or ends like
// an identifier.
func scriptJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if len(b) == 0 {
		return " null ", nil
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	pad := isJSIdentPart(first) || isJSIdentPart(last)
	var buf strings.Builder
	if pad {
		buf.WriteByte(' ')
	}
	written := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		repl := ""
		if r == 0x2028 {
			repl = `\u2028`
		} else if r == 0x2029 {
			repl = `\u2029`
		}
		if repl != "" {
			buf.Write(b[written:i])
			buf.WriteString(repl)
			written = i + n
		}
		i += n
	}
	if buf.Len() != 0 {
		buf.Write(b[written:])
		if pad {
			buf.WriteByte(' ')
		}
		return buf.String(), nil
	}
	return string(b), nil
}

// isJSIdentPart is html/template's: a rune that may continue a JavaScript
// identifier.
func isJSIdentPart(r rune) bool {
	switch {
	case r == '$':
		return true
	case '0' <= r && r <= '9':
		return true
	case 'A' <= r && r <= 'Z':
		return true
	case r == '_':
		return true
	case 'a' <= r && r <= 'z':
		return true
	}
	return false
}
