package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestStoredLatestIsTheVintageRule: the latest flag Build stores (read by
// current_observations) is the one ranked_observations computes as of now,
// on every row: for the bundled data, the example district, and a set whose
// vintages are decided by each step of the rule, in several regions.
func TestStoredLatestIsTheVintageRule(t *testing.T) {
	crafted := writeData(t, map[string]string{
		"sources.csv": sourcesHeader +
			"seed,南山区长做客《民心桥》,蛇口消息报,Shekou News,2025-03-26,,\n" +
			"wr,Report On The Work Of The Government 2015,Nanshan District People's Government,,2015-04,https://www.szns.gov.cn/english/wr2015.htm,\n" +
			"a2025,A,P,,2025-03-26,,\n" +
			"undated,U,P,,,,\n",
		"observations.csv": observationsHeader +
			// by date: seed (2025-03-26) beats wr (2015-04)
			"gdp,nanshan,2014,3464.09,exact,unknown,wr,\n" +
			"gdp,nanshan,2014,3464.1,exact,unknown,seed,\n" +
			// by status on the same date: final beats preliminary
			"gdp,shenzhen,2024,36801.87,exact,preliminary,seed,\n" +
			"gdp,shenzhen,2024,36802,exact,final,a2025,\n" +
			// same date and status: the source id decides (a2025 < seed)
			"gdp,china,2024,1349084,exact,unknown,seed,\n" +
			"gdp,china,2024,1349083,exact,unknown,a2025,\n" +
			// an undated source counts as oldest, even against a revision
			"gdp_rank,shenzhen,2024,1,exact,revised,undated,\n" +
			"gdp_rank,shenzhen,2024,2,exact,unknown,wr,\n" +
			// alone: latest whatever its source
			"gdp_rank,nanshan,2024,1,exact,unknown,undated,\n",
	})
	// The example district has no vintages: its flags must all be latest.
	for _, dir := range []string{"../data", "../examples/longgang", crafted} {
		vintages := dir != "../examples/longgang"
		path := filepath.Join(t.TempDir(), "snap.duckdb")
		if _, err := Build(context.Background(), dir, path); err != nil {
			t.Fatal(dir, err)
		}
		db, err := sql.Open("duckdb", path+"?access_mode=read_only")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var rows, superseded, disagree int
		err = db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE NOT r.latest), count(*) FILTER (WHERE o.latest <> r.latest)
			FROM observations o JOIN ranked_observations('', '', NULL, NULL, NULL) r USING (indicator, region, period, source)`).Scan(&rows, &superseded, &disagree)
		if err != nil {
			t.Fatal(err)
		}
		var total int
		if err := db.QueryRow(`SELECT count(*) FROM observations`).Scan(&total); err != nil {
			t.Fatal(err)
		}
		if rows != total || disagree != 0 || (superseded > 0) != vintages {
			t.Errorf("%s: %d rows of %d compared, %d superseded, %d disagree; want all compared, none disagreeing, superseded rows %v", dir, rows, total, superseded, disagree, vintages)
		}
		if dir != crafted {
			continue
		}
		got := map[string]string{}
		r, err := db.Query(`SELECT indicator || '/' || region, source FROM current_observations('', '', NULL, NULL, NULL) WHERE latest`)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var k, src string
			if err := r.Scan(&k, &src); err != nil {
				t.Fatal(err)
			}
			got[k] = src
		}
		want := map[string]string{"gdp/nanshan": "seed", "gdp/shenzhen": "a2025", "gdp/china": "a2025", "gdp_rank/shenzhen": "wr", "gdp_rank/nanshan": "undated"}
		if len(got) != len(want) {
			t.Errorf("latest = %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("latest %s from %s, want %s", k, got[k], v)
			}
		}
	}
}
