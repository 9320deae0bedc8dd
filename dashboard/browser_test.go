package dashboard

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"districtstats/internal/testkit"
)

// browserLog collects what must never happen on a page: console errors,
// uncaught exceptions, CSP violations, failed requests, requests leaving
// the server, and JavaScript dialogs (an injected alert()).
type browserLog struct {
	mu       sync.Mutex
	problems []string
	dialogs  []string
}

func (l *browserLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *browserLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.problems
	l.problems = nil
	return p
}

// newBrowser starts headless Chromium for one test, watching serverURL.
func newBrowser(t *testing.T, serverURL string) (context.Context, *browserLog) {
	t.Helper()
	path := testkit.ChromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1000),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })

	host := mustHost(t, serverURL)
	bl := &browserLog{}
	if err := chromedp.Do(ctx); err != nil { // start the browser and its tab
		t.Fatal(err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "assert" {
				var args []string
				for _, a := range ev.Args {
					args = append(args, fmt.Sprint(a.Value)+a.Description)
				}
				bl.add("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			desc := ""
			if d.Exception != nil {
				desc = d.Exception.Description
			}
			bl.add("exception: %s %s", d.Text, desc)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				bl.add("log %s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") && mustHost(t, u) != host {
				bl.add("request outside the server: %s", u)
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				bl.add("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
			}
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 {
				bl.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
			}
		case *page.EventJavascriptDialogOpening:
			bl.mu.Lock()
			bl.dialogs = append(bl.dialogs, ev.Message)
			bl.mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx, bl
}

func mustHost(t *testing.T, s string) string {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("bad URL %q: %v", s, err)
	}
	return u.Host
}

// chartReport is what the page says about its charts once drawn.
type chartReport struct {
	Charts  int   `json:"charts"`
	Drawn   []int `json:"drawn"` // non-blank pixels per chart
	Pending int   `json:"pending"`
}

// drawnPixels counts, for every chart and sparkline, the canvas pixels that
// are not blank: a chart that rendered nothing counts zero.
const drawnPixels = `(() => {
  const els = [...document.querySelectorAll('.chart[data-options], .spark[data-options]')];
  const drawn = els.map(el => {
    let n = 0;
    el.querySelectorAll('canvas').forEach(c => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    });
    el.querySelectorAll('svg path').forEach(() => n++);
    return n;
  });
  return {charts: els.length, drawn, pending: els.filter(el => el.getAttribute('data-rendered') !== 'true').length};
})()`

// openAndCheck loads a page, waits for its charts, and fails on any chart
// without drawn pixels or anything browserLog caught.
func openAndCheck(t *testing.T, ctx context.Context, bl *browserLog, pageURL string, wantCharts bool) {
	t.Helper()
	var rep chartReport
	err := chromedp.Do(ctx, chromedp.Navigate(pageURL), chromedp.WaitReady("footer"))
	if err != nil {
		t.Fatalf("%s: %v", pageURL, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		var err error
		if rep, err = chromedp.Run(ctx, chromedp.Evaluate[chartReport](drawnPixels)); err != nil {
			t.Fatalf("%s: %v", pageURL, err)
		}
		if rep.Pending == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if rep.Pending > 0 {
		t.Errorf("%s: %d of %d charts never finished rendering", pageURL, rep.Pending, rep.Charts)
	}
	if wantCharts && rep.Charts == 0 {
		// Stand-alone figures are tiles: HTML, no canvas.
		tiles, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('ul.tiles li').length`))
		if err != nil || tiles == 0 {
			t.Errorf("%s: no charts or tiles on the page", pageURL)
		}
	}
	for i, n := range rep.Drawn {
		if n < 50 {
			t.Errorf("%s: chart %d drew %d pixels", pageURL, i, n)
		}
	}
	for _, p := range bl.take() {
		t.Errorf("%s: %s", pageURL, p)
	}
}

// pageCase is one page of a browser test and whether it draws charts.
type pageCase struct {
	path   string
	charts bool
}

// bundledPages are every kind of page of the bundled data.
func bundledPages() []pageCase {
	pages := []pageCase{
		{"/", false}, {"/?lang=en", false}, // sparklines are SVG: no chart library
		{"/topics/economy", true}, {"/topics/innovation", true}, {"/topics/clusters", true},
		{"/topics/funds", true}, {"/topics/livelihood", true}, {"/topics/economy?lang=en", true},
		{"/indicators", false}, {"/indicators?topic=innovation&lang=en", false},
		{"/indicators/nope", false},
		{"/reports", false}, {"/reports?indicators=gdp,rd_intensity&regions=nanshan,shenzhen&lang=en", false},
		{"/downloads", false}, {"/briefing", false}, {"/briefing?indicators=gdp,rd_intensity,hightech_enterprises", false},
		{"/api/v1/docs", false}, {"/check", false}, {"/check?lang=en", false}, {"/embed/charts/economy/gdp", true}, {"/embed/charts/innovation/rd_intensity?lang=en", true},
	}
	for _, id := range []string{"gdp", "gdp_growth", "rd_intensity", "hightech_enterprises", "robotics_cluster_size", "ai_cluster_value_added", "guidance_fund_subfund_scale", "livelihood_spending", "market_entities"} {
		pages = append(pages, pageCase{"/indicators/" + id, true})
	}
	return pages
}

// examplePages are the pages of the example district (examples/longgang),
// served by the same binary with its own definition.
func examplePages() []pageCase {
	return []pageCase{
		{"/", false}, {"/?lang=en", false}, // cards only: no series of three years for a sparkline
		{"/topics/economy", true}, {"/topics/city", true}, {"/topics/economy?lang=en", true},
		{"/indicators", false}, {"/indicators/gdp", true}, {"/indicators/gdp_growth?lang=en", true},
		{"/reports", false}, {"/downloads", false}, {"/briefing", false}, {"/briefing?indicators=gdp,gdp_growth", false},
		{"/api/v1/docs", false}, {"/check", false}, {"/embed/charts/city/shenzhen_gdp", true}, {"/embed/charts/economy/headline?lang=en", true},
	}
}

// districts are the data directories every page test runs on.
var districts = []struct {
	name, dir string
	pages     func() []pageCase
}{
	{"default", "../data", bundledPages},
	{"longgang", "../examples/longgang", examplePages},
}

func TestBrowserEveryPage(t *testing.T) {
	for _, d := range districts {
		t.Run(d.name, func(t *testing.T) {
			srv, _ := uiServer(t, uiSnapshot(t, d.dir))
			browseEveryPage(t, srv.URL, d.pages())
		})
	}
}

func browseEveryPage(t *testing.T, base string, pages []pageCase) {
	ctx, bl := newBrowser(t, base)
	for _, p := range pages {
		if p.path == "/indicators/nope" {
			// A 404 page is still a page: it must render cleanly; the 404
			// itself is the expected response, not a failure.
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path)); err != nil {
				t.Fatal(err)
			}
			title, err := chromedp.Run(ctx, chromedp.Text("h1"))
			if err != nil {
				t.Fatal(err)
			}
			bl.take()
			if title != "未找到" {
				t.Errorf("404 page title %q", title)
			}
			continue
		}
		openAndCheck(t, ctx, bl, base+p.path, p.charts)
	}
	if len(bl.dialogs) > 0 {
		t.Errorf("dialogs opened: %v", bl.dialogs)
	}
}
