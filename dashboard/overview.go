package dashboard

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/period"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/transform"
)

// card is one headline figure on the overview, formatted here: template
// functions are called through reflection, and the whole template was an
// eighth of the page's render at 10M.
type card struct {
	Indicator *queries.Indicator
	Obs       queries.Observation
	Name      string // the indicator's name in the page's language
	Href      string // its page
	Target    bool   // the figure is a target, not an observation
	Value     string // the figure as the card shows it
	When      string // its period, and its status when there is one
	Change    string // against the previous period, computed from two stored figures; "" when there is none
	Spark     *sparkline
	Source    string
	// SourceLine is Source as the card prints it, "来源：…". Texts a
	// template asks the page for per card are made here: each call from a
	// template goes through reflection, 38 cards at a time at 10M.
	SourceLine string
}

type topicCards struct {
	ID, Name string
	Cards    []card
}

// handleOverview shows headline cards grouped by topic: every indicator the
// district has a figure for, its latest vintage, change and sparkline.
func (s *Server) handleOverview(c echo.Context) error {
	ext := c.Param("ext")
	if !twinExts[ext] {
		return notFound("no %q format", ext)
	}
	snap := s.snapshot(c)
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return err
	}
	if v.Transform != "level" {
		return badParam("transform", v.Transform, "level only on the overview: headline cards show published figures (use a topic or indicator page to transform)")
	}
	region := snap.Def.Site.HomeRegion
	if len(v.Regions) > 0 {
		region = v.Regions[0]
	}
	// The page reads its cards' indicators; the twins, every indicator. A
	// district may keep far more series than it shows as headlines, and at
	// 10M each is 70 figures the page would read and drop.
	var ids []string
	if ext == "" {
		ids = cardIndicators(snap)
	}
	f := v.Filter(ids, nil, true)
	f.Regions = []string{region} // the page is one region's, whatever else region= names
	obs, err := queries.Observations(c.Request().Context(), snap.DB, f)
	if err != nil {
		return err
	}
	if ext != "" {
		return s.sendRows(c, v, ext, fileName{ASCII: region + "-overview", Zh: regionName(snap, region, figure.Zh) + "-概览"}, transform.Levels(latestPerIndicator(obs)))
	}
	p := s.newPage(c, nil)
	p.Title = p.T("概览", "Overview")
	groups := s.cards(snap, obs, p.Lang)
	var published string
	for _, g := range groups {
		for _, cd := range g.Cards {
			if cd.Obs.SourcePublished > published {
				published = cd.Obs.SourcePublished
			}
		}
	}
	p.Published = published
	p.Data = struct {
		Region string
		Topics []topicCards
	}{regionName(snap, region, p.Lang), groups}
	return s.render(c, "overview", p)
}

// overviewCards is the overview's topics and their headline cards as HTML.
//
// Written in Go rather than by the template: at 10M a region's overview
// has 38 cards, each a dozen actions that html/template runs through
// reflection and escaper functions, and that was about a sixth of the
// server's time on a cold overview. Every value is escaped as
// html/template escapes it in that place (htmlWriter).
// TestOverviewCardsMatchTemplate holds the output byte for byte to the
// template it replaces.
func overviewCards(p *Page, topics []topicCards) template.HTML {
	var w htmlWriter
	w.Grow(1024 * (1 + len(topics)*8))
	for _, g := range topics {
		w.raw("\n<section class=\"topic-cards\" id=\"topic-")
		w.text(g.ID)
		w.raw("\">\n  <h2><a href=\"")
		w.url(p.URL("/topics/" + g.ID))
		w.raw("\">")
		w.text(g.Name)
		w.raw("</a></h2>\n  <div class=\"cards\">\n  ")
		for i := range g.Cards {
			cd := &g.Cards[i]
			w.raw("\n    <article class=\"card")
			if cd.Target {
				w.raw(" target")
			}
			w.raw("\" data-indicator=\"")
			w.text(cd.Indicator.ID)
			w.raw("\">\n      <h3><a href=\"")
			w.url(cd.Href)
			w.raw("\">")
			w.text(cd.Name)
			w.raw("</a></h3>\n      <p class=\"card-value\">")
			if cd.Target {
				w.raw("<span class=\"badge\">")
				w.text(p.T("目标", "Target"))
				w.raw("</span> ")
			}
			w.text(cd.Value)
			w.raw("</p>\n      <p class=\"card-period\">")
			w.text(cd.When)
			w.raw("</p>\n      ")
			if cd.Change != "" {
				w.raw("<p class=\"card-change\">")
				w.text(cd.Change)
				w.raw("</p>")
			}
			w.raw("\n      ")
			if sp := cd.Spark; sp != nil {
				w.raw("<svg class=\"spark\" viewBox=\"0 0 100 24\" preserveAspectRatio=\"none\" role=\"img\" focusable=\"false\" aria-label=\"")
				w.text(sp.Label)
				w.raw("\"><path d=\"")
				w.text(sp.Path)
				w.raw("\"/></svg>")
			}
			w.raw("\n      <p class=\"card-source\">")
			w.text(cd.SourceLine)
			w.raw("</p>\n    </article>\n  ")
		}
		w.raw("\n  </div>\n</section>\n")
	}
	return template.HTML(w.String())
}

// cardIndicators are the indicators of the overview's cards, each once.
func cardIndicators(snap *Snapshot) []string {
	var ids []string
	for _, t := range snap.Def.Topics {
		for _, id := range t.Cards {
			if _, ok := snap.Indicator(id); ok && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func regionName(snap *Snapshot, id string, lang figure.Lang) string {
	if r, ok := snap.Region(id); ok {
		if lang == figure.En {
			return r.NameEn
		}
		return r.NameZh
	}
	return id
}

// latestPerIndicator keeps, per indicator, the figure for the latest period
// (the query already chose the latest vintage of each period).
func latestPerIndicator(obs []queries.Observation) []queries.Observation {
	ids, series := seriesOf(obs)
	var out []queries.Observation
	for _, id := range ids {
		out = append(out, latestPerRegion(series[id])...)
	}
	return out
}

// seriesOf splits obs by indicator, in their order. queries sorts figures
// by indicator first, so each indicator's figures are one run and its
// series is a sub-slice of obs, not a copy: at 10M a region's overview
// reads 3,500 figures, and copying them twice was a fifth of its cost.
func seriesOf(obs []queries.Observation) ([]string, map[string][]queries.Observation) {
	var ids []string
	series := map[string][]queries.Observation{}
	for i := 0; i < len(obs); {
		j := i + 1
		for j < len(obs) && obs[j].Indicator == obs[i].Indicator {
			j++
		}
		id := obs[i].Indicator
		if prev, ok := series[id]; ok { // not one run: join them in a copy
			series[id] = append(prev[:len(prev):len(prev)], obs[i:j]...)
		} else {
			ids = append(ids, id)
			series[id] = obs[i:j:j]
		}
		i = j
	}
	return ids, series
}

func (s *Server) cards(snap *Snapshot, obs []queries.Observation, lang figure.Lang) []topicCards {
	_, series := seriesOf(obs)
	latest := map[string]queries.Observation{}
	for _, o := range latestPerIndicator(obs) {
		latest[o.Indicator] = o
	}
	var out []topicCards
	for _, t := range snap.Def.Topics {
		g := topicCards{ID: t.ID, Name: pick(lang, t.NameZh, t.NameEn)}
		for _, id := range t.Cards {
			o, ok := latest[id]
			ind, known := snap.Indicator(id)
			if !ok || !known {
				continue // a card shows once the region has a figure
			}
			cd := card{Indicator: ind, Obs: o, Name: pick(lang, ind.NameZh, ind.NameEn), Href: urlIn(lang, "/indicators/"+ind.ID),
				Target: o.Status == "target", Value: cardValue(o, ind, lang), When: press.PeriodLabel(o, lang),
				Source: shortName(pick(lang, o.SourcePublisher, o.SourcePublisherEn)) + pick(lang, "，", ", ") + figure.Date(o.SourcePublished, lang)}
			if st := figure.Status(o.Status, lang); st != "" {
				cd.When += pick(lang, "，", ", ") + st
			}
			cd.SourceLine = pick(lang, "来源：", "Source: ") + cd.Source
			cd.Change = change(series[id], o, ind, lang)
			if cd.Spark = spark(series[id]); cd.Spark != nil {
				cd.Spark.Label = fmt.Sprintf("%s %d–%d", pick(lang, "走势", "Trend"), cd.Spark.From, cd.Spark.To)
			}
			g.Cards = append(g.Cards, cd)
		}
		if len(g.Cards) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func pick(lang figure.Lang, zh, en string) string {
	if lang == figure.En {
		return en
	}
	return zh
}

// change compares a figure with the stored figure of the period just before
// it. Only two exact figures are compared: "more than 6500" against 6527
// has no honest difference. Percentages change in points, amounts in percent.
func change(list []queries.Observation, o queries.Observation, ind *queries.Indicator, lang figure.Lang) string {
	if o.Qualifier != "exact" || o.Status == "target" {
		return ""
	}
	p, err := period.Parse(o.Period)
	if err != nil {
		return ""
	}
	prevID, ok := p.Previous(false)
	if !ok {
		return ""
	}
	for i := range list {
		prev := &list[i]
		if prev.Period != prevID || prev.Qualifier != "exact" || prev.Value == 0 {
			continue
		}
		since := figure.Period(prevID, lang)
		if ind.Unit == "percent" {
			d := figure.Sub(o.Value, prev.Value)
			return pick(lang, fmt.Sprintf("较%s %s 个百分点", since, signed(d)), fmt.Sprintf("%s points on %s", signed(d), since))
		}
		if ind.Unit == "rank" || ind.Unit == "years" {
			return ""
		}
		pct := (o.Value/prev.Value - 1) * 100
		if math.IsInf(pct, 0) || math.IsNaN(pct) {
			return ""
		}
		// A computed rate, not a published one: one decimal, and it says so.
		return pick(lang, fmt.Sprintf("较%s %s%%（按已发布数计算）", since, signed(figure.Round(pct, 1))),
			fmt.Sprintf("%s%% on %s (computed from published figures)", signed(figure.Round(pct, 1)), since))
	}
	return ""
}

func signed(v float64) string {
	if v > 0 {
		return "+" + figure.Digits(v)
	}
	return figure.Digits(v)
}

// cardValue is a card's figure as its readers count: in Chinese large
// counts and amounts in 万 (超60万家, 超1.3万名), in English in words
// ("more than 600,000 entities").
func cardValue(o queries.Observation, ind *queries.Indicator, lang figure.Lang) string {
	if lang == figure.En {
		return figure.Value(o.Value, o.Qualifier, unitOf(ind), lang)
	}
	return press.ZhValue(o.Value, o.Qualifier, unitOf(ind))
}

// sparkline is a card's trend drawn as an inline SVG path in a 100 x 24
// box: a shape, not a chart (the card states the figure, its qualifier
// and period). Drawn on the server, the overview loads no chart library.
type sparkline struct {
	Path     string // SVG path data
	From, To int    // the years it spans
	Label    string // "走势 2001–2024", for screen readers
}

// spark draws an annual series with three or more figures (targets left
// out). A year with no figure breaks the line: a gap is never bridged.
// At 10M the overview draws 38 of them, of 70 years each: the years go in
// a slice sorted once, not a map probed per year, and the path is appended
// into one buffer.
func spark(list []queries.Observation) *sparkline {
	type point struct {
		year int
		v    float64
	}
	pts := make([]point, 0, len(list))
	for _, o := range list {
		if o.Freq == "A" && o.Status != "target" {
			pts = append(pts, point{o.Start.Year(), o.Value})
		}
	}
	// By year; of two figures for one year the later in the list wins. The
	// list comes in period order, so the years are usually in order already.
	byYear := func(a, b point) int { return cmp.Compare(a.year, b.year) }
	if !slices.IsSortedFunc(pts, byYear) {
		slices.SortStableFunc(pts, byYear)
	}
	n := 0
	for _, p := range pts {
		if n > 0 && pts[n-1].year == p.year {
			pts[n-1] = p
			continue
		}
		pts[n] = p
		n++
	}
	pts = pts[:n]
	if len(pts) < 3 {
		return nil
	}
	sl := &sparkline{From: pts[0].year, To: pts[len(pts)-1].year}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = math.Min(lo, p.v), math.Max(hi, p.v)
	}
	b := make([]byte, 0, 12*len(pts))
	num := func(cmd string, f float64) {
		b = append(b, cmd...)
		b = strconv.AppendFloat(b, f, 'f', 1, 64)
	}
	for i, p := range pts {
		x := 1 + 98*float64(p.year-sl.From)/float64(sl.To-sl.From)
		yy := 12.0
		if hi > lo {
			yy = 22 - 20*(p.v-lo)/(hi-lo)
		}
		joined := i > 0 && pts[i-1].year == p.year-1
		if joined {
			num(" L", x)
		} else {
			num(" M", x)
		}
		num(" ", yy)
		if !joined && (i+1 == len(pts) || pts[i+1].year != p.year+1) {
			b = append(b, " h0"...) // a year alone: a dot (round line caps)
		}
	}
	sl.Path = strings.TrimSpace(string(b))
	return sl
}
