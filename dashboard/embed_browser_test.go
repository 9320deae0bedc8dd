package dashboard

import (
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEmbedFitsSuggestedSize opens every chart's embed page at the size
// its snippet suggests and expects all of it, source line included, to fit
// without scrolling.
func TestEmbedFitsSuggestedSize(t *testing.T) {
	db := uiSnapshot(t, "../data")
	srv, store := uiServerConfig(t, db, Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), FrameAncestors: "'self' https://news.example"})
	snap, release := store.Acquire()
	defer release()
	ctx, bl := newBrowser(t, srv.URL)
	size := regexp.MustCompile(`width="(\d+)" height="(\d+)"`)
	for _, tp := range snap.Def.Topics {
		_, _, page := get(t, srv.URL+"/topics/"+tp.ID)
		for _, c := range tp.Charts {
			for _, lang := range []string{"", "?lang=en"} {
				path := "/embed/charts/" + tp.ID + "/" + c.ID + lang
				m := size.FindStringSubmatch(page[indexOf(page, `id="chart-`+tp.ID+`-`+c.ID+`"`):])
				if m == nil {
					t.Fatalf("%s: no snippet size", path)
				}
				w, _ := strconv.Atoi(m[1])
				h, _ := strconv.Atoi(m[2])
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), int64(h)), chromedp.Navigate(srv.URL+path), chromedp.WaitReady("footer")); err != nil {
					t.Fatal(err)
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, document.documentElement.scrollHeight]`))
				if err != nil {
					t.Fatal(err)
				}
				if got[0] > w || got[1] > h {
					t.Errorf("%s: the page is %d × %d in a %d × %d frame", path, got[0], got[1], w, h)
				}
			}
		}
	}
	for _, p := range bl.take() {
		t.Error(p)
	}
}

func indexOf(s, sub string) int { return max(strings.Index(s, sub), 0) }
