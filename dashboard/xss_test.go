package dashboard

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const xssPayload = `</script><script>alert(1)</script>__f__alert(1)__f__`

// editCSV rewrites one data file, calling edit on every record after the header.
func editCSV(t *testing.T, path string, edit func(rec []string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		edit(r)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.WriteAll(recs)
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserDataCannotRunScript puts script-looking text into an indicator
// name, a region name and a note: the browser must show it as text and run
// nothing (no dialog, no inline script, no CSP violation).
func TestBrowserDataCannotRunScript(t *testing.T) {
	dir := uiCopyData(t)
	editCSV(t, filepath.Join(dir, "indicators.csv"), func(r []string) {
		if r[0] == "gdp" {
			r[2], r[3] = "地区生产总值"+xssPayload, "GDP"+xssPayload
		}
	})
	editCSV(t, filepath.Join(dir, "regions.csv"), func(r []string) {
		if r[0] == "nanshan" {
			r[1], r[2] = "南山区"+xssPayload, "Nanshan"+xssPayload
		}
	})
	editCSV(t, filepath.Join(dir, "observations.csv"), func(r []string) {
		if r[0] == "gdp" && r[1] == "nanshan" && r[2] == "2024" {
			r[7] = "note " + xssPayload
		}
	})
	srv, _ := uiServer(t, uiSnapshot(t, dir))
	ctx, bl := newBrowser(t, srv.URL)

	for _, path := range []string{"/", "/topics/economy", "/topics/economy?lang=en", "/indicators/gdp", "/indicators", "/indicators/gdp_growth"} {
		openAndCheck(t, ctx, bl, srv.URL+path, path != "/indicators" && path != "/") // the overview's sparklines are SVG
		type result struct {
			InlineScripts int    `json:"inlineScripts"`
			Text          string `json:"text"`
			Tooltip       string `json:"tooltip"`
		}
		// Show a tooltip on the first chart too: its formatter builds HTML.
		res, err := chromedp.Run(ctx, chromedp.Evaluate[result](`(() => {
			const el = document.querySelector('.chart');
			let tooltip = '';
			if (el) {
				const c = echarts.getInstanceByDom(el);
				c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: c.getOption().series[0].data.length - 1});
				tooltip = [...el.querySelectorAll('div')].map(d => d.innerText).join(' ');
			}
			return {
				inlineScripts: document.querySelectorAll('script:not([src]):not([type="application/json"])').length,
				text: document.body.innerText,
				tooltip,
			};
		})()`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if res.InlineScripts != 0 {
			t.Errorf("%s: data became %d script elements", path, res.InlineScripts)
		}
		if path != "/indicators/gdp_growth" && !strings.Contains(res.Text, xssPayload) {
			t.Errorf("%s: the payload is not shown as text", path)
		}
		for _, p := range bl.take() {
			t.Errorf("%s: %s", path, p)
		}
	}
	if len(bl.dialogs) > 0 {
		t.Errorf("script ran: dialogs %v", bl.dialogs)
	}
}
