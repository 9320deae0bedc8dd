package figcheck

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"districtstats/figure"
)

// normalized is the text with full-width digits and signs made ASCII, and a
// map from each of its byte offsets back to the original text, so that what
// is found can be shown where the user wrote it.
type normalized struct {
	s    string
	orig []int // orig[i]: offset in the original of byte i of s; orig[len(s)] = len(original)
}

var fullWidth = map[rune]rune{'．': '.', '％': '%', '－': '-', '−': '-', '–': '-', '—': '-', '～': '-', '~': '-', '，': '，',
	'（': '(', '）': ')', '\u00a0': ' ', '\u3000': ' ', '：': ':', '；': ';'}

func normalize(text string) normalized {
	var b strings.Builder
	n := normalized{orig: make([]int, 0, len(text)+1)}
	for i, r := range text {
		switch {
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - 'Ａ' + 'A'
		default:
			if m, ok := fullWidth[r]; ok {
				r = m
			}
		}
		start := b.Len()
		b.WriteRune(r)
		for j := start; j < b.Len(); j++ {
			n.orig = append(n.orig, i)
		}
	}
	n.s = b.String()
	n.orig = append(n.orig, len(text))
	return n
}

// token is one figure as written.
type token struct {
	start, end int    // byte offsets in the normalized text, qualifier included
	at         int    // where its digits (or numeral) start
	num, hi    string // the number as a plain decimal; hi is a range's upper end ("3-7折")
	scale      int    // the power of ten written beside it: 万 4, 亿 8, billion 9
	base       string // 元 | % | rank | years | times | a counting word (家, 个 …) | "" (an English count)
	qual       string // exact | more_than | nearly | about | at_least | at_most | less_than
	lang       figure.Lang
}

var zhQualBefore = []struct{ word, qual string }{
	{"超过", "more_than"}, {"超出", "more_than"}, {"突破", "more_than"}, {"逾", "more_than"}, {"超", "more_than"},
	{"接近", "nearly"}, {"将近", "nearly"}, {"近", "nearly"},
	{"大约", "about"}, {"约为", "about"}, {"约", "about"},
	{"最高", "at_most"}, {"最多", "at_most"}, {"最长", "at_most"}, {"不超过", "at_most"},
	{"至少", "at_least"}, {"不少于", "at_least"}, {"不低于", "at_least"},
	{"不足", "less_than"}, {"不到", "less_than"},
}

var enQualBefore = []struct{ word, qual string }{
	{"more than ", "more_than"}, {"over ", "more_than"}, {"above ", "more_than"}, {"exceeding ", "more_than"},
	{"exceeded ", "more_than"}, {"in excess of ", "more_than"}, {"topped ", "more_than"},
	{"nearly ", "nearly"}, {"almost ", "nearly"}, {"close to ", "nearly"},
	{"about ", "about"}, {"around ", "about"}, {"approximately ", "about"}, {"roughly ", "about"},
	{"up to ", "at_most"}, {"at most ", "at_most"}, {"no more than ", "at_most"},
	{"at least ", "at_least"}, {"no less than ", "at_least"}, {"no fewer than ", "at_least"},
	{"less than ", "less_than"}, {"fewer than ", "less_than"},
}

// zhUnits are the counting words and units a Chinese figure may carry,
// longest first. Words that make a number a date or an id (月, 日, 号) are
// not units: such numbers are not figures.
var zhUnits = []string{"个百分点", "百分点", "平方米", "周年", "小时", "公里", "元", "家", "个", "名", "所", "只", "套", "位", "人", "项", "件", "台",
	"条", "次", "座", "户", "倍", "%", "天", "年", "折", "岁", "亩", "吨", "辆", "张", "篇", "场", "枚", "款", "批", "种"}

var zhScales = []struct {
	word  string
	scale int
}{{"万亿", 12}, {"亿", 8}, {"千万", 7}, {"百万", 6}, {"万", 4}, {"千", 3}}

var cnDigit = map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

// unitSpec is a unit as text writes it: "万元" is scale 4, base 元.
type unitSpec struct {
	scale int
	base  string
}

// parseUnit reads a stored unit such as 万元, 万平方米, 元, %, 天.
func parseUnit(s string) (unitSpec, bool) {
	var u unitSpec
	for _, sc := range zhScales {
		if rest, ok := strings.CutPrefix(s, sc.word); ok && rest != "" {
			u.scale, s = sc.scale, rest
			break
		}
	}
	for _, w := range zhUnits {
		if s == w {
			u.base = w
			return u, true
		}
	}
	return u, false
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// readNumber reads digits with optional thousands separators and decimals
// at s[i:]: "9,501", "950.1". It returns the plain decimal and its end.
func readNumber(s string, i int) (string, int) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	num := s[i:j]
	// thousands separators: groups of exactly three digits after a lead of at most three
	if j-i <= 3 {
		for j+3 < len(s) && s[j] == ',' && isDigit(s[j+1]) && isDigit(s[j+2]) && isDigit(s[j+3]) && (j+4 == len(s) || !isDigit(s[j+4])) {
			num += s[j+1 : j+4]
			j += 4
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		num += s[j:k]
		j = k
	}
	return num, j
}

func hasPrefixAt(s string, i int, p string) bool { return strings.HasPrefix(s[i:], p) }

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// scan finds every figure in the normalized text, in text order.
func scan(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1]) && s[i-1] != '.') {
			t, end, ok := readDigitsFigure(s, i)
			if ok {
				out = append(out, t)
			}
			i = end
			continue
		}
		if a, b, ok := readSplit(s, i); ok {
			out = append(out, a, b)
			i = b.end
			continue
		}
		if t, ok := readWordFigure(s, i); ok {
			out = append(out, t)
			i = t.end
			continue
		}
		i += size
		_ = r
	}
	carryQualifiers(s, out)
	for k := range out {
		readSign(s, &out[k])
	}
	return out
}

// Words that make the figure after them a fall: "下降6.3%" is growth of
// -6.3%. "下降到6.3%" (fell to) is a level and is not read here: the word
// must stand right before the figure.
var (
	zhFallBefore = []string{"负增长", "下降", "减少", "下滑", "回落", "下跌", "降低", "萎缩", "收缩", "缩减"}
	enFallBefore = []string{"negative growth of", "fell by", "fell", "falls by", "falls", "fall of", "fall by",
		"declined by", "declined", "decline of", "decreased by", "decreased", "decrease of", "dropped by", "dropped",
		"drop of", "down by", "down", "contracted by", "contracted", "contraction of", "shrank by", "shrank"}
	enFallAfter = []string{"decline", "drop", "decrease", "contraction", "fall"}
)

// readSign makes t negative when the text says so: a minus sign right
// before its digits ("增长-6.3%"), or a word of falling before it
// ("下降6.3%", "fell 6.3%") or after it ("a 6.3% decline"). Without it a
// draft that says GDP fell 6.3% would match a stored rise of 6.3%.
func readSign(s string, t *token) {
	if t.num == "" || strings.HasPrefix(t.num, "-") {
		return
	}
	neg := false
	if i := t.at; i > 0 && s[i-1] == '-' && (i < 2 || !(isDigit(s[i-2]) || isLetter(s[i-2]) || s[i-2] == '-')) {
		neg = true
		t.start = min(t.start, i-1)
	} else if w, ok := fallBefore(s, t.start); ok {
		neg = true
		t.start = w
		if t.qual == "exact" { // 约下降6.3%
			if q, qs := qualBefore(s, w, t.lang == figure.En); q != "exact" {
				t.qual, t.start = q, qs
			}
		}
	} else if t.lang == figure.En || t.base == "%" {
		rest := strings.ToLower(s[skipSpaces(s, t.end):min(len(s), t.end+16)])
		for _, w := range enFallAfter {
			if strings.HasPrefix(rest, w) && (len(rest) == len(w) || !isLetter(rest[len(w)])) {
				neg = true
				break
			}
		}
	}
	if !neg {
		return
	}
	t.num = "-" + t.num
	if t.hi != "" {
		t.hi = "-" + t.hi
	}
}

// fallBefore finds a word of falling ending right before i (spaces and a
// 了 between allowed); it returns where the word starts.
func fallBefore(s string, i int) (int, bool) {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	zh := strings.TrimSuffix(s[:j], "了")
	for _, w := range zhFallBefore {
		if strings.HasSuffix(zh, w) {
			return len(zh) - len(w), true
		}
	}
	low := strings.ToLower(s[max(0, j-24):j])
	for _, w := range enFallBefore {
		if strings.HasSuffix(low, w) {
			k := j - len(w)
			if k == 0 || !isLetter(s[k-1]) {
				return k, true
			}
		}
	}
	return 0, false
}

// carryQualifiers gives "最高3万元、5万元" its 最高 twice: a figure listed
// right after another with 、 and no qualifier of its own shares it.
func carryQualifiers(s string, ts []token) {
	for k := 1; k < len(ts); k++ {
		a, b := &ts[k-1], &ts[k]
		if b.qual == "exact" && a.qual != "exact" && strings.TrimSpace(s[a.end:b.start]) == "、" && a.base == b.base {
			b.qual = a.qual
		}
	}
}

// qualBefore finds a qualifier word ending at i; it returns the qualifier
// and where the word starts.
func qualBefore(s string, i int, en bool) (string, int) {
	if en {
		low := strings.ToLower(s[max(0, i-16):i])
		for _, q := range enQualBefore {
			if strings.HasSuffix(low, q.word) {
				return q.qual, i - len(q.word)
			}
		}
		return "exact", i
	}
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	for _, q := range zhQualBefore {
		if strings.HasSuffix(s[:j], q.word) {
			return q.qual, j - len(q.word)
		}
	}
	return "exact", i
}

// readDigitsFigure reads a figure starting with digits at s[i:]; ok is
// false for numbers that are not figures (years, dates, ids, bare
// numbers), and end says where scanning goes on.
func readDigitsFigure(s string, i int) (token, int, bool) {
	num, j := readNumber(s, i)
	t := token{start: i, at: i, num: num, qual: "exact", lang: figure.Zh}
	// A range: 3-7折, 30-70%; 1-6月 and 3-5年 are periods, not figures.
	if j+1 < len(s) && s[j] == '-' && isDigit(s[j+1]) {
		hi, k := readNumber(s, j+1)
		switch {
		case hasPrefixAt(s, k, "折"):
			t.hi, t.base, t.end = hi, "折", k+len("折")
			return t, t.end, true
		case hasPrefixAt(s, k, "%"):
			t.hi, t.base, t.end = hi, "%", k+1
			return t, t.end, true
		}
		// dates (2025-03-26) and spans: skip the whole thing
		for k < len(s) && (isDigit(s[k]) || s[k] == '-') {
			k++
		}
		return t, k, false
	}
	k := skipSpaces(s, j)
	next, _ := utf8.DecodeRuneInString(s[k:])
	if k < len(s) && (isHan(next) || s[k] == '%') {
		return readZh(s, t, j)
	}
	return readEn(s, t, j)
}

func readZh(s string, t token, j int) (token, int, bool) {
	i := t.start
	if len(t.num) == 4 && !strings.Contains(t.num, ".") && (t.num[0] == '1' || t.num[0] == '2') && hasPrefixAt(s, j, "年") {
		return t, j, false // a year: a period, not a figure
	}
	k := skipSpaces(s, j)
	for _, w := range []string{"月", "日", "号", "时", "点", "期", "届", "版", "楼", "层", "号线", "路", "级"} {
		if hasPrefixAt(s, k, w) {
			return t, k, false
		}
	}
	for _, sc := range zhScales {
		if hasPrefixAt(s, k, sc.word) {
			t.scale, k = sc.scale, k+len(sc.word)
			break
		}
	}
	if hasPrefixAt(s, k, "多") || hasPrefixAt(s, k, "余") {
		t.qual, k = "more_than", k+len("多")
	}
	for _, u := range zhUnits {
		if hasPrefixAt(s, k, u) {
			t.base, k = u, k+len(u)
			break
		}
	}
	if t.base == "个百分点" || t.base == "百分点" {
		t.base = "points" // a change of a rate, not a rate: no stored figure is one
	}
	switch {
	case hasPrefixAt(s, k, "多"), hasPrefixAt(s, k, "余"):
		t.qual, k = "more_than", k+len("多")
	case hasPrefixAt(s, k, "以上"):
		t.qual, k = "at_least", k+len("以上")
	case hasPrefixAt(s, k, "左右"):
		t.qual, k = "about", k+len("左右")
	}
	if t.base == "" {
		switch {
		case t.scale >= 8:
			t.base = "元" // 9501 亿: amounts in 亿 are money
		case t.scale > 0:
			// 1.3万 with no counting word: a count
		default:
			return t, k, false // a bare number: a section number, an id, a model name
		}
	}
	// 第1位 is a rank; 第33家 an ordinal we do not store.
	if strings.HasSuffix(s[:i], "第") {
		if t.base != "位" && t.base != "名" {
			return t, k, false
		}
		t.start, t.base, t.end = i-len("第"), "rank", k
		return t, k, true
	}
	if t.base == "年" && strings.HasSuffix(strings.TrimRight(s[:i], " "), "连续") {
		t.start = strings.LastIndex(s[:i], "连续")
		t.base, t.end = "years", k
		return t, k, true
	}
	if t.base == "倍" {
		t.base = "times"
	}
	t.end = k
	if q, qs := qualBefore(s, i, false); q != "exact" {
		t.start = qs
		if t.qual == "exact" {
			t.qual = q
		}
	}
	return t, k, true
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

func readEn(s string, t token, j int) (token, int, bool) {
	i := t.start
	t.lang = figure.En
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		hyphen := prev == '-' && i >= 2 && (isLetter(s[i-2]) || isDigit(s[i-2]))
		if prev < 128 && (unicode.IsLetter(prev) || hyphen || prev == '/') {
			return t, j, false // Q1, H1, COVID-19, 2023/24 (a minus sign is read by readSign)
		}
	}
	before := strings.ToLower(s[max(0, i-12):i])
	for _, m := range monthNames {
		if strings.HasSuffix(before, m+" ") {
			return t, j, false // March 26
		}
	}
	k := j
	word := func(w string) bool {
		p := skipSpaces(s, k)
		if p+len(w) <= len(s) && strings.EqualFold(s[p:p+len(w)], w) && (p+len(w) == len(s) || !isLetter(s[p+len(w)])) {
			k = p + len(w)
			return true
		}
		return false
	}
	money := strings.HasSuffix(before, "rmb ") || strings.HasSuffix(before, "cny ") || strings.HasSuffix(before, "¥") ||
		strings.HasSuffix(before, "rmb") || strings.HasSuffix(before, "yuan ")
	rank := strings.HasSuffix(before, "no. ") || strings.HasSuffix(before, "no.")
	switch {
	case word("hundred million"):
		t.scale = 8
	case word("trillion"):
		t.scale = 12
	case word("billion"):
		t.scale = 9
	case word("million"):
		t.scale = 6
	case word("thousand"):
		t.scale = 3
	}
	switch {
	case k < len(s) && s[k] == '%':
		t.base, k = "%", k+1
	case word("percentage points"), word("percentage point"):
		t.base = "points" // a change of a rate, not a rate: no stored figure is one
	case word("percent"), word("per cent"):
		t.base = "%"
	case word("yuan"), word("rmb"):
		t.base = "元"
	case word("times"):
		t.base = "times"
	case word("consecutive years"), word("years in a row"), word("straight years"):
		t.base = "years"
	case rank:
		t.base = "rank"
	case money:
		t.base = "元"
	}
	year := len(t.num) == 4 && !strings.ContainsAny(s[i:j], ".,") && (t.num[0] == '1' || t.num[0] == '2')
	if t.base == "" && t.scale == 0 {
		if year {
			return t, k, false // a year: a period
		}
		// A bare count must be followed by a word: "5,500 national high-tech
		// enterprises", "5500+ firms"; "26 March" is a date.
		at := k
		if at < len(s) && s[at] == '+' {
			at++
		}
		p := skipSpaces(s, at)
		if p == at || p >= len(s) || !isLetter(s[p]) {
			return t, k, false
		}
		rest := strings.ToLower(s[p:min(len(s), p+10)])
		for _, m := range monthNames {
			if strings.HasPrefix(rest, m) {
				return t, k, false
			}
		}
	}
	if t.base == "" && t.scale >= 8 {
		p := skipSpaces(s, k)
		if p >= len(s) || !isLetter(s[p]) {
			t.base = "元" // "1.01 trillion." reads as money
		}
	}
	if word("or more") {
		t.qual = "at_least"
	} else if k < len(s) && s[k] == '+' {
		t.qual, k = "more_than", k+1
	}
	start := i
	if money && !strings.HasSuffix(before, "yuan ") {
		for _, p := range []string{"rmb ", "cny ", "rmb", "¥"} {
			if strings.HasSuffix(before, p) {
				start = i - len(p)
				break
			}
		}
	}
	if rank {
		start = strings.LastIndex(strings.ToLower(s[:i]), "no.")
	}
	if t.qual == "exact" {
		if q, qs := qualBefore(s, start, true); q != "exact" {
			t.qual, start = q, qs
		}
	}
	t.start, t.end = start, k
	return t, k, true
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// readWordFigure reads figures written with Chinese numerals that drafts
// use: 第一 (a rank), 七成 (70%), 一半 (50%), 三倍, 千亿 / 百亿 (amounts), and
// English "three times".
func readWordFigure(s string, i int) (token, bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	t := token{start: i, at: i, qual: "exact", lang: figure.Zh}
	prevHanNumeral := func() bool {
		p, _ := utf8.DecodeLastRuneInString(s[:i])
		_, ok := cnDigit[p]
		return ok || p == '百' || p == '千' || p == '万' || isDigit(lastByte(s[:i]))
	}
	switch {
	case r == '第':
		j := i + size
		n := 0
		for j < len(s) {
			c, sz := utf8.DecodeRuneInString(s[j:])
			d, ok := cnDigit[c]
			if !ok || c == '两' {
				break
			}
			if d == 10 {
				n = max(n, 1) * 10
			} else if n >= 10 && n%10 == 0 {
				n += d
			} else {
				n = n*10 + d
			}
			j += sz
		}
		if n == 0 {
			return t, false
		}
		if hasPrefixAt(s, j, "位") || hasPrefixAt(s, j, "名") {
			j += len("位")
		} else if c, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && isHan(c) {
			return t, false // 第一声, 第一股: not a rank
		}
		t.num, t.base, t.end = itoa(n), "rank", j
		return t, true
	case cnDigit[r] > 0 && r != '十' && hasPrefixAt(s, i+size, "成") && !prevHanNumeral():
		t.num, t.base, t.end = itoa(cnDigit[r]*10), "%", i+size+len("成")
		if hasPrefixAt(s, t.end, "左右") {
			t.qual, t.end = "about", t.end+len("左右")
		} else if hasPrefixAt(s, t.end, "以上") {
			t.qual, t.end = "at_least", t.end+len("以上")
		}
	case hasPrefixAt(s, i, "一半") && !prevHanNumeral():
		t.num, t.base, t.end = "50", "%", i+len("一半")
		if hasPrefixAt(s, t.end, "以上") {
			t.qual, t.end = "at_least", t.end+len("以上")
		}
	case cnDigit[r] > 1 && hasPrefixAt(s, i+size, "倍") && !prevHanNumeral():
		t.num, t.base, t.end = itoa(cnDigit[r]), "times", i+size+len("倍")
	case (hasPrefixAt(s, i, "百亿") || hasPrefixAt(s, i, "千亿") || hasPrefixAt(s, i, "万亿")) && !prevHanNumeral():
		t.num, t.base = "1", "元"
		t.scale = map[rune]int{'百': 10, '千': 11, '万': 12}[r]
		t.end = i + size + len("亿")
		if hasPrefixAt(s, t.end, "元") {
			t.end += len("元")
		}
		switch {
		case hasPrefixAt(s, t.end, "级"), hasPrefixAt(s, t.end, "以上"):
			t.qual = "at_least"
			t.end += len(string([]rune(s[t.end:])[0]))
			if hasPrefixAt(s, t.end-len("以"), "以") {
				t.end += len("上")
			}
		case hasPrefixAt(s, t.end, "多"):
			t.qual, t.end = "more_than", t.end+len("多")
		}
	default:
		if r < 128 && isLetter(s[i]) && (i == 0 || !isLetter(s[i-1])) {
			low := strings.ToLower(s[i:min(len(s), i+12)])
			for w, n := range enTimes {
				if strings.HasPrefix(low, w+" times") {
					t.num, t.base, t.end, t.lang = itoa(n), "times", i+len(w)+len(" times"), figure.En
					if q, qs := qualBefore(s, i, true); q != "exact" {
						t.qual, t.start = q, qs
					}
					return t, true
				}
			}
			if strings.HasPrefix(low, "twice") && (len(low) == 5 || !isLetter(low[5])) {
				t.num, t.base, t.end, t.lang = "2", "times", i+5, figure.En
				if q, qs := qualBefore(s, i, true); q != "exact" {
					t.qual, t.start = q, qs
				}
				return t, true
			}
		}
		return t, false
	}
	if t.qual == "exact" {
		if q, qs := qualBefore(s, t.start, false); q != "exact" {
			t.qual, t.start = q, qs
		}
	}
	return t, true
}

// readSplit reads a split in tenths as Chinese writes it, "三七开" (30%
// and 70%, each about): two figures, 三 and 七开.
func readSplit(s string, i int) (token, token, bool) {
	a, sa := utf8.DecodeRuneInString(s[i:])
	b, sb := utf8.DecodeRuneInString(s[i+sa:])
	da, db := cnDigit[a], cnDigit[b]
	if da == 0 || db == 0 || da+db != 10 || a == '十' || b == '十' || !hasPrefixAt(s, i+sa+sb, "开") {
		return token{}, token{}, false
	}
	first := token{start: i, end: i + sa, num: itoa(da * 10), base: "%", qual: "about", lang: figure.Zh}
	second := token{start: i + sa, end: i + sa + sb + len("开"), num: itoa(db * 10), base: "%", qual: "about", lang: figure.Zh}
	return first, second, true
}

var enTimes = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

func lastByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
