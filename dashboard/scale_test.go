package dashboard

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// appendLines appends lines to a data file.
func appendLines(t *testing.T, path string, lines []string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(strings.Join(lines, "\n") + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestIndicatorPageIsBoundedWhateverTheRegions: with more regions than a
// page lists, an indicator page without region= shows the home region
// alone (its twin too), other regions are one region= away, and a long
// table of figures pages.
func TestIndicatorPageIsBoundedWhateverTheRegions(t *testing.T) {
	dir := uiCopyData(t)
	var regions, obs, ids []string
	for i := 0; i < 40; i++ {
		id := fmt.Sprintf("far_%02d", i)
		ids = append(ids, id)
		regions = append(regions, fmt.Sprintf("%s,远区%d,Far District %d,district,shenzhen", id, i, i))
		for y := 2015; y <= 2020; y++ {
			obs = append(obs, fmt.Sprintf("gdp,%s,%d,%d,exact,final,nanshan_wr_2016,,", id, y, 1000+i*10+y-2015))
		}
	}
	appendLines(t, filepath.Join(dir, "regions.csv"), regions)
	appendLines(t, filepath.Join(dir, "observations.csv"), obs)
	srv, _ := uiServer(t, uiSnapshot(t, dir))

	// The report and its twins are bounded the same way.
	for _, u := range []string{"/reports.csv?indicators=gdp", "/reports.json?indicators=gdp&layout=long"} {
		status, _, body := get(t, srv.URL+u)
		if status != 200 || strings.Contains(body, "far_") || strings.Contains(body, "远区") || strings.Contains(body, "Far District") || !strings.Contains(body, "6527") {
			t.Errorf("%s without regions=: %d, shows a far region %v; want the home region alone", u, status, strings.Contains(body, "far_"))
		}
	}
	// The page's table too, and the form says which region it shows. The
	// form lists the home region, the comparison groups' and the chosen
	// ones, and takes any other by id.
	status, _, report := get(t, srv.URL+"/reports?indicators=gdp")
	if status != 200 || strings.Contains(report, "1,075") || strings.Contains(report, "1,395") || !strings.Contains(report, "6,527") ||
		!strings.Contains(report, `value="nanshan" checked`) {
		t.Errorf("/reports?indicators=gdp without regions=: %d; want the home region alone, ticked", status)
	}
	if strings.Contains(report, "不选为全部") || !strings.Contains(report, "不选为本区") {
		t.Error("/reports form beyond 30 regions says leaving regions unticked shows all; it shows the home region")
	}
	if strings.Contains(report, `value="far_07"`) || !strings.Contains(report, `value="shenzhen"`) || !strings.Contains(report, `<input type="text" name="regions"`) {
		t.Error("/reports form beyond 30 regions: want the home and group regions listed, far ones by id only")
	}
	if _, _, chosen := get(t, srv.URL+"/reports?indicators=gdp&regions=far_07,nanshan&regions="); !strings.Contains(chosen, `value="far_07" checked`) || !strings.Contains(chosen, "1,075") {
		t.Error("/reports?regions=far_07,nanshan&regions= (the empty id field): want far_07 listed, ticked and shown")
	}
	// The briefing's form is bounded the same way.
	if status, _, b := get(t, srv.URL+"/briefing?topics=economy"); status != 200 || strings.Contains(b, `value="far_07"`) || !strings.Contains(b, `<input type="text" name="region"`) {
		t.Errorf("/briefing form beyond 30 regions: %d; want far regions by id only", status)
	}
	if _, _, b := get(t, srv.URL+"/briefing?indicators=gdp&region=far_07,nanshan&region="); !strings.Contains(b, `value="far_07" checked`) {
		t.Error("/briefing?region=far_07,nanshan&region=: want far_07 listed and ticked")
	}
	if _, _, body := get(t, srv.URL+"/reports.csv?indicators=gdp&regions=far_07"); !strings.Contains(body, "1075") {
		t.Error("regions=far_07: the report should show it")
	}

	_, _, page := get(t, srv.URL+"/indicators/gdp")
	if strings.Contains(page, "Far District") || strings.Contains(page, "远区") || !strings.Contains(page, "南山区") {
		t.Error("without region= the page should show the home region alone")
	}
	if !strings.Contains(page, `name="region"`) {
		t.Error("no region search on the page")
	}
	_, _, twin := get(t, srv.URL+"/indicators/gdp.csv")
	if strings.Contains(twin, "far_") || !strings.Contains(twin, "nanshan") {
		t.Error("the twin should hold what the page shows: the home region")
	}
	status, _, one := get(t, srv.URL+"/indicators/gdp?region=far_07")
	if status != 200 || !strings.Contains(one, "远区7") || !strings.Contains(one, "1,075") {
		t.Errorf("region=far_07: %d, shows it %v", status, strings.Contains(one, "远区7"))
	}

	// 40 regions x 6 years = 240 rows: two pages of 200
	all := srv.URL + "/indicators/gdp?region=" + strings.Join(ids, ",")
	_, _, p1 := get(t, all)
	if n := strings.Count(p1, `<tr class="latest">`) + strings.Count(p1, `<tr class="earlier">`); n != 200 {
		t.Errorf("page 1 shows %d rows, want 200", n)
	}
	if !strings.Contains(p1, `rel="next"`) || strings.Contains(p1, `rel="prev"`) {
		t.Error("page 1 should link to page 2 only")
	}
	status, _, p2 := get(t, all+"&page=2")
	if n := strings.Count(p2, `<tr class="latest">`) + strings.Count(p2, `<tr class="earlier">`); status != 200 || n != 40 || !strings.Contains(p2, `rel="prev"`) {
		t.Errorf("page 2: %d, %d rows; want 40 and a link back", status, n)
	}
	for _, bad := range []string{"3", "0", "x"} {
		if status, _, body := get(t, all+"&page="+bad); status != 400 || !strings.Contains(body, "page") {
			t.Errorf("page=%s: %d, want a 400 naming page", bad, status)
		}
	}
	if _, _, csv := get(t, all+"&page=2"); strings.Contains(csv, "page=2.csv") {
		t.Error("twin links carry page=")
	}
	if _, _, csv := get(t, strings.Replace(all, "/indicators/gdp?", "/indicators/gdp.csv?", 1)); strings.Count(csv, "far_") < 240 {
		t.Errorf("the twin should carry every row (%d)", strings.Count(csv, "far_"))
	}
}
