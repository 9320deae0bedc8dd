package export_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"districtstats/export"
	"districtstats/internal/testkit"
	"districtstats/queries"
	"districtstats/snapshot"
	"districtstats/transform"
)

// benchRows is the size of the generated dataset: 100 indicators x 10
// regions x 1000 annual periods.
const benchRows = 1_000_000

// BenchmarkExportCSV streams 1,000,000 observations to CSV through
// export.WriteObservations, against DuckDB's own COPY (the same
// observations query) TO a CSV file, in the same run. The dataset is
// generated and ingested inside the benchmark, so plain go test never
// pays for it.
//
//	go test ./export -run '^$' -bench ExportCSV -benchtime 3x
func BenchmarkExportCSV(b *testing.B) {
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	writeBenchData(b, data)
	snap := testkit.Snapshot(b, data)
	ro, err := sql.Open("duckdb", snap+"?access_mode=read_only")
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	cat := catalogOf(b, ro)

	// A writable connection on a copy for the baseline: the server's own
	// handle is read-only with external access off and cannot COPY … TO.
	cp := filepath.Join(dir, "copy.duckdb")
	copyFile(b, snap, cp)
	rw, err := sql.Open("duckdb", cp)
	if err != nil {
		b.Fatal(err)
	}
	defer rw.Close()
	copySQL := observationsSQL(b)

	// The two run interleaved, so both see the same load on a shared machine.
	var stream, base, firstByte time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := os.Create(filepath.Join(dir, "stream.csv"))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // peak heap counts the export, not the generator's garbage
		start := time.Now()
		fw := &firstWrite{w: out, start: start}
		stop := sampleHeap(&peak)
		n := 0
		rows := export.Query(context.Background(), ro, queries.Filter{})
		counted := func(yield func(r *transformRow) error) error {
			return rows(func(r *transformRow) error { n++; return yield(r) })
		}
		if err := export.WriteObservations(fw, export.CSV, cat, counted); err != nil {
			b.Fatal(err)
		}
		stream += time.Since(start)
		stop()
		out.Close()
		if n != benchRows {
			b.Fatalf("wrote %d rows, want %d", n, benchRows)
		}
		firstByte += fw.first

		start = time.Now()
		res, err := rw.Exec(fmt.Sprintf("COPY (%s) TO '%s' (HEADER)", copySQL, filepath.Join(dir, "copy.csv")))
		if err != nil {
			b.Fatal(err)
		}
		base += time.Since(start)
		if n, _ := res.RowsAffected(); n != benchRows {
			b.Fatalf("COPY wrote %d rows", n)
		}
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((stream / n).Milliseconds()), "stream-ms")
	b.ReportMetric(float64((base / n).Milliseconds()), "copy-ms")
	b.ReportMetric(float64(stream)/float64(base), "ratio")
	b.ReportMetric(float64((firstByte / n).Milliseconds()), "ms-to-first-byte")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

type transformRow = transform.Row

// observationsSQL is queries/export_observations.sql (what export.Query runs) with the parameters of an
// empty filter written in, since COPY takes no parameters.
func observationsSQL(tb testing.TB) string {
	raw, err := os.ReadFile("../queries/export_observations.sql")
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	return strings.NewReplacer("$1", "''", "$2", "''", "$3", "NULL", "$4", "NULL", "$5", "NULL", "$6", "false").Replace(strings.Join(lines, "\n"))
}

type firstWrite struct {
	w     io.Writer
	start time.Time
	first time.Duration
}

func (f *firstWrite) Write(p []byte) (int, error) {
	if f.first == 0 && len(p) > 0 {
		f.first = time.Since(f.start)
	}
	return f.w.Write(p)
}

// sampleHeap records the largest in-use heap until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	var done atomic.Bool
	finished := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > *peak {
				*peak = m.HeapInuse
			}
			time.Sleep(20 * time.Millisecond)
		}
		close(finished)
	}()
	return func() { done.Store(true); <-finished }
}

func copyFile(tb testing.TB, from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func catalogOf(tb testing.TB, db *sql.DB) *export.Catalog {
	cat, err := snapshot.LoadCatalog(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// writeBenchData writes a valid data directory with benchRows observations.
func writeBenchData(tb testing.TB, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	files := map[string]string{
		"regions.csv":         "id,name_zh,name_en,level,parent\nchina,全国,China,country,\n",
		"sources.csv":         "id,title,publisher,publisher_en,published,url,note\ns1,年鉴,统计局,Statistics Bureau,2025-01-01,http://example.org/s1,\ns2,公报,统计局,Statistics Bureau,2025-06-01,,=formula-like note\n",
		"policy_measures.csv": "pillar_zh,pillar_en,measure_zh,measure_en,amount,unit_zh,unit_en,qualifier,source\n",
		"dashboard.yaml": "site: {name_zh: 基准, name_en: Bench, home_region: r1}\n" +
			"topics:\n  - {id: economy, name_zh: 经济, name_en: Economy, charts: [{id: c, title_zh: 指标, title_en: Indicator, kind: bar, indicators: [ind000], regions: [r1]}]}\n",
	}
	var inds strings.Builder
	inds.WriteString("id,topic,name_zh,name_en,unit,unit_zh,unit_en,decimals,definition_zh,definition_en,note\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&inds, "ind%03d,economy,指标%d,Indicator %d,yi_yuan,亿元,100 million yuan,2,定义,Definition,\n", i, i, i)
	}
	files["indicators.csv"] = inds.String()
	var regs strings.Builder
	regs.WriteString(files["regions.csv"])
	for r := 1; r < 10; r++ {
		fmt.Fprintf(&regs, "r%d,地区%d,Region %d,district,china\n", r, r, r)
	}
	files["regions.csv"] = regs.String()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "observations.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("indicator,region,period,value,qualifier,status,source,note\n")
	regions := []string{"china", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"}
	quals := []string{"exact", "exact", "exact", "about", "more_than"}
	n := 0
	for i := 0; i < 100; i++ {
		for _, r := range regions {
			for y := 1025; y < 2025; y++ {
				src, note := "s1", ""
				if n%7 == 0 {
					src, note = "s2", "注：初步数"
				}
				fmt.Fprintf(w, "ind%03d,%s,%d,%d.%02d,%s,final,%s,%s\n", i, r, y, n%100000-5000, n%100, quals[n%5], src, note)
				n++
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}
