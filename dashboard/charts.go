package dashboard

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/figure"
	"districtstats/press"
	"districtstats/queries"
	"districtstats/request"
	"districtstats/transform"
)

// chartSpec declares one topic chart: what it draws and how. The list below
// is every chart the dashboard has; topic pages, chart twins and embeds all
// come from it.
type chartSpec struct {
	ID, Topic        string
	TitleZh, TitleEn string
	Indicators       []string
	Regions          []string // default regions; region= in the URL overrides
	draw             func(b *chartBuilder, obs []queries.Observation)
}

var shenzhenDistricts = []string{"nanshan", "futian", "luohu", "yantian", "baoan", "longgang", "longhua", "pingshan", "guangming", "dapeng"}

var chartSpecs = []chartSpec{
	{ID: "gdp", Topic: "economy", TitleZh: "南山区地区生产总值", TitleEn: "Nanshan GDP",
		Indicators: []string{"gdp"}, Regions: []string{"nanshan"}, draw: timeChart("bar")},
	{ID: "gdp_growth", Topic: "economy", TitleZh: "地区生产总值增速：南山区与深圳市", TitleEn: "GDP growth: Nanshan and Shenzhen",
		Indicators: []string{"gdp_growth"}, Regions: []string{"nanshan", "shenzhen"}, draw: timeChart("line")},
	{ID: "district_gdp", Topic: "economy", TitleZh: "深圳各区地区生产总值比较", TitleEn: "GDP of Shenzhen's districts",
		Indicators: []string{"gdp"}, Regions: shenzhenDistricts, draw: districtChart},
	{ID: "industry_structure", Topic: "economy", TitleZh: "南山区二、三产业结构", TitleEn: "Nanshan's industry structure",
		Indicators: []string{"secondary_industry_share", "tertiary_industry_share"}, Regions: []string{"nanshan"}, draw: compositionChart},
	{ID: "key_shares", Topic: "economy", TitleZh: "南山区产业结构关键比重（各有其基数）", TitleEn: "Nanshan's key industry shares (each of its own base)",
		Indicators: []string{"strategic_emerging_share", "hitech_advanced_mfg_share", "modern_services_share"}, Regions: []string{"nanshan"}, draw: indicatorBars},
	{ID: "rd_intensity", Topic: "innovation", TitleZh: "研发投入强度：南山区、深圳市与全国", TitleEn: "R&D intensity: Nanshan, Shenzhen and China",
		Indicators: []string{"rd_intensity"}, Regions: []string{"nanshan", "shenzhen", "china"}, draw: timeChart("line")},
	{ID: "hightech_enterprises", Topic: "innovation", TitleZh: "南山区国家高新技术企业数量", TitleEn: "Nanshan's national high-tech enterprises",
		Indicators: []string{"hightech_enterprises"}, Regions: []string{"nanshan"}, draw: timeChart("bar")},
	{ID: "ai_cluster_value_added", Topic: "clusters", TitleZh: "人工智能产业集群增加值：南山区与深圳其他区", TitleEn: "AI cluster value added: Nanshan and the rest of Shenzhen",
		Indicators: []string{"ai_cluster_value_added"}, Regions: []string{"nanshan", "shenzhen"}, draw: restOfCityChart},
	{ID: "robotics_target", Topic: "clusters", TitleZh: "机器人产业集群规模目标", TitleEn: "Robotics cluster size target",
		Indicators: []string{"robotics_cluster_size"}, Regions: []string{"nanshan"}, draw: indicatorBars},
	{ID: "guidance_fund_amounts", Topic: "funds", TitleZh: "政府引导基金：子基金规模与累计投资金额", TitleEn: "Guidance fund: sub-fund size and amount invested",
		Indicators: []string{"guidance_fund_subfund_scale", "guidance_fund_invested_amount"}, Regions: []string{"nanshan"}, draw: indicatorBars},
	{ID: "guidance_fund_counts", Topic: "funds", TitleZh: "政府引导基金：合作机构、子基金与投资项目", TitleEn: "Guidance fund: partners, sub-funds and projects",
		Indicators: []string{"guidance_fund_partner_vcs", "guidance_fund_subfunds", "guidance_fund_projects"}, Regions: []string{"nanshan"}, draw: indicatorBars},
	{ID: "livelihood_spending", Topic: "livelihood", TitleZh: "南山区民生九项支出", TitleEn: "Nanshan's spending on the nine livelihood categories",
		Indicators: []string{"livelihood_spending"}, Regions: []string{"nanshan"}, draw: timeChart("bar")},
}

// Topics in navigation order.
var topics = []struct{ ID, Zh, En string }{
	{"economy", "经济", "Economy"},
	{"innovation", "创新", "Innovation"},
	{"clusters", "产业集群", "Industry clusters"},
	{"funds", "引导基金", "Guidance fund"},
	{"livelihood", "民生", "Livelihood"},
}

func findChart(topic, id string) (*chartSpec, bool) {
	for i := range chartSpecs {
		if chartSpecs[i].Topic == topic && chartSpecs[i].ID == id {
			return &chartSpecs[i], true
		}
	}
	return nil, false
}

// buildChart builds one topic chart for a request (its view parameters and
// language). Embeds and topic pages use it.
// indicatorsOf looks indicators up in the snapshot, for transform.Select.
func indicatorsOf(snap *Snapshot) transform.Indicators {
	return func(id string) *queries.Indicator {
		ind, _ := snap.Indicator(id)
		return ind
	}
}

func (s *Server) buildChart(c echo.Context, snap *Snapshot, topic, chartID string) (*ChartView, error) {
	spec, ok := findChart(topic, chartID)
	if !ok {
		return nil, notFound("no chart %q in topic %q", chartID, topic)
	}
	v, err := parseView(c, snap, request.Data)
	if err != nil {
		return nil, err
	}
	cv, _, err := s.chart(c.Request().Context(), snap, spec, v, langOf(c))
	if cv != nil {
		cv.Query = c.QueryParams()
	}
	return cv, err
}

// chart queries and draws a chart, returning the rows it drew from (its
// data twin's rows).
func (s *Server) chart(ctx context.Context, snap *Snapshot, spec *chartSpec, v View, lang figure.Lang) (*ChartView, []transform.Row, error) {
	obs, err := queries.Observations(ctx, snap.DB, v.Filter(spec.Indicators, spec.Regions, true))
	if err != nil {
		return nil, nil, err
	}
	cv := &ChartView{ID: spec.Topic + "-" + spec.ID, DataURL: "/topics/" + spec.Topic + "/charts/" + spec.ID, EmbedURL: "/embed/charts/" + spec.Topic + "/" + spec.ID}
	cv.Title = spec.TitleZh
	if lang == figure.En {
		cv.Title = spec.TitleEn
	}
	b := &chartBuilder{lang: lang, snap: snap}
	units := map[string]bool{}
	for _, id := range spec.Indicators {
		if ind, ok := snap.Indicator(id); ok {
			b.unit = unitOf(ind)
			u := ind.UnitZh
			if lang == figure.En {
				u = ind.UnitEn
			}
			if !units[u] {
				units[u] = true
				if cv.Unit != "" {
					cv.Unit += " / "
				}
				cv.Unit += u
			}
		}
	}
	drawn, rows := obs, transform.Levels(obs)
	if v.Transform != transform.Level {
		if rows, err = transform.Select(ctx, snap.DB, v.Filter(spec.Indicators, spec.Regions, true), v.Transform, indicatorsOf(snap)); err != nil {
			return nil, nil, err
		}
		ind, _ := snap.Indicator(spec.Indicators[0])
		drawn = s.transformed(b, cv, rows, v.Transform, ind)
		if drawn, err = s.besideRealGrowth(ctx, snap, v, ind, spec.Regions, b, cv, drawn); err != nil {
			return nil, nil, err
		}
	}
	if len(drawn) == 0 {
		cv.Notes = append(cv.Notes, b.t("所选范围内没有数据。", "No figures in the selected range."))
	}
	spec.draw(b, drawn)
	b.build(cv)
	return cv, rows, nil
}

// transformed derives the view's transform from the published levels for
// drawing (the data twins apply the same transform to the same levels). A
// gap, or a change from a bound such as "more than", is left out: a gap.
func (s *Server) transformed(b *chartBuilder, cv *ChartView, rows []transform.Row, t string, ind *queries.Indicator) []queries.Observation {
	var out []queries.Observation
	rate := transform.Row{Unit: "percent"}
	unit := rate.UnitOf(b.unit)
	for _, r := range rows {
		if r.Null {
			continue
		}
		unit = r.UnitOf(b.unit)
		out = append(out, r.Observation)
	}
	b.derived = &unit
	cv.Unit = b.t(unit.Zh, unit.En)
	nominal := transform.Nominal(ind)
	cv.Title += b.t("（"+transform.Name(t, nominal, figure.Zh)+"）", " ("+transform.Name(t, nominal, figure.En)+")")
	cv.Notes = append(cv.Notes, b.t("变换值由已发布数字计算，图表保留两位小数，下载文件为全精度；缺失年份或“超”“近”等区间数无法计算，留空。",
		"Transformed values are computed from published figures, shown to two decimals (downloads keep full precision); a gap, or a bound such as “more than”, gives no value."))
	return out
}

// besideRealGrowth adds, beside a nominal rate (computed from current-price
// levels), the real growth its statistics office publishes for the same
// regions and periods (indicators.csv, real_growth), so the two are read
// together and never taken for each other.
func (s *Server) besideRealGrowth(ctx context.Context, snap *Snapshot, v View, ind *queries.Indicator, regions []string, b *chartBuilder, cv *ChartView, drawn []queries.Observation) ([]queries.Observation, error) {
	if v.Transform == transform.Change || !transform.Nominal(ind) || ind.RealGrowth == "" {
		return drawn, nil
	}
	real, ok := snap.Indicator(ind.RealGrowth)
	if !ok {
		return drawn, nil
	}
	obs, err := queries.Observations(ctx, snap.DB, v.Filter([]string{real.ID}, regions, true))
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		if o.Status != "target" {
			drawn = append(drawn, o)
		}
	}
	cv.Notes = append(cv.Notes, b.t(
		"名义增速由现价"+ind.NameZh+"计算，含价格变动；"+real.NameZh+"是按可比价格公布的实际增速，一并列出以便对照。",
		"Nominal growth is computed from "+ind.NameEn+" at current prices and includes price changes; "+real.NameEn+" is the real growth as published, shown beside it."))
	return drawn, nil
}

// seriesName names a series by region, by indicator, or by both.
func (b *chartBuilder) seriesName(o *queries.Observation, byIndicator, byRegion bool) string {
	var parts []string
	if byIndicator {
		if ind, ok := b.snap.Indicator(o.Indicator); ok {
			parts = append(parts, b.t(ind.NameZh, ind.NameEn))
		}
	}
	if byRegion || len(parts) == 0 {
		if r, ok := b.snap.Region(o.Region); ok {
			parts = append(parts, b.t(r.NameZh, r.NameEn))
		}
	}
	return strings.Join(parts, " · ")
}

// timeChart draws each indicator/region as a series over its periods. Annual
// series get every year between the first and last, so a missing year is a
// visible gap, never an interpolated value. Targets are not drawn here.
func timeChart(kind string) func(b *chartBuilder, obs []queries.Observation) {
	return func(b *chartBuilder, obs []queries.Observation) {
		b.kind = kind
		periods := map[string]*queries.Observation{}
		indicators, regions := map[string]bool{}, map[string]bool{}
		minYear, maxYear := 0, 0
		for i := range obs {
			o := &obs[i]
			if o.Status == "target" {
				continue
			}
			periods[o.Period] = o
			indicators[o.Indicator], regions[o.Region] = true, true
			if o.Freq == "A" {
				y := o.Start.Year()
				if minYear == 0 || y < minYear {
					minYear = y
				}
				if y > maxYear {
					maxYear = y
				}
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
		for p := range periods {
			keys = append(keys, p)
		}
		sort.Slice(keys, func(i, j int) bool { return periodLess(keys[i], keys[j], periods) })
		// A year the source did not state is drawn where we inferred it,
		// and marked so (data/observations.csv period_stated).
		inferred := map[string]bool{}
		for i := range obs {
			if obs[i].PeriodStated == press.PeriodInferred && obs[i].Status != "target" {
				inferred[obs[i].Period] = true
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
		byName := map[string]int{}
		for i := range obs {
			o := &obs[i]
			if o.Status == "target" {
				continue
			}
			name := b.seriesName(o, len(indicators) > 1, len(regions) > 1)
			si, ok := byName[name]
			if !ok {
				si = len(b.series)
				byName[name] = si
				b.series = append(b.series, series{name: name, points: make([]*point, len(keys))})
			}
			b.series[si].points[index[o.Period]] = &point{obs: o}
		}
	}
}

// periodLess orders period notations by the span they cover; synthetic gap
// years (nil) sort as whole years.
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

// indicatorBars draws one bar per indicator (its latest figure), labelled
// with the indicator and period: for figures of different bases that must
// not be read as parts of one whole. Targets are drawn hollow.
func indicatorBars(b *chartBuilder, obs []queries.Observation) {
	b.kind, b.horizontal = "bar", true
	s := series{name: ""}
	for i := range obs {
		o := &obs[i]
		ind, _ := b.snap.Indicator(o.Indicator)
		b.categories = append(b.categories, b.t(ind.NameZh, ind.NameEn)+"（"+press.PeriodLabel(*o, b.lang)+"）")
		b.catKeys = append(b.catKeys, "")
		s.points = append(s.points, &point{obs: o, target: o.Status == "target"})
		if s.name == "" {
			s.name = b.seriesName(o, false, true)
		}
		if o.Status == "target" {
			b.notes = append(b.notes, b.t("空心条为目标值，不是实际观测。", "Hollow bars are targets, not observations."))
		}
	}
	if len(s.points) > 0 {
		b.series = append(b.series, s)
	}
}

// compositionChart stacks shares of one whole (secondary and tertiary
// industry) for each period.
func compositionChart(b *chartBuilder, obs []queries.Observation) {
	timeChart("stacked")(b, obs)
	b.notes = append(b.notes, b.t("来源给出的是约数（“三七开”）。", "The source gives rounded shares (\"three to seven\")."))
}

// districtChart compares districts year by year: one bar group per year in
// which at least two districts have a figure, so districts are only set side
// by side for the same year.
func districtChart(b *chartBuilder, obs []queries.Observation) {
	b.kind = "bar"
	byYear := map[string][]*queries.Observation{}
	for i := range obs {
		if obs[i].Freq == "A" {
			byYear[obs[i].Period] = append(byYear[obs[i].Period], &obs[i])
		}
	}
	var years []string
	for y, list := range byYear {
		if len(list) >= 2 {
			years = append(years, y)
		}
	}
	sort.Strings(years)
	districts := map[string]int{}
	for _, y := range years {
		for _, o := range byYear[y] {
			if _, ok := districts[o.Region]; !ok {
				districts[o.Region] = len(b.categories)
				r, _ := b.snap.Region(o.Region)
				b.categories = append(b.categories, b.t(r.NameZh, r.NameEn))
				b.catKeys = append(b.catKeys, "")
			}
		}
	}
	for _, y := range years {
		s := series{name: figure.Period(y, b.lang), points: make([]*point, len(b.categories))}
		for _, o := range byYear[y] {
			s.points[districts[o.Region]] = &point{obs: o}
		}
		b.series = append(b.series, s)
	}
	b.notes = append(b.notes, b.t("只在同一年份内比较各区；本数据集未收录的区不显示。", "Districts are compared within the same year only; districts not in this dataset are not shown."))
}

// restOfCityChart splits a city total into the district and the rest of the
// city, computed from the two stored figures of the same period when both
// are exact. The data twin holds the two stored figures, not the difference.
func restOfCityChart(b *chartBuilder, obs []queries.Observation) {
	b.kind, b.horizontal = "stacked", true
	var district, city *queries.Observation
	for i := range obs {
		switch obs[i].Region {
		case "shenzhen":
			city = &obs[i]
		default:
			district = &obs[i]
		}
	}
	if district == nil || city == nil || district.Period != city.Period || district.Qualifier != "exact" || city.Qualifier != "exact" {
		timeChart("bar")(b, obs)
		return
	}
	rest := *city
	rest.Value = subtractExact(city.Value, district.Value)
	rest.Note = "computed: " + figure.Digits(city.Value) + " − " + figure.Digits(district.Value)
	b.categories = []string{figure.Period(city.Period, b.lang)}
	b.catKeys = []string{city.Period}
	dn, _ := b.snap.Region(district.Region)
	b.series = []series{
		{name: b.t(dn.NameZh, dn.NameEn), points: []*point{{obs: district}}},
		{name: b.t("深圳市其他区（全市减南山推算）", "Rest of Shenzhen (city total minus Nanshan)"), points: []*point{{obs: &rest}}},
	}
	b.notes = append(b.notes, b.t(
		"深圳市其他区 = 全市 "+figure.Digits(city.Value)+" − 南山 "+figure.Digits(district.Value)+" = "+figure.Digits(rest.Value)+" 亿元，由两个已发布数字计算。",
		"Rest of Shenzhen = city "+figure.Digits(city.Value)+" − Nanshan "+figure.Digits(district.Value)+" = "+figure.Digits(rest.Value)+", computed from the two published figures."))
}

// subtractExact subtracts two published decimals and rounds the float
// result to the digits the inputs carry, which is exact for decimals.
func subtractExact(a, b float64) float64 {
	d := max(decimals(figure.Digits(a)), decimals(figure.Digits(b)))
	return roundTo(a-b, d)
}

func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
