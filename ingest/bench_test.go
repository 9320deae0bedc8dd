package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// benchRows is the size of the generated observations file.
const benchRows = 1_000_000

// BenchmarkIngest measures Build on a generated 1,000,000-row dataset
// against DuckDB's own bulk load of the same file (CREATE TABLE AS SELECT *
// FROM read_csv, then CHECKPOINT): the fair floor for any loader that ends
// in a DuckDB file. The files are generated once per run, inside the
// benchmark, so plain `go test` never pays for them.
//
//	go test ./ingest -run '^$' -bench Ingest -benchtime 3x -count 3 -benchmem
func BenchmarkIngest(b *testing.B) {
	dir := b.TempDir()
	start := time.Now()
	writeBenchData(b, dir, benchRows)
	b.Logf("generated %d observations in %s", benchRows, time.Since(start).Round(time.Millisecond))

	b.Run("Build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			buildOnce(b, dir)
		}
	})
	b.Run("DuckDBReadCSV", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			baselineLoad(b, filepath.Join(dir, "observations.csv"), filepath.Join(b.TempDir(), "base.duckdb"))
		}
	})
	// The Go half alone: what the check costs when nothing competes with it.
	b.Run("CheckOnly", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := Check(dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Both in turn, so that load from other processes on a shared machine
	// falls on both alike; reports the ratio the target is about.
	b.Run("Ratio", func(b *testing.B) {
		var build, base time.Duration
		for i := 0; i < b.N; i++ {
			t0 := time.Now()
			buildOnce(b, dir)
			t1 := time.Now()
			baselineLoad(b, filepath.Join(dir, "observations.csv"), filepath.Join(b.TempDir(), "base.duckdb"))
			build, base = build+t1.Sub(t0), base+time.Since(t1)
		}
		n := float64(b.N)
		b.ReportMetric(build.Seconds()*1000/n, "build-ms/op")
		b.ReportMetric(base.Seconds()*1000/n, "readcsv-ms/op")
		b.ReportMetric(float64(build)/float64(base), "build/readcsv")
	})
}

func buildOnce(b *testing.B, dir string) {
	out := b.TempDir()
	sum, err := Build(context.Background(), dir, filepath.Join(out, "snap.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	if sum.Rows["observations"] != benchRows {
		b.Fatalf("built %d observations, want %d", sum.Rows["observations"], benchRows)
	}
	if es, _ := os.ReadDir(out); len(es) != 1 {
		b.Fatalf("Build left %d files in %s, want the snapshot alone", len(es), out)
	}
}

// baselineLoad is what DuckDB alone does with the file: the same column
// types as Build, into a fresh file, checkpointed.
func baselineLoad(b *testing.B, csvPath, dbPath string) {
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
		columns = {'indicator': 'VARCHAR', 'region': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE',
		           'qualifier': 'VARCHAR', 'status': 'VARCHAR', 'source': 'VARCHAR', 'note': 'VARCHAR'})`, csvPath)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != benchRows {
		b.Fatalf("baseline loaded %d rows (%v), want %d", n, err, benchRows)
	}
}

// writeBenchData writes a valid dataset of n observations: 1,000
// indicators x 100 regions x 10 periods gives 1,000,000 distinct keys, with
// every qualifier, status and period form, and notes with Chinese text,
// commas and quotes, as real data has.
func writeBenchData(tb testing.TB, dir string, n int) {
	tb.Helper()
	const nInd, nReg, nSrc = 1000, 100, 10
	periods := []string{"2015", "2016", "2023", "2024", "2023H1", "2023Q1", "2023-01", "2023-01/2023-06", "as of 2025-03-26", "2028-2030"}
	if n > nInd*nReg*len(periods) {
		tb.Fatalf("at most %d distinct observations", nInd*nReg*len(periods))
	}
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriterSize(f, 1<<20)
		fill(w)
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	write("indicators.csv", func(w *bufio.Writer) {
		w.WriteString("id,topic,name_zh,name_en,unit,unit_zh,unit_en,decimals,definition_zh,definition_en,note\n")
		for i := 0; i < nInd; i++ {
			fmt.Fprintf(w, "ind_%04d,economy,指标%d,Indicator %d,yi_yuan,亿元,100 million yuan,2,定义。,Definition.,\n", i, i, i)
		}
	})
	write("regions.csv", func(w *bufio.Writer) {
		w.WriteString("id,name_zh,name_en,level,parent\nchina,全国,China,country,\n")
		for i := 0; i < nReg-1; i++ {
			fmt.Fprintf(w, "reg_%03d,地区%d,Region %d,district,china\n", i, i, i)
		}
	})
	regions := []string{"china"}
	for i := 0; i < nReg-1; i++ {
		regions = append(regions, fmt.Sprintf("reg_%03d", i))
	}
	write("sources.csv", func(w *bufio.Writer) {
		w.WriteString("id,title,publisher,publisher_en,published,url,note\n")
		for i := 0; i < nSrc; i++ {
			fmt.Fprintf(w, "src_%02d,来源%d,出版者,Publisher,2025-03-%02d,https://example.org/%d,\n", i, i, i+1, i)
		}
	})
	write("dashboard.yaml", func(w *bufio.Writer) {
		w.WriteString("site: {name_zh: 基准, name_en: Bench, home_region: reg_000}\n" +
			"topics:\n  - {id: economy, name_zh: 经济, name_en: Economy, charts: [{id: c, title_zh: 指标, title_en: Indicator, kind: bar, indicators: [ind_0000], regions: [reg_000]}]}\n")
	})
	write("policy_measures.csv", func(w *bufio.Writer) {
		w.WriteString("pillar_zh,pillar_en,measure_zh,measure_en,amount,unit_zh,unit_en,qualifier,source\n")
		w.WriteString("一个人,Talent,补贴,Subsidy,3,万元,10 thousand yuan,at_most,src_00\n")
	})
	notes := []string{"", "全区GDP规模达9501亿元", `"a note, with a comma and ""quotes"""`, "year not stated in the source"}
	write("observations.csv", func(w *bufio.Writer) {
		w.WriteString("indicator,region,period,value,qualifier,status,source,note\n")
		var buf []byte
		for r := 0; r < n; r++ {
			ind, rest := r%nInd, r/nInd
			buf = append(buf[:0], "ind_"...)
			buf = appendPadded(buf, ind, 4)
			buf = append(buf, ',')
			buf = append(buf, regions[rest%nReg]...)
			buf = append(buf, ',')
			buf = append(buf, periods[rest/nReg]...)
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(r%100000), 10)
			if r%3 != 0 {
				buf = append(buf, '.')
				buf = appendPadded(buf, r%100, 2)
			}
			buf = append(buf, ',')
			buf = append(buf, Qualifiers[r%len(Qualifiers)]...)
			buf = append(buf, ',')
			buf = append(buf, Statuses[r%len(Statuses)]...)
			buf = append(buf, ",src_"...)
			buf = appendPadded(buf, r%nSrc, 2)
			buf = append(buf, ',')
			buf = append(buf, notes[r%len(notes)]...)
			buf = append(buf, '\n')
			w.Write(buf)
		}
	})
}

func appendPadded(buf []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}
