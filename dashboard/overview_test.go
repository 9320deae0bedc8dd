package dashboard

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"districtstats/internal/testkit"
)

// TestOverviewIsOneRegion: the overview is one region's, the first that
// region= names. Its cards (and their sparklines and changes) and its twin
// are that region's alone: a second region's figures must not be mixed
// into the first's series.
func TestOverviewIsOneRegion(t *testing.T) {
	base := bundledServer(t)
	cardsRe := regexp.MustCompile(`(?s)<article class="card.*?</article>`)
	cards := func(path string) string {
		status, _, body := get(t, base+path)
		if status != 200 {
			t.Fatalf("%s: %d", path, status)
		}
		return strings.Join(cardsRe.FindAllString(body, -1), "\n")
	}
	one, two := cards("/?region=nanshan"), cards("/?region=nanshan,shenzhen")
	if one == "" || !strings.Contains(one, `class="spark"`) {
		t.Fatal("no cards with sparklines for nanshan: the comparison proves nothing")
	}
	if two != one {
		t.Errorf("cards for region=nanshan,shenzhen differ from region=nanshan's:\n%s\n---\n%s", two, one)
	}

	_, _, csv := get(t, base+"/overview.csv?region=nanshan,shenzhen")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) < 2 {
		t.Fatalf("overview.csv: %q", csv)
	}
	for _, l := range lines[1:] {
		if strings.Contains(l, ",shenzhen,") {
			t.Errorf("overview.csv for region=nanshan,shenzhen has a Shenzhen row: %s", l)
		}
	}
	_, _, csvOne := get(t, base+"/overview.csv?region=nanshan")
	if csv != csvOne {
		t.Errorf("overview.csv differs between region=nanshan,shenzhen and region=nanshan")
	}
}

// TestOneLatestFigureEverywhere: a series with a year and its second half
// (both ending on 31 December) states the same latest figure, the year's,
// on every page that states one: the overview's card, the indicator page's
// headline, a topic's tiles and the briefing (queries.Later is the one rule).
func TestOneLatestFigureEverywhere(t *testing.T) {
	dir := testkit.CopyData(t, "../data")
	f, err := os.OpenFile(filepath.Join(dir, "observations.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("gdp,nanshan,2025H2,5300,exact,preliminary,chinadailyhk_2026_02_03,test fixture: the second half of the latest year,\n" +
		"strategic_emerging_share,nanshan,2024H2,48,exact,unknown,seed_2025_03_26,test fixture: the second half of the latest year,\n")
	f.Close()
	srv, _ := uiServer(t, uiSnapshot(t, dir))
	for _, c := range []struct{ path, want, not string }{
		{"/", "超1.01万亿元", "5,300"},
		{"/", "超50%", "48%"},
		{"/indicators/gdp", `<span class="headline-value">超1.01万亿元</span>`, `<span class="headline-value">5,300`},
		{"/topics/economy", "超50%", ">48%<"},
		{"/briefing?indicators=gdp,strategic_emerging_share", "1.01万亿元", "5300"},
		{"/briefing?indicators=gdp,strategic_emerging_share", "50%", "48%"},
	} {
		status, _, body := get(t, srv.URL+c.path)
		if status != 200 {
			t.Fatalf("%s: %d", c.path, status)
		}
		if !strings.Contains(body, c.want) || strings.Contains(body, c.not) {
			t.Errorf("%s: want %q and no %q (the second half's figure)", c.path, c.want, c.not)
		}
	}
}
