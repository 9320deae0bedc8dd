package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// A small valid dataset; each test case replaces what it breaks. Line
// numbers in the cases count from these files' headers (line 1).
const (
	indicatorsHeader   = "id,topic,name_zh,name_en,unit,unit_zh,unit_en,decimals,definition_zh,definition_en,note\n"
	regionsHeader      = "id,name_zh,name_en,level,parent\n"
	sourcesHeader      = "id,title,publisher,publisher_en,published,url,note\n"
	observationsHeader = "indicator,region,period,value,qualifier,status,source,note\n"
	measuresHeader     = "pillar_zh,pillar_en,measure_zh,measure_en,amount,unit_zh,unit_en,qualifier,source\n"

	goodIndicators = indicatorsHeader +
		"gdp,economy,地区生产总值,GDP,yi_yuan,亿元,100 million yuan,2,现价。,At current prices.,\n" +
		"gdp_rank,economy,排名,Rank,rank,位,rank,0,排名。,Rank.,\n"
	goodRegions = regionsHeader +
		"china,全国,China,country,\n" +
		"shenzhen,深圳市,Shenzhen,city,china\n" +
		"nanshan,南山区,Nanshan District,district,shenzhen\n"
	goodSources = sourcesHeader +
		"seed,南山区长做客《民心桥》,蛇口消息报,Shekou News,2025-03-26,,\n" +
		"wr,Report On The Work Of The Government 2015,Nanshan District People's Government,,2015-04,https://www.szns.gov.cn/english/wr2015.htm,\n"
	goodObservations = observationsHeader +
		"gdp,nanshan,2024,9501,exact,unknown,seed,全区GDP规模达9501亿元\n" +
		"gdp,nanshan,2014,3464.09,exact,unknown,wr,\n" +
		"gdp_rank,nanshan,2024,1,exact,unknown,seed,\n"
	goodMeasures = measuresHeader +
		"一个人,Talent,生活补贴,Living subsidy,3,万元,10 thousand yuan,at_most,seed\n" +
		"一张桌,Space,租金优惠,Rent discount,30-70,%,%,range,seed\n"
)

// absent, as a file's content in writeData, leaves the file out.
const absent = "\x00absent"

// writeData writes the good dataset into a new directory, with files
// replaced by over (name -> content, or absent).
func writeData(t testing.TB, over map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"indicators.csv":      goodIndicators,
		"regions.csv":         goodRegions,
		"sources.csv":         goodSources,
		"observations.csv":    goodObservations,
		"policy_measures.csv": goodMeasures,
		"dashboard.yaml":      goodDefinition,
	}
	for name, b := range over {
		files[name] = b
	}
	for name, b := range files {
		if b == absent {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
