package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// genSpec is the size of a generated dataset.
type genSpec struct {
	Regions, Indicators, Years int
}

// topicsCycle spreads generated indicators over the dashboard's topics.
var topicsCycle = []string{"economy", "innovation", "clusters", "funds", "livelihood"}

// generate copies the bundled data directory src to dst and grows it to
// spec: generated regions and indicators are added until there are
// spec.Regions and spec.Indicators of each, and every indicator gets a
// figure for every region and each of spec.Years years, from one generated
// source published before the bundled article (so the bundled figures stay
// the latest vintage where they exist). Rows are written by column name, so
// a column added to data/ later is simply left empty.
func generate(src, dst string, spec genSpec) (observations int, err error) {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return 0, err
	}
	tables := map[string]*table{}
	for _, name := range []string{"indicators.csv", "regions.csv", "sources.csv", "observations.csv", "policy_measures.csv"} {
		t, err := readTable(filepath.Join(src, name))
		if err != nil {
			return 0, err
		}
		tables[name] = t
	}

	inds := tables["indicators.csv"]
	type indicator struct{ id, unit string }
	var indicators []indicator
	for _, r := range inds.rows {
		indicators = append(indicators, indicator{inds.get(r, "id"), inds.get(r, "unit")})
	}
	for i := 1; len(indicators) < spec.Indicators; i++ {
		id := fmt.Sprintf("gen_i%02d", i)
		inds.add(map[string]string{"id": id, "topic": topicsCycle[i%len(topicsCycle)], "name_zh": "生成指标" + strconv.Itoa(i),
			"name_en": "Generated indicator " + strconv.Itoa(i), "unit": "count", "unit_zh": "个", "unit_en": "count", "decimals": "0",
			"definition_zh": "负载测试生成的数据。", "definition_en": "Generated for the load test."})
		indicators = append(indicators, indicator{id, "count"})
	}

	regs := tables["regions.csv"]
	var regions []string
	for _, r := range regs.rows {
		regions = append(regions, regs.get(r, "id"))
	}
	// 50 districts per generated city, cities under the first province.
	parentProvince := "china"
	for _, r := range regs.rows {
		if regs.get(r, "level") == "province" {
			parentProvince = regs.get(r, "id")
			break
		}
	}
	city := ""
	for i, d := 1, 0; len(regions) < spec.Regions; {
		if d%50 == 0 {
			city = fmt.Sprintf("gen_c%03d", i)
			regs.add(map[string]string{"id": city, "name_zh": "生成市" + strconv.Itoa(i), "name_en": "Generated City " + strconv.Itoa(i), "level": "city", "parent": parentProvince})
			regions = append(regions, city)
			i++
		}
		d++
		id := fmt.Sprintf("gen_d%04d", d)
		regs.add(map[string]string{"id": id, "name_zh": "生成区" + strconv.Itoa(d), "name_en": "Generated District " + strconv.Itoa(d), "level": "district", "parent": city})
		regions = append(regions, id)
	}

	tables["sources.csv"].add(map[string]string{"id": "gen_src", "title": "负载测试生成数据", "publisher": "districtstats loadtest",
		"publisher_en": "districtstats loadtest", "published": "2025-01-01", "url": "", "note": "generated, not published figures"})

	// Everything else in the directory (the dashboard definition, aliases)
	// is copied as it is.
	entries, err := os.ReadDir(src)
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		if _, ok := tables[e.Name()]; ok || !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			return 0, err
		}
	}
	for name, t := range tables {
		if name == "observations.csv" {
			continue
		}
		if err := t.write(filepath.Join(dst, name)); err != nil {
			return 0, err
		}
	}

	// observations: bundled rows, then the generated grid, written directly
	// (about 10 million lines).
	obs := tables["observations.csv"]
	f, err := os.Create(filepath.Join(dst, "observations.csv"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	cw := csv.NewWriter(w)
	cw.Write(obs.header)
	for _, r := range obs.rows {
		cw.Write(r)
	}
	cw.Flush()
	col := map[string]int{}
	for i, h := range obs.header {
		col[h] = i
	}
	for _, need := range []string{"indicator", "region", "period", "value", "qualifier", "status", "source"} {
		if _, ok := col[need]; !ok {
			return 0, fmt.Errorf("observations.csv has no %q column", need)
		}
	}
	observations = len(obs.rows)
	fields := make([]string, len(obs.header))
	var buf []byte
	firstYear := 2025 - spec.Years
	for ii, ind := range indicators {
		for ri, reg := range regions {
			for y := 0; y < spec.Years; y++ {
				v := (ii*7919 + ri*104729 + y*31) % 100000
				switch ind.unit {
				case "percent":
					v %= 100
				case "rank":
					v = v%len(regions) + 1
				case "years":
					v %= 50
				}
				for i := range fields {
					fields[i] = ""
				}
				fields[col["indicator"]], fields[col["region"]], fields[col["period"]] = ind.id, reg, strconv.Itoa(firstYear+y)
				fields[col["value"]], fields[col["qualifier"]], fields[col["status"]], fields[col["source"]] = strconv.Itoa(v), "exact", "final", "gen_src"
				buf = buf[:0]
				for i, s := range fields {
					if i > 0 {
						buf = append(buf, ',')
					}
					buf = append(buf, s...)
				}
				buf = append(buf, '\n')
				w.Write(buf)
				observations++
			}
		}
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return observations, f.Close()
}

// table is a small CSV file held in memory.
type table struct {
	header []string
	col    map[string]int
	rows   [][]string
}

func readTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &table{header: header, col: map[string]int{}}
	for i, h := range header {
		t.col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.rows = append(t.rows, rec)
	}
}

func (t *table) get(r []string, name string) string {
	if i, ok := t.col[name]; ok && i < len(r) {
		return r[i]
	}
	return ""
}

func (t *table) add(values map[string]string) {
	r := make([]string, len(t.header))
	for name, v := range values {
		if i, ok := t.col[name]; ok {
			r[i] = v
		}
	}
	t.rows = append(t.rows, r)
}

func (t *table) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(t.header)
	w.WriteAll(t.rows)
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
