// Package period parses the period notations used in data/ and gives each a
// frequency and a date span, so that periods sort and series of different
// frequencies are never joined by accident.
package period

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Freq is a period's frequency.
type Freq string

const (
	Annual     Freq = "A" // 2024
	Half       Freq = "H" // 2023H1
	Quarter    Freq = "Q" // 2023Q1
	Month      Freq = "M" // 2023-01
	Cumulative Freq = "C" // 2023-01/2023-06: January to June (1-6月)
	Point      Freq = "P" // as of 2025-03-26: a stock at a date
	Range      Freq = "R" // 2028-2030: a span of years, as targets are set
)

// Period is a parsed period notation.
type Period struct {
	Text  string // as written in data/, e.g. "2023Q1"
	Freq  Freq
	Start time.Time // first day covered
	End   time.Time // last day covered (the date itself for Point)
}

var (
	reYear  = regexp.MustCompile(`^(\d{4})$`)
	reHalf  = regexp.MustCompile(`^(\d{4})H([12])$`)
	reQtr   = regexp.MustCompile(`^(\d{4})Q([1-4])$`)
	reMonth = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reCum   = regexp.MustCompile(`^(\d{4})-(\d{2})/(\d{4})-(\d{2})$`)
	rePoint = regexp.MustCompile(`^as of (\d{4}-\d{2}-\d{2})$`)
	reRange = regexp.MustCompile(`^(\d{4})-(\d{4})$`)
)

// Forms lists the accepted notations, for error messages and docs.
const Forms = `2024, 2023H1, 2023Q1, 2023-01, 2023-01/2023-06, "as of 2025-03-26", 2028-2030`

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func monthEnd(y, m int) time.Time { return date(y, m+1, 1).AddDate(0, 0, -1) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// Parse reads one period notation.
func Parse(s string) (Period, error) {
	p := Period{Text: s}
	switch {
	case reYear.MatchString(s):
		y := atoi(s)
		p.Freq, p.Start, p.End = Annual, date(y, 1, 1), date(y, 12, 31)
	case reHalf.MatchString(s):
		m := reHalf.FindStringSubmatch(s)
		y, h := atoi(m[1]), atoi(m[2])
		p.Freq, p.Start, p.End = Half, date(y, 6*h-5, 1), monthEnd(y, 6*h)
	case reQtr.MatchString(s):
		m := reQtr.FindStringSubmatch(s)
		y, q := atoi(m[1]), atoi(m[2])
		p.Freq, p.Start, p.End = Quarter, date(y, 3*q-2, 1), monthEnd(y, 3*q)
	case reMonth.MatchString(s):
		m := reMonth.FindStringSubmatch(s)
		y, mo := atoi(m[1]), atoi(m[2])
		if mo < 1 || mo > 12 {
			return p, fmt.Errorf("month %d out of range", mo)
		}
		p.Freq, p.Start, p.End = Month, date(y, mo, 1), monthEnd(y, mo)
	case reCum.MatchString(s):
		m := reCum.FindStringSubmatch(s)
		y1, m1, y2, m2 := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
		if y1 != y2 || m1 < 1 || m2 > 12 || m1 > m2 {
			return p, fmt.Errorf("a cumulative span runs from one month to a later month of the same year")
		}
		p.Freq, p.Start, p.End = Cumulative, date(y1, m1, 1), monthEnd(y2, m2)
	case rePoint.MatchString(s):
		d, err := time.Parse("2006-01-02", rePoint.FindStringSubmatch(s)[1])
		if err != nil {
			return p, fmt.Errorf("not a real date")
		}
		p.Freq, p.Start, p.End = Point, d, d
	case reRange.MatchString(s):
		m := reRange.FindStringSubmatch(s)
		y1, y2 := atoi(m[1]), atoi(m[2])
		if y2 <= y1 {
			return p, fmt.Errorf("a range of years must end after it starts")
		}
		p.Freq, p.Start, p.End = Range, date(y1, 1, 1), date(y2, 12, 31)
	default:
		return p, fmt.Errorf("not a period (use one of %s)", Forms)
	}
	return p, nil
}

// Previous gives the period that a change is measured against: the one just
// before (lag 1) or the same period a year before (yoy). ok is false where
// the frequency has no such neighbour (points, ranges).
func (p Period) Previous(yoy bool) (string, bool) {
	y := p.Start.Year()
	switch p.Freq {
	case Annual:
		return strconv.Itoa(y - 1), true
	case Half:
		h := 1
		if p.Start.Month() > 6 {
			h = 2
		}
		switch {
		case yoy:
			return fmt.Sprintf("%dH%d", y-1, h), true
		case h == 2:
			return fmt.Sprintf("%dH1", y), true
		}
		return fmt.Sprintf("%dH2", y-1), true
	case Quarter:
		q := (int(p.Start.Month())-1)/3 + 1
		if yoy {
			return fmt.Sprintf("%dQ%d", y-1, q), true
		}
		if q == 1 {
			return fmt.Sprintf("%dQ4", y-1), true
		}
		return fmt.Sprintf("%dQ%d", y, q-1), true
	case Month:
		prev := p.Start.AddDate(0, -1, 0)
		if yoy {
			prev = p.Start.AddDate(-1, 0, 0)
		}
		return prev.Format("2006-01"), true
	case Cumulative:
		// A cumulative span is compared only with the same span a year before.
		if !yoy {
			return "", false
		}
		return fmt.Sprintf("%d-%02d/%d-%02d", y-1, p.Start.Month(), y-1, p.End.Month()), true
	}
	return "", false
}
