package figcheck

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchFigures is the size of the generated snapshot.
const benchFigures = 10_000

// BenchmarkCheck checks a 5,000-character draft holding 50 figures against
// a 10,000-figure snapshot: the bundled data plus generated indicators and
// regions (snapshot built with ingest.Build, catalog loaded with Load, as
// the server and the CLI do). Load is measured apart: it runs once per
// snapshot, the check once per request.
//
//	go test ./press/figcheck -run '^$' -bench . -benchtime 20x -benchmem
func BenchmarkCheck(b *testing.B) {
	dir := b.TempDir()
	n := writeBenchData(b, dir)
	path := filepath.Join(dir, "bench.duckdb")
	start := time.Now()
	c, err := loadFrom(context.Background(), dir, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("snapshot of %d figures built and loaded in %s", n, time.Since(start).Round(time.Millisecond))
	draft, figures := benchDraft()
	rep, err := c.Check(draft, Options{Date: date("2025-03-26")})
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Results) != figures {
		b.Fatalf("the draft holds %d figures, the check found %d", figures, len(rep.Results))
	}
	b.Logf("draft: %d characters, %d figures: %v", rep.Chars, len(rep.Results), rep.Counts)
	b.Run("Check", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := c.Check(draft, Options{Date: date("2025-03-26")}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			db, err := sql.Open("duckdb", path+"?access_mode=read_only")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Load(context.Background(), db); err != nil {
				b.Fatal(err)
			}
			db.Close()
		}
	})
}

var (
	benchTopics = []string{"规上工业", "社会消费品零售", "固定资产投资", "进出口", "税收", "一般公共预算", "居民人均可支配", "发明专利", "外资企业", "数字经济"}
	benchKinds  = []struct{ suffix, unit, unitZh, unitEn string }{
		{"总额", "yi_yuan", "亿元", "100 million yuan"}, {"增速", "percent", "%", "%"}, {"主体数量", "count", "家", "firms"}, {"增加值", "yi_yuan", "亿元", "100 million yuan"},
	}
)

// writeBenchData copies data/ and adds generated indicators, regions and
// observations until the snapshot holds benchFigures figures.
func writeBenchData(b *testing.B, dir string) int {
	b.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir("../../data")
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("../../data", e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	// Generated rows fill the columns data/ has today, whatever was added.
	pad := func(file, row string) string {
		header, _, _ := strings.Cut(files[file], "\n")
		return row + strings.Repeat(",", strings.Count(header, ",")-strings.Count(row, ",")) + "\n"
	}
	count := strings.Count(strings.TrimSpace(files["observations.csv"]), "\n")
	var inds, regs, obs strings.Builder
	var indIDs []string
	for t, topic := range benchTopics {
		for k, kind := range benchKinds {
			id := fmt.Sprintf("bench_%d_%d", t, k)
			indIDs = append(indIDs, id)
			inds.WriteString(pad("indicators.csv", fmt.Sprintf("%s,economy,%s%s,Bench indicator %d %d,%s,%s,%s,2", id, topic, kind.suffix, t, k, kind.unit, kind.unitZh, kind.unitEn)))
		}
	}
	var regIDs []string
	for r := 0; r < 25; r++ {
		id := fmt.Sprintf("bench_region_%d", r)
		regIDs = append(regIDs, id)
		regs.WriteString(pad("regions.csv", fmt.Sprintf("%s,测试%s区,Bench District %d,district,shenzhen", id, string(rune('甲'+r)), r)))
	}
	for y := 2000; count < benchFigures; y++ {
		for _, ind := range indIDs {
			for _, reg := range regIDs {
				if count == benchFigures {
					break
				}
				obs.WriteString(pad("observations.csv", fmt.Sprintf("%s,%s,%d,%d.%02d,exact,unknown,seed_2025_03_26", ind, reg, y, 100+count%9000, count%100)))
				count++
			}
		}
	}
	files["indicators.csv"] += inds.String()
	files["regions.csv"] += regs.String()
	files["observations.csv"] += obs.String()
	for f, data := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return count
}

// benchDraft is a 5,000-character draft with 50 figures: the article's
// sentences, generated indicators' figures, and prose between them.
func benchDraft() (string, int) {
	sentences := []string{
		"全区GDP规模达9501亿元，连续12年位居广东省区(县)第一。",
		"全社会研发投入占GDP比重达7.66%，接近全国平均水平3倍。",
		"拥有制造业单项冠军31个、国家级专精特新“小巨人”310家、国高企业超5500家。",
		"南山区拥有人工智能产业集群规上企业1351家，人工智能产业集群增加值达449.07亿元。",
		"2023年，测试乙区规上工业增加值为123.45亿元，增速6.5%。",
		"2022年，测试丙区外资企业主体数量达2456家。",
		"政府引导基金已联手42家风投创投机构，共同发起设立子基金61只。",
		"去年民生九项支出304.87亿元。南山区建设筹集了保障性住房1.7万套。",
	}
	figures := []int{3, 2, 3, 2, 2, 1, 2, 2}
	filler := "南山坚持以改革开放创新为底色，推动高质量发展，持续优化营商环境，让企业和人才在这里安心发展。"
	var b strings.Builder
	n := 0
	for i := 0; n < 50; i++ {
		k := i % len(sentences)
		if n+figures[k] > 50 {
			continue
		}
		b.WriteString(sentences[k])
		n += figures[k]
		b.WriteString(filler)
		if i%3 == 2 {
			b.WriteString("\n")
		}
	}
	for len([]rune(b.String())) < 5000 {
		b.WriteString(filler)
	}
	return b.String(), n
}
