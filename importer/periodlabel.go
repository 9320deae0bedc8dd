package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"districtstats/period"
)

// Chinese period labels as statistical tables write them, read into the
// notations of package period:
//
//	2024年 → 2024                 2024年1-6月, 1-6月 → 2024-01/2024-06
//	2024年12月 → 2024-12          2024年一季度, 2024年第1季度 → 2024Q1
//	2024年上半年 → 2024H1          2024年前三季度 → 2024-01/2024-09
//	2024年末, 截至2024年底 → as of 2024-12-31
//	2024年6月末 → as of 2024-06-30  截至2025年3月26日 → as of 2025-03-26
//
// A label without a year takes the year of the sheet's title; a label
// that is none of these is an error, never a guess.
var (
	reLabelYear  = regexp.MustCompile(`^(\d{4})年?`)
	reCumMonths  = regexp.MustCompile(`^(\d{1,2})-(\d{1,2})月$`)
	reMonthLabel = regexp.MustCompile(`^(\d{1,2})月(份)?$`)
	reMonthEnd   = regexp.MustCompile(`^(\d{1,2})月(末|底)$`)
	reDayLabel   = regexp.MustCompile(`^(\d{1,2})月(\d{1,2})日$`)
	reQuarter    = regexp.MustCompile(`^第?([一二三四1-4])季度$`)
	reCumQuarter = regexp.MustCompile(`^(?:第)?([一二三四1-4])-(?:第)?([一二三四1-4])季度$`)
	// In a title: the first year and what follows it, e.g. the 2024年1-10月
	// of "2024年1-10月南山区主要经济指标".
	reTitlePeriod = regexp.MustCompile(`(截至|截止)?\d{4}年(\d{1,2}[-—–～~至]\d{1,2}月|\d{1,2}月(\d{1,2}日|末|底)?|第?[一二三四1-4]季度|前三季度|[上下]半年|末|底)?`)
)

var quarterDigit = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// dashes are the ways a range is written: 1-6月, 1—6月, 1～6月, 1至6月.
var dashes = strings.NewReplacer("—", "-", "–", "-", "－", "-", "～", "-", "~", "-", "至", "-", "−", "-")

// parsePeriodLabel reads one period label; year is the title's year, or
// 0 when the title states none.
func parsePeriodLabel(label string, year int) (string, error) {
	if p, err := period.Parse(normalizeText(label)); err == nil {
		return p.Text, nil // already our notation
	}
	s := strings.Join(strings.Fields(normalizeText(label)), "")
	point := false
	for _, w := range []string{"截至", "截止", "至"} {
		if r, ok := strings.CutPrefix(s, w); ok {
			s, point = r, true
			break
		}
	}
	s = dashes.Replace(s)
	y := 0
	if m := reLabelYear.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		s = s[len(m[0]):]
	}
	rest := s
	needYear := func() (int, error) {
		switch {
		case y != 0:
			return y, nil
		case year != 0:
			return year, nil
		}
		return 0, fmt.Errorf("%q has no year, and the sheet's title states none", label)
	}
	asOf := func(t time.Time) (string, error) { return "as of " + t.Format("2006-01-02"), nil }
	monthEnd := func(y, m int) time.Time { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC) }
	bad := func() (string, error) {
		return "", fmt.Errorf("%q is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)", label)
	}

	var out string
	switch {
	case rest == "" || rest == "全年" || rest == "年度" || rest == "度" && y != 0:
		if y == 0 && rest == "" {
			return bad()
		}
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		if point {
			return asOf(monthEnd(yy, 12))
		}
		out = strconv.Itoa(yy)
	case rest == "末" || rest == "底" || rest == "年末" || rest == "年底":
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		return asOf(monthEnd(yy, 12))
	case reMonthEnd.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		m, _ := strconv.Atoi(reMonthEnd.FindStringSubmatch(rest)[1])
		if m < 1 || m > 12 {
			return bad()
		}
		return asOf(monthEnd(yy, m))
	case reDayLabel.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		mm := reDayLabel.FindStringSubmatch(rest)
		m, _ := strconv.Atoi(mm[1])
		d, _ := strconv.Atoi(mm[2])
		t := time.Date(yy, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Month() != time.Month(m) || t.Day() != d {
			return "", fmt.Errorf("%q is not a real date", label)
		}
		return asOf(t)
	case reCumMonths.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		mm := reCumMonths.FindStringSubmatch(rest)
		m1, _ := strconv.Atoi(mm[1])
		m2, _ := strconv.Atoi(mm[2])
		out = fmt.Sprintf("%d-%02d/%d-%02d", yy, m1, yy, m2)
	case reMonthLabel.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		m, _ := strconv.Atoi(reMonthLabel.FindStringSubmatch(rest)[1])
		if point {
			return asOf(monthEnd(yy, m))
		}
		out = fmt.Sprintf("%d-%02d", yy, m)
	case reQuarter.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		out = fmt.Sprintf("%dQ%d", yy, quarterDigit[reQuarter.FindStringSubmatch(rest)[1]])
	case rest == "前三季度" || reCumQuarter.MatchString(rest):
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		q1, q2 := 1, 3
		if m := reCumQuarter.FindStringSubmatch(rest); m != nil {
			q1, q2 = quarterDigit[m[1]], quarterDigit[m[2]]
		}
		out = fmt.Sprintf("%d-%02d/%d-%02d", yy, 3*q1-2, yy, 3*q2)
	case rest == "上半年" || rest == "下半年":
		yy, err := needYear()
		if err != nil {
			return "", err
		}
		h := 1
		if rest == "下半年" {
			h = 2
		}
		out = fmt.Sprintf("%dH%d", yy, h)
	default:
		return bad()
	}
	if point {
		return bad() // 截至 with a span: "截至2024年1-6月" says nothing a point could hold
	}
	if _, err := period.Parse(out); err != nil {
		return "", fmt.Errorf("%q: %v", label, err)
	}
	return out, nil
}

// titlePeriod finds the year and the period a sheet's title states:
// "2024年1-10月南山区主要经济指标" gives 2024 and 2024-01/2024-10.
func titlePeriod(title string) (year int, per string) {
	s := strings.Join(strings.Fields(normalizeText(title)), "")
	m := reTitlePeriod.FindString(s)
	if m == "" {
		return 0, ""
	}
	year, _ = strconv.Atoi(reLabelYear.FindStringSubmatch(strings.TrimLeft(m, "截至止"))[1])
	per, _ = parsePeriodLabel(m, year)
	return year, per
}
