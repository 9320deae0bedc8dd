package dashboard

import (
	"testing"
	"time"

	"districtstats/queries"
)

// A sparkline never bridges a missing year: the line breaks, and a year
// with no neighbour is a dot. Targets are left out; under three annual
// figures there is no sparkline.
func TestSparklineKeepsGaps(t *testing.T) {
	year := func(y int, v float64, status string) queries.Observation {
		return queries.Observation{Freq: "A", Start: time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Value: v, Status: status}
	}
	list := []queries.Observation{
		year(2010, 1, "final"), year(2011, 2, "final"), // a run
		year(2013, 3, "final"),                         // alone: a dot
		year(2015, 5, "final"), year(2016, 4, "final"), // a run
		year(2020, 9, "target"), // a target: not drawn
	}
	sl := spark(list)
	if sl == nil {
		t.Fatal("no sparkline for five annual figures")
	}
	want := "M1.0 22.0 L17.3 17.0 M50.0 12.0 h0 M82.7 2.0 L99.0 7.0"
	if sl.Path != want || sl.From != 2010 || sl.To != 2016 {
		t.Errorf("sparkline %q %d–%d, want %q 2010–2016", sl.Path, sl.From, sl.To, want)
	}
	if spark(list[:2]) != nil || spark([]queries.Observation{year(2010, 1, "target"), year(2011, 1, "target"), year(2012, 1, "target")}) != nil {
		t.Error("a sparkline from fewer than three annual figures (targets left out)")
	}
}
