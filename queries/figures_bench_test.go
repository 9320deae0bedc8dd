package queries

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

// BenchmarkFiguresPage is a page's figures query (3 indicators of the 12
// regions a topic compares, latest figures) as pages run it, its series
// written into the text and planned once (seriesText), against the
// by-series variant, whose parameters DuckDB plans again on every run. On
// the bundled data by default; BENCH_SNAPSHOT=/tmp/lt10m/snap.duckdb runs
// it on a snapshot built by the load test (10M figures).
func BenchmarkFiguresPage(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("BENCH_SNAPSHOT")
	if path == "" {
		path = bundledSnapshot(b)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only&threads=1")
	if err != nil {
		b.Fatal(err)
	}
	d := NewDB(db)
	defer d.Close()
	fc, err := contextOf(ctx, d)
	if err != nil {
		b.Fatal(err)
	}
	f := Filter{Indicators: []string{"gdp", "gdp_growth", "rd_intensity"}, LatestOnly: true,
		Regions: []string{"nanshan", "futian", "luohu", "yantian", "baoan", "longgang", "longhua", "pingshan", "guangming", "dapeng", "shenzhen", "china"}}
	series := fc.seriesOf(f)
	text, ok := seriesText(series, f.LatestOnly)
	if !ok {
		b.Fatalf("no text for %d series", len(series))
	}
	var rows int
	count := func(*sql.Rows) error { rows++; return nil }
	for _, bc := range []struct {
		name, key, text string
		args            []any
	}{
		{"series-text", "figures", text, nil},
		{"by-series-parameters", "figures" + bySeries, "", []any{"", "", true, joinInts(series)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rows = 0
				if err := eachText(ctx, d, bc.key, bc.text, count, bc.args...); err != nil || rows == 0 {
					b.Fatal(rows, err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}
