package dashboard

import (
	"regexp"
	"strings"
	"testing"
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
