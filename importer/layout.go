package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"districtstats/figure"
	"districtstats/ingest"
	"districtstats/period"
)

// candidate is one figure read from a table, before it is checked
// against its indicator and the existing data.
type candidate struct {
	cell, text                string // where it is, and the cell as shown
	indicator, region, period string
	digits, qualifier, unit   string // unit as stated; "" means the indicator's own
	status, source, note      string
}

// reader turns sheets into candidates and rejections.
type reader struct {
	cat      *catalog
	opts     Options
	found    []candidate
	rejected []Rejection
}

func (rd *reader) reject(cell, text, format string, args ...any) {
	rd.rejected = append(rd.rejected, Rejection{Cell: cell, Text: text, Reason: fmt.Sprintf(format, args...)})
}

// Header words. Compared after labelKey.
var (
	labelHeaders = words("指标", "指标名称", "指标名", "主要指标", "项目", "名称", "类别", "indicator", "item")
	unitHeaders  = words("单位", "计量单位", "unit")
	skipHeaders  = words("序号", "备注", "说明", "注", "代码", "no", "note", "notes")
	reUnitLine   = regexp.MustCompile(`^(计量)?单位[:：]\s*(\S+)$`)
	reMetaLine   = regexp.MustCompile(`^(填报单位|编制单位|制表单位|制表人?|报送单位|报出日期|填报日期|编制日期|报送日期)[:：]`)
	reNoteLine   = regexp.MustCompile(`^(注|说明|备注|资料来源|数据来源|来源|注释|note|source)`)
	reParenUnit  = regexp.MustCompile(`\s*[(（]([^()（）]+)[)）]\s*$`)
	growthWords  = []string{"比上年同期增长", "同比增长", "同比增速", "比上年增长", "增长率", "增长", "增速", "增幅", "同比", "±"}
	fillerWords  = []string{"绝对值", "本期", "数值", "总量", "金额", "数量", "数据", "值"}
)

func words(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[labelKey(w)] = true
	}
	return m
}

// readSheet reads one table in either layout: long (our observations.csv
// columns) or wide (indicators as rows, periods or 本期/增长% as columns:
// the 年鉴 and 月报 styles are the same shape).
func (rd *reader) readSheet(s *sheet) {
	// Title lines and a "单位：亿元" line may stand above the header.
	var titles []string
	sheetUnit := ""
	header := -1
	for r := range s.rows {
		distinct := map[string]bool{}
		for _, c := range s.rows[r] {
			if t := strings.TrimSpace(c.text); t != "" {
				if m := reUnitLine.FindStringSubmatch(normalizeText(t)); m != nil {
					sheetUnit = m[2]
					continue
				}
				if reMetaLine.MatchString(normalizeText(t)) {
					continue // 填报单位：…, 报出日期：… beside the title
				}
				distinct[t] = true
			}
		}
		if len(distinct) >= 2 {
			header = r
			break
		}
		for t := range distinct {
			titles = append(titles, t)
		}
	}
	if header < 0 {
		if len(titles) > 0 {
			rd.reject(s.where(), "", "no table found: a table needs a header row with at least two columns")
		}
		return
	}
	title := strings.Join(titles, " ")
	year, titlePer := titlePeriod(title)

	region := rd.opts.Region
	if region == "" && !rd.hasColumn(s, header, "region") {
		var err error
		if region, err = rd.cat.regionIn(title); err != nil {
			rd.reject(s.where(), title, "%v", err)
			return
		}
	}
	if rd.hasColumn(s, header, "indicator") && rd.hasColumn(s, header, "value") {
		rd.readLong(s, header, region)
		return
	}
	rd.readWide(s, header, region, year, titlePer, sheetUnit)
}

func (rd *reader) hasColumn(s *sheet, header int, name string) bool {
	for _, c := range s.rows[header] {
		if strings.EqualFold(strings.TrimSpace(c.text), name) {
			return true
		}
	}
	return false
}

func rowEmpty(row []cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// isNoteRow says whether a row is a note below the table ("注：…",
// "数据来源：…"): one text, starting with such a word.
func isNoteRow(row []cell) bool {
	first := ""
	for _, c := range row {
		if t := strings.TrimSpace(c.text); t != "" {
			if first != "" && t != first {
				return false
			}
			first = t
		}
	}
	return first != "" && reNoteLine.MatchString(strings.ToLower(normalizeText(first)))
}

// readLong reads our own format: indicator, region, period, value,
// qualifier, status, source, note (region and source may come from flags;
// names may stand for ids).
func (rd *reader) readLong(s *sheet, header int, region string) {
	col := map[string]int{}
	for i, c := range s.rows[header] {
		col[strings.ToLower(strings.TrimSpace(c.text))] = i
	}
	get := func(r int, name string) (string, int) {
		i, ok := col[name]
		if !ok {
			return "", -1
		}
		return strings.TrimSpace(s.at(r, i).text), i
	}
	for r := header + 1; r < len(s.rows); r++ {
		if rowEmpty(s.rows[r]) {
			continue
		}
		if isNoteRow(s.rows[r]) {
			break
		}
		c := candidate{status: rd.opts.Status, source: rd.opts.Source}
		label, li := get(r, "indicator")
		valText, vi := get(r, "value")
		c.cell, c.text = s.ref(r, vi), valText
		v, err := parseValue(valText)
		if errors.Is(err, errNotPublished) {
			continue
		}
		if err != nil {
			rd.reject(c.cell, valText, "%v", err)
			continue
		}
		if err := rd.checkShown(s.at(r, vi), v); err != nil {
			rd.reject(c.cell, valText, "%v", err)
			continue
		}
		c.digits, c.qualifier, c.unit = v.digits, v.qualifier, combineUnit(v.unit, "")
		if c.indicator, err = rd.cat.match(label); err != nil {
			rd.reject(s.ref(r, li), label, "%v", err)
			continue
		}
		if t, i := get(r, "region"); i >= 0 && t != "" {
			id, ok := rd.cat.regionID(t)
			if !ok {
				rd.reject(s.ref(r, i), t, "%q is not a region id or name in data/regions.csv", t)
				continue
			}
			c.region = id
		} else if c.region = region; region == "" {
			rd.reject(s.ref(r, li), label, "no region: fill the region column or give -region")
			continue
		}
		perText, pi := get(r, "period")
		if c.period, err = parsePeriodLabel(perText, 0); err != nil {
			rd.reject(s.ref(r, pi), perText, "%v", err)
			continue
		}
		if t, i := get(r, "qualifier"); t != "" {
			if !oneOf(t, ingest.Qualifiers) {
				rd.reject(s.ref(r, i), t, "%q is not one of %s", t, strings.Join(ingest.Qualifiers, ", "))
				continue
			}
			if v.qualifier != "exact" && v.qualifier != t {
				rd.reject(s.ref(r, i), t, "the value %q says %s, the qualifier column %s", valText, v.qualifier, t)
				continue
			}
			c.qualifier = t
		}
		if t, i := get(r, "status"); t != "" {
			if !oneOf(t, ingest.Statuses) {
				rd.reject(s.ref(r, i), t, "%q is not one of %s", t, strings.Join(ingest.Statuses, ", "))
				continue
			}
			c.status = t
		}
		if t, _ := get(r, "source"); t != "" {
			c.source = t
		}
		c.note, _ = get(r, "note")
		rd.found = append(rd.found, c)
	}
}

// column is one value column of a wide table.
type column struct {
	index  int
	header string // the header cells' texts, top to bottom, joined
	growth bool   // a growth rate (增长%), of the row's indicator
	unit   string // a unit in the header: "2024年(亿元)"
	period string
	err    error // the header is not understood; reported at its first value
}

// readWide reads indicators as rows: 年鉴 tables (periods as columns) and
// 月报 tables (指标 | 单位 | 本期 | 增长%), with one or two header rows.
func (rd *reader) readWide(s *sheet, header int, region string, year int, titlePer, sheetUnit string) {
	// The label column: a header word, else the first non-empty header
	// that is not 序号.
	labelCol, unitCol := -1, -1
	for i, c := range s.rows[header] {
		k := labelKey(c.text)
		switch {
		case labelHeaders[k] && labelCol < 0:
			labelCol = i
		case unitHeaders[k] && unitCol < 0:
			unitCol = i
		}
	}
	if labelCol < 0 {
		// The leftmost column with text below the header that is not 序号:
		// a 年鉴 table often leaves the label column's header empty.
		width := 0
		for _, row := range s.rows[header:] {
			width = max(width, len(row))
		}
	find:
		for i := 0; i < width; i++ {
			if skipHeaders[labelKey(s.at(header, i).text)] {
				continue
			}
			for r := header + 1; r < len(s.rows); r++ {
				if strings.TrimSpace(s.at(r, i).text) != "" {
					labelCol = i
					break find
				}
			}
		}
	}
	if labelCol < 0 {
		rd.reject(s.where(), "", "no table found: no column of row labels below the header")
		return
	}
	// Header rows go on while the label cell is empty or repeats the
	// header's (merged down): "2024年" over "1-6月 | 1-9月".
	last := header
	for r := header + 1; r < len(s.rows); r++ {
		if t := strings.TrimSpace(s.at(r, labelCol).text); t != "" && t != strings.TrimSpace(s.at(header, labelCol).text) {
			break
		}
		if rowEmpty(s.rows[r]) {
			break
		}
		last = r
	}
	width := 0
	for r := header; r <= last; r++ {
		width = max(width, len(s.rows[r]))
	}
	var cols []column
	for i := labelCol + 1; i < width; i++ {
		if i == unitCol {
			continue
		}
		var parts []string
		for r := header; r <= last; r++ {
			t := strings.TrimSpace(s.at(r, i).text)
			if t != "" && (len(parts) == 0 || parts[len(parts)-1] != t) {
				parts = append(parts, t)
			}
		}
		h := strings.Join(parts, "")
		if h == "" || skipHeaders[labelKey(h)] {
			continue
		}
		col := column{index: i, header: h}
		col.period, col.growth, col.unit, col.err = readHeader(h, year, titlePer)
		cols = append(cols, col)
	}
	reported := map[int]bool{}
	for r := last + 1; r < len(s.rows); r++ {
		row := s.rows[r]
		if rowEmpty(row) {
			continue
		}
		if isNoteRow(row) {
			break // notes end the table
		}
		label := strings.TrimSpace(s.at(r, labelCol).text)
		rowUnit := ""
		if unitCol >= 0 {
			rowUnit = strings.TrimSpace(normalizeText(s.at(r, unitCol).text))
		}
		if m := reParenUnit.FindStringSubmatch(normalizeText(label)); m != nil && isUnitWord(m[1]) {
			if rowUnit == "" {
				rowUnit = m[1]
			}
			label = strings.TrimSpace(reParenUnit.ReplaceAllString(normalizeText(label), ""))
		}
		// The row's values first: a row with none (a section heading such as
		// "一、工业", or all "-") yields nothing, whatever its label.
		type val struct {
			col column
			v   cellValue
		}
		var vals []val
		for _, col := range cols {
			ct := s.at(r, col.index)
			v, err := parseValue(ct.text)
			if errors.Is(err, errNotPublished) {
				continue
			}
			if err == nil {
				err = rd.checkShown(ct, v)
			}
			if err != nil {
				rd.reject(s.ref(r, col.index), ct.text, "%v", err)
				continue
			}
			if col.err != nil {
				if !reported[col.index] {
					reported[col.index] = true
					rd.reject(s.ref(header, col.index), col.header, "%v", col.err)
				}
				continue
			}
			vals = append(vals, val{col, v})
		}
		if len(vals) == 0 {
			continue
		}
		if label == "" {
			rd.reject(s.ref(r, labelCol), "", "a row with figures but no label")
			continue
		}
		ind, err := rd.cat.match(label)
		if err != nil {
			rd.reject(s.ref(r, labelCol), label, "%v", err)
			continue
		}
		for _, x := range vals {
			c := candidate{cell: s.ref(r, x.col.index), text: s.at(r, x.col.index).text, indicator: ind, region: region,
				period: x.col.period, digits: x.v.digits, qualifier: x.v.qualifier, status: rd.opts.Status, source: rd.opts.Source}
			unit := firstOf(x.col.unit, rowUnit, sheetUnit)
			if x.col.growth {
				g, ok := rd.cat.growthOf(ind, label)
				if !ok {
					rd.reject(c.cell, c.text, "no indicator holds the growth of %s (%s): name one %s增速 in data/indicators.csv or data/aliases.csv", rd.cat.indicators[ind].nameZh, ind, rd.cat.indicators[ind].nameZh)
					continue
				}
				c.indicator = g
				unit = firstOf(x.col.unit, "%")
			}
			c.unit = combineUnit(x.v.unit, unit)
			if c.unit == "" {
				rd.reject(c.cell, c.text, "no unit stated for %q: add a 单位 column, write it in the label as %s（%s）, or above the table as 单位：%s", label, label, rd.cat.indicators[c.indicator].unitZh, rd.cat.indicators[c.indicator].unitZh)
				continue
			}
			c.note = fmt.Sprintf("%s，%s：%s", label, x.col.header, strings.TrimSpace(c.text))
			if !strings.HasSuffix(c.note, c.unit) && x.v.unit == "" {
				c.note += " " + unit
			}
			rd.found = append(rd.found, c)
		}
	}
}

// combineUnit joins the unit written in a cell with the unit of its row:
// a cell "6亿多" in a row in 元 is in 亿元; a cell "12.3%" is in %.
func combineUnit(inCell, row string) string {
	if inCell == "" {
		return row
	}
	if _, base := splitUnit(inCell); base == "" {
		_, rowBase := splitUnit(row)
		if rowBase == "" {
			rowBase = "元" // 6亿多 with no unit anywhere: an amount of money
		}
		return inCell + rowBase
	}
	return inCell
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// readHeader reads a value column's header: its period (from the header,
// or the title's for 本期), whether it is a growth rate, and any unit.
func readHeader(h string, year int, titlePer string) (per string, growth bool, unit string, err error) {
	s := strings.Join(strings.Fields(normalizeText(h)), "")
	if m := reParenUnit.FindStringSubmatch(s); m != nil && (isUnitWord(m[1]) || m[1] == "%") {
		unit = m[1]
		s = reParenUnit.ReplaceAllString(s, "")
	}
	for _, w := range growthWords {
		if strings.Contains(s, w) {
			growth = true
			s = strings.ReplaceAll(s, w, "")
		}
	}
	if growth {
		s = strings.TrimSuffix(s, "%")
		if unit == "" {
			unit = "%"
		}
	}
	for _, w := range fillerWords {
		s = strings.ReplaceAll(s, w, "")
	}
	tp, _ := period.Parse(titlePer)
	switch s {
	case "":
		if titlePer == "" {
			return "", growth, unit, fmt.Errorf("column %q states no period, and the sheet's title states none", h)
		}
		return titlePer, growth, unit, nil
	case "本月", "当月":
		switch tp.Freq {
		case period.Month:
			return titlePer, growth, unit, nil
		case period.Cumulative:
			return tp.End.Format("2006-01"), growth, unit, nil
		}
		return "", growth, unit, fmt.Errorf("column %q: the sheet's title states no month", h)
	case "累计", "本年累计", "本月止累计", "1-本月", "年初至今":
		switch tp.Freq {
		case period.Cumulative:
			return titlePer, growth, unit, nil
		case period.Month:
			return fmt.Sprintf("%d-01/%s", tp.Start.Year(), titlePer), growth, unit, nil
		}
		return "", growth, unit, fmt.Errorf("column %q: the sheet's title states no month", h)
	case "上年同期", "去年同期":
		if prev, ok := tp.Previous(true); ok && titlePer != "" {
			return prev, growth, unit, nil
		}
		return "", growth, unit, fmt.Errorf("column %q: the sheet's title states no period a year could be counted back from", h)
	}
	per, err = parsePeriodLabel(s, year)
	if err != nil {
		err = fmt.Errorf("column %q: %v", h, strings.TrimPrefix(err.Error(), strconv.Quote(s)+" "))
	}
	return per, growth, unit, err
}

// checkShown refuses a cell whose format hides digits: one that shows
// 8035.88 but holds 8035.876 would publish a figure no one typed.
func (rd *reader) checkShown(c cell, v cellValue) error {
	if c.raw == c.text {
		return nil
	}
	raw, err := strconv.ParseFloat(strings.TrimSpace(c.raw), 64)
	if err != nil {
		return nil // a text cell: what it shows is what it holds
	}
	shown := v.digits
	if v.unit == "%" {
		shown = figure.Shift(shown, -2) // a percent cell holds 0.123 and shows 12.3%
	}
	s, err := strconv.ParseFloat(shown, 64)
	if err == nil && s == raw {
		return nil
	}
	// Excel keeps 15 significant digits and files written by it may carry
	// binary noise beyond them (0.30000000000000004 shown as 0.3): that is
	// the same figure.
	if r15, _ := strconv.ParseFloat(strconv.FormatFloat(raw, 'g', 15, 64), 64); err == nil && s == r15 {
		return nil
	}
	return fmt.Errorf("the cell shows %q but holds %s: its number format hides digits; format it to show the figure as published", c.text, c.raw)
}

func oneOf(v string, allowed []string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
