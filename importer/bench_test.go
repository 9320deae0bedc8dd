package importer

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadYearbook previews a 年鉴 workbook of every indicator in
// data/ × 20 years (760 figures, plus 200 unknown labels that each get
// their closest names) against the bundled data directory.
//
//	go test ./importer -run '^$' -bench ReadYearbook -benchtime 20x
func BenchmarkReadYearbook(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "data", "indicators.csv"))
	if err != nil {
		b.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"指标", "单位"}
	for y := 2005; y < 2025; y++ {
		header = append(header, fmt.Sprintf("%d年", y))
	}
	rows := [][]any{{"南山区统计年鉴"}, header}
	for _, r := range recs[1:] {
		row := []any{r[2], r[5]}
		for y := 0; y < 20; y++ {
			row = append(row, fmt.Sprintf("%d", 100+y))
		}
		rows = append(rows, row)
	}
	for i := 0; i < 200; i++ {
		rows = append(rows, []any{fmt.Sprintf("未知指标%d", i), "亿元", 1})
	}
	book := xlsx(b, xsheet{name: "年鉴", rows: rows})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Read(Options{DataDir: filepath.Join("..", "data"), Source: "seed_2025_03_26"}, []File{{"yearbook.xlsx", book}})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Added)+len(p.Revised)+len(p.Identical) < 700 || len(p.Rejected) < 200 {
			b.Fatalf("unexpected preview: %s", p.Counts())
		}
	}
}
