package dashboard

import (
	"context"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestBrowserCopyButton presses a copy button with the keyboard and reads
// the clipboard back: the copied text is the whole sentence with its citation.
func TestBrowserCopyButton(t *testing.T) {
	base := bundledServer(t)
	ctx, bl := newBrowser(t, base)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: base}); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/indicators/hightech_enterprises"), chromedp.WaitReady("footer"),
		chromedp.Focus(`button[data-copy]`), chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	type copied struct {
		Clip, Want, Status string
	}
	var got copied
	deadline := time.Now().Add(5 * time.Second)
	for {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Evaluate[copied](`(async () => {
			const b = document.querySelector('button[data-copy]');
			return {Clip: await navigator.clipboard.readText(), Want: b.getAttribute('data-copy'),
			        Status: b.parentNode.querySelector('.copy-status').textContent};
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got.Clip != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	want := "截至2025年3月26日，南山区国家高新技术企业超5500家。（来源：蛇口消息报，2025年3月26日）"
	if got.Clip != want || got.Want != want {
		t.Errorf("clipboard = %q (button says %q), want %q", got.Clip, got.Want, want)
	}
	if got.Status != "已复制" {
		t.Errorf("status after copy = %q, want 已复制", got.Status)
	}
	for _, p := range bl.take() {
		t.Error(p)
	}
}

// TestBrowserChartPNG downloads a chart as PNG through its button and
// decodes it: at pixel ratio 2 it must be taller than the plot area alone,
// because the title, unit, source line and date are drawn into it.
func TestBrowserChartPNG(t *testing.T) {
	ctx, bl, dir := openForDownload(t, "/topics/economy")
	type plot struct{ W, H int }
	size, err := chromedp.Run(ctx, chromedp.Evaluate[plot](`(() => {
		const el = document.querySelector('#chart-economy-gdp .chart');
		return {W: el.clientWidth, H: el.clientHeight};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#chart-economy-gdp button[data-action="png"]`)); err != nil {
		t.Fatal(err)
	}
	path := waitForDownload(t, dir, "economy-gdp.png")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("downloaded PNG does not decode: %v", err)
	}
	b := img.Bounds()
	if b.Dx() < 2*size.W || b.Dy() <= 2*size.H {
		t.Errorf("PNG is %dx%d; the plot area alone at pixel ratio 2 is %dx%d: title and source are missing", b.Dx(), b.Dy(), 2*size.W, 2*size.H)
	}
	// The title band at the top is not blank.
	dark := 0
	for y := 0; y < 80 && y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				dark++
			}
		}
	}
	if dark < 100 {
		t.Errorf("the top of the PNG is blank (%d dark pixels): no title drawn", dark)
	}
	for _, p := range bl.take() {
		if !strings.Contains(p, "blob:") {
			t.Error(p)
		}
	}
}

// TestBrowserBriefingTickOrder ticks two indicators in the reverse of their
// order on the page and builds the briefing: its sections follow the ticks.
func TestBrowserBriefingTickOrder(t *testing.T) {
	base := bundledServer(t)
	ctx, bl := newBrowser(t, base)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/briefing"), chromedp.WaitReady("footer"),
		chromedp.Click(`input[name="indicators"][value="hightech_enterprises"]`),
		chromedp.Click(`input[name="indicators"][value="rd_intensity"]`),
		chromedp.Click(`input[name="indicators"][value="gdp"]`),
		chromedp.Click(`input[name="indicators"][value="rd_intensity"]`), // unticked: out of the list
		chromedp.Click(`.briefing-form button[type="submit"]`),
		chromedp.WaitVisible(`section.briefing-section`)); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Sections []string
		Search   string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[page](`({
		Sections: Array.from(document.querySelectorAll('section.briefing-section')).map(s => s.dataset.indicator),
		Search: decodeURIComponent(location.search)})`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Sections, ",") != "hightech_enterprises,gdp" || !strings.Contains(got.Search, "indicators=hightech_enterprises,gdp") {
		t.Errorf("sections %v for %s, want hightech_enterprises then gdp", got.Sections, got.Search)
	}
	for _, p := range bl.take() {
		t.Error(p)
	}
}

// TestBrowserChartSVGText downloads a chart as SVG in English and reads
// its footer: it carries the page's notes (the gap) and the data's date as
// the page writes dates, and its lines break between words, never inside.
func TestBrowserChartSVGText(t *testing.T) {
	ctx, bl, dir := openForDownload(t, "/topics/economy?lang=en")
	if err := chromedp.Do(ctx, chromedp.Click(`#chart-economy-gdp button[data-action="svg"]`)); err != nil {
		t.Fatal(err)
	}
	path := waitForDownload(t, dir, "economy-gdp.svg")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The footer's lines: ECharts writes each as a <text> in the footer's colour.
	var lines []string
	for _, m := range regexp.MustCompile(`fill="#444">([^<]*)</text>`).FindAllStringSubmatch(string(b), -1) {
		lines = append(lines, html.UnescapeString(m[1]))
	}
	text := strings.Join(lines, "\n")
	for _, w := range []string{"2016: not in this dataset, left as a gap.", "Source: "} {
		if !strings.Contains(strings.Join(lines, " "), w) {
			t.Errorf("the SVG footer lacks %q:\n%s", w, text)
		}
	}
	if !regexp.MustCompile(`Latest data published: \d{1,2} [A-Z][a-z]+ \d{4}$`).MatchString(text) {
		t.Errorf("the SVG footer does not date its data as the page does (26 March 2025):\n%s", text)
	}
	// Lines break between words: the footer's lines joined by spaces hold
	// the same words as the text the page gave (a word split across two
	// lines would read as two words).
	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const el = document.querySelector('#chart-economy-gdp .chart');
		return [el.dataset.notes, el.dataset.source, 'Latest data published: ' + el.dataset.published].join(' ');
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(strings.Join(lines, " "))
	wantWords := strings.Fields(want)
	if strings.Join(got, " ") != strings.Join(wantWords, " ") {
		t.Errorf("the SVG footer's words differ from the page's (a word split across lines?):\n got %q\nwant %q", got, wantWords)
	}
	for _, p := range bl.take() {
		if !strings.Contains(p, "blob:") {
			t.Error(p)
		}
	}
}

// openForDownload opens a page of the bundled data, with charts, in a
// browser that saves downloads into the returned folder.
func openForDownload(t *testing.T, page string) (context.Context, *browserLog, string) {
	t.Helper()
	base := bundledServer(t)
	ctx, bl := newBrowser(t, base)
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	openAndCheck(t, ctx, bl, base+page, true)
	return ctx, bl, dir
}

// waitForDownload waits up to 10 s for Chromium to save name into dir and
// returns its path.
func waitForDownload(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("no %s downloaded; the folder holds %v", path, entries)
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // let the download finish writing
	return path
}
