package transform

import (
	"testing"

	"districtstats/queries"
)

func ob(ind, period, freq string, v float64, q, status, src string) queries.Observation {
	return queries.Observation{Indicator: ind, Region: "nanshan", Period: period, Freq: freq, Value: v, Qualifier: q, Status: status, Source: src, Latest: true}
}

func fixture() []queries.Observation {
	old := ob("gdp", "2023", "A", 7000, "exact", "preliminary", "old")
	old.Latest = false // an earlier vintage: never used
	return []queries.Observation{
		ob("gdp", "2013", "A", 3206.57, "exact", "final", "a"),
		ob("gdp", "2014", "A", 3500, "exact", "final", "b"),
		// 2015 missing: 2016's change is a gap
		ob("gdp", "2016", "A", 4000.1, "exact", "final", "c"),
		ob("gdp", "2017", "A", 4500, "more_than", "unknown", "d"),
		ob("gdp", "2018", "A", 5000, "exact", "final", "e"),
		ob("gdp", "2019", "A", 5500, "about", "final", "f"),
		ob("gdp", "2020", "A", 0, "exact", "final", "g"),
		ob("gdp", "2021", "A", 10, "exact", "final", "h"),
		old,
		ob("gdp", "2023", "A", 8000, "exact", "revised", "i"),
		ob("gdp", "2030", "A", 9999, "exact", "target", "plan"),
		ob("gdp", "as of 2025-03-26", "P", 1, "exact", "unknown", "seed"),
		ob("share", "2023Q1", "Q", 2.5, "exact", "final", "q1"),
		ob("share", "2023Q2", "Q", -3.2, "exact", "final", "q2"),
		ob("share", "2024Q2", "Q", 1.6, "exact", "preliminary", "q3"),
	}
}

func unit(id string) *queries.Indicator {
	if id == "share" {
		return &queries.Indicator{ID: id, Unit: "percent"}
	}
	return &queries.Indicator{ID: id, Unit: "yi_yuan"}
}

type want struct {
	period string
	null   bool
	value  float64
	q      string
}

func check(t *testing.T, tr string, want []want) []Row {
	t.Helper()
	rows, err := Apply(tr, fixture(), unit)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) {
		for _, r := range rows {
			t.Logf("%s null=%v %v %s %s", r.Period, r.Null, r.Value, r.Qualifier, r.Note)
		}
		t.Fatalf("%s: %d rows, want %d", tr, len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Period != w.period || r.Null != w.null || r.Value != w.value || r.Qualifier != w.q {
			t.Errorf("%s row %d = %s null=%v %v %q (%s), want %+v", tr, i, r.Period, r.Null, r.Value, r.Qualifier, r.Note, w)
		}
		if r.Transform != tr {
			t.Errorf("row %d transform %q", i, r.Transform)
		}
	}
	return rows
}

func TestChange(t *testing.T) {
	rows := check(t, Change, []want{
		{"2013", true, 0, ""},            // no 2012
		{"2014", false, 293.43, "exact"}, // exact decimal subtraction
		{"2016", true, 0, ""},            // across the 2015 gap
		{"2017", true, 0, ""},            // more_than input
		{"2018", true, 0, ""},            // more_than base
		{"2019", false, 500, "about"},
		{"2020", false, -5500, "about"},
		{"2021", false, 10, "exact"},
		{"2023", true, 0, ""}, // 2022 missing; the 2023 earlier vintage is skipped
		{"2023Q1", true, 0, ""},
		{"2023Q2", false, -5.7, "exact"},
		{"2024Q2", true, 0, ""},
	})
	if rows[1].Source != "b" || rows[1].BaseSource != "a" || rows[1].Base != "2013" || rows[1].Unit != "" || !rows[1].Derived() {
		t.Errorf("2014 change = %+v", rows[1])
	}
	if rows[10].Unit != "percentage_point" {
		t.Errorf("change of a percentage: unit %q, want percentage_point", rows[10].Unit)
	}
	if rows[6].Status != "final" || rows[1].Status != "final" {
		t.Errorf("statuses %q %q", rows[6].Status, rows[1].Status)
	}
}

func TestPctChange(t *testing.T) {
	rows := check(t, PctChange, []want{
		{"2013", true, 0, ""},
		{"2014", false, 29343.0 / 3206.57, "exact"},
		{"2016", true, 0, ""},
		{"2017", true, 0, ""},
		{"2018", true, 0, ""},
		{"2019", false, 10, "about"},
		{"2020", false, -100, "about"},
		{"2021", true, 0, ""}, // base is zero
		{"2023", true, 0, ""},
		{"2023Q1", true, 0, ""},
		{"2023Q2", false, -228, "exact"},
		{"2024Q2", true, 0, ""},
	})
	if rows[1].Unit != "percent" {
		t.Errorf("unit %q", rows[1].Unit)
	}
}

func TestYoYPct(t *testing.T) {
	rows := check(t, YoYPct, []want{
		{"2013", true, 0, ""},
		{"2014", false, 29343.0 / 3206.57, "exact"},
		{"2016", true, 0, ""},
		{"2017", true, 0, ""},
		{"2018", true, 0, ""},
		{"2019", false, 10, "about"},
		{"2020", false, -100, "about"},
		{"2021", true, 0, ""},
		{"2023", true, 0, ""},
		{"2023Q1", true, 0, ""},
		{"2023Q2", true, 0, ""},
		{"2024Q2", false, -150, "exact"},
	})
	if rows[11].Status != "preliminary" || rows[11].Base != "2023Q2" || rows[11].BaseSource != "q2" {
		t.Errorf("2024Q2 yoy = %+v", rows[11])
	}
}

func TestLevelUnchanged(t *testing.T) {
	in := fixture()
	rows, err := Apply(Level, in, unit)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(in) {
		t.Fatalf("level: %d rows, want %d", len(rows), len(in))
	}
	for i := range in {
		if rows[i].Observation != in[i] || rows[i].Derived() {
			t.Errorf("level row %d changed: %+v", i, rows[i])
		}
	}
	if _, err := Apply("log", in, unit); err == nil {
		t.Error("unknown transform accepted")
	}
}
