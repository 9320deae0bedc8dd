package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"districtstats/chart"
	"districtstats/queries"
	"districtstats/site"
)

// The served pages agree with data/dashboard.yaml: every topic and chart
// of the definition has its route, the topic page shows its charts in the
// definition's order, each chart's data twin holds exactly the figures
// the definition selects, and the overview shows the cards in the
// definition's order. It passes on the dashboard of Go literals and must
// keep passing when the dashboard reads the definition: the switch-over's
// before/after comparison of routes and chart data.
func TestServedPagesMatchDefinition(t *testing.T) {
	src, err := os.ReadFile("../../data/dashboard.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def, ps := site.Parse(src)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	db := filepath.Join(t.TempDir(), "snapshot.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-data", "../../data"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no URL printed: %v (serve returned %v)", err, <-done)
	}
	base := strings.TrimRight(strings.TrimSpace(line), "/")
	go io.Copy(io.Discard, pr)
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	}()
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	home := get("/")
	for _, tp := range def.Topics {
		page := get("/topics/" + tp.ID)
		var order []string
		for _, m := range regexp.MustCompile(`id="chart-`+tp.ID+`-([a-z0-9_]+)"`).FindAllStringSubmatch(page, -1) {
			order = append(order, m[1])
		}
		var want []string
		for _, c := range tp.Charts {
			want = append(want, c.ID)
		}
		if !slices.Equal(order, want) {
			t.Errorf("/topics/%s shows charts %v, the definition %v", tp.ID, order, want)
		}
		for i := range tp.Charts {
			c := &tp.Charts[i]
			get("/embed/charts/" + tp.ID + "/" + c.ID)
			var twin struct {
				Observations []struct{ Indicator, Region, Period, Source string }
			}
			if err := json.Unmarshal([]byte(get("/topics/"+tp.ID+"/charts/"+c.ID+".json")), &twin); err != nil {
				t.Fatalf("%s/%s twin: %v", tp.ID, c.ID, err)
			}
			var got []string
			for _, o := range twin.Observations {
				got = append(got, o.Indicator+"/"+o.Region+"/"+o.Period+"/"+o.Source)
			}
			obs, err := queries.Observations(ctx, conn, chart.Filter(def, c))
			if err != nil {
				t.Fatal(err)
			}
			var selected []string
			for _, o := range obs {
				selected = append(selected, o.Indicator+"/"+o.Region+"/"+o.Period+"/"+o.Source)
			}
			slices.Sort(got)
			slices.Sort(selected)
			if len(got) == 0 || !slices.Equal(got, selected) {
				t.Errorf("%s/%s: the twin holds %v\nthe definition selects %v", tp.ID, c.ID, got, selected)
			}
		}
		// Cards: the definition's order, those the home region has a figure for.
		section := home[strings.Index(home, `id="topic-`+tp.ID+`"`):]
		if end := strings.Index(section[1:], `<section`); end > 0 {
			section = section[:end+1]
		}
		var cards []string
		for _, m := range regexp.MustCompile(`data-indicator="([a-z0-9_]+)"`).FindAllStringSubmatch(section, -1) {
			cards = append(cards, m[1])
		}
		var wantCards []string
		for _, id := range tp.Cards {
			obs, err := queries.Observations(ctx, conn, queries.Filter{Indicators: []string{id}, Regions: []string{def.Site.HomeRegion}, LatestOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(obs) > 0 {
				wantCards = append(wantCards, id)
			}
		}
		if !slices.Equal(cards, wantCards) {
			t.Errorf("overview %s cards %v, the definition %v", tp.ID, cards, wantCards)
		}
	}
	if !strings.Contains(home, def.Site.NameZh) {
		t.Errorf("the overview does not name the site %q", def.Site.NameZh)
	}
}
