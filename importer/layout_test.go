package importer

import (
	"slices"
	"strings"
	"testing"
)

// TestLayouts imports real-looking files of each layout and encoding and
// checks the exact rows -write would append, and every rejection.
func TestLayouts(t *testing.T) {
	monthly := xsheet{name: "10月", rows: [][]any{
		{"2024年1-10月南山区主要经济指标"},
		{},
		{"指标", "单位", "1-10月", "比上年同期增长(%)"},
		{"地区生产总值", "亿元", xcell{8035.88, 4}, 5.1},
		{"  其中：国高企业", "家", "超5500", "-"},
		{"社会消费品零售总额", "亿元", 1234.5, 3.2},
		{"累计投资金额", "万元", xcell{12340000, 3}, "—"},
		{"注：1. 本表为快报数据。"},
		{"资料来源：南山区统计局", nil, 99},
	}, merges: [][2]string{{"A1", "D1"}}}

	yearbook := xsheet{name: "年鉴", rows: [][]any{
		{"南山区国民经济主要指标"},
		{nil, nil, nil, nil, "单位：亿元"},
		{"指标", "2023年", nil, "2024年"},
		{nil, "全年", "上半年", "全年", "上半年"},
		{"地区生产总值", 8566.12, 4000, 9501, 4500.5},
		{"地区生产总值增速(%)", 5.1, "…", 6.3, "5.0"},
		{"国家高新技术企业（家）", xcell{5000, 3}, "-", "超5500", nil},
		{"一、服务业"},
		{"现代服务业占第三产业比重(%)", "近90", nil, "约90", nil},
	}, merges: [][2]string{{"A1", "E1"}, {"A3", "A4"}, {"B3", "C3"}, {"D3", "E3"}}}

	cases := []struct {
		name     string
		opts     Options
		files    func(t *testing.T) []File
		added    []string
		revised  []string
		same     []string
		rejected []string
	}{
		{
			name: "月报 XLSX: title period, 1-10月 and 增长% columns, unit column, 万元 shifted, notes below",
			opts: Options{Source: "m2024_10"},
			files: func(t *testing.T) []File {
				return []File{{"2024年10月月报.xlsx", xlsx(t, monthly)}}
			},
			added: []string{
				"gdp,nanshan,2024-01/2024-10,8035.88,exact,unknown,m2024_10,地区生产总值，1-10月：8,035.88 亿元",
				"gdp_growth,nanshan,2024-01/2024-10,5.1,exact,unknown,m2024_10,地区生产总值，比上年同期增长(%)：5.1 %",
				"hightech_enterprises,nanshan,2024-01/2024-10,5500,more_than,unknown,m2024_10,其中：国高企业，1-10月：超5500 家",
				"fund_amount,nanshan,2024-01/2024-10,1234,exact,unknown,m2024_10,累计投资金额，1-10月：12,340,000 万元",
			},
			rejected: []string{
				`2024年10月月报.xlsx:10月!A6: "社会消费品零售总额" is not a known indicator name or alias; closest: 地区生产总值 (gdp), 累计投资金额 (fund_amount), 地区生产总值增速 (gdp_growth) (if it is one of these, add the label to data/aliases.csv as alias,indicator)`,
			},
		},
		{
			name: "年鉴 XLSX: merged two-row header (2023年 over 全年|上半年), 单位 line, units in labels, section rows, a new source",
			opts: Options{Source: "yb2025", NewSource: &Source{Title: "南山统计年鉴2025", Publisher: "南山区统计局", Published: "2025-06"}},
			files: func(t *testing.T) []File {
				return []File{{"yearbook.xlsx", xlsx(t, yearbook)}}
			},
			added: []string{
				"gdp,nanshan,2023H1,4000,exact,unknown,yb2025,地区生产总值，2023年上半年：4000 亿元",
				"gdp,nanshan,2024,9501,exact,unknown,yb2025,地区生产总值，2024年全年：9501 亿元",
				"gdp,nanshan,2024H1,4500.5,exact,unknown,yb2025,地区生产总值，2024年上半年：4500.5 亿元",
				"gdp_growth,nanshan,2023,5.1,exact,unknown,yb2025,地区生产总值增速，2023年全年：5.1 %",
				"gdp_growth,nanshan,2024,6.3,exact,unknown,yb2025,地区生产总值增速，2024年全年：6.3 %",
				"gdp_growth,nanshan,2024H1,5.0,exact,unknown,yb2025,地区生产总值增速，2024年上半年：5.0 %",
				"hightech_enterprises,nanshan,2023,5000,exact,unknown,yb2025,国家高新技术企业，2023年全年：5,000 家",
				"hightech_enterprises,nanshan,2024,5500,more_than,unknown,yb2025,国家高新技术企业，2024年全年：超5500 家",
				"modern_services_share,nanshan,2023,90,nearly,unknown,yb2025,现代服务业占第三产业比重，2023年全年：近90 %",
				"modern_services_share,nanshan,2024,90,about,unknown,yb2025,现代服务业占第三产业比重，2024年全年：约90 %",
			},
			same: []string{"gdp,nanshan,2023,8566.12,exact,unknown,yb2025,地区生产总值，2023年全年：8566.12 亿元"},
		},
		{
			name: "-sheet reads only the named sheet; a hidden sheet is skipped",
			opts: Options{Source: "m2024_10", Sheet: "10月"},
			files: func(t *testing.T) []File {
				hidden := xsheet{name: "工作表", hidden: true, rows: [][]any{{"指标", "2024年"}, {"地区生产总值", "abc"}}}
				return []File{{"book.xlsx", xlsx(t, yearbook, monthly, hidden)}}
			},
			added: []string{
				"gdp,nanshan,2024-01/2024-10,8035.88,exact,unknown,m2024_10,地区生产总值，1-10月：8,035.88 亿元",
				"gdp_growth,nanshan,2024-01/2024-10,5.1,exact,unknown,m2024_10,地区生产总值，比上年同期增长(%)：5.1 %",
				"hightech_enterprises,nanshan,2024-01/2024-10,5500,more_than,unknown,m2024_10,其中：国高企业，1-10月：超5500 家",
				"fund_amount,nanshan,2024-01/2024-10,1234,exact,unknown,m2024_10,累计投资金额，1-10月：12,340,000 万元",
			},
			rejected: []string{
				`book.xlsx:10月!A6: "社会消费品零售总额" is not a known indicator name or alias; closest: 地区生产总值 (gdp), 累计投资金额 (fund_amount), 地区生产总值增速 (gdp_growth) (if it is one of these, add the label to data/aliases.csv as alias,indicator)`,
			},
		},
		{
			name: "long layout, CSV UTF-8 with BOM and CRLF: names, Chinese periods and typed values accepted",
			opts: Options{},
			files: func(t *testing.T) []File {
				return []File{{"long.csv", []byte("\uFEFFindicator,region,period,value,qualifier,status,source,note\r\n" +
					"gdp,nanshan,2021,7350.2,exact,final,old_report,\r\n" +
					"地区生产总值,南山区,2020年,\"6,500\",more_than,preliminary,old_report,初步核算\r\n" +
					"rd_intensity,futian,2024,5.81%,,,seed,\r\n" +
					"GDP总量,Nanshan District,2022,8035.88,exact,unknown,old_report,\r\n" +
					"gdp,nanshan,2023,8600,exact,unknown,old_report,\r\n" +
					"gdp,nanshan,2019,-,exact,unknown,old_report,\r\n" +
					"gdp,nanshan,2018,超7000,about,unknown,old_report,\r\n" +
					"gdp,shekou,2018,7000,exact,unknown,old_report,\r\n" +
					"gdp,nanshan,2018年中,7000,exact,unknown,old_report,\r\n" +
					"gdp,nanshan,2017,7000,exactly,unknown,old_report,\r\n" +
					"gdp,nanshan,2016,7000,exact,final,nosuch,\r\n")}}
			},
			added: []string{
				"gdp,nanshan,2021,7350.2,exact,final,old_report,",
				"gdp,nanshan,2020,6500,more_than,preliminary,old_report,初步核算",
				"rd_intensity,futian,2024,5.81,exact,unknown,seed,",
			},
			same: []string{"gdp,nanshan,2022,8035.88,exact,unknown,old_report,"},
			rejected: []string{
				`long.csv:D6: data/observations.csv:2 already has 8566.12 from source old_report for gdp, nanshan, 2023; a different figure needs its own source (a new vintage)`,
				`long.csv:E8: the value "超7000" says more_than, the qualifier column about`,
				`long.csv:B9: "shekou" is not a region id or name in data/regions.csv`,
				`long.csv:C10: "2018年中" is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)`,
				`long.csv:E11: "exactly" is not one of exact, about, more_than, nearly, at_least, at_most`,
				`long.csv:D12: "nosuch" is not a source id in data/sources.csv`,
			},
		},
		{
			name: "月报 CSV in GBK with LF: 本期 takes the title's quarter",
			opts: Options{Source: "seed"},
			files: func(t *testing.T) []File {
				return []File{{"q1.csv", gbk(t, "2024年一季度南山区经济运行情况,,,\n指标,单位,本期,增长%\n地区生产总值,亿元,2001.23,5.8\n国家高新技术企业,家,5600,\n")}}
			},
			added: []string{
				"gdp,nanshan,2024Q1,2001.23,exact,unknown,seed,地区生产总值，本期：2001.23 亿元",
				"gdp_growth,nanshan,2024Q1,5.8,exact,unknown,seed,地区生产总值，增长%：5.8 %",
				"hightech_enterprises,nanshan,2024Q1,5600,exact,unknown,seed,国家高新技术企业，本期：5600 家",
			},
		},
		{
			name: "年鉴 CSV in UTF-8 without BOM, CRLF: points in time, full-width digits, -region",
			opts: Options{Source: "seed", Region: "nanshan"},
			files: func(t *testing.T) []File {
				return []File{{"stock.csv", []byte("指标,单位,2024年末,截至2025年3月26日\r\n国高企业,家,\"５，４０１\",超5500\r\n")}}
			},
			added: []string{"hightech_enterprises,nanshan,as of 2024-12-31,5401,exact,unknown,seed,国高企业，2024年末：５，４０１ 家"},
			same:  []string{"hightech_enterprises,nanshan,as of 2025-03-26,5500,more_than,unknown,seed,国高企业，截至2025年3月26日：超5500 家"},
		},
		{
			name: "bad cells: each with where and why",
			opts: Options{Source: "seed", Region: "nanshan"},
			files: func(t *testing.T) []File {
				return []File{{"bad.csv", []byte("2024年南山区主要指标\n" +
					"指标,单位,2024年,1-6月,增长%,排名\n" +
					"地区生产总值,亿元,abc,\"3,4\",,\n" +
					"地区生产总值增速,个,7.1,,,\n" +
					"GDP总量,亿元,9501.123,,,\n" +
					"国家高新技术企业,家,,,3.2,\n" +
					"现代服务业占第三产业比重,,90,,,\n" +
					"地区生产总值,亿元,9501,,,3\n" +
					"地区生产总值,亿元,9502,,,\n" +
					",亿元,1,,,\n" +
					"地区生产总直,亿元,1,,,\n")}}
			},
			added: []string{"gdp,nanshan,2024,9501,exact,unknown,seed,地区生产总值，2024年：9501 亿元"},
			rejected: []string{
				`bad.csv:F2: column "排名": is not a period label (write e.g. 2024年, 2024年1-6月, 2024年一季度, 2024年上半年, 2024年末, 2024年12月)`,
				`bad.csv:C3: "abc" is not a figure`,
				`bad.csv:D3: "3,4" has thousands separators in the wrong place`,
				`bad.csv:C4: gdp_growth: unit 个 does not match the indicator's unit % (only a shift such as 万元 → 亿元 is converted)`,
				`bad.csv:C5: "9501.123" has 3 decimals; gdp allows 2 (raise decimals in data/indicators.csv if the source publishes more)`,
				`bad.csv:E6: no indicator holds the growth of 国家高新技术企业 (hightech_enterprises): name one 国家高新技术企业增速 in data/indicators.csv or data/aliases.csv`,
				`bad.csv:C7: no unit stated for "现代服务业占第三产业比重": add a 单位 column, write it in the label as 现代服务业占第三产业比重（%）, or above the table as 单位：%`,
				`bad.csv:C9: gdp, nanshan, 2024 is already imported from bad.csv:C8`,
				`bad.csv:A10: a row with figures but no label`,
				`bad.csv:A11: "地区生产总直" is not a known indicator name or alias; closest: 地区生产总值 (gdp), 地区生产总值增速 (gdp_growth), 国家高新技术企业 (hightech_enterprises) (if it is one of these, add the label to data/aliases.csv as alias,indicator)`,
			},
		},
		{
			name: "XLSX: a cell whose format hides digits is refused; a percent cell reads as shown",
			opts: Options{Source: "seed"},
			files: func(t *testing.T) []File {
				return []File{{"fmt.xlsx", xlsx(t, xsheet{name: "Sheet1", rows: [][]any{
					{"2024年南山区主要指标"},
					{"指标", "单位", "2024年"},
					{"地区生产总值", "亿元", xcell{8035.876, 2}},
					{"全社会研发投入占GDP比重", nil, xcell{0.0581, 10}},
				}})}}
			},
			added: []string{"rd_intensity,nanshan,2024,5.81,exact,unknown,seed,全社会研发投入占GDP比重，2024年：5.81%"},
			rejected: []string{
				`fmt.xlsx:Sheet1!C3: the cell shows "8035.88" but holds 8035.876: its number format hides digits; format it to show the figure as published`,
			},
		},
		{
			name: "年鉴 CSV: 序号 column, empty label header, 填报单位 and 单位 lines beside the title",
			opts: Options{Source: "seed"},
			files: func(t *testing.T) []File {
				return []File{{"nb.csv", []byte("南山区主要指标,,,\n填报单位：南山区统计局,,,单位：亿元\n序号,,2021年,2024年\n1,地区生产总值,7630.59,9501\n")}}
			},
			added: []string{
				"gdp,nanshan,2021,7630.59,exact,unknown,seed,地区生产总值，2021年：7630.59 亿元",
				"gdp,nanshan,2024,9501,exact,unknown,seed,地区生产总值，2024年：9501 亿元",
			},
		},
		{
			name: "every period label as a column header, the year from the title where a label has none",
			opts: Options{Source: "m2024_10"},
			files: func(t *testing.T) []File {
				return []File{{"periods.xlsx", xlsx(t, xsheet{name: "表1", rows: [][]any{
					{"2024年南山区国家高新技术企业"},
					{"指标", "单位", "2023年", "2024年1-6月", "1-9月", "2024年一季度", "2024年上半年", "2024年末", "截至2025年3月26日", "2024年12月", "下半年", "四季度", "2024年6月末", "全年"},
					{"国高企业", "家", 1, 2, 3, 4, 5, 6, "超5500", 8, 9, 10, 11, 12},
				}})}}
			},
			added: []string{
				"hightech_enterprises,nanshan,2023,1,exact,unknown,m2024_10,国高企业，2023年：1 家",
				"hightech_enterprises,nanshan,2024-01/2024-06,2,exact,unknown,m2024_10,国高企业，2024年1-6月：2 家",
				"hightech_enterprises,nanshan,2024-01/2024-09,3,exact,unknown,m2024_10,国高企业，1-9月：3 家",
				"hightech_enterprises,nanshan,2024Q1,4,exact,unknown,m2024_10,国高企业，2024年一季度：4 家",
				"hightech_enterprises,nanshan,2024H1,5,exact,unknown,m2024_10,国高企业，2024年上半年：5 家",
				"hightech_enterprises,nanshan,as of 2024-12-31,6,exact,unknown,m2024_10,国高企业，2024年末：6 家",
				"hightech_enterprises,nanshan,2024-12,8,exact,unknown,m2024_10,国高企业，2024年12月：8 家",
				"hightech_enterprises,nanshan,2024H2,9,exact,unknown,m2024_10,国高企业，下半年：9 家",
				"hightech_enterprises,nanshan,2024Q4,10,exact,unknown,m2024_10,国高企业，四季度：10 家",
				"hightech_enterprises,nanshan,as of 2024-06-30,11,exact,unknown,m2024_10,国高企业，2024年6月末：11 家",
				"hightech_enterprises,nanshan,2024,12,exact,unknown,m2024_10,国高企业，全年：12 家",
			},
			same: []string{"hightech_enterprises,nanshan,as of 2025-03-26,5500,more_than,unknown,m2024_10,国高企业，截至2025年3月26日：超5500 家"},
		},
		{
			name: "every value form as a cell, in the long layout: the exact figure, qualifier and unit each gives",
			opts: Options{Source: "old_report"},
			files: func(t *testing.T) []File {
				return []File{{"forms.csv", []byte("indicator,region,period,value\n" +
					"gdp,nanshan,2001,\"9,501\"\n" +
					"gdp,nanshan,2002,９５０１\n" +
					"gdp,nanshan,2003,超5500\n" +
					"gdp,nanshan,2004,5500以上\n" +
					"gdp,nanshan,2005,约30\n" +
					"gdp,nanshan,2006,近90\n" +
					"gdp,nanshan,2007,6亿多\n" +
					"gdp,nanshan,2008,1234*\n" +
					"gdp,nanshan,2009,8035.88①\n" +
					"gdp,nanshan,2010,95010000万元\n" +
					"gdp,nanshan,2011,-\n" +
					"gdp,nanshan,2012,…\n" +
					"gdp,nanshan,2013,—\n" +
					"gdp,nanshan,2014,\n" +
					"gdp_growth,nanshan,2008,12.3%\n" +
					"gdp_growth,nanshan,2009,−3.2\n" +
					"gdp_growth,nanshan,2010,－0.5％\n")}}
			},
			added: []string{
				"gdp,nanshan,2001,9501,exact,unknown,old_report,",
				"gdp,nanshan,2002,9501,exact,unknown,old_report,",
				"gdp,nanshan,2003,5500,more_than,unknown,old_report,",
				"gdp,nanshan,2004,5500,at_least,unknown,old_report,",
				"gdp,nanshan,2005,30,about,unknown,old_report,",
				"gdp,nanshan,2006,90,nearly,unknown,old_report,",
				"gdp,nanshan,2007,6,more_than,unknown,old_report,",
				"gdp,nanshan,2008,1234,exact,unknown,old_report,",
				"gdp,nanshan,2009,8035.88,exact,unknown,old_report,",
				"gdp,nanshan,2010,9501,exact,unknown,old_report,",
				"gdp_growth,nanshan,2008,12.3,exact,unknown,old_report,",
				"gdp_growth,nanshan,2009,-3.2,exact,unknown,old_report,",
				"gdp_growth,nanshan,2010,-0.5,exact,unknown,old_report,",
			},
		},
		{
			name: "files that are not tables, and a title that names no region",
			opts: Options{Source: "seed"},
			files: func(t *testing.T) []File {
				return []File{
					{"old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")},
					{"notes.docx", []byte("hello")},
					{"noregion.csv", []byte("主要经济指标\n指标,单位,2024年\n地区生产总值,亿元,9501\n")},
				}
			},
			rejected: []string{
				`old.xls: this is an old Excel .xls (or an encrypted) file; open it in Excel or WPS and save it as .xlsx`,
				`notes.docx: not an .xlsx or .csv file`,
				`noregion.csv: the title names no region in data/regions.csv; say which with -region`,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.DataDir = writeData(t)
			p, err := Read(opts, tc.files(t))
			if err != nil {
				t.Fatal(err)
			}
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			check("added", records(p.Added), tc.added)
			check("revised", records(p.Revised), tc.revised)
			check("identical", records(p.Identical), tc.same)
			check("rejected", rejections(p.Rejected), tc.rejected)
		})
	}
}
