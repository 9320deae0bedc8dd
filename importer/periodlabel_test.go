package importer

import "testing"

// TestParsePeriodLabel maps each Chinese period label onto the notation of
// package period, taking the title's year where the label has none.
func TestParsePeriodLabel(t *testing.T) {
	cases := []struct {
		label string
		year  int
		want  string
		err   string
	}{
		{label: "2024年", want: "2024"},
		{label: "2024", want: "2024"},
		{label: "２０２４年", want: "2024"},
		{label: "全年", year: 2024, want: "2024"},
		{label: "2024年度", want: "2024"},
		{label: "2024年1-6月", want: "2024-01/2024-06"},
		{label: "2024年1—6月", want: "2024-01/2024-06"},
		{label: "2024年1～6月", want: "2024-01/2024-06"},
		{label: "2024年1至6月", want: "2024-01/2024-06"},
		{label: "1-6月", year: 2024, want: "2024-01/2024-06"},
		{label: "1-2月", year: 2025, want: "2025-01/2025-02"},
		{label: "2024年一季度", want: "2024Q1"},
		{label: "2024年第一季度", want: "2024Q1"},
		{label: "2024年第3季度", want: "2024Q3"},
		{label: "四季度", year: 2024, want: "2024Q4"},
		{label: "2024年前三季度", want: "2024-01/2024-09"},
		{label: "2024年1-3季度", want: "2024-01/2024-09"},
		{label: "2024年上半年", want: "2024H1"},
		{label: "下半年", year: 2024, want: "2024H2"},
		{label: "2024年末", want: "as of 2024-12-31"},
		{label: "2024年底", want: "as of 2024-12-31"},
		{label: "截至2024年底", want: "as of 2024-12-31"},
		{label: "截至2024年末", want: "as of 2024-12-31"},
		{label: "2024年6月末", want: "as of 2024-06-30"},
		{label: "截至2024年6月底", want: "as of 2024-06-30"},
		{label: "截至2025年3月26日", want: "as of 2025-03-26"},
		{label: "2024年12月", want: "2024-12"},
		{label: "2024年3月份", want: "2024-03"},
		{label: "12月", year: 2024, want: "2024-12"},
		{label: "2024Q3", want: "2024Q3"},
		{label: "2023-01/2023-06", want: "2023-01/2023-06"},
		{label: "as of 2025-03-26", want: "as of 2025-03-26"},
		{label: "1-6月", err: `"1-6月" has no year, and the sheet's title states none`},
		{label: "一季度", err: `"一季度" has no year, and the sheet's title states none`},
		{label: "2024年13月", err: `"2024年13月": month 13 out of range`},
		{label: "2024年6-1月", err: `"2024年6-1月": a cumulative span runs from one month to a later month of the same year`},
		{label: "2024年2月30日", err: `"2024年2月30日" is not a real date`},
		{label: "截至2024年1-6月", err: `"截至2024年1-6月" is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)`},
		{label: "明年", year: 2024, err: `"明年" is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)`},
		{label: "增加值", year: 2024, err: `"增加值" is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)`},
	}
	for _, tc := range cases {
		got, err := parsePeriodLabel(tc.label, tc.year)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("parsePeriodLabel(%q, %d) = %q, %v; want error %s", tc.label, tc.year, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parsePeriodLabel(%q, %d) = %q, %v; want %q", tc.label, tc.year, got, err, tc.want)
		}
	}
}

// TestTitlePeriod finds the year and period a sheet's title states.
func TestTitlePeriod(t *testing.T) {
	cases := []struct {
		title string
		year  int
		per   string
	}{
		{"2024年1-10月南山区主要经济指标", 2024, "2024-01/2024-10"},
		{"南山区2024年统计年鉴", 2024, "2024"},
		{"2024年一季度南山区经济运行情况", 2024, "2024Q1"},
		{"2024年10月南山区主要经济指标", 2024, "2024-10"},
		{"2024年上半年南山区主要经济指标", 2024, "2024H1"},
		{"截至2024年底南山区市场主体", 2024, "as of 2024-12-31"},
		{"南山区主要经济指标", 0, ""},
	}
	for _, tc := range cases {
		y, p := titlePeriod(tc.title)
		if y != tc.year || p != tc.per {
			t.Errorf("titlePeriod(%q) = %d, %q; want %d, %q", tc.title, y, p, tc.year, tc.per)
		}
	}
}
