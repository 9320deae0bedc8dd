package press

import (
	"strings"
	"testing"

	"districtstats/queries"
)

var (
	nanshan  = queries.Region{ID: "nanshan", NameZh: "南山区", NameEn: "Nanshan District", Level: "district"}
	shenzhen = queries.Region{ID: "shenzhen", NameZh: "深圳市", NameEn: "Shenzhen", Level: "city"}
	china    = queries.Region{ID: "china", NameZh: "全国", NameEn: "China", Level: "country"}

	gdp          = queries.Indicator{ID: "gdp", NameZh: "地区生产总值", NameEn: "Gross domestic product (GDP)", Unit: "yi_yuan", UnitZh: "亿元", UnitEn: "100 million yuan"}
	rd           = queries.Indicator{ID: "rd_intensity", NameZh: "全社会研发投入占GDP比重", NameEn: "R&D expenditure as a share of GDP", Unit: "percent", UnitZh: "%", UnitEn: "%"}
	services     = queries.Indicator{ID: "modern_services_share", NameZh: "现代服务业占第三产业比重", NameEn: "Modern services share of the tertiary industry", Unit: "percent", UnitZh: "%", UnitEn: "%"}
	hitech       = queries.Indicator{ID: "hightech_enterprises", NameZh: "国家高新技术企业", NameEn: "National high-tech enterprises", Unit: "count", UnitZh: "家", UnitEn: "firms"}
	market       = queries.Indicator{ID: "market_entities", NameZh: "市场主体", NameEn: "Registered market entities", Unit: "count", UnitZh: "家", UnitEn: "entities"}
	talent       = queries.Indicator{ID: "high_level_talent", NameZh: "高层次人才", NameEn: "High-level talent", Unit: "count", UnitZh: "名", UnitEn: "people"}
	rank         = queries.Indicator{ID: "gdp_rank_guangdong", NameZh: "广东省区（县）GDP排名", NameEn: "GDP rank among Guangdong districts and counties", Unit: "rank", UnitZh: "位", UnitEn: "rank"}
	streak       = queries.Indicator{ID: "gdp_rank_streak_years", NameZh: "连续位居广东省区（县）第一年数", NameEn: "Consecutive years ranked first in Guangdong", Unit: "years", UnitZh: "年", UnitEn: "years"}
	robotics     = queries.Indicator{ID: "robotics_cluster_size", NameZh: "机器人产业集群规模", NameEn: "Robotics cluster size", Unit: "yi_yuan", UnitZh: "亿元", UnitEn: "100 million yuan"}
	housing      = queries.Indicator{ID: "affordable_housing_units", NameZh: "保障性住房建设筹集", NameEn: "Affordable housing units built or raised", Unit: "count", UnitZh: "套", UnitEn: "units"}
	cash         = queries.Indicator{ID: "housing_cash_subsidies", NameZh: "住房货币补贴发放", NameEn: "Housing cash subsidies paid", Unit: "yi_yuan", UnitZh: "亿元", UnitEn: "100 million yuan"}
	universities = queries.Indicator{ID: "universities", NameZh: "高校", NameEn: "Universities", Unit: "count", UnitZh: "所", UnitEn: "universities"}
	subsidy      = queries.Indicator{ID: "talent_subsidy", NameZh: "人才补贴", NameEn: "Talent subsidy", Unit: "yi_yuan", UnitZh: "亿元", UnitEn: "100 million yuan"}
)

// seed is the source of most examples: a 2025-03-26 article.
func obs(ind queries.Indicator, per, freq string, v float64, q, status string) queries.Observation {
	return queries.Observation{Indicator: ind.ID, Region: "nanshan", Period: per, Freq: freq, Value: v, Qualifier: q, Status: status,
		Source: "seed_2025_03_26", SourceTitle: "南山区区长做客《民心桥》", SourcePublisher: "蛇口消息报 (深圳市南山区人民政府网站)",
		SourcePublisherEn: "Shekou News (Nanshan District People's Government website)", SourcePublished: "2025-03-26"}
}

// stated sets what the source said about the period.
func stated(o queries.Observation, s string) queries.Observation {
	o.PeriodStated = s
	return o
}

func TestSentences(t *testing.T) {
	const zhCite, enCite = "（来源：蛇口消息报，2025年3月26日）", " (Shekou News, 26 March 2025)."
	tests := []struct {
		name   string
		ind    queries.Indicator
		reg    queries.Region
		o      queries.Observation
		zh, en string // with citation
	}{
		// The example in the brief, exactly.
		{"exact yi_yuan billions", gdp, nanshan, obs(gdp, "2024", "A", 9501, "exact", "unknown"),
			"2024年，南山区地区生产总值9501亿元。" + zhCite, "Nanshan's GDP was 950.1 billion yuan in 2024" + enCite},
		// Qualifiers.
		{"more_than count", hitech, nanshan, obs(hitech, "as of 2025-03-26", "P", 5500, "more_than", "unknown"),
			"截至2025年3月26日，南山区国家高新技术企业超5500家。" + zhCite,
			"As of 26 March 2025, Nanshan had more than 5,500 national high-tech enterprises" + enCite},
		{"nearly percent", services, nanshan, obs(services, "2024", "A", 90, "nearly", "unknown"),
			"2024年，南山区现代服务业占第三产业比重近90%。" + zhCite,
			"Nanshan's modern services share of the tertiary industry was nearly 90% in 2024" + enCite},
		{"about percent", services, nanshan, obs(services, "2024", "A", 70, "about", "unknown"),
			"2024年，南山区现代服务业占第三产业比重约70%。" + zhCite,
			"Nanshan's modern services share of the tertiary industry was about 70% in 2024" + enCite},
		{"at_least yi_yuan", gdp, nanshan, obs(gdp, "2024", "A", 100, "at_least", "unknown"),
			"2024年，南山区地区生产总值至少100亿元。" + zhCite, "Nanshan's GDP was at least 10 billion yuan in 2024" + enCite},
		{"at_most yi_yuan millions", subsidy, nanshan, obs(subsidy, "2024", "A", 0.006, "at_most", "unknown"),
			"2024年，南山区人才补贴最高0.006亿元。" + zhCite, "Nanshan's talent subsidy was up to 0.6 million yuan in 2024" + enCite},
		// Statuses.
		{"preliminary about", gdp, nanshan, obs(gdp, "2018", "A", 5018, "about", "preliminary"),
			"2018年，南山区地区生产总值初步核算约5018亿元。" + zhCite,
			"Nanshan's GDP was about 501.8 billion yuan in 2018 (preliminary)" + enCite},
		{"preliminary exact, trillions in 万亿", gdp, nanshan, obs(gdp, "2025", "A", 10100, "exact", "preliminary"),
			"2025年，南山区地区生产总值初步核算为1.01万亿元。" + zhCite,
			"Nanshan's GDP was 1.01 trillion yuan in 2025 (preliminary)" + enCite},
		{"final", rd, china, func() queries.Observation {
			o := obs(rd, "2024", "A", 2.69, "exact", "final")
			o.Region = "china"
			return o
		}(),
			"2024年，全国全社会研发投入占GDP比重最终核实为2.69%。" + zhCite,
			"China's R&D expenditure as a share of GDP was 2.69% in 2024 (final)" + enCite},
		{"revised", gdp, nanshan, obs(gdp, "2023", "A", 8566, "exact", "revised"),
			"2023年，南山区地区生产总值修订为8566亿元。" + zhCite,
			"Nanshan's GDP was 856.6 billion yuan in 2023 (revised)" + enCite},
		{"target range", robotics, nanshan, obs(robotics, "2028-2030", "R", 100, "at_least", "target"),
			"2028-2030年，南山区机器人产业集群规模有望达到至少100亿元（目标）。" + zhCite,
			"Nanshan's robotics cluster size is expected to reach at least 10 billion yuan in 2028-2030 (target)" + enCite},
		// Period kinds.
		{"quarter", gdp, nanshan, obs(gdp, "2024Q1", "Q", 2165.3, "exact", "unknown"),
			"2024年第一季度，南山区地区生产总值2165.3亿元。" + zhCite, "Nanshan's GDP was 216.53 billion yuan in Q1 2024" + enCite},
		{"half", gdp, nanshan, obs(gdp, "2024H1", "H", 4495, "exact", "unknown"),
			"2024年上半年，南山区地区生产总值4495亿元。" + zhCite, "Nanshan's GDP was 449.5 billion yuan in H1 2024" + enCite},
		{"month", gdp, nanshan, obs(gdp, "2024-03", "M", 800, "exact", "unknown"),
			"2024年3月，南山区地区生产总值800亿元。" + zhCite, "Nanshan's GDP was 80 billion yuan in March 2024" + enCite},
		{"cumulative span", gdp, nanshan, obs(gdp, "2024-01/2024-06", "C", 4495, "exact", "unknown"),
			"2024年1-6月，南山区地区生产总值4495亿元。" + zhCite, "Nanshan's GDP was 449.5 billion yuan in January-June 2024" + enCite},
		// Units.
		{"yi_yuan trillions not exact in 万", gdp, shenzhen, func() queries.Observation {
			o := obs(gdp, "2022", "A", 32387.68, "exact", "unknown")
			o.Region = "shenzhen"
			return o
		}(),
			"2022年，深圳市地区生产总值32387.68亿元。" + zhCite, "Shenzhen's GDP was 3.24 trillion yuan (exactly 3,238.768 billion yuan) in 2022" + enCite},
		{"yi_yuan millions", gdp, nanshan, obs(gdp, "as of 2025-03-26", "P", 6, "more_than", "unknown"),
			"截至2025年3月26日，南山区地区生产总值超6亿元。" + zhCite,
			"As of 26 March 2025, Nanshan's GDP stood at more than 600 million yuan" + enCite},
		{"percent", rd, nanshan, obs(rd, "2024", "A", 7.66, "exact", "unknown"),
			"2024年，南山区全社会研发投入占GDP比重7.66%。" + zhCite,
			"Nanshan's R&D expenditure as a share of GDP was 7.66% in 2024" + enCite},
		{"count in 万", market, nanshan, obs(market, "as of 2025-03-26", "P", 600000, "more_than", "unknown"),
			"截至2025年3月26日，南山区市场主体超60万家。" + zhCite,
			"As of 26 March 2025, Nanshan had more than 600,000 registered market entities" + enCite},
		{"count in 万 with decimal", talent, nanshan, obs(talent, "as of 2025-03-26", "P", 13000, "more_than", "unknown"),
			"截至2025年3月26日，南山区高层次人才超1.3万名。" + zhCite,
			"As of 26 March 2025, Nanshan had more than 13,000 high-level talent" + enCite},
		{"rank", rank, nanshan, obs(rank, "2024", "A", 1, "exact", "unknown"),
			"2024年，南山区广东省区（县）GDP排名第1位。" + zhCite,
			"Nanshan's GDP rank among Guangdong districts and counties was No. 1 in 2024" + enCite},
		{"years", streak, nanshan, obs(streak, "2024", "A", 12, "exact", "unknown"),
			"2024年，南山区连续12年位居广东省区（县）第一。" + zhCite,
			"Nanshan had 12 consecutive years ranked first in Guangdong in 2024" + enCite},
		// A period the source did not state: the sentence says what the
		// source did (it reported on a date), never the year inferred for charts.
		{"period not stated, percent", services, nanshan, stated(obs(services, "2024", "A", 90, "nearly", "unknown"), "no"),
			"据2025年3月26日报道，南山区现代服务业占第三产业比重近90%。" + zhCite,
			"As reported on 26 March 2025, Nanshan's modern services share of the tertiary industry was nearly 90%" + enCite},
		{"period not stated, money", gdp, nanshan, stated(obs(gdp, "2024", "A", 9501, "exact", "unknown"), "no"),
			"据2025年3月26日报道，南山区地区生产总值9501亿元。" + zhCite,
			"As reported on 26 March 2025, Nanshan's GDP was 950.1 billion yuan" + enCite},
		{"period not stated, rank", rank, nanshan, stated(obs(rank, "2024", "A", 1, "exact", "unknown"), "no"),
			"据2025年3月26日报道，南山区广东省区（县）GDP排名第1位。" + zhCite,
			"As reported on 26 March 2025, Nanshan's GDP rank among Guangdong districts and counties was No. 1" + enCite},
		{"period not stated, years", streak, nanshan, stated(obs(streak, "2024", "A", 12, "exact", "unknown"), "no"),
			"据2025年3月26日报道，南山区连续12年位居广东省区（县）第一。" + zhCite,
			"As reported on 26 March 2025, Nanshan had 12 consecutive years ranked first in Guangdong" + enCite},
		{"period not stated, undated source", services, nanshan, func() queries.Observation {
			o := stated(obs(services, "2024", "A", 90, "nearly", "unknown"), "no")
			o.SourcePublished = ""
			return o
		}(),
			"据报道，南山区现代服务业占第三产业比重近90%。（来源：蛇口消息报，日期不详）",
			"As reported, Nanshan's modern services share of the tertiary industry was nearly 90% (Shekou News, date not stated)."},
		// An undated recent flow is not a stock "as of" the article's date.
		{"recent flow, count", housing, nanshan, stated(obs(housing, "as of 2025-03-26", "P", 17000, "exact", "unknown"), "recent"),
			"近期，南山区保障性住房建设筹集1.7万套（截至2025年3月26日报道）。" + zhCite,
			"Recently, Nanshan had 17,000 affordable housing units built or raised (as reported on 26 March 2025)" + enCite},
		{"recent flow, money", cash, nanshan, stated(obs(cash, "as of 2025-03-26", "P", 6, "more_than", "unknown"), "recent"),
			"近期，南山区住房货币补贴发放超6亿元（截至2025年3月26日报道）。" + zhCite,
			"Recently, Nanshan's housing cash subsidies paid came to more than 600 million yuan (as reported on 26 March 2025)" + enCite},
		// A target keeps the horizon it was published with.
		{"target horizon", robotics, nanshan, stated(obs(robotics, "2028-2030", "R", 100, "at_least", "target"), "within 3-5 years"),
			"南山区机器人产业集群规模有望在3-5年内达到至少100亿元（目标）。" + zhCite,
			"Nanshan's robotics cluster size is expected to reach at least 10 billion yuan within 3–5 years (target)" + enCite},
		{"target horizon of one year, count", universities, nanshan, stated(obs(universities, "2026", "A", 8, "exact", "target"), "within 1 year"),
			"南山区高校有望在1年内达到8所（目标）。" + zhCite,
			"Nanshan is expected to have 8 universities within 1 year (target)" + enCite},
		// English as an editor writes it, for every unit.
		{"count, stock", universities, nanshan, obs(universities, "as of 2025-03-26", "P", 7, "exact", "unknown"),
			"截至2025年3月26日，南山区高校7所。" + zhCite,
			"As of 26 March 2025, Nanshan had 7 universities" + enCite},
		{"count, year", hitech, nanshan, obs(hitech, "2020", "A", 4101, "exact", "unknown"),
			"2020年，南山区国家高新技术企业4101家。" + zhCite,
			"Nanshan had 4,101 national high-tech enterprises in 2020" + enCite},
		{"money stock", gdp, nanshan, obs(gdp, "as of 2025-03-26", "P", 1190, "exact", "unknown"),
			"截至2025年3月26日，南山区地区生产总值1190亿元。" + zhCite,
			"As of 26 March 2025, Nanshan's GDP stood at 119 billion yuan" + enCite},
		{"trillions exact to two decimals are not rounded", gdp, shenzhen, func() queries.Observation {
			o := obs(gdp, "2024", "A", 36800, "about", "unknown")
			o.Region = "shenzhen"
			return o
		}(),
			"2024年，深圳市地区生产总值约3.68万亿元。" + zhCite, "Shenzhen's GDP was about 3.68 trillion yuan in 2024" + enCite},
		{"a bound in trillions is never rounded", gdp, shenzhen, func() queries.Observation {
			o := obs(gdp, "2022", "A", 32387.68, "more_than", "unknown")
			o.Region = "shenzhen"
			return o
		}(),
			"2022年，深圳市地区生产总值超32387.68亿元。" + zhCite, "Shenzhen's GDP was more than 3.238768 trillion yuan in 2022" + enCite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Sentences(Figure{Obs: tt.o, Indicator: tt.ind, Region: tt.reg})
			if got := p.Zh.Text(); got != tt.zh {
				t.Errorf("zh\n got %s\nwant %s", got, tt.zh)
			}
			if got := p.En.Text(); got != tt.en {
				t.Errorf("en\n got %s\nwant %s", got, tt.en)
			}
			if len(p.Sources) != 1 || p.Sources[0].ID != tt.o.Source {
				t.Errorf("sources = %+v", p.Sources)
			}
		})
	}
}

func TestNumberedAndCitation(t *testing.T) {
	p := Sentences(Figure{Obs: obs(gdp, "2024", "A", 9501, "exact", "unknown"), Indicator: gdp, Region: nanshan})
	if got, want := p.Zh.Numbered("[1]"), "2024年，南山区地区生产总值9501亿元[1]。"; got != want {
		t.Errorf("zh numbered = %s, want %s", got, want)
	}
	if got, want := p.En.Numbered("[1]"), "Nanshan's GDP was 950.1 billion yuan in 2024 [1]."; got != want {
		t.Errorf("en numbered = %s, want %s", got, want)
	}
	// An English-only publisher cites its English name, parenthetical cut;
	// a missing date says so.
	o := obs(gdp, "2024", "A", 9501, "exact", "unknown")
	o.SourcePublisher, o.SourcePublisherEn, o.SourcePublished = "People's Daily Online (Xinhua)", "", ""
	p = Sentences(Figure{Obs: o, Indicator: gdp, Region: nanshan})
	if got, want := p.En.Citation, "(People's Daily Online, date not stated)"; got != want {
		t.Errorf("en citation = %s, want %s", got, want)
	}
	if got, want := p.Zh.Citation, "（来源：People's Daily Online，日期不详）"; got != want {
		t.Errorf("zh citation = %s, want %s", got, want)
	}
}

func TestZhAmountNeverRounds(t *testing.T) {
	u := unitOf(hitech)
	for v, want := range map[float64]string{5500: "5500家", 10000: "1万家", 12345: "12345家", 12300: "1.23万家", 600000: "60万家", 0.5: "0.5家"} {
		if got := ZhAmount(v, u); got != want {
			t.Errorf("ZhAmount(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{"Nanshan District": "Nanshan", "Guangdong Province": "Guangdong", "Dapeng New District": "Dapeng", "China": "China"} {
		if got := RegionShort(queries.Region{NameEn: in}); got != want {
			t.Errorf("RegionShort(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Gross domestic product (GDP)": "GDP", "GDP growth (year on year)": "GDP growth (year on year)",
		"National high-tech enterprises": "national high-tech enterprises", "AI cluster firms": "AI cluster firms", "Nobel laureate laboratories": "Nobel laureate laboratories", "R&D expenditure": "R&D expenditure"} {
		if got := IndicatorShort(queries.Indicator{NameEn: in}); got != want {
			t.Errorf("IndicatorShort(%q) = %q, want %q", in, got, want)
		}
	}
}

// A copy on a mirror site is cited as a copy, under its original publisher.
func TestCitationOfACopy(t *testing.T) {
	o := obs(rd, "2016", "A", 2.11, "exact", "final")
	o.Region, o.Source, o.SourcePublisher, o.SourcePublisherEn, o.SourcePublished = "china", "xinhua_2017_10_10", "Xinhua", "", "2017-10-10"
	o.SourceURL, o.SourceCopy = "http://m.veredascontabil.com/english/2017-10/10/c_136670237.htm", true
	p := Sentences(Figure{Obs: o, Indicator: rd, Region: china})
	if got, want := p.En.Citation, "(Xinhua, 10 October 2017, copy at m.veredascontabil.com)"; got != want {
		t.Errorf("en citation %q, want %q", got, want)
	}
	if got, want := p.Zh.Citation, "（来源：Xinhua，2017年10月10日，转载于m.veredascontabil.com）"; got != want {
		t.Errorf("zh citation %q, want %q", got, want)
	}
	o.SourceCopy = false
	if p := Sentences(Figure{Obs: o, Indicator: rd, Region: china}); strings.Contains(p.En.Citation, "copy") {
		t.Errorf("the publisher's own page is no copy: %s", p.En.Citation)
	}
}

// TestPeriodLabel: a figure's period as tables show it, and set after a
// name (PeriodInBrackets) saying the same without brackets in brackets.
func TestPeriodLabel(t *testing.T) {
	for _, tt := range []struct {
		o                        queries.Observation
		zh, en, zhAside, enAside string
	}{
		{obs(gdp, "2024", "A", 1, "exact", "unknown"), "2024年", "2024", "（2024年）", " (2024)"},
		{stated(obs(gdp, "2024", "A", 1, "exact", "unknown"), "no"), "2024年（推断：来源未注明年份）", "2024 (inferred: the source states no year)",
			"（2024年，推断：来源未注明年份）", " (2024, inferred: the source states no year)"},
		{stated(obs(housing, "as of 2025-03-26", "P", 1, "exact", "unknown"), "recent"), "近期（截至2025年3月26日报道）", "recently (as reported on 26 March 2025)",
			"（近期，截至2025年3月26日报道）", " (recently, as reported on 26 March 2025)"},
		{stated(obs(robotics, "2028-2030", "R", 1, "at_least", "target"), "within 3-5 years"), "3-5年内", "within 3–5 years", "（3-5年内）", " (within 3–5 years)"},
	} {
		got := [4]string{PeriodLabel(tt.o, "zh"), PeriodLabel(tt.o, "en"), PeriodInBrackets(tt.o, "zh"), PeriodInBrackets(tt.o, "en")}
		if want := [4]string{tt.zh, tt.en, tt.zhAside, tt.enAside}; got != want {
			t.Errorf("%s %q: %q, want %q", tt.o.Period, tt.o.PeriodStated, got, want)
		}
	}
}
