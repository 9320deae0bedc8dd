package chart

import (
	"sort"
	"strconv"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
)

// timeSeries draws each indicator/region as a series over its periods.
// Annual series get every year between the first and the last, so a
// missing year is a visible gap, never an interpolated value. Targets are
// not observations and are not drawn on a time axis.
func (b *builder) timeSeries(obs []queries.Observation, kind string) {
	b.kind = kind
	periods := map[string]*queries.Observation{}
	indicators, regions := map[string]bool{}, map[string]bool{}
	minYear, maxYear := 0, 0
	var kept []*queries.Observation
	for i := range obs {
		o := &obs[i]
		if o.Status == "target" {
			continue
		}
		kept = append(kept, o)
		periods[o.Period] = o
		indicators[o.Indicator], regions[o.Region] = true, true
		if o.Freq == "A" {
			y := o.Start.Year()
			if minYear == 0 || y < minYear {
				minYear = y
			}
			maxYear = max(maxYear, y)
		}
	}
	for y := minYear; minYear > 0 && y <= maxYear; y++ {
		p := strconv.Itoa(y)
		if _, ok := periods[p]; !ok {
			periods[p] = nil
			b.notes = append(b.notes, b.t(p+"年：本数据集未收录，图中留空。", p+": not in this dataset, left as a gap."))
		}
	}
	keys := make([]string, 0, len(periods))
	ends := make(map[string]string, len(periods)) // endKey, computed once per period
	for p, o := range periods {
		keys = append(keys, p)
		ends[p] = endKey(p, o)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ei, ej := ends[keys[i]], ends[keys[j]]; ei != ej {
			return ei < ej
		}
		return keys[i] < keys[j] // as periodLess
	})
	// A year the source did not state is drawn where it was inferred, and
	// marked so (data/observations.csv period_stated).
	inferred := map[string]bool{}
	for _, o := range kept {
		if o.PeriodStated == press.PeriodInferred {
			inferred[o.Period] = true
		}
	}
	index := map[string]int{}
	for i, p := range keys {
		index[p] = i
		label := figure.Period(p, b.lang)
		if inferred[p] {
			label += b.t("（推断）", " (inferred)")
		}
		b.categories = append(b.categories, label)
		b.catKeys = append(b.catKeys, p)
	}
	if len(inferred) > 0 {
		b.notes = append(b.notes, b.t("标“推断”的年份：来源未注明年份，按发布时最近完整年度标注。",
			"Years marked “inferred”: the source states no year; the figure is placed at the latest full year at publication."))
	}
	// Series in a fixed order: the definition's indicators, then the home
	// region first and the other regions as listed.
	sort.SliceStable(kept, func(i, j int) bool {
		a, c := kept[i], kept[j]
		if ia, ic := b.indicatorRank(a.Indicator), b.indicatorRank(c.Indicator); ia != ic {
			return ia < ic
		}
		return b.regionRank(a.Region) < b.regionRank(c.Region)
	})
	byName := map[string]int{}
	for _, o := range kept {
		name := b.seriesName(o, len(indicators) > 1, len(regions) > 1)
		si, ok := byName[name]
		if !ok {
			si = len(b.series)
			byName[name] = si
			b.series = append(b.series, series{name: name, region: o.Region, points: make([]*point, len(keys))})
		}
		b.series[si].points[index[o.Period]] = &point{obs: o}
	}
}

// seriesName names a series by indicator, by region, or by both.
func (b *builder) seriesName(o *queries.Observation, byIndicator, byRegion bool) string {
	switch {
	case byIndicator && byRegion:
		return b.indicatorName(o.Indicator) + " · " + b.regionName(o.Region)
	case byIndicator:
		return b.indicatorName(o.Indicator)
	}
	return b.regionName(o.Region)
}

// periodLess orders period notations by the span they cover; synthetic
// gap years (nil) sort as whole years.
func periodLess(a, b string, known map[string]*queries.Observation) bool {
	ea, eb := endKey(a, known[a]), endKey(b, known[b])
	if ea != eb {
		return ea < eb
	}
	return a < b
}

func endKey(p string, o *queries.Observation) string {
	if o != nil {
		return o.End.Format("2006-01-02")
	}
	return p + "-12-31"
}

// compare sets regions side by side within one period: the latest period
// in which two or more of them have a figure (narrow it with the chart's
// to). The home region comes first, the others from the largest down.
func (b *builder) compare(obs []queries.Observation) {
	b.kind, b.perPoint = "bar", true
	byPeriod := map[string][]*queries.Observation{}
	for i := range obs {
		if obs[i].Status != "target" {
			byPeriod[obs[i].Period] = append(byPeriod[obs[i].Period], &obs[i])
		}
	}
	var best string
	for p, list := range byPeriod {
		if len(list) < 2 {
			continue
		}
		if best == "" || periodLess(best, p, map[string]*queries.Observation{best: byPeriod[best][0], p: list[0]}) {
			best = p
		}
	}
	if best == "" {
		b.notes = append(b.notes, b.t("没有两个以上地区同一时期的数字，无法比较。", "No period has figures for two or more regions: nothing to compare."))
		return
	}
	list := byPeriod[best]
	sort.SliceStable(list, func(i, j int) bool {
		hi, hj := list[i].Region == b.req.Home, list[j].Region == b.req.Home
		if hi != hj {
			return hi
		}
		return list[i].Value > list[j].Value
	})
	s := series{name: figure.Period(best, b.lang), points: make([]*point, len(list))}
	for i, o := range list {
		b.categories = append(b.categories, b.regionName(o.Region))
		b.catKeys = append(b.catKeys, "")
		s.points[i] = &point{obs: o}
	}
	b.series = []series{s}
	b.notes = append(b.notes, b.t("只比较同一时期（"+figure.Period(best, b.lang)+"）的数字；没有该期数字的地区不显示。",
		"Regions are compared within one period ("+figure.Period(best, b.lang)+") only; regions with no figure for it are not shown."))
}

// homeVsRest splits a parent's total into the home region and the rest
// of the parent, computed from the two published figures of the same
// period when both are exact; otherwise it draws the two figures as they
// are and says why there is no rest.
func (b *builder) homeVsRest(obs []queries.Observation) {
	if len(b.req.Regions) != 2 {
		b.timeSeries(obs, "bar")
		return
	}
	home, parent := b.req.Regions[0], b.req.Regions[1]
	byPeriod := map[string][2]*queries.Observation{}
	for i := range obs {
		o := &obs[i]
		if o.Status == "target" {
			continue
		}
		pair := byPeriod[o.Period]
		switch o.Region {
		case home:
			pair[0] = o
		case parent:
			pair[1] = o
		}
		byPeriod[o.Period] = pair
	}
	var h, p *queries.Observation
	for _, pair := range byPeriod {
		if pair[0] != nil && pair[1] != nil && (h == nil || periodLess(h.Period, pair[0].Period, map[string]*queries.Observation{h.Period: h, pair[0].Period: pair[0]})) {
			h, p = pair[0], pair[1]
		}
	}
	if h == nil || h.Qualifier != "exact" || p.Qualifier != "exact" {
		b.timeSeries(obs, "bar")
		b.notes = append(b.notes, b.t("没有同一时期的两个确数，无法推算其余部分。", "No period has two exact figures, so the rest cannot be computed."))
		return
	}
	b.kind, b.horizontal = "stacked", true
	rest := *p
	rest.Value = figure.Sub(p.Value, h.Value)
	rest.Note = "computed: " + figure.Digits(p.Value) + " − " + figure.Digits(h.Value)
	b.categories = []string{figure.Period(h.Period, b.lang)}
	b.catKeys = []string{h.Period}
	b.inputs = append(b.inputs, p)
	hn, pn := b.regionName(home), b.regionName(parent)
	b.series = []series{
		{name: hn, region: home, points: []*point{{obs: h}}},
		{name: b.t(pn+"（不含"+hn+"，推算）", "Rest of "+pn+" (excluding "+hn+", computed)"), region: parent, points: []*point{{obs: &rest, computed: true}}},
	}
	u := b.unit
	b.notes = append(b.notes, b.t(
		pn+"其余部分 = "+pn+" "+figure.Amount(p.Value, u, b.lang)+" − "+hn+" "+figure.Amount(h.Value, u, b.lang)+" = "+figure.Amount(rest.Value, u, b.lang)+"，由两个已发布数字计算。",
		"Rest of "+pn+" = "+pn+" "+figure.Amount(p.Value, u, b.lang)+" − "+hn+" "+figure.Amount(h.Value, u, b.lang)+" = "+figure.Amount(rest.Value, u, b.lang)+", computed from the two published figures."))
}

// laterTile says whether o replaces cur on a tile: the later period
// (queries.Later), a target included; of two that end on the same day, a
// figure before a target.
func laterTile(o, cur *queries.Observation) bool {
	if o.End.Equal(cur.End) && (o.Status == "target") != (cur.Status == "target") {
		return cur.Status == "target"
	}
	return queries.Later(o, cur)
}

// tiles shows each indicator's latest figure per region on its own:
// figures of different units or bases never share an axis, and a target
// is labelled and drawn hollow, never as a bar next to observations.
func (b *builder) tiles(c *Chart, obs []queries.Observation) {
	latest := map[[2]string]*queries.Observation{}
	regions := map[string]bool{}
	for i := range obs {
		o := &obs[i]
		k := [2]string{o.Indicator, o.Region}
		if cur, ok := latest[k]; !ok || laterTile(o, cur) {
			latest[k] = o
		}
		regions[o.Region] = true
	}
	var list []*queries.Observation
	for _, o := range latest {
		list = append(list, o)
	}
	sort.Slice(list, func(i, j int) bool {
		a, c := list[i], list[j]
		if ia, ic := b.indicatorRank(a.Indicator), b.indicatorRank(c.Indicator); ia != ic {
			return ia < ic
		}
		return b.regionRank(a.Region) < b.regionRank(c.Region)
	})
	s := series{name: ""}
	hasTarget := false
	for _, o := range list {
		p := &point{obs: o, target: o.Status == "target"}
		hasTarget = hasTarget || p.target
		label := b.indicatorName(o.Indicator)
		if len(regions) > 1 {
			label += " · " + b.regionName(o.Region)
		}
		label += press.PeriodInBrackets(*o, b.lang)
		u := b.unit
		if ind, ok := b.cat.Indicator(o.Indicator); ok {
			u = unitOf(ind)
		}
		t := Tile{Indicator: o.Indicator, Region: o.Region, Period: o.Period, Label: label,
			Value: b.prose(o.Value, o.Qualifier, u), Status: figure.Status(o.Status, b.lang),
			Target: p.target, Qualified: o.Qualifier != "exact", Home: o.Region == b.req.Home}
		if p.target {
			t.Status = ""
			t.Value = b.t("目标：", "target: ") + t.Value
		}
		c.Tiles = append(c.Tiles, t)
		b.categories = append(b.categories, label)
		b.catKeys = append(b.catKeys, "")
		s.points = append(s.points, p)
	}
	if len(s.points) > 0 {
		s.name = b.t("数值", "Figure")
		b.series = []series{s}
	}
	if hasTarget {
		b.notes = append(b.notes, b.t("标为“目标”的是目标值，不是实际观测。", "Figures marked “target” are goals, not observations."))
	}
	if len(b.req.Chart.Indicators) > 1 {
		b.notes = append(b.notes, b.t("各数字单位或基数不同，不在同一坐标轴上比较。", "The figures have different units or bases, so they are not set on one axis."))
	}
}

// prose is a figure as a card or tile states it: Chinese as Chinese prose
// writes it, large counts in 万 where exact ("超60万家", "1.3万名"); English
// with its words ("more than 600,000 entities").
func (b *builder) prose(v float64, qualifier string, u figure.Unit) string {
	if b.lang == figure.Zh {
		return press.ZhValue(v, qualifier, u)
	}
	return figure.Value(v, qualifier, u, b.lang)
}
