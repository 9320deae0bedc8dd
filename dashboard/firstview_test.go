package dashboard

import (
	"regexp"
	"strings"
	"testing"
)

var assetRef = regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)

// TestFirstViewWeight: a page with charts loads ECharts' common build and
// stays within 450 KB gzipped with everything it loads; a page without
// charts does not load ECharts at all.
func TestFirstViewWeight(t *testing.T) {
	base := bundledServer(t)
	for _, c := range []struct {
		path   string
		charts bool
	}{
		{"/", false}, {"/topics/economy", true}, // the overview's sparklines are SVG {"/indicators/gdp", true}, {"/embed/charts/economy/gdp", true},
		{"/indicators", false}, {"/reports", false}, {"/briefing", false}, {"/downloads", false}, {"/check", false}, {"/api/v1/docs", false},
	} {
		page := raw(t, "GET", base+c.path, "Accept-Encoding", "gzip")
		wire := len(page.wire)
		loadsECharts := strings.Contains(string(page.body), "/static/vendor/echarts/")
		if loadsECharts != c.charts {
			t.Errorf("%s: loads ECharts %v, draws charts %v", c.path, loadsECharts, c.charts)
		}
		for _, m := range assetRef.FindAllStringSubmatch(string(page.body), -1) {
			a := raw(t, "GET", base+m[1], "Accept-Encoding", "gzip")
			if a.status != 200 {
				t.Errorf("%s: %s is %d", c.path, m[1], a.status)
			}
			wire += len(a.wire)
		}
		if wire > 450<<10 {
			t.Errorf("%s: first view %d KB gzipped, over 450 KB", c.path, wire>>10)
		}
		t.Logf("%s: first view %d KB gzipped", c.path, wire>>10)
	}
}
