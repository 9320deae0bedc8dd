package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goodDefinition fits the test dataset of testhelp_test.go.
const goodDefinition = `site:
  name_zh: 南山区经济数据
  name_en: Nanshan District statistics
  home_region: nanshan
topics:
  - id: economy
    name_zh: 经济
    name_en: Economy
    cards: [gdp, gdp_rank]
    charts:
      - id: gdp
        title_zh: 地区生产总值
        title_en: GDP
        kind: bar
        indicators: [gdp]
        regions: [nanshan]
`

// A definition's problems come out of Build and Check alike, as
// file:line: key path: what, beside the CSV files' problems; a bad
// definition fails the build.
func TestDefinitionProblems(t *testing.T) {
	cases := []struct {
		name string
		over map[string]string
		want []string
	}{
		{"no definition is fine", nil, nil},
		{"good", map[string]string{"dashboard.yaml": goodDefinition}, nil},
		{"unknown indicator and kind", map[string]string{"dashboard.yaml": strings.NewReplacer("kind: bar", "kind: pie", "indicators: [gdp]", "indicators: [gpd]").Replace(goodDefinition)}, []string{
			`dashboard.yaml:14: topics[economy].charts[gdp].kind: "pie" is not a chart kind (line, bar, compare, composition, tiles, home_vs_rest)`,
			`dashboard.yaml:15: topics[economy].charts[gdp].indicators: "gpd" is not an indicator id in indicators.csv`,
		}},
		{"mixed units", map[string]string{"dashboard.yaml": strings.Replace(goodDefinition, "indicators: [gdp]", "indicators: [gdp, gdp_rank]", 1)}, []string{
			`dashboard.yaml:15: topics[economy].charts[gdp].indicators: mixes units on one axis: gdp is yi_yuan (亿元), gdp_rank is rank (位) (give each unit its own chart, or use kind tiles)`,
		}},
		{"region missing from regions.csv", map[string]string{
			"dashboard.yaml":   goodDefinition,
			"regions.csv":      regionsHeader + "china,全国,China,country,\nshenzhen,深圳市,Shenzhen,city,china\n",
			"observations.csv": observationsHeader,
		}, []string{
			`dashboard.yaml:4: site.home_region: "nanshan" is not a region id in regions.csv`,
			`dashboard.yaml:16: topics[economy].charts[gdp].regions: "nanshan" is not a region id in regions.csv`,
		}},
		{"a district's own topics", map[string]string{
			"dashboard.yaml": strings.Replace(goodDefinition, "id: economy", "id: growth", 1),
			"indicators.csv": strings.ReplaceAll(goodIndicators, ",economy,", ",growth,"),
		}, nil},
		{"indicator topic not in the definition", map[string]string{
			"dashboard.yaml": strings.Replace(goodDefinition, "id: economy", "id: growth", 1),
		}, []string{
			`indicators.csv:2: column "topic": "economy" is not a topic in dashboard.yaml (growth)`,
			`indicators.csv:3: column "topic": "economy" is not a topic in dashboard.yaml (growth)`,
		}},
		{"not YAML", map[string]string{"dashboard.yaml": "site: [\n"}, []string{
			`dashboard.yaml:1: not valid YAML: did not find expected node content`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeData(t, tc.over)
			got := buildProblems(t, dir)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Build problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			_, err := Check(dir)
			var checked []string
			if err != nil {
				for _, p := range err.(*Problems).List {
					checked = append(checked, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
				}
			}
			if !slices.Equal(checked, tc.want) {
				t.Errorf("Check problems:\n%s\nwant the same as Build's:\n%s", strings.Join(checked, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A good definition is stored once, as canonical JSON; a bad one leaves
// the previous snapshot, definition included, as it was.
func TestDefinitionStoredAndKept(t *testing.T) {
	dir := writeData(t, map[string]string{"dashboard.yaml": goodDefinition})
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	if _, err := Build(context.Background(), dir, db); err != nil {
		t.Fatal(err)
	}
	stored := func() string {
		conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var rows []string
		r, err := conn.Query(`SELECT definition FROM dashboard_definition`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for r.Next() {
			var s string
			r.Scan(&s)
			rows = append(rows, s)
		}
		if len(rows) != 1 {
			t.Fatalf("dashboard_definition has %d rows, want 1", len(rows))
		}
		return rows[0]
	}
	first := stored()
	if !strings.Contains(first, `"home_region":"nanshan"`) || !strings.Contains(first, `"time_zone":"Asia/Shanghai"`) {
		t.Errorf("stored definition = %s", first)
	}
	before := fileHash(t, db)
	bad := writeData(t, map[string]string{"dashboard.yaml": strings.Replace(goodDefinition, "kind: bar", "kind: pie", 1)})
	if _, err := Build(context.Background(), bad, db); err == nil {
		t.Fatal("a bad definition built")
	}
	if fileHash(t, db) != before {
		t.Error("a failed build changed the snapshot")
	}
	if stored() != first {
		t.Error("the stored definition changed")
	}
}
