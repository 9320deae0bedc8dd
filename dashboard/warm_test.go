package dashboard

import (
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// cacheState asks for url with HEAD, which never stores an answer, so
// looking does not warm anything: "hit" only if the page was rendered
// into the cache before.
func cacheState(t *testing.T, url string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodHead, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header.Get("X-Cache")
}

// waitForHit polls url until it is a cache hit.
func waitForHit(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for cacheState(t, url) != "hit" {
		if time.Now().After(deadline) {
			t.Fatalf("%s: still not in the cache after 30 s of warming", url)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWarmRendersPagesBeforeAnyoneAsks: with Warm on, the overview, topic
// and indicator pages (both languages) and the static files are in the
// cache before a visitor asks; after a re-ingest they are warmed again from
// the new snapshot, new figures included. Without Warm they are not.
func TestWarmRendersPagesBeforeAnyoneAsks(t *testing.T) {
	dir := uiCopyData(t)
	db := uiSnapshot(t, dir)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	cold, _ := uiServerConfig(t, db, Config{Log: quiet})
	if got := cacheState(t, cold.URL+"/"); got != "miss" {
		t.Fatalf("without Warm, / is %q before anyone asked; want miss", got)
	}

	srv, store := uiServerConfig(t, db, Config{Log: quiet, Warm: true})
	urls := warmURLs(store.Current())
	if len(urls) < 10 || !strings.HasPrefix(urls[len(urls)-1], "/static/") {
		t.Fatalf("warm list %v: want pages, then static files", urls)
	}
	waitForHit(t, srv.URL+urls[len(urls)-1]) // warming is in order: the last one means all were done
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, _, ready := get(t, srv.URL+"/readyz")
		if strings.Contains(ready, `"warming":false`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz still says it is warming: %s", ready)
		}
	}
	for _, u := range urls {
		if got := cacheState(t, srv.URL+u); got != "hit" {
			t.Errorf("%s: %q after warming, want hit", u, got)
		}
	}

	republishGDP2024(t, dir, db, store, "9502")
	waitForHit(t, srv.URL+"/indicators/gdp")
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/indicators/gdp", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	zr, err := gzip.NewReader(resp.Body) // asked for by hand: not decoded by the client
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if resp.Header.Get("X-Cache") != "hit" || !strings.Contains(string(body), "9,502 亿元") {
		t.Errorf("after the swap: X-Cache %q, new figure shown %v; want a warmed page with 9,502 亿元",
			resp.Header.Get("X-Cache"), strings.Contains(string(body), "9,502 亿元"))
	}
}
