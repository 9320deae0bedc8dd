package importer

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/internal/testkit"
)

// TestCatalogLatestIsTheSnapshots: an import compares a new figure with
// the one the dashboard shows, chosen here in Go from the data directory
// (catalog.latest) and in the snapshot by ingest (the stored latest flag,
// ranked_observations' rule). Both must pick the same figure for every
// indicator/region/period, on the bundled data and on rows that exercise
// each step of the rule: date, then status, then source id; undated
// sources oldest.
func TestCatalogLatestIsTheSnapshots(t *testing.T) {
	crafted := testkit.CopyData(t, "../data")
	appendTo := func(name, rows string) {
		f, err := os.OpenFile(filepath.Join(crafted, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(rows); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("sources.csv", "t_a,A,P,,2025-03-26,,,,\n"+
		"t_b,B,P,,2025-03-26,,,,\n"+
		"t_old,O,P,,2015-04,,,,\n"+
		"t_undated,U,P,,,,,,\n")
	appendTo("observations.csv", ""+
		// same date: status decides (final beats preliminary)
		"gdp,futian,2024,1,exact,preliminary,t_b,,\n"+
		"gdp,futian,2024,2,exact,final,t_a,,\n"+
		// same date and status: the source id decides (t_b > t_a)
		"gdp,luohu,2024,1,exact,unknown,t_a,,\n"+
		"gdp,luohu,2024,2,exact,unknown,t_b,,\n"+
		// an undated source is oldest, even revised
		"gdp,yantian,2024,1,exact,revised,t_undated,,\n"+
		"gdp,yantian,2024,2,exact,unknown,t_old,,\n"+
		// by date: newer beats older whatever the status
		"gdp,baoan,2024,1,exact,revised,t_old,,\n"+
		"gdp,baoan,2024,2,exact,preliminary,t_a,,\n")
	for _, dir := range []string{"../data", crafted} {
		cat, err := loadCatalog(dir)
		if err != nil {
			t.Fatal(dir, err)
		}
		db, err := sql.Open("duckdb", testkit.Snapshot(t, dir)+"?access_mode=read_only")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT indicator, region, period, source FROM observations WHERE latest`)
		if err != nil {
			t.Fatal(err)
		}
		shown := map[figureKey]string{}
		for rows.Next() {
			var k figureKey
			var src string
			if err := rows.Scan(&k.indicator, &k.region, &k.period, &src); err != nil {
				t.Fatal(err)
			}
			shown[k] = src
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		vintaged := 0
		for k, figs := range cat.existing {
			if len(figs) > 1 {
				vintaged++
			}
			got, _ := cat.latest(k)
			if got.source != shown[k] {
				t.Errorf("%s: %v: the import compares with %s's figure, the dashboard shows %s's", dir, k, got.source, shown[k])
			}
		}
		if len(shown) != len(cat.existing) || vintaged == 0 {
			t.Errorf("%s: %d figures shown, %d keys in the catalog, %d with vintages: the comparison proves nothing", dir, len(shown), len(cat.existing), vintaged)
		}
	}
}
