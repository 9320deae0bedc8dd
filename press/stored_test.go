package press

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/internal/testkit"
	"districtstats/queries"
)

var reYear = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

func years(s string) []string {
	var out []string
	for _, m := range reYear.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestNoSentenceClaimsAYearItsSourceDidNot writes every stored figure of
// the bundled data as sentences and checks that no sentence states a year
// that is not in the figure's period, unless it is the date of the report
// it cites; a period marked as not stated by the source (inferred, recent
// or a horizon) may not appear at all.
func TestNoSentenceClaimsAYearItsSourceDidNot(t *testing.T) {
	db := testkit.Snapshot(t, "../data")
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	obs, err := queries.Observations(ctx, conn, queries.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	inds, err := queries.Indicators(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := queries.Regions(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	ind, reg := map[string]queries.Indicator{}, map[string]queries.Region{}
	for _, i := range inds {
		ind[i.ID] = i
	}
	for _, r := range regs {
		reg[r.ID] = r
	}
	kinds := map[string]int{}
	for _, o := range obs {
		kinds[o.PeriodStated]++
		p := Sentences(Figure{Obs: o, Indicator: ind[o.Indicator], Region: reg[o.Region]})
		allowed := map[string]bool{}
		for _, y := range years(o.SourcePublished) {
			allowed[y] = true // the report's own date
		}
		if o.PeriodStated == "" {
			for _, y := range years(o.Period) {
				allowed[y] = true
			}
			// A range such as 2028-2030 covers the years between.
			if ys := years(o.Period); len(ys) == 2 && ys[0] < ys[1] {
				for y := ys[0]; y <= ys[1]; y = next(y) {
					allowed[y] = true
				}
			}
		}
		for _, s := range []Sentence{p.Zh, p.En} {
			for _, y := range years(s.Body) {
				if !allowed[y] {
					t.Errorf("%s %s %s (period_stated %q): %q states %s", o.Indicator, o.Region, o.Period, o.PeriodStated, s.Body, y)
				}
			}
			if strings.Contains(s.Body, "stood at") && counted(unitOf(ind[o.Indicator])) {
				t.Errorf("%q: a count reads \"had N things\"", s.Body)
			}
		}
		// A figure its source gives rounded is never exact (issue 10).
		if strings.Contains(o.Note, "(rounded)") && (o.Qualifier != "about" || !strings.Contains(p.Zh.Body, "约") || !strings.Contains(p.En.Body, "about")) {
			t.Errorf("%s %s %s is rounded in its source: qualifier %s, sentences %q / %q", o.Indicator, o.Region, o.Period, o.Qualifier, p.Zh.Body, p.En.Body)
		}
		// A figure's name carries its context: the guidance fund's figures
		// are the fund's, not the district's.
		if strings.HasPrefix(o.Indicator, "guidance_fund_") && (!strings.Contains(p.Zh.Body, "政府引导基金") || !strings.Contains(p.En.Body, "guidance fund")) {
			t.Errorf("%s: sentences %q / %q do not say they are the guidance fund's", o.Indicator, p.Zh.Body, p.En.Body)
		}
	}
	// The marks are stored in the snapshot: the data uses every kind.
	if kinds["no"] < 10 || kinds["recent"] != 3 || kinds["within 3-5 years"] != 1 {
		t.Errorf("period_stated kinds in the snapshot: %v", kinds)
	}
}

func next(y string) string {
	b := []byte(y)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}
