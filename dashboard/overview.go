package dashboard

import (
	"fmt"
	"math"
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

// card is one headline figure on the overview.
type card struct {
	Indicator *queries.Indicator
	Obs       queries.Observation
	Value     string // the figure as the card shows it
	Change    string // against the previous period, computed from two stored figures; "" when there is none
	Spark     *sparkline
	Source    string
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
	obs, err := queries.Observations(c.Request().Context(), snap.DB, v.Filter(nil, []string{region}, true))
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
			cd := card{Indicator: ind, Obs: o, Value: cardValue(o, ind, lang),
				Source: shortName(pick(lang, o.SourcePublisher, o.SourcePublisherEn)) + pick(lang, "，", ", ") + figure.Date(o.SourcePublished, lang)}
			cd.Change = change(series[id], o, ind, lang)
			cd.Spark = spark(series[id])
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
}

// spark draws an annual series with three or more figures (targets left
// out). A year with no figure breaks the line: a gap is never bridged.
func spark(list []queries.Observation) *sparkline {
	byYear := map[int]float64{}
	for _, o := range list {
		if o.Freq == "A" && o.Status != "target" {
			byYear[o.Start.Year()] = o.Value
		}
	}
	if len(byYear) < 3 {
		return nil
	}
	sl := &sparkline{From: math.MaxInt, To: math.MinInt}
	lo, hi := math.Inf(1), math.Inf(-1)
	for y, v := range byYear {
		sl.From, sl.To = min(sl.From, y), max(sl.To, y)
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
	var b strings.Builder
	for y := sl.From; y <= sl.To; y++ {
		v, ok := byYear[y]
		if !ok {
			continue
		}
		x := 1 + 98*float64(y-sl.From)/float64(sl.To-sl.From)
		yy := 12.0
		if hi > lo {
			yy = 22 - 20*(v-lo)/(hi-lo)
		}
		_, joined := byYear[y-1]
		switch {
		case joined && y > sl.From:
			b.WriteString(" L" + num(x) + " " + num(yy))
		default:
			b.WriteString(" M" + num(x) + " " + num(yy))
			if _, next := byYear[y+1]; !next {
				b.WriteString(" h0") // a year alone: a dot (round line caps)
			}
		}
	}
	sl.Path = strings.TrimSpace(b.String())
	return sl
}
