package figure

import (
	"testing"
	"time"
)

var (
	yiYuan  = Unit{"yi_yuan", "亿元", "100 million yuan"}
	percent = Unit{"percent", "%", "%"}
	firms   = Unit{"count", "家", "firms"}
)

func TestValue(t *testing.T) {
	tests := []struct {
		v      float64
		q      string
		u      Unit
		zh, en string
	}{
		{9501, "exact", yiYuan, "9,501 亿元", "950.1 billion yuan"},
		{3206.57, "exact", yiYuan, "3,206.57 亿元", "320.657 billion yuan"},
		{10100, "more_than", yiYuan, "超10,100 亿元", "more than 1.01 trillion yuan"},
		{6, "more_than", yiYuan, "超6 亿元", "more than 600 million yuan"},
		{1000, "more_than", yiYuan, "超1,000 亿元", "more than 100 billion yuan"},
		{7.66, "exact", percent, "7.66%", "7.66%"},
		{90, "nearly", percent, "近90%", "nearly 90%"},
		{70, "about", percent, "约70%", "about 70%"},
		{5500, "more_than", firms, "超5,500 家", "more than 5,500 firms"},
		{100, "at_least", yiYuan, "至少100 亿元", "at least 10 billion yuan"},
		{-3.2, "exact", percent, "-3.2%", "-3.2%"},
		{1, "exact", Unit{"rank", "位", "rank"}, "第1位", "No. 1"},
	}
	for _, tt := range tests {
		if got := Value(tt.v, tt.q, tt.u, Zh); got != tt.zh {
			t.Errorf("Value(%v,%s) zh = %q, want %q", tt.v, tt.q, got, tt.zh)
		}
		if got := Value(tt.v, tt.q, tt.u, En); got != tt.en {
			t.Errorf("Value(%v,%s) en = %q, want %q", tt.v, tt.q, got, tt.en)
		}
	}
}

func TestShift(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{{"9501", -1, "950.1"}, {"6", 2, "600"}, {"0.05", 2, "5"}, {"10100", -4, "1.01"}, {"3206.57", -1, "320.657"}, {"-12.5", -1, "-1.25"}, {"5", -3, "0.005"}} {
		if got := Shift(tt.in, tt.n); got != tt.want {
			t.Errorf("Shift(%q,%d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestPeriodAndDate(t *testing.T) {
	tests := []struct{ in, zh, en string }{
		{"2024", "2024年", "2024"},
		{"2023Q1", "2023年第一季度", "Q1 2023"},
		{"2023H1", "2023年上半年", "H1 2023"},
		{"2023-01", "2023年1月", "January 2023"},
		{"2023-01/2023-06", "2023年1-6月", "January-June 2023"},
		{"as of 2025-03-26", "截至2025年3月26日", "as of 26 March 2025"},
		{"2028-2030", "2028-2030年", "2028-2030"},
	}
	for _, tt := range tests {
		if got := Period(tt.in, Zh); got != tt.zh {
			t.Errorf("Period(%q) zh = %q, want %q", tt.in, got, tt.zh)
		}
		if got := Period(tt.in, En); got != tt.en {
			t.Errorf("Period(%q) en = %q, want %q", tt.in, got, tt.en)
		}
	}
	if got := Date("2025-12", En); got != "December 2025" {
		t.Errorf("Date = %q", got)
	}
	if got := Date("", Zh); got != "日期不详" {
		t.Errorf("Date empty = %q", got)
	}
}

func TestTimeIn(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	at := time.Date(2025, 3, 26, 20, 30, 0, 0, time.UTC)
	cases := []struct {
		loc  *time.Location
		lang Lang
		want string
	}{
		{time.UTC, Zh, "2025年3月26日 20:30 UTC"},
		{time.UTC, En, "26 March 2025 20:30 UTC"},
		{shanghai, Zh, "2025年3月27日 04:30 (UTC+8)"},
		{shanghai, En, "27 March 2025 04:30 UTC+8"},
		{kolkata, En, "27 March 2025 02:00 UTC+5:30"},
	}
	for _, c := range cases {
		if got := TimeIn(at, c.loc, c.lang); got != c.want {
			t.Errorf("TimeIn(%v, %s) = %q, want %q", c.loc, c.lang, got, c.want)
		}
	}
}

// Differences of published decimals come back exact, at the decimals the
// figures carry: 747.53-449.07 is 298.46, never 298.46000000000004.
func TestSub(t *testing.T) {
	for _, c := range []struct{ a, b, want float64 }{
		{747.53, 449.07, 298.46},
		{9501, 8397.41, 1103.59},
		{0.3, 0.1, 0.2},
		{2.69, 2.68, 0.01},
		{5500, 5500, 0},
	} {
		if got := Sub(c.a, c.b); got != c.want {
			t.Errorf("Sub(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if got := Round(1.005*100, 1); got != 100.5 {
		t.Errorf("Round(100.49999…, 1) = %v, want 100.5", got)
	}
}
