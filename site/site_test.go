package site

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

var testCatalog = Catalog{
	Units: map[string]Unit{
		"gdp":          {"yi_yuan", "亿元"},
		"gdp_growth":   {"percent", "%"},
		"secondary":    {"percent", "%"},
		"tertiary":     {"percent", "%"},
		"firms":        {"count", "家"},
		"projects":     {"count", "个"},
		"robotics_val": {"yi_yuan", "亿元"},
	},
	Parents: map[string]string{"china": "", "shenzhen": "china", "nanshan": "shenzhen", "futian": "shenzhen"},
}

// goodYAML is a small valid definition; each case replaces one piece of
// it. Its line numbers are the ones the cases expect.
const goodYAML = `site:
  name_zh: 南山区经济数据
  name_en: Nanshan District statistics
  home_region: nanshan
groups:
  - id: districts
    name_zh: 深圳各区
    name_en: Shenzhen's districts
    regions: [nanshan, futian]
topics:
  - id: economy
    name_zh: 经济
    name_en: Economy
    cards: [gdp, gdp_growth]
    charts:
      - id: gdp
        title_zh: 地区生产总值
        title_en: GDP
        kind: bar
        indicators: [gdp]
        regions: [nanshan]
      - id: district_gdp
        title_zh: 各区比较
        title_en: Districts
        kind: compare
        indicators: [gdp]
        group: districts
`

func TestGoodDefinition(t *testing.T) {
	d, ps := Check([]byte(goodYAML), testCatalog)
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	if d.TimeZoneName() != "Asia/Shanghai" {
		t.Errorf("time zone = %q", d.TimeZoneName())
	}
	c, ok := d.Chart("economy", "district_gdp")
	if !ok || !reflect.DeepEqual(d.ChartRegions(c), []string{"nanshan", "futian"}) {
		t.Errorf("district_gdp regions = %v", c)
	}
	if d.Topics[0].Charts[0].Pos.Of("kind") != 19 {
		t.Errorf("kind line = %d, want 19", d.Topics[0].Charts[0].Pos.Of("kind"))
	}
	d.Site.CompareRegion = "china"
	d.Topics[0].Charts[0].Regions = []string{"nanshan", "shenzhen"}
	if got, want := d.NamedRegions(), []string{"nanshan", "china", "futian", "shenzhen"}; !reflect.DeepEqual(got, want) {
		t.Errorf("named regions = %v, want %v", got, want)
	}
}

func TestCanonicalJSONRoundTrip(t *testing.T) {
	d, ps := Check([]byte(goodYAML), testCatalog)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	b, err := d.CanonicalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"time_zone":"Asia/Shanghai"`) || strings.Contains(string(b), "Pos") {
		t.Errorf("canonical JSON = %s", b)
	}
	back, err := FromJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := back.CanonicalJSON()
	if string(again) != string(b) {
		t.Errorf("round trip changed the definition:\n%s\n%s", b, again)
	}
	if _, err := FromJSON([]byte(`{"site":{},"topics":[],"extra":1}`)); err == nil {
		t.Error("FromJSON accepted an unknown field")
	}
}

func TestBadDefinitions(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replace old with new in goodYAML ("" old: append new)
		want     []string
	}{
		{"unknown indicator", "indicators: [gdp]\n        regions", "indicators: [gpd]\n        regions",
			[]string{`20: topics[economy].charts[gdp].indicators: "gpd" is not an indicator id in indicators.csv`}},
		{"unknown region", "regions: [nanshan]", "regions: [nanshn]",
			[]string{`21: topics[economy].charts[gdp].regions: "nanshn" is not a region id in regions.csv`}},
		{"unknown home region", "home_region: nanshan", "home_region: nanshn",
			[]string{`4: site.home_region: "nanshn" is not a region id in regions.csv`}},
		{"unknown compare region", "home_region: nanshan", "home_region: nanshan\n  compare_region: chna",
			[]string{`5: site.compare_region: "chna" is not a region id in regions.csv`}},
		{"unknown group region", "regions: [nanshan, futian]", "regions: [nanshan, futain]",
			[]string{`9: groups[districts].regions: "futain" is not a region id in regions.csv`}},
		{"unknown group", "group: districts", "group: shenzhen_districts",
			[]string{`27: topics[economy].charts[district_gdp].group: "shenzhen_districts" is not a group in groups`}},
		{"unknown kind", "kind: bar", "kind: pie",
			[]string{`19: topics[economy].charts[gdp].kind: "pie" is not a chart kind (line, bar, compare, composition, tiles, home_vs_rest)`}},
		{"mixed units", "indicators: [gdp]\n        regions", "indicators: [gdp, gdp_growth]\n        regions",
			[]string{`20: topics[economy].charts[gdp].indicators: mixes units on one axis: gdp is yi_yuan (亿元), gdp_growth is percent (%) (give each unit its own chart, or use kind tiles)`}},
		{"mixed count nouns", "indicators: [gdp]\n        regions", "indicators: [firms, projects]\n        regions",
			[]string{`20: topics[economy].charts[gdp].indicators: mixes units on one axis: firms is count (家), projects is count (个) (give each unit its own chart, or use kind tiles)`}},
		{"tiles may mix units", "kind: bar\n        indicators: [gdp]", "kind: tiles\n        indicators: [gdp, gdp_growth, firms]", nil},
		{"duplicate chart id", "id: district_gdp", "id: gdp",
			[]string{`22: topics[economy].charts[gdp].id: "gdp" is a duplicate of line 16`}},
		{"duplicate topic id", "", "  - id: economy\n    name_zh: 经济\n    name_en: Economy\n    charts:\n      - {id: other, title_zh: 其他, title_en: Other, kind: line, indicators: [gdp_growth], regions: [nanshan]}\n",
			[]string{`28: topics[economy].id: "economy" is a duplicate of line 11`}},
		{"topic with no chart", "", "  - id: funds\n    name_zh: 引导基金\n    name_en: Guidance fund\n",
			[]string{`28: topics[funds]: has no chart: a topic page needs at least one`}},
		{"card names an unknown indicator", "cards: [gdp, gdp_growth]", "cards: [gdp, gpd_growth]",
			[]string{`14: topics[economy].cards: "gpd_growth" is not an indicator id in indicators.csv`}},
		{"card twice", "cards: [gdp, gdp_growth]", "cards: [gdp, gdp]",
			[]string{`14: topics[economy].cards: "gdp" is already a card (line 14)`}},
		{"typo in a key", "title_en: GDP", "titel_en: GDP",
			[]string{
				`16: topics[economy].charts[gdp].title_en: is required`,
				`18: topics[economy].charts[gdp].titel_en: unknown key (allowed here: id, title_zh, title_en, kind, indicators, regions, group, from, to, note_zh, note_en)`,
			}},
		{"typo in a top key", "groups:", "group:",
			[]string{`5: group: unknown key (allowed here: site, groups, topics)`, `27: topics[economy].charts[district_gdp].group: "districts" is not a group in groups`}},
		{"key given twice", "kind: bar", "kind: bar\n        kind: line",
			[]string{`20: topics[economy].charts[gdp].kind: given twice (first on line 19)`}},
		{"regions and group", "group: districts", "group: districts\n        regions: [nanshan, futian]",
			[]string{`27: topics[economy].charts[district_gdp]: give regions or group, not both`}},
		{"no regions", "        regions: [nanshan]\n", "",
			[]string{`16: topics[economy].charts[gdp].regions: is required (or group): the regions the chart draws`}},
		{"missing title", "        title_zh: 地区生产总值\n", "",
			[]string{`16: topics[economy].charts[gdp].title_zh: is required`}},
		{"bad id", "id: district_gdp", "id: District-GDP",
			[]string{`22: topics[economy].charts[District-GDP].id: "District-GDP" is not an id (lower-case letters, digits and _, starting with a letter)`}},
		{"compare with one region", "group: districts", "regions: [nanshan]",
			[]string{`27: topics[economy].charts[district_gdp].regions: kind compare needs two or more regions; 1 given`}},
		{"composition of one share", "kind: bar", "kind: composition",
			[]string{`20: topics[economy].charts[gdp].indicators: kind composition needs two or more shares of one whole; 1 given`}},
		{"home_vs_rest not the parent", "kind: bar\n        indicators: [gdp]\n        regions: [nanshan]", "kind: home_vs_rest\n        indicators: [gdp]\n        regions: [nanshan, china]",
			[]string{`21: topics[economy].charts[gdp].regions: kind home_vs_rest needs a region and its parent: "china" is not the parent of "nanshan" (regions.csv gives shenzhen)`}},
		{"home_vs_rest one region", "kind: bar", "kind: home_vs_rest",
			[]string{`21: topics[economy].charts[gdp].regions: kind home_vs_rest needs a region and its parent (regions: [region, parent]); 1 given`}},
		{"bad period", "regions: [nanshan]", "regions: [nanshan]\n        from: 2013x",
			[]string{`22: topics[economy].charts[gdp].from: "2013x": `}},
		{"period range backwards", "regions: [nanshan]", "regions: [nanshan]\n        from: 2020\n        to: 2015",
			[]string{`23: topics[economy].charts[gdp].to: "2015" ends before from "2020" begins`}},
		{"bad time zone", "home_region: nanshan", "home_region: nanshan\n  time_zone: Asia/Shangai",
			[]string{`5: site.time_zone: "Asia/Shangai" is not a time zone (an IANA name such as Asia/Shanghai)`}},
		{"list where a value belongs", "kind: bar", "kind: [bar]",
			[]string{`16: topics[economy].charts[gdp].kind: is required`, `19: topics[economy].charts[gdp].kind: must be a single value, not a list or mapping`}},
		{"value where a list belongs", "indicators: [gdp]\n        regions", "indicators: gdp\n        regions",
			[]string{`16: topics[economy].charts[gdp].indicators: is required: the indicators the chart draws`, `20: topics[economy].charts[gdp].indicators: must be a list: [a, b] or one "- item" per line`}},
		{"indicator listed twice", "indicators: [gdp]\n        regions", "indicators: [gdp, gdp]\n        regions",
			[]string{`20: topics[economy].charts[gdp].indicators: "gdp" is listed twice`}},
		{"region listed twice", "regions: [nanshan]", "regions: [nanshan, nanshan]",
			[]string{`21: topics[economy].charts[gdp].regions: "nanshan" is listed twice`}},
		{"compare of two indicators", "indicators: [gdp]\n        group", "indicators: [gdp, robotics_val]\n        group",
			[]string{`26: topics[economy].charts[district_gdp].indicators: kind compare draws one indicator across regions; 2 given`}},
		{"composition of two regions", "kind: bar\n        indicators: [gdp]\n        regions: [nanshan]", "kind: composition\n        indicators: [secondary, tertiary]\n        regions: [nanshan, futian]",
			[]string{`21: topics[economy].charts[gdp].regions: kind composition draws one region; 2 given`}},
		{"home_vs_rest of two indicators", "kind: bar\n        indicators: [gdp]\n        regions: [nanshan]", "kind: home_vs_rest\n        indicators: [gdp, robotics_val]\n        regions: [nanshan, shenzhen]",
			[]string{`20: topics[economy].charts[gdp].indicators: kind home_vs_rest draws one indicator; 2 given`}},
		{"duplicate group id", "topics:\n", "  - id: districts\n    name_zh: 别的\n    name_en: Other\n    regions: [china]\ntopics:\n",
			[]string{`10: groups[districts].id: "districts" is a duplicate of line 6`}},
		{"not YAML", "kind: bar", "kind: bar\n      - oops",
			[]string{`21: not valid YAML: mapping values are not allowed in this context`}},
		{"tab indentation", "    name_zh: 经济", "\tname_zh: 经济",
			[]string{`12: indented with a tab: indent with spaces`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := goodYAML + tc.new
			if tc.old != "" {
				if !strings.Contains(goodYAML, tc.old) {
					t.Fatalf("goodYAML has no %q", tc.old)
				}
				src = strings.Replace(goodYAML, tc.old, tc.new, 1)
			}
			_, ps := Check([]byte(src), testCatalog)
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestEmptyAndUnreadable(t *testing.T) {
	for src, want := range map[string]string{
		"":                 "file is empty",
		"# only a comment": "file is empty",
		"\xff\xfe":         "text is not valid UTF-8; save the file as UTF-8",
		"- a\n- b\n":       "1: must be a mapping: one \"key: value\" per line (site:, groups:, topics:)",
	} {
		_, ps := Check([]byte(src), testCatalog)
		if len(ps) == 0 || ps[0].String() != want {
			t.Errorf("%q: problems %v, want first %q", src, ps, want)
		}
	}
}

// The bundled definition reproduces the charts that were Go literals in
// dashboard/charts.go: same topics in the same order, same chart ids,
// indicators and regions.
func TestBundledDefinitionReproducesNanshan(t *testing.T) {
	src, err := os.ReadFile("../data/" + FileName)
	if err != nil {
		t.Fatal(err)
	}
	d, ps := Parse(src)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	districts := []string{"nanshan", "futian", "luohu", "yantian", "baoan", "longgang", "longhua", "pingshan", "guangming", "dapeng"}
	type spec struct {
		topic, id, kind     string
		indicators, regions []string
	}
	n := []string{"nanshan"}
	want := []spec{
		{"economy", "gdp", Bar, []string{"gdp"}, n},
		{"economy", "gdp_growth", Line, []string{"gdp_growth"}, []string{"nanshan", "shenzhen"}},
		{"economy", "district_gdp", Compare, []string{"gdp"}, districts},
		{"economy", "industry_structure", Composition, []string{"secondary_industry_share", "tertiary_industry_share"}, n},
		{"economy", "key_shares", Tiles, []string{"strategic_emerging_share", "hitech_advanced_mfg_share", "modern_services_share"}, n},
		{"innovation", "rd_intensity", Line, []string{"rd_intensity"}, []string{"nanshan", "shenzhen", "china"}},
		{"innovation", "hightech_enterprises", Bar, []string{"hightech_enterprises"}, n},
		{"clusters", "ai_cluster_value_added", HomeVsRest, []string{"ai_cluster_value_added"}, []string{"nanshan", "shenzhen"}},
		{"clusters", "robotics_target", Tiles, []string{"robotics_cluster_size"}, n},
		{"funds", "guidance_fund_amounts", Tiles, []string{"guidance_fund_subfund_scale", "guidance_fund_invested_amount"}, n},
		{"funds", "guidance_fund_counts", Tiles, []string{"guidance_fund_partner_vcs", "guidance_fund_subfunds", "guidance_fund_projects"}, n},
		{"livelihood", "livelihood_spending", Bar, []string{"livelihood_spending"}, n},
	}
	var got []spec
	var topics []string
	for _, tp := range d.Topics {
		topics = append(topics, tp.ID+"/"+tp.NameZh+"/"+tp.NameEn)
		for i := range tp.Charts {
			c := &tp.Charts[i]
			got = append(got, spec{tp.ID, c.ID, c.Kind, c.Indicators, d.ChartRegions(c)})
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("charts:\n%v\nwant\n%v", got, want)
	}
	wantTopics := []string{"economy/经济/Economy", "innovation/创新/Innovation", "clusters/产业集群/Industry clusters", "funds/引导基金/Guidance fund", "livelihood/民生/Livelihood"}
	if !reflect.DeepEqual(topics, wantTopics) {
		t.Errorf("topics = %v", topics)
	}
	if d.Site.NameZh != "南山区经济数据" || d.Site.NameEn != "Nanshan District statistics" || d.Site.HomeRegion != "nanshan" {
		t.Errorf("site = %+v", d.Site)
	}
}
