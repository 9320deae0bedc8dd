// Package figure formats statistical figures for people, in Chinese and
// English: numbers with their published digits (never rounded), qualifiers
// (超/近/约: more than/nearly/about), units, periods, statuses and dates.
// Every page, export label and press sentence formats through here so that
// "超5500家" can never come out as a plain 5500.
package figure

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lang is a display language.
type Lang string

const (
	Zh Lang = "zh"
	En Lang = "en"
)

// Digits returns v with exactly the digits it was published with: the
// shortest decimal that reads back as v (9501, 3206.57, 2.4), no exponent.
func Digits(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Group inserts thousands separators into a plain decimal string.
func Group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasDot {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Number formats v for display: published digits, thousands separators.
func Number(v float64) string { return Group(Digits(v)) }

// Round rounds to d decimals via the decimal text, so 747.53-449.07
// (298.46000000000004 in binary) reads 298.46.
func Round(v float64, d int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64)
	return f
}

// Sub subtracts two published figures exactly: the float difference rounded
// to the most decimals either figure carries, which is exact for decimals.
func Sub(a, b float64) float64 {
	return Round(a-b, max(decimals(Digits(a)), decimals(Digits(b))))
}

func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// Shift moves the decimal point of a plain decimal string by n places
// (n > 0 multiplies by 10^n), exactly: no floating-point arithmetic.
func Shift(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	digits := intPart + frac
	point := len(intPart) + n
	for point > len(digits) {
		digits += "0"
	}
	for point < 1 {
		digits = "0" + digits
		point++
	}
	out := strings.TrimLeft(digits[:point], "0")
	if out == "" {
		out = "0"
	}
	if f := strings.TrimRight(digits[point:], "0"); f != "" {
		out += "." + f
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Unit describes how an indicator's values read.
type Unit struct {
	Code string // yi_yuan | percent | count | rank | years
	Zh   string // 亿元, %, 家, 位, 年
	En   string // 100 million yuan, %, firms, rank, years
}

// Amount formats a value with its unit, without qualifier:
// zh "9,501 亿元", "7.66%", "5,500 家"; en "950.1 billion yuan", "7.66%", "5,500 firms".
func Amount(v float64, u Unit, lang Lang) string {
	d := Digits(v)
	switch u.Code {
	case "percent":
		return Group(d) + "%"
	case "rank":
		if lang == En {
			return "No. " + Group(d)
		}
		return "第" + Group(d) + "位"
	case "yi_yuan":
		if lang == En {
			// 1 亿 = 100 million. Read large amounts in billions or trillions.
			abs := v
			if abs < 0 {
				abs = -abs
			}
			switch {
			case abs >= 10000:
				return Group(Shift(d, -4)) + " trillion yuan"
			case abs >= 10:
				return Group(Shift(d, -1)) + " billion yuan"
			default:
				return Group(Shift(d, 2)) + " million yuan"
			}
		}
		return Group(d) + " 亿元"
	}
	if lang == En {
		return Group(d) + " " + u.En
	}
	return Group(d) + " " + u.Zh
}

// Qualifier words. "exact" has none.
var qualifierWords = map[string][2]string{
	"exact":     {"", ""},
	"about":     {"约", "about "},
	"more_than": {"超", "more than "},
	"nearly":    {"近", "nearly "},
	"at_least":  {"至少", "at least "},
	"at_most":   {"最高", "up to "},
}

// QualifierPrefix is what stands before a number: 超, 近, 约 / more than, nearly, about.
func QualifierPrefix(q string, lang Lang) string {
	w, ok := qualifierWords[q]
	if !ok {
		return "[" + q + "] " // unknown qualifiers are shown, never dropped
	}
	if lang == En {
		return w[1]
	}
	return w[0]
}

// QualifierName names a qualifier on its own, for table columns.
func QualifierName(q string, lang Lang) string {
	if q == "exact" {
		if lang == En {
			return "exact"
		}
		return "确数"
	}
	return strings.TrimSpace(QualifierPrefix(q, lang))
}

// Value is the whole figure: qualifier, number and unit, e.g. "超5,500 家",
// "more than 5,500 firms", "约70%".
func Value(v float64, qualifier string, u Unit, lang Lang) string {
	return QualifierPrefix(qualifier, lang) + Amount(v, u, lang)
}

// Status labels; "unknown" (the source did not say) shows nothing.
func Status(s string, lang Lang) string {
	labels := map[string][2]string{
		"unknown":     {"", ""},
		"preliminary": {"初步数", "preliminary"},
		"final":       {"最终核实数", "final"},
		"revised":     {"修订数", "revised"},
		"target":      {"目标", "target"},
	}
	l, ok := labels[s]
	if !ok {
		return s
	}
	if lang == En {
		return l[1]
	}
	return l[0]
}

var monthsEn = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Date formats a publication date as written (YYYY-MM-DD, YYYY-MM, YYYY or
// empty): zh "2025年3月26日", en "26 March 2025".
func Date(s string, lang Lang) string {
	if s == "" {
		if lang == En {
			return "date not stated"
		}
		return "日期不详"
	}
	parts := strings.Split(s, "-")
	y := parts[0]
	switch len(parts) {
	case 3:
		m, _ := strconv.Atoi(parts[1])
		d, _ := strconv.Atoi(parts[2])
		if lang == En {
			return fmt.Sprintf("%d %s %s", d, monthsEn[m-1], y)
		}
		return fmt.Sprintf("%s年%d月%d日", y, m, d)
	case 2:
		m, _ := strconv.Atoi(parts[1])
		if lang == En {
			return fmt.Sprintf("%s %s", monthsEn[m-1], y)
		}
		return fmt.Sprintf("%s年%d月", y, m)
	}
	if lang == En {
		return y
	}
	return y + "年"
}

// Period formats a period notation from data/ (see package period):
// "2024" -> 2024年 / 2024; "as of 2025-03-26" -> 截至2025年3月26日 / as of 26 March 2025.
func Period(p string, lang Lang) string {
	switch {
	case strings.HasPrefix(p, "as of "):
		d := strings.TrimPrefix(p, "as of ")
		if lang == En {
			return "as of " + Date(d, En)
		}
		return "截至" + Date(d, Zh)
	case len(p) == 4:
		if lang == En {
			return p
		}
		return p + "年"
	case len(p) == 6 && p[4] == 'Q':
		if lang == En {
			return "Q" + p[5:] + " " + p[:4]
		}
		return p[:4] + "年第" + map[byte]string{'1': "一", '2': "二", '3': "三", '4': "四"}[p[5]] + "季度"
	case len(p) == 6 && p[4] == 'H':
		if lang == En {
			return "H" + p[5:] + " " + p[:4]
		}
		return p[:4] + map[byte]string{'1': "年上半年", '2': "年下半年"}[p[5]]
	case len(p) == 7 && p[4] == '-':
		return Date(p, lang)
	case len(p) == 15 && p[7] == '/':
		m1, _ := strconv.Atoi(p[5:7])
		m2, _ := strconv.Atoi(p[13:15])
		if lang == En {
			return fmt.Sprintf("%s-%s %s", monthsEn[m1-1], monthsEn[m2-1], p[:4])
		}
		return fmt.Sprintf("%s年%d-%d月", p[:4], m1, m2)
	case len(p) == 9 && p[4] == '-':
		if lang == En {
			return p
		}
		return p + "年"
	}
	return p
}

// Time formats a timestamp such as a snapshot's build time, in UTC.
func Time(t time.Time, lang Lang) string { return TimeIn(t, time.UTC, lang) }

// TimeIn formats a timestamp in a district's time zone (the dashboard
// definition's time_zone), naming the offset so the time is unambiguous:
// 2025年3月26日 16:00 (UTC+8) / 26 March 2025 16:00 UTC+8.
func TimeIn(t time.Time, loc *time.Location, lang Lang) string {
	t = t.In(loc)
	zone := "UTC"
	if _, off := t.Zone(); off != 0 {
		zone = fmt.Sprintf("UTC%+d", off/3600)
		if m := (off % 3600) / 60; m != 0 {
			zone += fmt.Sprintf(":%02d", max(m, -m))
		}
	}
	if lang == En {
		return t.Format("2 January 2006 15:04") + " " + zone
	}
	if zone != "UTC" {
		zone = "(" + zone + ")"
	}
	return fmt.Sprintf("%d年%d月%d日 %s %s", t.Year(), t.Month(), t.Day(), t.Format("15:04"), zone)
}
