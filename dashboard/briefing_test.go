package dashboard

import (
	"context"
	"districtstats/snapshot"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
)

// briefingDoc is what a briefing says, whatever its format: the numbered
// sentences in order and the numbered notes.
type briefingDoc struct {
	sentences []string
	notes     []string // "n|text|url"
}

var (
	reHTMLSentence = regexp.MustCompile(`<span class="briefing-sentence">(.*?)</span>`)
	reHTMLNote     = regexp.MustCompile(`<li id="note-(\d+)" value="\d+"><span class="note-text">(.*?)</span>(?: <a class="note-url" href="[^"]*" rel="noopener noreferrer">(.*?)</a>)?</li>`)
	reMDNote       = regexp.MustCompile(`^(\d+)\. (.*?)(?: <(http[^>]*)>)?$`)
	reTXTNote      = regexp.MustCompile(`^\[(\d+)\] (.*?)(?: (https?://\S+))?$`)
	reMDUnescape   = regexp.MustCompile(`\\([\\*_\[\]<>#` + "`" + `])`)
)

func parseBriefingHTML(body string) briefingDoc {
	var d briefingDoc
	for _, m := range reHTMLSentence.FindAllStringSubmatch(body, -1) {
		d.sentences = append(d.sentences, html.UnescapeString(m[1]))
	}
	for _, m := range reHTMLNote.FindAllStringSubmatch(body, -1) {
		d.notes = append(d.notes, m[1]+"|"+html.UnescapeString(m[2])+"|"+html.UnescapeString(m[3]))
	}
	return d
}

func parseBriefingMD(body string) briefingDoc {
	var d briefingDoc
	for _, l := range strings.Split(body, "\n") {
		if s, ok := strings.CutPrefix(l, "- "); ok {
			d.sentences = append(d.sentences, reMDUnescape.ReplaceAllString(s, "$1"))
		} else if m := reMDNote.FindStringSubmatch(l); m != nil {
			d.notes = append(d.notes, m[1]+"|"+reMDUnescape.ReplaceAllString(m[2], "$1")+"|"+m[3])
		}
	}
	return d
}

func parseBriefingTXT(body string) briefingDoc {
	var d briefingDoc
	for _, l := range strings.Split(body, "\n") {
		if s, ok := strings.CutPrefix(l, "* "); ok {
			d.sentences = append(d.sentences, s)
		} else if m := reTXTNote.FindStringSubmatch(l); m != nil {
			d.notes = append(d.notes, m[1]+"|"+m[2]+"|"+m[3])
		}
	}
	return d
}

func getOK(t *testing.T, u, wantType string) string {
	t.Helper()
	status, ctype, body := get(t, u)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, status, body)
	}
	if !strings.HasPrefix(ctype, wantType) {
		t.Errorf("GET %s: Content-Type %q, want %q", u, ctype, wantType)
	}
	return body
}

// The page, the Markdown and the text say the same: same sentences in the
// same order, same numbering, same sources; and every chosen figure is in
// them, checked against the snapshot itself.
func TestBriefingFormatsAgree(t *testing.T) {
	dbPath := uiSnapshot(t, "../data")
	srv, store := uiServer(t, dbPath)
	const sel = "indicators=gdp,rd_intensity&topics=funds&region=nanshan,shenzhen"
	for _, lang := range []figure.Lang{figure.Zh, figure.En} {
		q := sel
		if lang == figure.En {
			q += "&lang=en"
		}
		page := getOK(t, srv.URL+"/briefing?"+q, "text/html")
		md := getOK(t, srv.URL+"/briefing.md?"+q, "text/markdown; charset=utf-8")
		txt := getOK(t, srv.URL+"/briefing.txt?"+q, "text/plain; charset=utf-8")
		h, m, x := parseBriefingHTML(page), parseBriefingMD(md), parseBriefingTXT(txt)
		if len(h.sentences) == 0 || len(h.notes) == 0 {
			t.Fatalf("%s: page has %d sentences and %d notes", lang, len(h.sentences), len(h.notes))
		}
		for name, d := range map[string]briefingDoc{"markdown": m, "text": x} {
			if strings.Join(d.sentences, "\n") != strings.Join(h.sentences, "\n") {
				t.Errorf("%s %s sentences differ from the page:\n%s\n---\n%s", lang, name, strings.Join(d.sentences, "\n"), strings.Join(h.sentences, "\n"))
			}
			if strings.Join(d.notes, "\n") != strings.Join(h.notes, "\n") {
				t.Errorf("%s %s notes differ from the page:\n%s\n---\n%s", lang, name, strings.Join(d.notes, "\n"), strings.Join(h.notes, "\n"))
			}
		}
		// Notes are numbered 1..n and every one is cited.
		all := strings.Join(h.sentences, "\n")
		for i, n := range h.notes {
			num := strings.Split(n, "|")[0]
			if num != strconv.Itoa(i+1) {
				t.Errorf("%s: note %d is numbered %s", lang, i+1, num)
			}
			if !strings.Contains(all, "["+num+"]") {
				t.Errorf("%s: note [%s] is never cited", lang, num)
			}
		}

		// Every chosen indicator and region: its latest figure, as the
		// snapshot has it, is in the briefing with the note of its source.
		snap, release := store.Acquire()
		ids := []string{"gdp", "rd_intensity"}
		for _, i := range snap.Indicators {
			if i.Topic == "funds" {
				ids = append(ids, i.ID)
			}
		}
		latest, err := queries.Observations(context.Background(), snap.DB, queries.Filter{Indicators: ids, Regions: []string{"nanshan", "shenzhen"}, LatestOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]queries.Observation{}
		for _, o := range latest {
			if o.Status != "target" {
				want[o.Indicator+"/"+o.Region] = o // rows come in period order: the last one stays
			}
		}
		if len(want) < 7 {
			t.Fatalf("only %d indicator/region pairs with data", len(want))
		}
		newest := ""
		for key, o := range want {
			f, _ := figureOf(snap, o)
			s := press.Sentences(f).Lang(lang)
			body := strings.TrimSuffix(strings.TrimSuffix(s.Body, "。"), ".")
			found := false
			for i, line := range h.sentences {
				if strings.HasPrefix(line, body) {
					found = true
					// The sentence's first note is its source.
					ref := regexp.MustCompile(`\[(\d+)\]`).FindStringSubmatch(line[len(body):])
					if ref == nil {
						t.Errorf("%s %s: sentence %d has no note marker: %s", lang, key, i, line)
						break
					}
					n, _ := strconv.Atoi(ref[1])
					note := h.notes[n-1]
					// A title that is only a description is not printed as a headline.
					if !strings.Contains(note, figure.Date(o.SourcePublished, lang)) || strings.Contains(note, o.SourceTitle) != o.SourceTitleGiven {
						t.Errorf("%s %s: note %s = %q, want the source %q of %s", lang, key, ref[1], note, o.SourceTitle, o.SourcePublished)
					}
					break
				}
			}
			if !found {
				t.Errorf("%s %s: no sentence starting %q in\n%s", lang, key, body, all)
			}
			if o.SourcePublished > newest {
				newest = o.SourcePublished
			}
		}
		release()

		// Freshness: the latest source date among the figures shown.
		if !strings.Contains(page, `data-freshness="published">`+figure.Date(newest, lang)+"<") {
			t.Errorf("%s: footer does not give %s as the latest publication", lang, newest)
		}
		if !strings.Contains(md, figure.Date(newest, lang)) || !strings.Contains(txt, figure.Date(newest, lang)) {
			t.Errorf("%s: markdown or text lacks the latest publication date %s", lang, newest)
		}
	}
}

// Known figures read as they must: a qualified preliminary figure, and the
// district's R&D intensity against the national figure of the vintage
// published before it (2.68 preliminary), citing both.
func TestBriefingKnownSentences(t *testing.T) {
	base := bundledServer(t)
	txt := getOK(t, base+"/briefing.txt?indicators=gdp,rd_intensity", "text/plain")
	for _, want := range []string{
		"2025年，南山区地区生产总值初步核算超1.01万亿元[1]。",
		// The article gives no year for 7.66%: the sentence says when it was reported.
		"据2025年3月26日报道，南山区全社会研发投入占GDP比重7.66%，接近2025年1月23日公布的全国初步核算数2.68%的3倍[2][3]。",
		"[3] People's Daily Online (Xinhua)：《China's R&D spending up 8.3 pct in 2024》，2025年1月23日 http://en.people.cn/",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("briefing text lacks %q:\n%s", want, txt)
		}
	}
	en := getOK(t, base+"/briefing.md?indicators=gdp,rd_intensity&lang=en", "text/markdown")
	if !strings.Contains(en, "nearly three times the preliminary national figure of 2.68%, published on 23 January 2025") {
		t.Errorf("English briefing lacks the comparison:\n%s", en)
	}
	if strings.Contains(en, "2.69%") {
		t.Error("the comparison used the final 2.69%, published after the district's figure")
	}

	// The comparison region comes from dashboard.yaml: without
	// site.compare_region the percentage stands alone, and cites only its own source.
	dir := uiCopyData(t)
	yaml := filepath.Join(dir, "dashboard.yaml")
	def, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	trimmed := regexp.MustCompile(`(?m)^  compare_region: .*\n`).ReplaceAll(def, nil)
	if len(trimmed) == len(def) {
		t.Fatal("the bundled dashboard.yaml has no site.compare_region line to remove")
	}
	if err := os.WriteFile(yaml, trimmed, 0o644); err != nil {
		t.Fatal(err)
	}
	alone, _ := uiServer(t, uiSnapshot(t, dir))
	txt = getOK(t, alone.URL+"/briefing.txt?indicators=rd_intensity", "text/plain")
	if want := "据2025年3月26日报道，南山区全社会研发投入占GDP比重7.66%[1]。"; !strings.Contains(txt, want) || strings.Contains(txt, "全国") {
		t.Errorf("without site.compare_region the briefing should read %q and name no national figure:\n%s", want, txt)
	}

	// A target is included and reads as one.
	page := getOK(t, base+"/briefing?indicators=robotics_cluster_size", "text/html")
	// It keeps the horizon it was published with, not an invented 2028-2030.
	for _, want := range []string{"南山区机器人产业集群规模有望在3-5年内达到至少100亿元（目标）", `is-target`, `class="badge"`} {
		if !strings.Contains(page, want) {
			t.Errorf("target briefing lacks %q", want)
		}
	}
}

// The order is the one given; the form keeps the selection and works
// without JS; the page has no inline script.
func TestBriefingPage(t *testing.T) {
	base := bundledServer(t)
	page := getOK(t, base+"/briefing?indicators=rd_intensity,gdp", "text/html")
	if a, b := strings.Index(page, `data-indicator="rd_intensity"`), strings.Index(page, `data-indicator="gdp"`); a < 0 || b < 0 || a > b {
		t.Errorf("sections not in the order given (rd_intensity at %d, gdp at %d)", a, b)
	}
	for _, want := range []string{`<form class="briefing-form no-print" method="get" action="/briefing">`,
		`name="indicators" value="gdp" checked`, `name="region" value="nanshan" checked`, `href="/briefing.md?indicators=rd_intensity%2Cgdp"`,
		`data-copy="2025年，南山区地区生产总值初步核算超1.01万亿元。（来源：China Daily Hong Kong，2026年2月3日）"`} {
		if !strings.Contains(page, want) {
			t.Errorf("briefing page lacks %q", want)
		}
	}
	for _, chunk := range strings.Split(page, "<script")[1:] {
		if tag := chunk[:strings.IndexByte(chunk, '>')]; !strings.Contains(tag, "src=") {
			t.Errorf("inline script <script%s>", tag)
		}
	}
	// English keeps the language in the form and the links.
	en := getOK(t, base+"/briefing?topics=funds&lang=en", "text/html")
	for _, want := range []string{`<input type="hidden" name="lang" value="en">`, `/briefing.txt?lang=en&amp;topics=funds`, "Press briefing", "Guidance fund"} {
		if !strings.Contains(en, want) {
			t.Errorf("English briefing lacks %q", want)
		}
	}
	// With nothing chosen, the form alone.
	empty := getOK(t, base+"/briefing", "text/html")
	if strings.Contains(empty, "briefing-sentence") || !strings.Contains(empty, "briefing-form") {
		t.Error("empty briefing should show the form only")
	}
}

func TestBriefingErrors(t *testing.T) {
	base := bundledServer(t)
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/briefing?indicators=gdp,nope", 400, "indicators"},
		{"/briefing?topics=weather", 400, "topics"},
		{"/briefing.md?indicators=gdp&region=mars", 400, "region"},
		{"/briefing.md", 400, "indicators"},
		{"/briefing.txt?indicators=" + url.QueryEscape("gdp;drop"), 400, "indicators"},
		{"/briefing.docx?indicators=gdp", 404, "Word"},
		{"/briefing.pdf?indicators=gdp", 404, "pdf"},
	}
	for _, tt := range tests {
		status, _, body := get(t, base+tt.path)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s = %d %q, want %d mentioning %q", tt.path, status, body, tt.status, tt.want)
		}
	}
}

// sentencesFor writes known figures and skips unknown ids.
func TestSentencesFor(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := snapshot.OpenStore(context.Background(), uiSnapshot(t, "../data"), 1, "256MB", log)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	snap, release := store.Acquire()
	defer release()
	obs, err := queries.Observations(context.Background(), snap.DB, queries.Filter{Indicators: []string{"hightech_enterprises"}, Regions: []string{"nanshan"}, LatestOnly: true})
	if err != nil || len(obs) == 0 {
		t.Fatalf("%d observations, %v", len(obs), err)
	}
	unknown := obs[0]
	unknown.Indicator = "no_such_indicator"
	pairs := (&Server{}).sentencesFor(snap, append(obs, unknown))
	if len(pairs) != len(obs) {
		t.Fatalf("%d pairs for %d known observations", len(pairs), len(obs))
	}
	last := pairs[len(pairs)-1]
	if want := "截至2025年3月26日，南山区国家高新技术企业超5500家。（来源：蛇口消息报，2025年3月26日）"; last.Zh.Text() != want {
		t.Errorf("zh = %s, want %s", last.Zh.Text(), want)
	}
	if want := "As of 26 March 2025, Nanshan had more than 5,500 national high-tech enterprises (Shekou News, 26 March 2025)."; last.En.Text() != want {
		t.Errorf("en = %s, want %s", last.En.Text(), want)
	}

	// Policy measures: every one with an amount, none without.
	ms := (&Server{}).measureSentencesFor(snap, snap.Measures)
	withAmount := 0
	for _, m := range snap.Measures {
		if m.Amount != "" {
			withAmount++
		}
	}
	if len(ms) != withAmount || withAmount == 0 {
		t.Fatalf("%d measure sentences for %d measures with an amount", len(ms), withAmount)
	}
	found := false
	for _, p := range ms {
		if p.En.Text() == "Reward per talent in key-industry start-ups: up to 600,000 yuan per person (Shekou News, 26 March 2025)." &&
			p.Zh.Text() == "重点产业初创企业人才奖励最高60万元/人。（来源：蛇口消息报，2025年3月26日）" {
			found = true
		}
	}
	if !found {
		t.Errorf("no sentence for the 60万元/人 talent reward among %+v", ms)
	}
}

// The "sentences" partial renders both languages, each with a keyboard
// usable button whose copied text carries the citation, escaped.
func TestSentencesPartial(t *testing.T) {
	v, err := parseViews()
	if err != nil {
		t.Fatal(err)
	}
	tmpl, ok := v.byName["briefing"]
	if !ok {
		t.Fatal("no briefing view")
	}
	o := queries.Observation{Indicator: "gdp", Region: "nanshan", Period: "2024", Freq: "A", Value: 9501, Qualifier: "exact", Status: "unknown",
		Source: "s", SourcePublisher: `A <b>"Daily"</b> (x)`, SourcePublished: "2025-03-26"}
	pair := press.Sentences(press.Figure{Obs: o, Indicator: queries.Indicator{NameZh: "地区生产总值", NameEn: "Gross domestic product (GDP)", Unit: "yi_yuan"},
		Region: queries.Region{NameZh: "南山区", NameEn: "Nanshan District"}})
	var buf strings.Builder
	if err := tmpl.ExecuteTemplate(&buf, "sentences", []press.Pair{pair}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<li class="press-sentence" data-figure="gdp/nanshan/2024">`,
		`<p class="sentence" lang="zh-CN">`, `<p class="sentence" lang="en">`,
		`<button type="button" class="copy" data-copy="2024年，南山区地区生产总值9501亿元。（来源：A &lt;b&gt;&#34;Daily&#34;&lt;/b&gt;，2025年3月26日）" data-copied="已复制"`,
		`data-copy="Nanshan&#39;s GDP was 950.1 billion yuan in 2024 (A &lt;b&gt;&#34;Daily&#34;&lt;/b&gt;, 26 March 2025)." data-copied="Copied"`,
		`role="status" aria-live="polite"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("partial lacks %s\n%s", want, out)
		}
	}
	if strings.Contains(out, "<b>") {
		t.Error("source text not escaped")
	}
}
