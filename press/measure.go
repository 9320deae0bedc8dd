package press

import (
	"strconv"
	"strings"

	"districtstats/figure"
	"districtstats/queries"
)

// Measure writes one policy measure with its amount as a sentence in each
// language, citing src: "重点产业初创企业人才奖励最高60万元/人。" /
// "Reward per talent in key-industry start-ups: up to 600,000 yuan per
// person." English reads 万 amounts in yuan (or m²) exactly: 60 万元 is
// 600,000 yuan, 300 万元 is 3 million yuan. ok is false for a measure that
// names no amount: there is no figure to state.
func Measure(m queries.PolicyMeasure, src Cite) (Pair, bool) {
	if m.Amount == "" {
		return Pair{}, false
	}
	zh, en, ok := measureAmounts(m)
	if !ok {
		return Pair{}, false
	}
	cites := []Cite{src}
	return Pair{
		Indicator: "policy_measure",
		Zh:        Sentence{Lang: figure.Zh, Body: m.MeasureZh + zh + "。", Citation: citation(cites, figure.Zh)},
		En:        Sentence{Lang: figure.En, Body: m.MeasureEn + ": " + en + ".", Citation: citation(cites, figure.En)},
		Sources:   cites,
	}, true
}

func measureAmounts(m queries.PolicyMeasure) (string, string, bool) {
	if lo, hi, isRange := strings.Cut(m.Amount, "-"); isRange && m.Qualifier == "range" {
		if !isNumber(lo) || !isNumber(hi) {
			return "", "", false
		}
		zh := lo + "-" + hi + m.UnitZh
		en := enMeasureAmount(lo, m.UnitEn) + " to " + enMeasureAmount(hi, m.UnitEn)
		return zh, en, true
	}
	if !isNumber(m.Amount) {
		return "", "", false
	}
	zh := figure.QualifierPrefix(m.Qualifier, figure.Zh) + m.Amount + m.UnitZh
	en := figure.QualifierPrefix(m.Qualifier, figure.En) + enMeasureAmount(m.Amount, m.UnitEn)
	return zh, en, true
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "eEx+_")
}

// enMeasureAmount reads an amount with its English unit; "10 thousand …"
// units are multiplied out exactly on the digits.
func enMeasureAmount(d, unit string) string {
	if rest, ok := strings.CutPrefix(unit, "10 thousand "); ok {
		full := figure.Shift(d, 4)
		if v, _ := strconv.ParseFloat(full, 64); v >= 1e6 {
			if mil := figure.Shift(full, -6); !strings.Contains(mil, ".") || len(mil)-strings.Index(mil, ".")-1 <= 2 {
				return mil + " million " + rest
			}
		}
		return figure.Group(full) + " " + rest
	}
	if unit == "%" {
		return figure.Group(d) + "%"
	}
	return figure.Group(d) + " " + unit
}
