package importer

import (
	"errors"
	"testing"
)

// TestParseValue reads each way people type a figure, and refuses what
// is not one with the exact message shown to them.
func TestParseValue(t *testing.T) {
	cases := []struct {
		in                      string
		digits, qualifier, unit string
		err                     string // "-" for not published
	}{
		{in: "9501", digits: "9501", qualifier: "exact"},
		{in: "9,501", digits: "9501", qualifier: "exact"},
		{in: "1,234,567.8", digits: "1234567.8", qualifier: "exact"},
		{in: " 9501 ", digits: "9501", qualifier: "exact"},
		{in: "９５０１", digits: "9501", qualifier: "exact"},
		{in: "９，５０１．５", digits: "9501.5", qualifier: "exact"},
		{in: "超5500", digits: "5500", qualifier: "more_than"},
		{in: "超过5500", digits: "5500", qualifier: "more_than"},
		{in: "5500以上", digits: "5500", qualifier: "at_least"},
		{in: "5500家以上", digits: "5500", qualifier: "at_least", unit: "家"},
		{in: "约30", digits: "30", qualifier: "about"},
		{in: "30左右", digits: "30", qualifier: "about"},
		{in: "近90", digits: "90", qualifier: "nearly"},
		{in: "接近90%", digits: "90", qualifier: "nearly", unit: "%"},
		{in: "6亿多", digits: "6", qualifier: "more_than", unit: "亿"},
		{in: "6亿多元", digits: "6", qualifier: "more_than", unit: "亿元"},
		{in: "500余家", digits: "500", qualifier: "more_than", unit: "家"},
		{in: "最高60", digits: "60", qualifier: "at_most"},
		{in: "不超过60", digits: "60", qualifier: "at_most"},
		{in: "至少100", digits: "100", qualifier: "at_least"},
		{in: "达9501", digits: "9501", qualifier: "exact"},
		{in: "12.3%", digits: "12.3", qualifier: "exact", unit: "%"},
		{in: "12.3％", digits: "12.3", qualifier: "exact", unit: "%"},
		{in: "−3.2", digits: "-3.2", qualifier: "exact"},
		{in: "-3.2", digits: "-3.2", qualifier: "exact"},
		{in: "－3.2", digits: "-3.2", qualifier: "exact"},
		{in: "+5.1", digits: "5.1", qualifier: "exact"},
		{in: "-0", digits: "0", qualifier: "exact"},
		{in: "1234*", digits: "1234", qualifier: "exact"},
		{in: "8035.88①", digits: "8035.88", qualifier: "exact"},
		{in: "5500家", digits: "5500", qualifier: "exact", unit: "家"},
		{in: "9501亿元", digits: "9501", qualifier: "exact", unit: "亿元"},
		{in: "", err: "-"},
		{in: "  ", err: "-"},
		{in: "-", err: "-"},
		{in: "--", err: "-"},
		{in: "—", err: "-"},
		{in: "——", err: "-"},
		{in: "…", err: "-"},
		{in: "……", err: "-"},
		{in: "－", err: "-"},
		{in: "abc", err: `"abc" is not a figure`},
		{in: "N/A", err: `"N/A" is not a figure`},
		{in: "3,4", err: `"3,4" has thousands separators in the wrong place`},
		{in: "1.2.3", err: `"1.2.3" is not a number`},
		{in: "1e5", err: `"1e5" is not a figure`},
		{in: "超5500以上", err: `"超5500以上" has two qualifiers`},
		{in: "约5500左右", err: `"约5500左右" has two qualifiers`},
		{in: "5500 / 6000", err: `"5500 / 6000" is not a figure`},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			v, err := parseValue(tc.in)
			switch {
			case tc.err == "-":
				if !errors.Is(err, errNotPublished) {
					t.Errorf("parseValue(%q) = %+v, %v; want not published", tc.in, v, err)
				}
			case tc.err != "":
				if err == nil || err.Error() != tc.err {
					t.Errorf("parseValue(%q) error = %v; want %s", tc.in, err, tc.err)
				}
			case err != nil:
				t.Errorf("parseValue(%q): %v", tc.in, err)
			case v != cellValue{tc.digits, tc.qualifier, tc.unit}:
				t.Errorf("parseValue(%q) = %+v; want %s %s %s", tc.in, v, tc.digits, tc.qualifier, tc.unit)
			}
		})
	}
}

// TestConvert moves the decimal point between units of the same base
// only, on the digits.
func TestConvert(t *testing.T) {
	cases := []struct{ digits, from, to, want, note, err string }{
		{"9501", "亿元", "亿元", "9501", "", ""},
		{"95010000", "万元", "亿元", "9501", "95010000 万元 = 9501 亿元 (decimal point moved 4 places)", ""},
		{"1234.5", "万元", "亿元", "0.12345", "1234.5 万元 = 0.12345 亿元 (decimal point moved 4 places)", ""},
		{"3.68", "万亿元", "亿元", "36800", "3.68 万亿元 = 36800 亿元 (decimal point moved 4 places)", ""},
		{"6", "亿元", "万元", "60000", "6 亿元 = 60000 万元 (decimal point moved 4 places)", ""},
		{"1.3", "万名", "名", "13000", "1.3 万名 = 13000 名 (decimal point moved 4 places)", ""},
		{"0.1", "千元", "元", "100", "0.1 千元 = 100 元 (decimal point moved 3 places)", ""},
		{"12", "个", "家", "", "", "unit 个 does not match the indicator's unit 家 (only a shift such as 万元 → 亿元 is converted)"},
		{"12", "百分点", "%", "", "", "unit 百分点 does not match the indicator's unit % (only a shift such as 万元 → 亿元 is converted)"},
		{"12", "美元", "亿元", "", "", "unit 美元 does not match the indicator's unit 亿元 (only a shift such as 万元 → 亿元 is converted)"},
	}
	for _, tc := range cases {
		got, note, err := convert(tc.digits, tc.from, tc.to)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("convert(%s %s → %s) error = %v; want %s", tc.digits, tc.from, tc.to, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want || note != tc.note {
			t.Errorf("convert(%s %s → %s) = %q, %q, %v; want %q, %q", tc.digits, tc.from, tc.to, got, note, err, tc.want, tc.note)
		}
	}
}

// TestCheckShown: a cell may show fewer digits than it holds only where
// the rest is binary noise beyond Excel's 15 significant digits.
func TestCheckShown(t *testing.T) {
	cases := []struct {
		text, raw string
		ok        bool
	}{
		{"9,501", "9501", true},
		{"12.30%", "0.123", true},
		{"0.3", "0.30000000000000004", true},
		{"8566.12", "8566.1200000000008", true},
		{"超5500", "超5500", true},
		{"8035.88", "8035.876", false},
		{"12%", "0.1234", false},
		{"9,501", "9501.4", false},
	}
	rd := &reader{}
	for _, tc := range cases {
		v, err := parseValue(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		if err := rd.checkShown(cell{text: tc.text, raw: tc.raw}, v); (err == nil) != tc.ok {
			t.Errorf("cell showing %q holding %s: %v", tc.text, tc.raw, err)
		}
	}
}
