package dashboard

import (
	"strconv"
	"strings"

	"districtstats/figure"
)

// Text is a source note without its link: publisher, title, date.
// zh: 蛇口消息报 (深圳市南山区人民政府网站)：《标题》，2025年3月26日
// en: Shekou News (Nanshan District People's Government website), “Title”, 26 March 2025
// A title that is only our description (sources.csv title_given=no) is not
// printed as a headline; a copy on another site says so.
func (n briefingNote) Text(lang figure.Lang) string {
	c := n.Cite
	if lang == figure.En {
		pub := c.Publisher
		if c.PublisherEn != "" {
			pub = c.PublisherEn
		}
		s := pub + ", "
		if c.TitleGiven {
			s += "“" + c.Title + "”, "
		}
		s += figure.Date(c.Published, lang)
		if cn := c.CopyNote(lang); cn != "" {
			s += ", " + cn
		}
		return s
	}
	s := c.Publisher + "："
	if c.TitleGiven {
		s += "《" + c.Title + "》，"
	}
	s += figure.Date(c.Published, lang)
	if cn := c.CopyNote(lang); cn != "" {
		s += "，" + cn
	}
	return s
}

// heading is the briefing's title block, the same in every format.
func (b *briefing) heading(snap *Snapshot, lang figure.Lang) (title string, lines []string) {
	t := func(zh, en string) string {
		if lang == figure.En {
			return en
		}
		return zh
	}
	title = b.Title(snap, lang)
	lines = append(lines,
		t("数据最新发布：", "Data last published: ")+figure.Date(b.Published, lang),
		t("快照生成于：", "Snapshot built: ")+figure.TimeIn(snap.Info.BuiltAt, snap.Loc, lang))
	return title, lines
}

func (b *briefing) sectionTitle(sec briefingSection, lang figure.Lang) string {
	if lang == figure.En {
		return sec.Indicator.NameEn
	}
	return sec.Indicator.NameZh
}

func notesTitle(lang figure.Lang) string {
	if lang == figure.En {
		return "Sources"
	}
	return "来源"
}

func noFigures(lang figure.Lang) string {
	if lang == figure.En {
		return "No figures for the regions and periods chosen."
	}
	return "所选地区和时期暂无数据。"
}

// markdown renders the briefing as Markdown: sections of sentences with
// note markers, then the numbered notes with their links.
func (b *briefing) markdown(snap *Snapshot, lang figure.Lang) string {
	var w strings.Builder
	title, lines := b.heading(snap, lang)
	w.WriteString("# " + mdEscape(title) + "\n\n")
	for _, l := range lines {
		w.WriteString(mdEscape(l) + "  \n")
	}
	for _, sec := range b.Sections {
		w.WriteString("\n## " + mdEscape(b.sectionTitle(sec, lang)) + "\n\n")
		if len(sec.Figures) == 0 {
			w.WriteString(mdEscape(noFigures(lang)) + "\n")
		}
		for _, f := range sec.Figures {
			s := f.Pair.Lang(lang)
			s.Body = mdEscape(s.Body)
			w.WriteString("- " + s.Numbered(f.RefText()) + "\n")
		}
	}
	w.WriteString("\n## " + notesTitle(lang) + "\n\n")
	for _, n := range b.Notes {
		w.WriteString(strconv.Itoa(n.N) + ". " + mdEscape(n.Text(lang)))
		if n.Cite.URL != "" {
			w.WriteString(" <" + n.Cite.URL + ">")
		}
		w.WriteString("\n")
	}
	return w.String()
}

// text renders the briefing as plain text, for e-mail and chat.
func (b *briefing) text(snap *Snapshot, lang figure.Lang) string {
	var w strings.Builder
	title, lines := b.heading(snap, lang)
	w.WriteString(title + "\n")
	for _, l := range lines {
		w.WriteString(l + "\n")
	}
	for _, sec := range b.Sections {
		w.WriteString("\n" + b.sectionTitle(sec, lang) + "\n")
		if len(sec.Figures) == 0 {
			w.WriteString(noFigures(lang) + "\n")
		}
		for _, f := range sec.Figures {
			w.WriteString("* " + f.Sentence(lang) + "\n")
		}
	}
	w.WriteString("\n" + notesTitle(lang) + "\n")
	for _, n := range b.Notes {
		w.WriteString("[" + strconv.Itoa(n.N) + "] " + n.Text(lang))
		if n.Cite.URL != "" {
			w.WriteString(" " + n.Cite.URL)
		}
		w.WriteString("\n")
	}
	return w.String()
}

// mdEscape keeps sentence and title text literal in Markdown.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "`", "\\`", "#", `\#`)

func mdEscape(s string) string { return mdEscaper.Replace(s) }
