package period

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in, freq, start, end string
	}{
		{"2024", "A", "2024-01-01", "2024-12-31"},
		{"2023H1", "H", "2023-01-01", "2023-06-30"},
		{"2023H2", "H", "2023-07-01", "2023-12-31"},
		{"2023Q1", "Q", "2023-01-01", "2023-03-31"},
		{"2024Q4", "Q", "2024-10-01", "2024-12-31"},
		{"2024-02", "M", "2024-02-01", "2024-02-29"},
		{"2023-01/2023-06", "C", "2023-01-01", "2023-06-30"},
		{"as of 2025-03-26", "P", "2025-03-26", "2025-03-26"},
		{"2028-2030", "R", "2028-01-01", "2030-12-31"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if string(p.Freq) != tt.freq || p.Start.Format("2006-01-02") != tt.start || p.End.Format("2006-01-02") != tt.end {
			t.Errorf("Parse(%q) = %s %s..%s, want %s %s..%s", tt.in, p.Freq, p.Start.Format("2006-01-02"), p.End.Format("2006-01-02"), tt.freq, tt.start, tt.end)
		}
	}
	for _, bad := range []string{"", "24", "2024 ", "2024Q5", "2024H3", "2024-13", "as of 2025-02-30", "2030-2028", "2023-05/2023-02", "2024年"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestPrevious(t *testing.T) {
	tests := []struct {
		in   string
		yoy  bool
		want string
		ok   bool
	}{
		{"2024", false, "2023", true},
		{"2024", true, "2023", true},
		{"2024Q1", false, "2023Q4", true},
		{"2024Q3", false, "2024Q2", true},
		{"2024Q3", true, "2023Q3", true},
		{"2024H1", false, "2023H2", true},
		{"2024H2", false, "2024H1", true},
		{"2024H2", true, "2023H2", true},
		{"2024-01", false, "2023-12", true},
		{"2024-05", true, "2023-05", true},
		{"2024-01/2024-06", true, "2023-01/2023-06", true},
		{"2024-01/2024-06", false, "", false},
		{"as of 2025-03-26", false, "", false},
		{"2028-2030", true, "", false},
	}
	for _, tt := range tests {
		p, _ := Parse(tt.in)
		got, ok := p.Previous(tt.yoy)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%q.Previous(%v) = %q,%v want %q,%v", tt.in, tt.yoy, got, ok, tt.want, tt.ok)
		}
	}
}
