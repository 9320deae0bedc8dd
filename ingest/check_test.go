package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const (
	obsCols = "indicator,region,period,value,qualifier,status,source,note"
	obs     = "observations.csv"
)

// gbk encodes s as Excel on Chinese Windows saves "CSV".
func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// buildProblems runs Build on dir and gives its problems as the user sees
// them, with the directory cut off. It fails the test on any other error.
func buildProblems(t *testing.T, dir string) []string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	_, err := Build(context.Background(), dir, db)
	if err == nil {
		return nil
	}
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Build: %v (want data problems)", err)
	}
	if _, statErr := os.Stat(db); statErr == nil {
		t.Errorf("a failed Build wrote %s", db)
	}
	var got []string
	for _, p := range ps.List {
		got = append(got, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
	}
	return got
}

// problemCase is a dataset (the good one with some files replaced) and the
// exact problems it must give, nil for none: the ingest test corpus.
type problemCase struct {
	name string
	over func(t *testing.T) map[string]string
	want []string
}

// problemCases is the corpus: every kind of data problem with its exact
// message and line.
func problemCases() []problemCase {
	rows := func(lines ...string) map[string]string {
		return map[string]string{obs: goodObservations + strings.Join(lines, "\n") + "\n"}
	}
	return []problemCase{
		{"valid", nil, nil},
		{"a vintage of the same figure from another source is no duplicate", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2024,9502,exact,final,wr,")
		}, nil},
		{"an Excel UTF-8 byte-order mark is accepted", func(*testing.T) map[string]string {
			return map[string]string{obs: "\uFEFF" + goodObservations}
		}, nil},
		{"Windows line ends, blank lines and no final newline are accepted", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.ReplaceAll(strings.Replace(goodObservations, "\ngdp,nanshan,2014", "\n\ngdp,nanshan,2014", 1), "\n", "\r\n") + "gdp_rank,nanshan,2023,1,exact,unknown,seed,"}
		}, nil},
		{"a quoted note over two lines is accepted, and counted in line numbers", func(*testing.T) map[string]string {
			return rows(`gdp,nanshan,2023,8566,exact,unknown,seed,"line one`+"\n"+`line two, with ""quotes"""`, "gdp,nanshan,2022,8035.88,approx,unknown,seed,")
		}, []string{`observations.csv:7: column "qualifier": "approx" is not one of exact, about, more_than, nearly, at_least, at_most`}},

		{"aliases: each names one known indicator, once, and no other indicator's name", func(*testing.T) map[string]string {
			return map[string]string{"aliases.csv": "alias,indicator\n" +
				"GDP总量,gdp\n" +
				"全区排名,gdp_rank\n" +
				"GDP总量,gdp_rank\n" +
				"生产总值,gpd\n" +
				"排名,gdp\n" +
				"地区生产总值,gdp\n" +
				",gdp\n"}
		}, []string{
			`aliases.csv:4: column "alias": "GDP总量" is a duplicate of line 2`,
			`aliases.csv:5: column "indicator": "gpd" is not an indicator id in indicators.csv`,
			`aliases.csv:6: column "alias": "排名" is the name of indicator gdp_rank in indicators.csv`,
			`aliases.csv:8: column "alias": is required`,
		}},
		{"aliases.csv needs its header", func(*testing.T) map[string]string {
			return map[string]string{"aliases.csv": "name,indicator\nGDP总量,gdp\n"}
		}, []string{`aliases.csv:1: header is "name,indicator", want "alias,indicator"`}},

		// references
		{"unknown indicator", func(*testing.T) map[string]string {
			return rows("gpd,nanshan,2023,8566,exact,unknown,seed,")
		}, []string{`observations.csv:5: column "indicator": "gpd" is not an indicator id in indicators.csv`}},
		{"unknown region", func(*testing.T) map[string]string {
			return rows("gdp,futian,2024,5000,exact,unknown,seed,")
		}, []string{`observations.csv:5: column "region": "futian" is not a region id in regions.csv`}},
		{"unknown source", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,exact,unknown,blog,")
		}, []string{`observations.csv:5: column "source": "blog" is not a source id in sources.csv`}},
		{"unknown measure source", func(*testing.T) map[string]string {
			return map[string]string{"policy_measures.csv": goodMeasures + "一个人,Talent,奖励,Reward,60,万元/人,10 thousand yuan per person,at_most,blog\n"}
		}, []string{`policy_measures.csv:4: column "source": "blog" is not a source id in sources.csv`}},

		// price basis and real growth: optional columns, checked when present
		{"price_basis and real_growth columns are optional, and checked", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": indicatorsHeader[:len(indicatorsHeader)-1] + ",price_basis,real_growth\n" +
				"gdp,economy,地区生产总值,GDP,yi_yuan,亿元,100 million yuan,2,现价。,At current prices.,,current,gdp_growth\n" +
				"gdp_rank,economy,排名,Rank,rank,位,rank,0,排名。,Rank.,,nominal,gdp\n" +
				"gdp_growth,economy,增速,Growth,percent,%,%,1,增速。,Growth.,,constant,\n" +
				"x2,economy,名,Name,count,个,count,0,定义,Definition,,,\n"}
		}, []string{`indicators.csv:3: column "price_basis": "nominal" is not one of current, constant`}},
		{"real_growth must name an indicator", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": indicatorsHeader[:len(indicatorsHeader)-1] + ",price_basis,real_growth\n" +
				"gdp,economy,地区生产总值,GDP,yi_yuan,亿元,100 million yuan,2,现价。,At current prices.,,current,gdp_groth\n" +
				"gdp_rank,economy,排名,Rank,rank,位,rank,0,排名。,Rank.,,,\n"}
		}, []string{`indicators.csv:2: column "real_growth": "gdp_groth" is not an indicator id in indicators.csv`}},
		{"a file with one optional column of two keeps its width", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": indicatorsHeader[:len(indicatorsHeader)-1] + ",price_basis\n" +
				"gdp,economy,地区生产总值,GDP,yi_yuan,亿元,100 million yuan,2,现价。,At current prices.,,current\n" +
				"gdp_rank,economy,排名,Rank,rank,位,rank,0,排名。,Rank.,,,\n"}
		}, []string{`indicators.csv:3: has 13 fields, want 12 (id,topic,name_zh,name_en,unit,unit_zh,unit_en,decimals,definition_zh,definition_en,note,price_basis)`,
			`dashboard.yaml:9: topics[economy].cards: "gdp_rank" is not an indicator id in indicators.csv`,
			`observations.csv:4: column "indicator": "gdp_rank" is not an indicator id in indicators.csv`}},

		// figures kept exactly, bad files refused clearly
		{"a value of 400 digits is refused with its line, not stored as +Inf", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023," + strings.Repeat("9", 400) + ",exact,unknown,seed,")
		}, []string{`observations.csv:5: column "value": "99999999999999999999…" has 400 significant digits; at most 15 can be kept exactly (figures are stored as 64-bit floating point): write it in a larger unit, as the source's own tables do`}},
		{"a value beyond a float's range is refused even with one digit", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,1" + strings.Repeat("0", 400) + ",exact,unknown,seed,")
		}, []string{`observations.csv:5: column "value": "10000000000000000000…" is too large to store (a figure must be below about 1.8e308)`}},
		{"17 significant digits cannot come back as published: refused", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": goodIndicators + "big,economy,大,Big,count,个,count,2,,,\n",
				obs: goodObservations + "big,nanshan,2023,12345678901234567.89,exact,unknown,seed,\n"}
		}, []string{`observations.csv:5: column "value": "12345678901234567.89" has 19 significant digits; at most 15 can be kept exactly (figures are stored as 64-bit floating point): write it in a larger unit, as the source's own tables do`}},
		{"15 significant digits are kept", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": goodIndicators + "big,economy,大,Big,count,个,count,2,,,\n",
				obs: goodObservations + "big,nanshan,2023,1234567890123.45,exact,unknown,seed,\nbig,nanshan,2022,-0.01,exact,unknown,seed,\n"}
		}, nil},
		{"a note over DuckDB's line size is refused by the check with its line and column", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,exact,unknown,seed," + strings.Repeat("长", 700_000))
		}, []string{`observations.csv:5: column "note": the record is 2,100,034 bytes long; one may hold at most 1,048,576 bytes: put long text in a document and cite it in sources.csv`}},
		{"a long quoted note over several lines is measured whole", func(*testing.T) map[string]string {
			return rows(`gdp,nanshan,2023,8566,exact,unknown,seed,"` + strings.Repeat("x", 600_000) + "\n" + strings.Repeat("y", 600_000) + `"`)
		}, []string{`observations.csv:5: column "note": the record is 1,200,035 bytes long; one may hold at most 1,048,576 bytes: put long text in a document and cite it in sources.csv`}},
		{"a stray quote is reported on the line that has it, not the next", func(*testing.T) map[string]string {
			var b strings.Builder
			b.WriteString(goodObservations) // lines 1-4
			for y := 1950; y < 1986; y++ {  // lines 5-40
				fmt.Fprintf(&b, "gdp,nanshan,%d,100,exact,unknown,seed,\n", y)
			}
			b.WriteString("gdp,nanshan,1940,\"100,exact,unknown,seed,\n") // line 41
			b.WriteString("gdp,nanshan,1941,100,exact,unknown,seed,\n")
			return map[string]string{obs: b.String()}
		}, []string{`observations.csv:41: malformed CSV: the quoted field that opens on this line does not close properly (the reader ran on to line 42); a quote inside a field is written twice ("")`}},
		{"old Mac line ends (CR only) count lines as an editor shows them", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.ReplaceAll(goodObservations+"gdp,nanshan,2022,8035.88,approx,unknown,seed,\n", "\n", "\r")}
		}, []string{`observations.csv:5: column "qualifier": "approx" is not one of exact, about, more_than, nearly, at_least, at_most`}},
		{"a CR-only file with a stray quote points at its line", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.ReplaceAll(goodObservations+"gdp,nanshan,2022,\"8035.88,exact,unknown,seed,\ngdp,nanshan,2021,1,exact,unknown,seed,\n", "\n", "\r")}
		}, []string{`observations.csv:5: malformed CSV: the quoted field that opens on this line does not close properly (the reader ran on to line 6); a quote inside a field is written twice ("")`}},
		{"a valid CR-only file is accepted, as DuckDB reads it", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.ReplaceAll(goodObservations, "\n", "\r")}
		}, nil},

		// what the source said about the period: a property of the figure
		{"period_stated is optional, and checked when present", func(*testing.T) map[string]string {
			h := observationsHeader[:len(observationsHeader)-1] + ",period_stated\n"
			return map[string]string{obs: h +
				"gdp,nanshan,2024,9501,exact,unknown,seed,全区GDP规模达9501亿元,no\n" +
				"gdp,nanshan,2014,3464.09,exact,unknown,wr,,\n" +
				"gdp_rank,nanshan,2024,1,exact,unknown,seed,,recent\n" +
				"gdp,nanshan,2028-2030,100,at_least,target,seed,,within 3-5 years\n" +
				"gdp,nanshan,2023,8566,exact,unknown,seed,,within 3 years\n" +
				"gdp,nanshan,2022,8035.88,exact,unknown,seed,,unstated\n"}
		}, []string{
			`observations.csv:6: column "period_stated": "within 3 years" is a target's horizon; status is "unknown", not target`,
			`observations.csv:7: column "period_stated": "unstated" is not one of: empty (the source states the period), no (it does not: the period is inferred), recent (an undated recent span), within N years or within N-M years (a target's horizon)`,
		}},

		{"title_given and copy are optional, and checked", func(*testing.T) map[string]string {
			h := sourcesHeader[:len(sourcesHeader)-1] + ",title_given,copy\n"
			return map[string]string{"sources.csv": h +
				"seed,南山区区长做客《民心桥》,蛇口消息报,Shekou News,2025-03-26,,,,\n" +
				"wr,Report On The Work Of The Government 2015,Nanshan District People's Government,,2015-04-10,http://www.szns.gov.cn/x.htm,,no,yes\n" +
				"s3,GDP report,Xinhua,,2017-10-10,,,maybe,yes\n"}
		}, []string{
			`sources.csv:4: column "title_given": "maybe" is not empty (the title is the publication's headline) or no (it is a description: no headline was shown)`,
			`sources.csv:4: column "copy": a copy needs the url where it was read`,
		}},

		// duplicates
		{"duplicate indicator", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": goodIndicators + "gdp,economy,GDP,GDP,yi_yuan,亿元,100 million yuan,2,定义,Definition,\n"}
		}, []string{`indicators.csv:4: column "id": "gdp" is a duplicate of line 2`}},
		{"duplicate region", func(*testing.T) map[string]string {
			return map[string]string{"regions.csv": goodRegions + "nanshan,南山,Nanshan,district,shenzhen\n"}
		}, []string{`regions.csv:5: column "id": "nanshan" is a duplicate of line 4`}},
		{"duplicate source", func(*testing.T) map[string]string {
			return map[string]string{"sources.csv": goodSources + "seed,另一篇,某报,Some paper,2025,,\n"}
		}, []string{`sources.csv:4: column "id": "seed" is a duplicate of line 2`}},
		{"duplicate indicator, region, period and source", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,exact,unknown,seed,", "gdp,nanshan,2024,9502,exact,unknown,seed,typo fixed in a copy",
				"gdp,nanshan,2022,abc,exact,unknown,seed,", "gdp,nanshan,2023,8566,exact,unknown,seed,", "gdp,nanshan,2024,9501,exact,unknown,seed,")
		}, []string{ // in line order, each naming the first line with that key
			`observations.csv:6: duplicate of line 2: the same indicator, region, period and source (gdp, nanshan, 2024, seed)`,
			`observations.csv:7: column "value": "abc" is not a number`,
			`observations.csv:8: duplicate of line 5: the same indicator, region, period and source (gdp, nanshan, 2023, seed)`,
			`observations.csv:9: duplicate of line 2: the same indicator, region, period and source (gdp, nanshan, 2024, seed)`,
		}},

		// values
		{"non-numeric value", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,abc,exact,unknown,seed,", "gdp,nanshan,2022,-,exact,unknown,seed,", "gdp,nanshan,2021,1.,exact,unknown,seed,", "gdp,nanshan,2020,.5,exact,unknown,seed,")
		}, []string{
			`observations.csv:5: column "value": "abc" is not a number`,
			`observations.csv:6: column "value": "-" is not a number`,
			`observations.csv:7: column "value": "1." is not a number`,
			`observations.csv:8: column "value": ".5" is not a number`,
		}},
		{"NaN and infinite values", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,NaN,exact,unknown,seed,", "gdp,nanshan,2022,+Inf,exact,unknown,seed,", "gdp,nanshan,2021,-Infinity,exact,unknown,seed,", "gdp,nanshan,2020,∞,exact,unknown,seed,")
		}, []string{
			`observations.csv:5: column "value": "NaN" is not a number (leave a missing figure out: a missing year stays missing)`,
			`observations.csv:6: column "value": "+Inf" is not a number (leave a missing figure out: a missing year stays missing)`,
			`observations.csv:7: column "value": "-Infinity" is not a number (leave a missing figure out: a missing year stays missing)`,
			`observations.csv:8: column "value": "∞" is not a number`,
		}},
		{"thousands separators", func(*testing.T) map[string]string {
			return rows(`gdp,nanshan,2023,"8,566",exact,unknown,seed,`, `gdp,nanshan,2022,"8,035.88",exact,unknown,seed,`)
		}, []string{
			`observations.csv:5: column "value": "8,566" is not a number (write it without thousands separators)`,
			`observations.csv:6: column "value": "8,035.88" is not a number (write it without thousands separators)`,
		}},
		{"exponent, unit or qualifier in the value", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8.566e3,exact,unknown,seed,", "gdp,nanshan,2022,超8000,more_than,unknown,seed,", "gdp_rank,nanshan,2023,50%,exact,unknown,seed,")
		}, []string{
			`observations.csv:5: column "value": "8.566e3" is not a number (write it in plain decimals, not exponent notation)`,
			`observations.csv:6: column "value": "超8000" is not a number (the value column holds the number alone: unit and qualifier have their own columns)`,
			`observations.csv:7: column "value": "50%" is not a number (the value column holds the number alone: unit and qualifier have their own columns)`,
		}},
		{"too many decimals", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566.123,exact,unknown,seed,", "gdp_rank,nanshan,2023,1.5,exact,unknown,seed,", "gdp,nanshan,2022,8035.88,exact,unknown,seed,")
		}, []string{
			`observations.csv:5: column "value": "8566.123" has 3 decimals; gdp allows 2 (raise decimals in indicators.csv if the source publishes more)`,
			`observations.csv:6: column "value": "1.5" has 1 decimal; gdp_rank allows 0 (raise decimals in indicators.csv if the source publishes more)`,
		}},

		// periods, words, required fields
		{"malformed periods", func(*testing.T) map[string]string {
			return rows(
				"gdp,nanshan,2024年,1,exact,unknown,wr,",
				"gdp,nanshan,2023Q5,1,exact,unknown,seed,",
				"gdp,nanshan,2023-13,1,exact,unknown,seed,",
				"gdp,nanshan,2023-06/2023-01,1,exact,unknown,seed,",
				"gdp,nanshan,as of 2025-02-30,1,exact,unknown,seed,",
				"gdp,nanshan,2030-2028,1,exact,unknown,seed,",
				"gdp,nanshan,2024年,1,exact,unknown,seed,", // the same bad period again is reported again
			)
		}, []string{
			`observations.csv:5: column "period": "2024年": not a period (use one of 2024, 2023H1, 2023Q1, 2023-01, 2023-01/2023-06, "as of 2025-03-26", 2028-2030)`,
			`observations.csv:6: column "period": "2023Q5": not a period (use one of 2024, 2023H1, 2023Q1, 2023-01, 2023-01/2023-06, "as of 2025-03-26", 2028-2030)`,
			`observations.csv:7: column "period": "2023-13": month 13 out of range`,
			`observations.csv:8: column "period": "2023-06/2023-01": a cumulative span runs from one month to a later month of the same year`,
			`observations.csv:9: column "period": "as of 2025-02-30": not a real date`,
			`observations.csv:10: column "period": "2030-2028": a range of years must end after it starts`,
			`observations.csv:11: column "period": "2024年": not a period (use one of 2024, 2023H1, 2023Q1, 2023-01, 2023-01/2023-06, "as of 2025-03-26", 2028-2030)`,
		}},
		{"unknown qualifier and status", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,approx,unknown,seed,", "gdp,nanshan,2022,8036,exact,estimated,seed,", "gdp,nanshan,2021,7630,Exact,Final,seed,")
		}, []string{
			`observations.csv:5: column "qualifier": "approx" is not one of exact, about, more_than, nearly, at_least, at_most`,
			`observations.csv:6: column "status": "estimated" is not one of unknown, preliminary, final, revised, target`,
			`observations.csv:7: column "qualifier": "Exact" is not one of exact, about, more_than, nearly, at_least, at_most`,
			`observations.csv:7: column "status": "Final" is not one of unknown, preliminary, final, revised, target`,
		}},
		{"missing required fields", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,,exact,unknown,seed,", "gdp,nanshan,2022,8036,,unknown,,", ",,,,,,,a note alone")
		}, []string{
			`observations.csv:5: column "value": is required`,
			`observations.csv:6: column "qualifier": is required`,
			`observations.csv:6: column "source": is required`,
			`observations.csv:7: column "indicator": is required`,
			`observations.csv:7: column "region": is required`,
			`observations.csv:7: column "period": is required`,
			`observations.csv:7: column "value": is required`,
			`observations.csv:7: column "qualifier": is required`,
			`observations.csv:7: column "status": is required`,
			`observations.csv:7: column "source": is required`,
		}},
		{"leading and trailing spaces", func(*testing.T) map[string]string {
			return rows("gdp, nanshan,2023,8566 ,exact,unknown,seed,")
		}, []string{
			`observations.csv:5: column "region": " nanshan" has leading or trailing spaces`,
			`observations.csv:5: column "value": "8566 " has leading or trailing spaces`,
		}},

		// form of the files
		{"wrong header", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.Replace(goodObservations, "period", "year", 1)}
		}, []string{`observations.csv:1: header is "indicator,region,year,value,qualifier,status,source,note", want "` + obsCols + `"`}},
		{"header in another order", func(*testing.T) map[string]string {
			return map[string]string{"regions.csv": "id,name_en,name_zh,level,parent\nchina,China,全国,country,\n"}
		}, []string{`regions.csv:1: header is "id,name_en,name_zh,level,parent", want "id,name_zh,name_en,level,parent"`}},
		{"missing header", func(*testing.T) map[string]string {
			return map[string]string{obs: strings.TrimPrefix(goodObservations, observationsHeader)}
		}, []string{`observations.csv:1: header is "gdp,nanshan,2024,9501,exact,unknown,seed,全区GDP规模达9501亿元", want "` + obsCols + `"`}},
		{"wrong field count", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,exact,unknown,seed", "gdp,nanshan,2022,8036,exact,unknown,seed,,extra")
		}, []string{
			`observations.csv:5: has 7 fields, want 8 (` + obsCols + `)`,
			`observations.csv:6: has 9 fields, want 8 (` + obsCols + `)`,
		}},
		{"bad quoting", func(*testing.T) map[string]string {
			return rows(`gdp,nanshan,2023,8566,exact,unknown,seed,他说"好"`)
		}, []string{`observations.csv:5: malformed CSV: bare " in non-quoted-field`}},
		{"GBK observations", func(t *testing.T) map[string]string {
			return map[string]string{obs: gbk(t, goodObservations)}
		}, []string{`observations.csv:2: text is not valid UTF-8 (it looks like GBK/GB18030, as Excel on Chinese Windows saves "CSV": "全区GDP规模达9501亿元"); save the file as "CSV UTF-8"`}},
		{"GBK indicators: one report, no unknown ids after it", func(t *testing.T) map[string]string {
			return map[string]string{"indicators.csv": gbk(t, goodIndicators)}
		}, []string{`indicators.csv:2: text is not valid UTF-8 (it looks like GBK/GB18030, as Excel on Chinese Windows saves "CSV": "地区生产总值"); save the file as "CSV UTF-8"`}},
		{"bytes that are neither UTF-8 nor GBK", func(*testing.T) map[string]string {
			return rows("gdp,nanshan,2023,8566,exact,unknown,seed,\xff\xfe")
		}, []string{`observations.csv:5: text is not valid UTF-8; save the file as "CSV UTF-8"`}},
		{"empty file", func(*testing.T) map[string]string {
			return map[string]string{obs: ""}
		}, []string{`observations.csv: file is empty (expected header ` + obsCols + `)`}},
		{"file with only a byte-order mark", func(*testing.T) map[string]string {
			return map[string]string{"policy_measures.csv": "\uFEFF"}
		}, []string{`policy_measures.csv: file is empty (expected header pillar_zh,pillar_en,measure_zh,measure_en,amount,unit_zh,unit_en,qualifier,source)`}},
		{"missing file: reported once, not as unknown ids", func(*testing.T) map[string]string {
			return map[string]string{"regions.csv": absent}
		}, []string{`regions.csv: file is missing (expected a CSV file with header id,name_zh,name_en,level,parent)`}},
		{"missing observations file", func(*testing.T) map[string]string {
			return map[string]string{obs: absent}
		}, []string{`observations.csv: file is missing (expected a CSV file with header ` + obsCols + `)`}},

		// the small files' own rules
		{"bad region parent", func(*testing.T) map[string]string {
			return map[string]string{"regions.csv": goodRegions +
				"futian,福田区,Futian District,district,shenzen\n" +
				"luohu,罗湖区,Luohu District,district,luohu\n" +
				"a,甲,A,district,b\n" +
				"b,乙,B,district,a\n"}
		}, []string{
			`regions.csv:5: column "parent": "shenzen" is not a region id in regions.csv`,
			`regions.csv:6: column "parent": "luohu" is the region itself`,
			`regions.csv:7: column "parent": "b" leads back to "a": regions must form a tree`,
			`regions.csv:8: column "parent": "a" leads back to "b": regions must form a tree`,
		}},
		{"bad region level and id", func(*testing.T) map[string]string {
			return map[string]string{"regions.csv": goodRegions + "Futian,福田区,Futian District,county,shenzhen\n"}
		}, []string{
			`regions.csv:5: column "id": "Futian" is not an id (lower-case letters, digits and _, starting with a letter)`,
			`regions.csv:5: column "level": "county" is not one of country, province, city, district`,
		}},
		{"bad source dates and URLs", func(*testing.T) map[string]string {
			return map[string]string{"sources.csv": goodSources +
				"s1,标题,出版者,Publisher,2025/03/26,,\n" +
				"s2,标题,出版者,Publisher,2025-02-30,,\n" +
				"s3,标题,出版者,Publisher,March 2025,www.szns.gov.cn/a.htm,\n" +
				"s4,标题,出版者,Publisher,2025-3,https://,\n" +
				"s5,标题,出版者,Publisher,2025,ftp://example.org/a,\n"}
		}, []string{
			`sources.csv:4: column "published": "2025/03/26" is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)`,
			`sources.csv:5: column "published": "2025-02-30" is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)`,
			`sources.csv:6: column "published": "March 2025" is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)`,
			`sources.csv:6: column "url": "www.szns.gov.cn/a.htm" is not an http(s) URL`,
			`sources.csv:7: column "published": "2025-3" is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)`,
			`sources.csv:7: column "url": "https://" is not an http(s) URL`,
			`sources.csv:8: column "url": "ftp://example.org/a" is not an http(s) URL`,
		}},
		{"bad indicator topic, unit and decimals: reported once, not for its figures", func(*testing.T) map[string]string {
			return map[string]string{"indicators.csv": goodIndicators +
				"x1,economics,名,Name,yuan,元,yuan,two,定义,Definition,\n" +
				"x2,economy,名,Name,count,个,count,7,定义,Definition,\n" +
				"x3,economy,名,,count,个,count,,定义,Definition,\n",
				obs: goodObservations + "x1,nanshan,2024,1.5,exact,unknown,seed,\n" + "x3,nanshan,2024,2.5,exact,unknown,seed,\n"}
		}, []string{
			`indicators.csv:4: column "topic": "economics" is not a topic in dashboard.yaml (economy)`,
			`indicators.csv:4: column "unit": "yuan" is not one of yi_yuan, percent, count, rank, years`,
			`indicators.csv:4: column "decimals": "two" is not a whole number from 0 to 6`,
			`indicators.csv:5: column "decimals": "7" is not a whole number from 0 to 6`,
			`indicators.csv:6: column "name_en": is required`,
			`indicators.csv:6: column "decimals": is required`,
		}},
		{"bad policy measure amounts", func(*testing.T) map[string]string {
			return map[string]string{"policy_measures.csv": goodMeasures +
				"一张桌,Space,租金,Rent,30~70,%,%,range,seed\n" +
				"一个人,Talent,补贴,Subsidy,三万,万元,10 thousand yuan,at_most,seed\n" +
				"一笔钱,Funding,行动,Actions,,,,about,seed\n" +
				"一个人,Talent,补贴,Subsidy,3,万元,10 thousand yuan,up_to,seed\n" +
				"一张桌,Space,租金,Rent,70-30,%,%,range,seed\n"}
		}, []string{
			`policy_measures.csv:4: column "amount": "30~70" is not a range like 30-70`,
			`policy_measures.csv:5: column "amount": "三万" is not a number`,
			`policy_measures.csv:6: column "qualifier": "about" given without an amount`,
			`policy_measures.csv:7: column "qualifier": "up_to" is not one of exact, about, more_than, nearly, at_least, at_most, range`,
			`policy_measures.csv:8: column "amount": "70-30" is not a range like 30-70`,
		}},
	}
}

// TestBuildReportsEachProblem gives every kind of data problem its exact
// message and line.
func TestBuildReportsEachProblem(t *testing.T) {
	for _, tc := range problemCases() {
		t.Run(tc.name, func(t *testing.T) {
			var over map[string]string
			if tc.over != nil {
				over = tc.over(t)
			}
			got := buildProblems(t, writeData(t, over))
			if !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestCheckAgreesWithIngest runs check and ingest on every case of the
// corpus: the same verdict and the same messages, never a DuckDB error
// that check did not foresee.
func TestCheckAgreesWithIngest(t *testing.T) {
	for _, tc := range problemCases() {
		t.Run(tc.name, func(t *testing.T) {
			var over map[string]string
			if tc.over != nil {
				over = tc.over(t)
			}
			dir := writeData(t, over)
			built := buildProblems(t, dir) // fails the test on any error that is not a list of problems
			var checked []string
			_, err := Check(dir)
			var ps *Problems
			if err != nil && !errors.As(err, &ps) {
				t.Fatalf("Check: %v", err)
			}
			if ps != nil {
				for _, p := range ps.List {
					checked = append(checked, strings.TrimPrefix(p.String(), dir+string(filepath.Separator)))
				}
			}
			if !slices.Equal(checked, built) {
				t.Errorf("check says:\n%s\ningest says:\n%s", strings.Join(checked, "\n"), strings.Join(built, "\n"))
			}
		})
	}
}

// TestFiguresComeBackExactly: every figure of up to 15 significant digits
// reads back from the snapshot with the digits it was written with.
func TestFiguresComeBackExactly(t *testing.T) {
	values := []string{"1234567890123.45", "-123456789.123456", "999999999999999", "0.000001", "0.1", "8035.88", "3238768", "1"}
	var b strings.Builder
	b.WriteString(observationsHeader)
	for i, v := range values {
		fmt.Fprintf(&b, "big,nanshan,%d,%s,exact,unknown,seed,\n", 2000+i, v)
	}
	dir := writeData(t, map[string]string{"indicators.csv": goodIndicators + "big,economy,大,Big,count,个,count,6,,,\n", obs: b.String()})
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	if _, err := Build(context.Background(), dir, db); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("duckdb", db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i, v := range values {
		var got float64
		if err := conn.QueryRow(`SELECT value FROM observations WHERE indicator = 'big' AND period = ?`, strconv.Itoa(2000+i)).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if s := strconv.FormatFloat(got, 'f', -1, 64); s != v {
			t.Errorf("%s came back as %s", v, s)
		}
	}
}

// TestBuildReportsAllProblemsOfARun: one run names every problem in every
// file, in file order and line order, so an analyst fixes them in one go.
func TestBuildReportsAllProblemsOfARun(t *testing.T) {
	dir := writeData(t, map[string]string{
		"indicators.csv": goodIndicators + "x1,economy,名,Name,count,个,count,0,定义,Definition, trailing\n",
		"regions.csv":    goodRegions + "futian,福田区,Futian District,district,shenzen\n",
		"sources.csv":    goodSources + "s1,标题,出版者,Publisher,2025/03/26,,\n",
		obs: goodObservations +
			"gdp,nanshan,2023,8566,exact,unknown,seed,\n" +
			"gdp,nanshan,2022,8,036,exact,unknown,seed,\n" +
			"gdp,nanshan,2021,7630.59,approx,unknown,seed,\n" +
			"gdp,nanshan,2020,6527,exact,unknown,globaltimes,\n",
	})
	want := []string{
		`indicators.csv:4: column "note": " trailing" has leading or trailing spaces`,
		`regions.csv:5: column "parent": "shenzen" is not a region id in regions.csv`,
		`sources.csv:4: column "published": "2025/03/26" is not a date (YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown)`,
		`observations.csv:6: has 9 fields, want 8 (` + obsCols + `)`,
		`observations.csv:7: column "qualifier": "approx" is not one of exact, about, more_than, nearly, at_least, at_most`,
		`observations.csv:8: column "source": "globaltimes" is not a source id in sources.csv`,
	}
	if got := buildProblems(t, dir); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// check reports the same, without building.
	_, err := Check(dir)
	var ps *Problems
	if !errors.As(err, &ps) || len(ps.List) != len(want) {
		t.Errorf("Check: %v, want the same %d problems", err, len(want))
	}
}

// TestBuildCapsProblems: a file saved wrongly can produce a problem per
// row; the report stops at MaxProblems and says so.
func TestBuildCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(observationsHeader)
	for i := 0; i < 3*MaxProblems; i++ {
		fmt.Fprintf(&b, "gdp,nanshan,%d,1,approx,unknown,seed,\n", 1000+i)
	}
	dir := writeData(t, map[string]string{obs: b.String()})
	_, err := Build(context.Background(), dir, filepath.Join(t.TempDir(), "snap.duckdb"))
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Build: %v, want problems", err)
	}
	if len(ps.List) != MaxProblems || !ps.Truncated {
		t.Fatalf("%d problems, truncated %v; want %d, truncated", len(ps.List), ps.Truncated, MaxProblems)
	}
	if last := ps.List[MaxProblems-1]; last.Line != MaxProblems+1 {
		t.Errorf("last problem at line %d, want %d", last.Line, MaxProblems+1)
	}
	lines := strings.Split(ps.Error(), "\n")
	if len(lines) != MaxProblems+1 || lines[MaxProblems] != "… stopped after 100 problems: fix these and run again" {
		t.Errorf("report has %d lines, ending %q", len(lines), lines[len(lines)-1])
	}
}

// TestFindDuplicatesFallback: keys too wide to pack into 64 bits take the
// map path, with the same answer: duplicates, and the indicator/region/
// periods that several sources give.
func TestFindDuplicatesFallback(t *testing.T) {
	rows := []keyedLine{
		{obsKey{1, 2, 3, 4}, 2}, {obsKey{1, 2, 3, 5}, 3}, {obsKey{1, 2, 3, 4}, 4},
		{obsKey{0, 0, 0, 0}, 5}, {obsKey{1, 2, 3, 5}, 6}, {obsKey{1, 2, 3, 4}, 7},
		{obsKey{0, 1, 0, 2}, 8}, {obsKey{0, 1, 1, 2}, 9}, {obsKey{0, 1, 0, 3}, 10}, {obsKey{0, 1, 0, 3}, 11},
	}
	want := []duplicate{{obsKey{1, 2, 3, 4}, 4, 2}, {obsKey{1, 2, 3, 5}, 6, 3}, {obsKey{1, 2, 3, 4}, 7, 2}, {obsKey{0, 1, 0, 3}, 11, 10}}
	wantVintaged := []obsKey{{0, 1, 0, 0}, {1, 2, 3, 0}}
	packed, packedV := findDuplicates(rows, [4]int{2, 3, 4, 6})
	wide, wideV := findDuplicates(rows, [4]int{1 << 20, 1 << 20, 1 << 20, 1 << 20})
	if !slices.Equal(packed, want) || !slices.Equal(wide, want) {
		t.Errorf("packed %v, map %v; want %v", packed, wide, want)
	}
	byKey := func(a, b obsKey) int {
		return cmp.Or(cmp.Compare(a.ind, b.ind), cmp.Compare(a.reg, b.reg), cmp.Compare(a.per, b.per))
	}
	slices.SortFunc(packedV, byKey)
	slices.SortFunc(wideV, byKey)
	if !slices.Equal(packedV, wantVintaged) || !slices.Equal(wideV, wantVintaged) {
		t.Errorf("vintaged: packed %v, map %v; want %v", packedV, wideV, wantVintaged)
	}
}
