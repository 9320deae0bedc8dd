package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A small data directory, in the shape of data/: the import is checked
// against it. Line numbers below count from the header (line 1).
var testData = map[string]string{
	"indicators.csv": "id,topic,name_zh,name_en,unit,unit_zh,unit_en,decimals,definition_zh,definition_en,note\n" +
		"gdp,economy,地区生产总值,Gross domestic product (GDP),yi_yuan,亿元,100 million yuan,2,,,\n" +
		"gdp_growth,economy,地区生产总值增速,GDP growth,percent,%,%,1,,,\n" +
		"hightech_enterprises,innovation,国家高新技术企业,National high-tech enterprises,count,家,firms,0,,,\n" +
		"modern_services_share,economy,现代服务业占第三产业比重,Modern services share of the tertiary industry,percent,%,%,0,,,\n" +
		"rd_intensity,innovation,全社会研发投入占GDP比重,R&D expenditure as a share of GDP,percent,%,%,2,,,\n" +
		"fund_amount,funds,累计投资金额,Amount invested (cumulative),yi_yuan,亿元,100 million yuan,0,,,\n",
	"aliases.csv": "alias,indicator\n" +
		"GDP总量,gdp\n" +
		"国高企业,hightech_enterprises\n",
	"regions.csv": "id,name_zh,name_en,level,parent\n" +
		"china,全国,China,country,\n" +
		"guangdong,广东省,Guangdong Province,province,china\n" +
		"shenzhen,深圳市,Shenzhen,city,guangdong\n" +
		"nanshan,南山区,Nanshan District,district,shenzhen\n" +
		"futian,福田区,Futian District,district,shenzhen\n",
	"sources.csv": "id,title,publisher,publisher_en,published,url,note\n" +
		"old_report,2023年南山区国民经济和社会发展统计公报,南山区统计局,Nanshan Statistics Bureau,2024-03-01,,\n" +
		"seed,南山区长做客《民心桥》,蛇口消息报,Shekou News,2025-03-26,,\n" +
		"m2024_10,2024年1-10月南山区主要经济指标,南山区统计局,Nanshan Statistics Bureau,2024-11-15,,\n",
	"observations.csv": "indicator,region,period,value,qualifier,status,source,note\n" +
		"gdp,nanshan,2023,8566.12,exact,unknown,old_report,\n" +
		"gdp,nanshan,2022,8035.88,exact,unknown,old_report,\n" +
		"hightech_enterprises,nanshan,as of 2025-03-26,5500,more_than,unknown,seed,国高企业超5500家\n",
	"policy_measures.csv": "pillar_zh,pillar_en,measure_zh,measure_en,amount,unit_zh,unit_en,qualifier,source\n",
	// The definition the data directory needs: its topics name the indicators'.
	"dashboard.yaml": "site:\n  name_zh: 测试\n  name_en: Test\n  home_region: nanshan\n" +
		"topics:\n" +
		"  - {id: economy, name_zh: 经济, name_en: Economy, charts: [{id: gdp, title_zh: 地区生产总值, title_en: GDP, kind: bar, indicators: [gdp], regions: [nanshan]}]}\n" +
		"  - {id: innovation, name_zh: 创新, name_en: Innovation, charts: [{id: rd, title_zh: 研发, title_en: R&D, kind: line, indicators: [rd_intensity], regions: [nanshan]}]}\n" +
		"  - {id: funds, name_zh: 基金, name_en: Funds, charts: [{id: fund, title_zh: 投资, title_en: Invested, kind: tiles, indicators: [fund_amount], regions: [nanshan]}]}\n",
}

// writeData writes testData into a new directory.
func writeData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, b := range testData {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// xcell is a cell of a test workbook: a value (string, int or float64),
// and optionally an Excel number format id (3 = #,##0, 4 = #,##0.00,
// 2 = 0.00, 10 = 0.00%).
type xcell struct {
	v      any
	numFmt int
}

// xsheet is a sheet of a test workbook: rows from A1, merged ranges.
type xsheet struct {
	name   string
	rows   [][]any // string, int, float64, xcell or nil
	merges [][2]string
	hidden bool
}

// xlsx builds a workbook as Excel or WPS would save it.
func xlsx(t testing.TB, sheets ...xsheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if xc, ok := v.(xcell); ok {
					style, err := f.NewStyle(&excelize.Style{NumFmt: xc.numFmt})
					if err != nil {
						t.Fatal(err)
					}
					f.SetCellStyle(s.name, ref, ref, style)
					v = xc.v
				}
				if err := f.SetCellValue(s.name, ref, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		if s.hidden {
			f.SetSheetVisible(s.name, false)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gbk encodes s as Excel on Chinese Windows saves plain "CSV".
func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(b)
}

// records gives figures as the lines -write would append to observations.csv.
func records(figs []Figure) []string {
	var out []string
	for _, f := range figs {
		out = append(out, strings.Join([]string{f.Indicator, f.Region, f.Period, f.Value, f.Qualifier, f.Status, f.Source, f.Note}, ","))
	}
	return out
}

func rejections(rs []Rejection) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Cell+": "+r.Reason)
	}
	return out
}
