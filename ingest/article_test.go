package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// The source article: 南山区委副书记、区长李小宁做客《民心桥》节目 (蛇口消息报,
// 2025-03-26). Every indicator figure it states, read from the article by
// hand and written here, so that the snapshot built from ../data can be
// checked against the article rather than against itself.
const seed = "seed_2025_03_26"

var articleFigures = []struct {
	indicator, region, period string
	value                     float64
	qualifier, status         string
	quote                     string // the article's words
}{
	{"gdp", "nanshan", "2024", 9501, "exact", "unknown", "全区GDP规模达9501亿元"},
	{"gdp_rank_guangdong", "nanshan", "2024", 1, "exact", "unknown", "连续12年位居广东省区(县)第一"},
	{"gdp_rank_streak_years", "nanshan", "2024", 12, "exact", "unknown", "连续12年位居广东省区(县)第一"},
	{"secondary_industry_share", "nanshan", "2024", 30, "about", "unknown", "二三产业比例为“三七开”"},
	{"tertiary_industry_share", "nanshan", "2024", 70, "about", "unknown", "二三产业比例为“三七开”"},
	{"strategic_emerging_share", "nanshan", "2024", 50, "more_than", "unknown", "战新产业占GDP比重超50%"},
	{"hitech_advanced_mfg_share", "nanshan", "2024", 60, "more_than", "unknown", "高技术制造业和先进制造业占规上工业比重超60%"},
	{"modern_services_share", "nanshan", "2024", 90, "nearly", "unknown", "现代服务业占三产比重近90%"},
	{"rd_intensity", "nanshan", "2024", 7.66, "exact", "unknown", "全社会研发投入占GDP比重达7.66%"},
	{"single_champion_firms", "nanshan", "as of 2025-03-26", 31, "exact", "unknown", "制造业单项冠军31个"},
	{"little_giant_firms", "nanshan", "as of 2025-03-26", 310, "exact", "unknown", "国家级专精特新“小巨人”310家"},
	{"hightech_enterprises", "nanshan", "as of 2025-03-26", 5500, "more_than", "unknown", "国高企业超5500家"},
	{"robotics_key_firms", "nanshan", "as of 2025-03-26", 8, "exact", "unknown", "“八大金刚”"},
	{"robotics_cluster_size", "nanshan", "2028-2030", 100, "at_least", "target", "机器人产业集群有望在3-5年内迈上百亿级台阶"},
	{"ai_cluster_firms", "nanshan", "as of 2025-03-26", 1351, "exact", "unknown", "人工智能产业集群规上企业1351家"},
	{"ai_cluster_firms_city_share", "nanshan", "as of 2025-03-26", 50, "more_than", "unknown", "数量占全市超过一半"},
	{"ai_cluster_value_added", "nanshan", "2024", 449.07, "exact", "unknown", "人工智能产业集群增加值达449.07亿元"},
	{"ai_cluster_value_added", "shenzhen", "2024", 747.53, "exact", "unknown", "全市747.53亿元"},
	{"ai_cluster_value_added_city_share", "nanshan", "2024", 60, "more_than", "unknown", "南山占比超60%"},
	{"high_level_talent", "nanshan", "as of 2025-03-26", 13000, "more_than", "unknown", "各类高层次人才超1.3万名"},
	{"universities", "nanshan", "as of 2025-03-26", 7, "exact", "unknown", "汇聚7所高校"},
	{"nobel_labs", "nanshan", "as of 2025-03-26", 9, "exact", "unknown", "9家诺奖实验室"},
	{"innovation_platforms", "nanshan", "as of 2025-03-26", 620, "more_than", "unknown", "各类创新载体超620家"},
	{"guidance_fund_partner_vcs", "nanshan", "as of 2025-03-26", 42, "exact", "unknown", "政府引导基金已联手42家风投创投机构"},
	{"guidance_fund_subfunds", "nanshan", "as of 2025-03-26", 61, "exact", "unknown", "共同发起设立子基金61只"},
	{"guidance_fund_subfund_scale", "nanshan", "as of 2025-03-26", 1000, "more_than", "unknown", "总规模超千亿"},
	{"guidance_fund_projects", "nanshan", "as of 2025-03-26", 2847, "exact", "unknown", "累计投资项目2847个"},
	{"guidance_fund_invested_amount", "nanshan", "as of 2025-03-26", 1190, "exact", "unknown", "投资金额1190亿元"},
	{"market_entities", "nanshan", "as of 2025-03-26", 600000, "more_than", "unknown", "超60万家市场主体"},
	{"affordable_housing_units", "nanshan", "as of 2025-03-26", 17000, "exact", "unknown", "建设筹集了保障性住房1.7万套"},
	{"housing_cash_subsidies", "nanshan", "as of 2025-03-26", 6, "more_than", "unknown", "发放货币补贴6亿多元"},
	{"housing_subsidy_beneficiaries", "nanshan", "as of 2025-03-26", 60000, "more_than", "unknown", "惠及群众6万多名"},
	{"livelihood_budget_share", "nanshan", "2024", 70, "about", "unknown", "每年一般公共预算的七成左右投入到民生领域"},
	{"livelihood_spending", "nanshan", "2024", 304.87, "exact", "unknown", "去年民生九项支出304.87亿元"},
}

// The "六个一" measures the article names, with their amounts.
var articleMeasures = []struct {
	pillar, amount, unit, qualifier, quote string
}{
	{"一个人", "520", "元/人", "exact", "每人520元“感知南山”体验券"},
	{"一个人", "3", "万元", "at_most", "本科……最高3万元"},
	{"一个人", "5", "万元", "at_most", "硕士……最高5万元"},
	{"一个人", "60", "万元/人", "at_most", "每人最高60万元奖励支持"},
	{"一间房", "15", "天", "at_most", "最长15天的免租住宿"},
	{"一间房", "1", "年", "exact", "享受1年免租"},
	{"一张桌", "10", "万平方米", "exact", "10万平方米的低成本办公空间"},
	{"一张桌", "100", "万平方米", "nearly", "近100万平方米政策性产业研发用房和工业上楼厂房"},
	{"一张桌", "30-70", "%", "range", "市场租金3-7折优惠"},
	{"一场景", "300", "万元", "at_most", "“发榜方”……最高300万元"},
	{"一场景", "500", "万元", "at_most", "“揭榜方”……最高500万元"},
	{"一场景", "24", "小时", "exact", "24小时响应机制"},
}

func buildRealData(t *testing.T) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "snap.duckdb")
	if _, err := Build(context.Background(), "../data", path); err != nil {
		t.Fatalf("building ../data: %v", err)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestArticleFiguresInSnapshot: every figure of the source article is in
// the snapshot with its value, qualifier, status, period and source, and
// the article's source carries nothing it does not say.
func TestArticleFiguresInSnapshot(t *testing.T) {
	db := buildRealData(t)
	for _, f := range articleFigures {
		rows, err := db.Query(`SELECT value, qualifier, status FROM observations
			WHERE indicator = ? AND region = ? AND period = ? AND source = ?`, f.indicator, f.region, f.period, seed)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
			var v float64
			var q, s string
			if err := rows.Scan(&v, &q, &s); err != nil {
				t.Fatal(err)
			}
			if v != f.value || q != f.qualifier || s != f.status {
				t.Errorf("%s %s %s (%s): snapshot has %v %s %s, the article says %v %s %s",
					f.indicator, f.region, f.period, f.quote, v, q, s, f.value, f.qualifier, f.status)
			}
		}
		rows.Close()
		if n != 1 {
			t.Errorf("%s %s %s (%s): %d rows from %s, want 1", f.indicator, f.region, f.period, f.quote, n, seed)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM observations WHERE source = ?`, seed).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(articleFigures) {
		t.Errorf("%d observations cite %s; the article states %d figures", n, seed, len(articleFigures))
	}
	// Citations give the article's own page on the district government's site.
	const articleURL = "https://www.szns.gov.cn/xxgk/qzfxxgkml/tpxw/content/post_12090296.html"
	var published, url string
	if err := db.QueryRow(`SELECT published, url FROM sources WHERE id = ?`, seed).Scan(&published, &url); err != nil || published != "2025-03-26" || url != articleURL {
		t.Errorf("source %s published %q at %q (%v), want 2025-03-26 at %s", seed, published, url, err, articleURL)
	}

	for _, m := range articleMeasures {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM policy_measures
			WHERE pillar_zh = ? AND amount = ? AND unit_zh = ? AND qualifier = ? AND source = ?`,
			m.pillar, m.amount, m.unit, m.qualifier, seed).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("policy measure %s %s%s (%s, %s): %d rows, want 1", m.pillar, m.amount, m.unit, m.qualifier, m.quote, n)
		}
	}
}
