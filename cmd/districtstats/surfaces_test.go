package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestOneAnswerPerQuestion asks every surface the same question — a page's
// CSV and JSON twins, a chart's twin, the API, the report builder and the
// command line — for every transform, with and without from=, and wants
// the same rows from each. (A 2021 change must compare with 2020 even when
// from=2021: the base period lies before the window.)
func TestOneAnswerPerQuestion(t *testing.T) {
	db := bundledSnapshot(t)
	base := serveForTest(t, db)

	type question struct{ indicator, chart string }
	for _, q := range []question{{"gdp", "/topics/economy/charts/gdp"}, {"rd_intensity", "/topics/innovation/charts/rd_intensity"}} {
		for _, tr := range []string{"level", "change", "pct_change", "yoy_pct"} {
			for _, from := range []string{"", "2021"} {
				params := "region=nanshan&transform=" + tr
				args := []string{"query", "-db", db, "-indicators", q.indicator, "-regions", "nanshan", "-transform", tr}
				if from != "" {
					params += "&from=" + from
					args = append(args, "-from", from)
				}
				answers := map[string][]string{
					"indicator csv":  csvRows(t, get(t, base+"/indicators/"+q.indicator+".csv?"+params)),
					"indicator json": jsonRows(t, get(t, base+"/indicators/"+q.indicator+".json?"+params)),
					"chart csv":      csvRows(t, get(t, base+q.chart+".csv?"+params)),
					"api":            jsonRows(t, get(t, base+"/api/v1/observations?indicators="+q.indicator+"&"+params)),
					"api indicator":  jsonRows(t, get(t, base+"/api/v1/indicators/"+q.indicator+"?"+params)),
					"report csv":     csvRows(t, get(t, base+"/reports.csv?layout=long&indicators="+q.indicator+"&"+params)),
					"report json":    jsonRows(t, get(t, base+"/reports.json?layout=long&indicators="+q.indicator+"&"+params)),
				}
				out, err := runCmd(t, args...)
				if err != nil {
					t.Fatal(err)
				}
				answers["cli"] = csvRows(t, out)
				want := strings.Join(answers["api"], "\n")
				if len(answers["api"]) == 0 {
					t.Fatalf("%s %s: the API gave no rows", q.indicator, params)
				}
				for surface, rows := range answers {
					if got := strings.Join(rows, "\n"); got != want {
						t.Errorf("%s %s: %s gives\n%s\nthe API gives\n%s", q.indicator, params, surface, got, want)
					}
				}
			}
		}
	}
	// The case the issue reported: GDP's 2021 change is 1103.59, not a gap.
	rows := csvRows(t, get(t, base+"/indicators/gdp.csv?region=nanshan&from=2021&transform=change"))
	if len(rows) == 0 || rows[0] != "gdp nanshan 2021 1103.59 exact" {
		t.Errorf("gdp 2021 change = %v, want 1103.59 first", rows)
	}
}

// serveForTest runs `serve` on a free port until the test ends.
func serveForTest(t *testing.T, db string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-data", "../../data"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no URL printed: %v (serve returned %v)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	return strings.TrimSuffix(strings.TrimSpace(line), "/")
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// csvRows are an observations CSV's latest rows as "indicator region
// period value qualifier" (a gap has no value and no qualifier).
func csvRows(t *testing.T, body string) []string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("not CSV (%v): %.200s", err, body)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out []string
	for _, r := range recs[1:] {
		if r[col["latest"]] != "true" {
			continue // earlier vintages: pages list them, the question is about the latest
		}
		out = append(out, strings.Join([]string{r[col["indicator"]], r[col["region"]], r[col["period"]], r[col["value"]], r[col["qualifier"]]}, " "))
	}
	return out
}

func jsonRows(t *testing.T, body string) []string {
	t.Helper()
	var j struct {
		Observations []struct {
			Indicator, Region, Period, Qualifier string
			Value                                *float64
			Latest                               bool
		}
	}
	if err := json.Unmarshal([]byte(body), &j); err != nil {
		t.Fatalf("not JSON (%v): %.200s", err, body)
	}
	var out []string
	for _, o := range j.Observations {
		if !o.Latest {
			continue
		}
		v := ""
		if o.Value != nil {
			v = strconv.FormatFloat(*o.Value, 'f', -1, 64)
		}
		out = append(out, strings.Join([]string{o.Indicator, o.Region, o.Period, v, o.Qualifier}, " "))
	}
	return out
}

// TestPeriodStatedIsExported: what the source said about a figure's period
// travels with it into exports (a column of its own), so an analyst can
// tell a stated year from one inferred for charts.
func TestPeriodStatedIsExported(t *testing.T) {
	db := bundledSnapshot(t)
	out, err := runCmd(t, "query", "-db", db, "-indicators", "rd_intensity,affordable_housing_units,robotics_cluster_size", "-regions", "nanshan")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	ps, ok := col["period_stated"]
	if !ok {
		t.Fatalf("no period_stated column: %v", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[col["indicator"]]+" "+r[col["period"]]] = r[ps]
	}
	for k, want := range map[string]string{"rd_intensity 2024": "no", "rd_intensity 2022": "", "affordable_housing_units as of 2025-03-26": "recent",
		"robotics_cluster_size 2028-2030": "within 3-5 years"} {
		if got[k] != want {
			t.Errorf("%s: period_stated %q, want %q (all: %v)", k, got[k], want, got)
		}
	}
}
