package figcheck

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"districtstats/figure"
)

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// want is one expected result: the figure as written, the verdict, and
// (for figures compared with an indicator) the indicator, region and
// period compared with.
type want struct {
	text, verdict, indicator, region, period string
}

func got(r Result) want {
	w := want{text: r.Text, verdict: r.Verdict}
	if r.Figure != nil && r.Verdict != Ambiguous {
		w.indicator, w.region, w.period = r.Figure.Indicator, r.Figure.Region, r.Figure.Period
	}
	return w
}

// The district's article of 2025-03-26, pasted whole: every figure the
// dataset holds matches; the others are not in the data; none differs.
// Not read as figures: "八大金刚" (a name that holds the stored count 8:
// reading "N大…" as counts would flag 三大战略, 六大维度 … too), 第33家 (an
// ordinal) and ids (粤ICP备…号).
func TestSourceArticle(t *testing.T) {
	c := bundled(t)
	text, err := os.ReadFile("testdata/source-article-2025-03-26.txt")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := c.Check(string(text), Options{Date: date("2025-03-26"), Lang: figure.Zh})
	if err != nil {
		t.Fatal(err)
	}
	const asOf = "截至2025年3月26日"
	pm := func(text string) want { return want{text, Matches, "policy_measure", "", ""} }
	m := func(text, ind, region, period string) want { return want{text, Matches, ind, region, period} }
	none := func(text string) want { return want{text: text, verdict: NotInData} }
	expected := []want{
		none("15条"), // 15条硬核举措: not stored
		pm("520元"), pm("最高3万元"), pm("5万元"), pm("最高60万元"), pm("最长15天"), pm("1年"),
		pm("10万平方米"), pm("近100万平方米"), pm("3-7折"),
		none("千亿"), // 千亿融资: a plan's name
		pm("最高300万元"), pm("500万元"), pm("24小时"),
		m("9501亿元", "gdp", "南山区", "2024年"),
		m("连续12年", "gdp_rank_streak_years", "南山区", "2024年"),
		m("第一", "gdp_rank_guangdong", "南山区", "2024年"),
		m("三", "secondary_industry_share", "南山区", "2024年"), // 二三产业比例为“三七开”: about 30% and 70%
		m("七开", "tertiary_industry_share", "南山区", "2024年"),
		m("超50%", "strategic_emerging_share", "南山区", "2024年"),
		m("超60%", "hitech_advanced_mfg_share", "南山区", "2024年"),
		m("近90%", "modern_services_share", "南山区", "2024年"),
		m("7.66%", "rd_intensity", "南山区", "2024年"),
		m("3倍", "rd_intensity", "南山区", "2024年"), // 接近全国平均水平3倍: 7.66 ÷ 2.68
		m("31个", "single_champion_firms", "南山区", asOf),
		m("310家", "little_giant_firms", "南山区", asOf),
		m("超5500家", "hightech_enterprises", "南山区", asOf),
		m("百亿级", "robotics_cluster_size", "南山区", "2028-2030年"),
		m("1351家", "ai_cluster_firms", "南山区", asOf),
		m("超过一半", "ai_cluster_firms_city_share", "南山区", asOf),
		m("449.07亿元", "ai_cluster_value_added", "南山区", "2024年"),
		m("747.53亿元", "ai_cluster_value_added", "深圳市", "2024年"),
		m("超60%", "ai_cluster_value_added_city_share", "南山区", "2024年"),
		m("超1.3万名", "high_level_talent", "南山区", asOf),
		m("7所", "universities", "南山区", asOf),
		m("9家", "nobel_labs", "南山区", asOf),
		m("超620家", "innovation_platforms", "南山区", asOf),
		m("42家", "guidance_fund_partner_vcs", "南山区", asOf),
		m("61只", "guidance_fund_subfunds", "南山区", asOf),
		m("超千亿", "guidance_fund_subfund_scale", "南山区", asOf),
		m("2847个", "guidance_fund_projects", "南山区", asOf),
		m("1190亿元", "guidance_fund_invested_amount", "南山区", asOf),
		m("超60万家", "market_entities", "南山区", asOf),
		none("千亿"), // 《支持科技型企业千亿融资计划》
		m("1.7万套", "affordable_housing_units", "南山区", asOf),
		m("6亿多元", "housing_cash_subsidies", "南山区", asOf),
		m("6万多名", "housing_subsidy_beneficiaries", "南山区", asOf),
		m("七成左右", "livelihood_budget_share", "南山区", "2024年"),
		m("304.87亿元", "livelihood_spending", "南山区", "2024年"), // 去年, from the article's date
		none("35周年"),
	}
	var gotList []want
	for _, r := range rep.Results {
		gotList = append(gotList, got(r))
		if r.Verdict == Matches && (r.Sentence == "" || r.Link == "") {
			t.Errorf("%s: a match without its ready sentence or link: %+v", r.Text, r)
		}
	}
	if !reflect.DeepEqual(gotList, expected) {
		for i := 0; i < max(len(gotList), len(expected)); i++ {
			var g, e want
			if i < len(gotList) {
				g = gotList[i]
			}
			if i < len(expected) {
				e = expected[i]
			}
			if g != e {
				t.Errorf("figure %d: got %+v, want %+v", i, g, e)
			}
		}
	}
	if rep.Differs() || rep.Counts[Differs] != 0 {
		t.Errorf("the source article must not differ from its own figures: %v", rep.Counts)
	}
	// Offsets point at the figure in the text as pasted.
	for _, r := range rep.Results {
		if string(text[r.Start:r.End]) != r.Text {
			t.Errorf("offsets %d-%d do not give %q", r.Start, r.End, r.Text)
		}
	}
}

// finding is a result reduced to what a table test checks.
type finding struct {
	verdict string
	kinds   []string
}

func kinds(r Result) finding {
	f := finding{verdict: r.Verdict}
	for _, x := range r.Findings {
		f.kinds = append(f.kinds, x.Kind)
	}
	return f
}

// Each way a figure goes wrong on its way into a draft gets its own finding.
func TestAlteredSentences(t *testing.T) {
	c := bundled(t)
	article := date("2025-03-26")
	cases := []struct {
		name, text string
		date       time.Time
		want       finding
		contains   string // a word the message must carry
	}{
		{"as published", "全区GDP规模达9501亿元。", article, finding{Matches, nil}, "9501亿元"},
		{"a year the source did not state", "2024年，全区GDP规模达9501亿元。", article, finding{Matches, nil}, "来源没有写明时期"},
		{"thousands separator", "全区GDP规模达9,501亿元。", article, finding{Matches, nil}, ""},
		{"space before 亿", "全区GDP规模达9501 亿。", article, finding{Matches, nil}, ""},
		{"dropped 超", "南山区国高企业5500家。", article, finding{Differs, []string{KindQualifier}}, "超5500家"},
		{"added 超", "南山区拥有人工智能产业集群规上企业超1351家。", article, finding{Differs, []string{KindQualifier}}, "1351家"},
		{"亿 written as 万", "全区GDP规模达9501万元。", article, finding{Differs, []string{KindScale}}, "9501亿元"},
		{"wrong year", "2023年，全区GDP规模达9501亿元。", article, finding{Differs, []string{KindPeriod}}, "2024年"},
		{"rounded without 约", "全区GDP规模达0.95万亿元。", article, finding{Differs, []string{KindRounded}}, "9501亿元"},
		{"rounded with 约", "全区GDP规模约0.95万亿元。", article, finding{Matches, nil}, ""},
		{"wrong value", "南山区国高企业超5800家。", article, finding{Differs, []string{KindValue}}, "超5500家"},
		{"a rate quoted as a level", "全社会研发投入占GDP比重达7.66亿元。", article, finding{Differs, []string{KindUnit}}, "7.66%"},
		{"growth in words (last figure)", "2022年南山区GDP为8035.88亿元，增长3.3%。", article, finding{Matches, nil}, ""},
		{"突破 is more than", "2025年南山GDP突破1.01万亿元。", time.Time{}, finding{Matches, nil}, "China Daily Hong Kong"},
		{"preliminary after the final", "2024年全国研发投入强度为2.68%。", time.Time{}, finding{Differs, []string{KindVintage}}, "2.69%"},
		{"final figure", "2024年全国研发投入强度为2.69%。", time.Time{}, finding{Matches, nil}, ""},
		{"early 超6500 after 6527", "2020年，南山区GDP超6500亿元。", time.Time{}, finding{Differs, []string{KindVintage}}, "6527亿元"},
		{"target as achieved", "南山机器人产业集群规模已迈上百亿级台阶。", article, finding{Differs, []string{KindTarget}}, "目标"},
		{"target as a target", "机器人产业集群有望在3-5年内迈上百亿级台阶。", article, finding{Matches, nil}, ""},
		{"wrong region", "2024年，深圳市GDP规模达9501亿元。", article, finding{Differs, []string{KindRegion}}, "南山区"},
		{"wrong region, none stored", "2024年，福田区GDP规模达9501亿元。", article, finding{Differs, []string{KindRegion}}, "南山区"},
		{"wrong ratio", "全社会研发投入占GDP比重达7.66%，接近全国平均水平4倍。", article, finding{Differs, []string{KindRatio}}, "2.858"},
		{"ratio", "全社会研发投入占GDP比重达7.66%，接近全国平均水平3倍。", article, finding{Matches, nil}, "÷ 2.68%"},
		{"last year needs the date", "去年民生九项支出304.87亿元。", article, finding{Matches, nil}, "2024年"},
		{"a known hole", "2016年，南山区GDP为4000亿元。", article, finding{NotInData, nil}, "不等于数字有误"},
		{"two indicators fit", "人工智能产业集群占全市比重超70%。", article, finding{Ambiguous, nil}, "超50%"},
		{"English: more than 5,500", "Nanshan has more than 5,500 national high-tech enterprises.", article, finding{Matches, nil}, ""},
		{"English: 950.1 billion yuan", "Nanshan's GDP reached 950.1 billion yuan in 2024.", article, finding{Matches, nil}, ""},
		{"English: dropped more than", "Nanshan has 5,500 national high-tech enterprises.", article, finding{Differs, []string{KindQualifier}}, ""},
		{"English: wrong year", "Nanshan's GDP reached 950.1 billion yuan in 2023.", article, finding{Differs, []string{KindPeriod}}, ""},
		// A fall where a rise is stored: the sign is part of the figure.
		{"a minus sign", "2025年南山区地区生产总值增长-6.3%。", time.Time{}, finding{Differs, []string{KindValue}}, "方向相反"},
		{"下降 where a rise is stored", "2025年南山区地区生产总值下降6.3%。", time.Time{}, finding{Differs, []string{KindValue}}, "方向相反"},
		{"下降了 with 约", "2025年南山区地区生产总值约下降了6.3%。", time.Time{}, finding{Differs, []string{KindValue}}, "6.3%"},
		{"回落到 is a level", "2025年南山区地区生产总值增速回落到6.3%。", time.Time{}, finding{Matches, nil}, ""},
		{"English: fell", "In 2025 Nanshan's GDP fell 6.3%.", time.Time{}, finding{Differs, []string{KindValue}}, "方向相反"},
		{"English: a decline after the figure", "Nanshan's GDP saw a 6.3% decline in 2025.", time.Time{}, finding{Differs, []string{KindValue}}, "6.3%"},
		{"English: a minus sign", "In 2025 Nanshan's GDP grew by -6.3%.", time.Time{}, finding{Differs, []string{KindValue}}, "6.3%"},
		{"English: fell to is a level", "In 2025 Nanshan's GDP growth fell to 6.3%.", time.Time{}, finding{Matches, nil}, ""},
		// A looser bound the source's figure keeps: it says less, and holds.
		{"a looser bound: 突破1万亿", "2025年南山区GDP突破1万亿元。", time.Time{}, finding{Matches, nil}, "仍然成立"},
		{"a looser bound: 超5000家", "南山区国高企业超5000家。", article, finding{Matches, nil}, "仍然成立"},
		{"English: 5500+", "Nanshan has 5500+ national high-tech enterprises.", article, finding{Matches, nil}, ""},
		{"English: a looser bound", "Nanshan's GDP topped 1 trillion yuan in 2025.", time.Time{}, finding{Matches, nil}, "仍然成立"},
		{"not the source rounded down: 超5400家", "南山区国高企业超5400家。", article, finding{Differs, []string{KindValue}}, "超5500家"},
		{"a bound too loose to say anything: 超5亿元", "2025年南山区GDP超5亿元。", time.Time{}, finding{Differs, []string{KindValue}}, ""},
		// More places than the source: the value is right, the precision is not the source's.
		{"a trailing zero the source did not write", "2025年南山区GDP增长6.30%。", time.Time{}, finding{Matches, nil}, "超出了来源的精度"},
		{"English: 950.10 billion yuan", "Nanshan's GDP reached 950.10 billion yuan in 2024.", article, finding{Matches, nil}, "超出了来源的精度"},
		// "national" inside an indicator's name does not make the next figure China's.
		{"English: a region word in a name (last figure)", "Nanshan is home to over 5,500 national high-tech enterprises and 7 universities.", article, finding{Matches, nil}, ""},
		// Percentage points are a change of a rate, never the rate itself.
		{"percentage points are not the rate", "2022年南山区GDP增速比上年提高3.3个百分点。", article, finding{Differs, []string{KindUnit}}, "3.3%"},
		{"English: percentage points are not the rate", "In 2022 Nanshan's GDP growth was 3.3 percentage points higher.", article, finding{Differs, []string{KindUnit}}, "3.3%"},
		{"a change in points", "2025年南山区地区生产总值增速比上年下降1.2个百分点。", article, finding{NotInData, nil}, ""},
		// The status a draft gives a figure: it claims no more than the source.
		{"called final, stored preliminary", "2025年南山区地区生产总值最终核实为超1.01万亿元。", time.Time{}, finding{Differs, []string{KindStatus}}, "初步数"},
		{"called preliminary, stored final", "2024年全国研发投入强度初步核算为2.69%。", time.Time{}, finding{Differs, []string{KindStatus}}, "最终核实数"},
		{"status as stored", "2024年全国研发投入强度最终核实为2.69%。", time.Time{}, finding{Matches, nil}, ""},
		{"a status the source did not give", "全区GDP最终核实为9501亿元。", article, finding{Matches, nil}, "超出了来源所说"},
		{"English: called preliminary, stored final", "China's R&D intensity in 2024 was a preliminary 2.69%.", time.Time{}, finding{Differs, []string{KindStatus}}, "最终核实数"},
	}
	for _, tc := range cases {
		rep, err := c.Check(tc.text, Options{Date: tc.date, Lang: figure.Zh})
		if err != nil {
			t.Fatal(err)
		}
		// The figure under test is the first (the ratio case: the last).
		if len(rep.Results) == 0 {
			t.Errorf("%s: no figure found in %q", tc.name, tc.text)
			continue
		}
		r := rep.Results[0]
		if strings.Contains(tc.name, "ratio") || strings.Contains(tc.name, "last figure") {
			r = rep.Results[len(rep.Results)-1]
		}
		if g := kinds(r); !reflect.DeepEqual(g, tc.want) {
			t.Errorf("%s: %q gives %+v (%s), want %+v", tc.name, tc.text, g, r.Message, tc.want)
			continue
		}
		msg := r.Message + " " + r.Arithmetic
		for _, cd := range r.Candidates {
			msg += " " + cd.Value
		}
		if tc.contains != "" && !strings.Contains(msg, tc.contains) {
			t.Errorf("%s: message %q does not say %q", tc.name, msg, tc.contains)
		}
		if r.Verdict == Differs && r.Sentence == "" {
			t.Errorf("%s: a difference without the sentence to paste instead", tc.name)
		}
		if rep.Differs() != (r.Verdict == Differs) {
			t.Errorf("%s: Differs() = %v", tc.name, rep.Differs())
		}
	}
}

// The article's figures written in English match too.
func TestEnglishDraft(t *testing.T) {
	c := bundled(t)
	text := `Nanshan's GDP reached 950.1 billion yuan in 2024, and the district has ranked No. 1 among Guangdong's districts and counties for 12 consecutive years.
R&D expenditure as a share of GDP reached 7.66%, nearly three times the national average.
Nanshan has 31 manufacturing single champions, 310 national 'little giant' firms and more than 5,500 national high-tech enterprises.
The AI cluster has 1,351 firms above designated size; AI cluster value added reached 44.907 billion yuan.
Nanshan is home to more than 13,000 high-level talent, 7 universities, 9 Nobel laureate laboratories and more than 620 innovation platforms.
The government guidance fund has partnered with 42 VC firms and set up 61 sub-funds, with 2,847 projects invested and 119 billion yuan invested.
More than 600,000 registered market entities are based in Nanshan.
Last year, spending on the nine livelihood categories was 30.487 billion yuan.`
	rep, err := c.Check(text, Options{Date: date("2025-03-26"), Lang: figure.En})
	if err != nil {
		t.Fatal(err)
	}
	const asOf = "as of 26 March 2025"
	m := func(text, ind, period string) want { return want{text, Matches, ind, "Nanshan District", period} }
	expected := []want{
		m("950.1 billion yuan", "gdp", "2024"),
		m("No. 1", "gdp_rank_guangdong", "2024"),
		m("12 consecutive years", "gdp_rank_streak_years", "2024"),
		m("7.66%", "rd_intensity", "2024"),
		m("nearly three times", "rd_intensity", "2024"),
		m("31", "single_champion_firms", asOf),
		m("310", "little_giant_firms", asOf),
		m("more than 5,500", "hightech_enterprises", asOf),
		m("1,351", "ai_cluster_firms", asOf),
		m("44.907 billion yuan", "ai_cluster_value_added", "2024"),
		m("more than 13,000", "high_level_talent", asOf),
		m("7", "universities", asOf),
		m("9", "nobel_labs", asOf),
		m("more than 620", "innovation_platforms", asOf),
		m("42", "guidance_fund_partner_vcs", asOf),
		m("61", "guidance_fund_subfunds", asOf),
		m("2,847", "guidance_fund_projects", asOf),
		m("119 billion yuan", "guidance_fund_invested_amount", asOf),
		m("More than 600,000", "market_entities", asOf),
		m("30.487 billion yuan", "livelihood_spending", "2024"),
	}
	var gotList []want
	for _, r := range rep.Results {
		gotList = append(gotList, got(r))
	}
	if !reflect.DeepEqual(gotList, expected) {
		t.Errorf("got\n%+v\nwant\n%+v", gotList, expected)
	}
	// The sentence to paste is the press sentence, in English, with its citation.
	if s := rep.Results[7].Sentence; !strings.Contains(s, "more than 5,500") || !strings.Contains(s, "(Shekou News, 26 March 2025)") {
		t.Errorf("ready sentence %q", s)
	}
}

// Each way of writing a figure that drafts use is found, with its value.
func TestFigureForms(t *testing.T) {
	cases := []struct {
		text, figure, num string
		scale             int
		base, qual        string
	}{
		{"规模达9501亿元。", "9501亿元", "9501", 8, "元", "exact"},
		{"规模达9,501亿元。", "9,501亿元", "9501", 8, "元", "exact"},
		{"规模达9501 亿。", "9501 亿", "9501", 8, "元", "exact"},
		{"规模达0.95万亿。", "0.95万亿", "0.95", 12, "元", "exact"},
		{"GDP of 950.1 billion yuan.", "950.1 billion yuan", "950.1", 9, "元", "exact"},
		{"比重达7.66%。", "7.66%", "7.66", 0, "%", "exact"},
		{"国高企业超5500家。", "超5500家", "5500", 0, "家", "more_than"},
		{"with more than 5,500 firms", "more than 5,500", "5500", 0, "", "more_than"},
		{"接近全国平均水平近3倍。", "近3倍", "3", 0, "times", "nearly"},
		{"筹集了保障性住房1.7万套，", "1.7万套", "1.7", 4, "套", "exact"},
		{"发放货币补贴6亿多元，", "6亿多元", "6", 8, "元", "more_than"},
		{"排名第1位。", "第1位", "1", 0, "rank", "exact"},
		{"连续12年位居广东省区县首位", "连续12年", "12", 0, "years", "exact"},
		{"惠及群众6万多名", "6万多名", "6", 4, "名", "more_than"},
		{"七成左右投入民生", "七成左右", "70", 0, "%", "about"},
		{"比例为四六开", "四", "40", 0, "%", "about"}, // and 六开: 60%
		{"增加值５００亿元", "５００亿元", "500", 8, "元", "exact"},
	}
	for _, tc := range cases {
		n := normalize(tc.text)
		toks := scan(n.s)
		if len(toks) != 1 && !strings.HasSuffix(tc.text, "开") {
			t.Errorf("%q: %d figures found, want 1: %+v", tc.text, len(toks), toks)
			continue
		}
		tk := toks[0]
		if f := tc.text[n.orig[tk.start]:n.orig[tk.end]]; f != tc.figure || tk.num != tc.num || tk.scale != tc.scale || tk.base != tc.base || tk.qual != tc.qual {
			t.Errorf("%q: got %q %+v, want %q %s×10^%d %q %s", tc.text, f, tk, tc.figure, tc.num, tc.scale, tc.base, tc.qual)
		}
	}
	// Years, dates, ids and bare numbers are not figures.
	for _, text := range []string{"2024年，", "3月26日", "时间:2025-03-26", "粤ICP备17157920号-1", "先锋898《民心桥》", "in 2024.", "on 26 March", "3-5年内", "1-6月"} {
		if toks := scan(normalize(text).s); len(toks) != 0 {
			t.Errorf("%q: found %+v, want no figure", text, toks)
		}
	}
}

func TestTextBounded(t *testing.T) {
	c := bundled(t)
	_, err := c.Check(strings.Repeat("南", MaxChars+1), Options{})
	var tl *TooLongError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "20000") {
		t.Fatalf("a text over the limit gives %v", err)
	}
	if _, err := c.Check(strings.Repeat("南", MaxChars), Options{}); err != nil {
		t.Fatalf("a text at the limit: %v", err)
	}
}

// Periods as drafts write them, in data/'s notation; relative years need
// the text's date.
func TestPeriodMentions(t *testing.T) {
	ref := date("2025-03-26")
	cases := []struct {
		text string
		ref  time.Time
		want []string
	}{
		{"2024年全区GDP", ref, []string{"2024"}},
		{"去年民生九项支出", ref, []string{"2024"}},
		{"去年民生九项支出", time.Time{}, []string{""}},
		{"今年以来，前年", ref, []string{"2025", "2023"}},
		{"2024年1-6月，", ref, []string{"2024-01/2024-06"}},
		{"1-6月，", ref, []string{"2025-01/2025-06"}},
		{"2023年上半年、2023年第一季度、2023年3月", ref, []string{"2023H1", "2023Q1", "2023-03"}},
		{"截至2020年底，截至2025年3月26日，2021年末", ref, []string{"as of 2020-12-31", "as of 2025-03-26", "as of 2021-12-31"}},
		{"In 2024 and last year, at the end of 2020, in the first half of 2023", ref, []string{"2024", "2024", "as of 2020-12-31", "2023H1"}},
	}
	for _, c := range cases {
		s := normalize(c.text).s
		var got []string
		for _, m := range periodMentions(s, c.ref, scan(s)) {
			if !m.ignore {
				got = append(got, m.period)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
