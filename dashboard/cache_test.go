package dashboard

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"districtstats/ingest"
)

// raw fetches a URL with the given request headers and returns the bytes
// as sent (not decoded).
func raw(t *testing.T, method, url string, header ...string) wireResponse {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	wire := b
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return wireResponse{response{resp.StatusCode, resp.Header, b}, wire}
}

// wireResponse is a response with the bytes as they crossed the wire.
type wireResponse struct {
	response
	wire []byte
}

// cachedPaths are pages, twins and API answers of every kind.
var cachedPaths = []string{
	"/", "/overview.json", "/topics/economy", "/topics/economy.csv", "/topics/economy/charts/gdp.csv",
	"/indicators", "/indicators.json", "/indicators/gdp", "/indicators/gdp?region=nanshan,shenzhen&lang=en",
	"/indicators/gdp.csv", "/indicators/gdp.json", "/reports?indicators=gdp,rd_intensity&regions=nanshan,shenzhen",
	"/reports.csv?indicators=gdp&regions=nanshan", "/briefing?topics=economy", "/briefing.md?topics=economy",
	"/embed/charts/economy/gdp", "/downloads", "/api/v1/indicators", "/api/v1/indicators/gdp", "/api/v1/regions",
	"/api/v1/sources", "/api/v1/observations?indicators=gdp&regions=nanshan", "/api/v1/openapi.json", "/api/v1/docs",
	"/check", "/static/app.js",
}

// TestCachedResponsesAreIdenticalToFreshRenders serves one snapshot twice,
// with the response cache and without, and compares every answer byte for
// byte: the first request (rendered and stored), the second (from the
// cache), gzip and plain.
func TestCachedResponsesAreIdenticalToFreshRenders(t *testing.T) {
	db := uiSnapshot(t, "../data")
	log := slog.New(slog.NewTextHandler(testLogWriter(t), nil))
	cached, _ := uiServerConfig(t, db, Config{Log: log})
	fresh, _ := uiServerConfig(t, db, Config{Log: log, CacheBytes: -1})
	for _, path := range cachedPaths {
		for _, enc := range []string{"gzip", "identity"} {
			want := raw(t, "GET", fresh.URL+path, "Accept-Encoding", enc)
			if want.status != 200 {
				t.Fatalf("%s: fresh render %d", path, want.status)
			}
			if want.header.Get("ETag") != "" {
				t.Errorf("%s: the uncached server sent an ETag", path)
			}
			var tag string
			for i, name := range []string{"first", "cached"} {
				got := raw(t, "GET", cached.URL+path, "Accept-Encoding", enc).response
				if got.status != 200 || !bytes.Equal(got.body, want.body) {
					t.Errorf("%s %s (%s): %d, %d bytes; fresh render %d bytes", path, name, enc, got.status, len(got.body), len(want.body))
				}
				for _, h := range []string{"Content-Type", "Content-Disposition", "Content-Encoding", "Content-Security-Policy", "X-Frame-Options", "Cache-Control"} {
					if got.header.Get(h) != want.header.Get(h) {
						t.Errorf("%s %s (%s): %s %q, fresh %q", path, name, enc, h, got.header.Get(h), want.header.Get(h))
					}
				}
				if i == 0 {
					tag = got.header.Get("ETag")
				} else if got.header.Get("ETag") != tag || tag == "" {
					t.Errorf("%s: ETag %q then %q", path, tag, got.header.Get("ETag"))
				}
			}
		}
	}
}

// TestSwapServesNewFiguresOnTheNextRequest re-ingests a changed figure into
// the served file and expects the very next request after the swap to show
// it, on the page, its twin and the API, though all three were cached.
func TestSwapServesNewFiguresOnTheNextRequest(t *testing.T) {
	dir := uiCopyData(t)
	db := uiSnapshot(t, dir)
	srv, store := uiServer(t, db)
	pages := map[string][2]string{ // path -> old, new
		"/indicators/gdp?region=nanshan":                      {"9,501 亿元", "9,502 亿元"},
		"/indicators/gdp.csv?region=nanshan":                  {",9501,", ",9502,"},
		"/api/v1/observations?indicators=gdp&regions=nanshan": {`"value":9501,`, `"value":9502,`},
	}
	tags := map[string]string{}
	for path, v := range pages {
		for i := 0; i < 2; i++ { // render, then from the cache
			r := raw(t, "GET", srv.URL+path, "Accept-Encoding", "gzip")
			if !strings.Contains(string(r.body), v[0]) {
				t.Fatalf("%s before the swap lacks %q", path, v[0])
			}
			tags[path] = r.header.Get("ETag")
		}
	}
	republishGDP2024(t, dir, db, store, "9502")
	for path, v := range pages {
		r := raw(t, "GET", srv.URL+path, "Accept-Encoding", "gzip", "If-None-Match", tags[path])
		if r.status != 200 || !strings.Contains(string(r.body), v[1]) || strings.Contains(string(r.body), v[0]) {
			t.Errorf("%s after the swap: %d, new figure %v, old figure %v", path, r.status, strings.Contains(string(r.body), v[1]), strings.Contains(string(r.body), v[0]))
		}
		if r.header.Get("ETag") == tags[path] {
			t.Errorf("%s: the ETag did not change with the snapshot", path)
		}
	}
}

// TestMatchingETagIs304 revalidates a cached page, its twin and an API
// answer; HEAD too.
func TestMatchingETagIs304(t *testing.T) {
	base := bundledServer(t)
	for _, path := range []string{"/indicators/gdp", "/indicators/gdp.csv", "/api/v1/indicators"} {
		first := raw(t, "GET", base+path, "Accept-Encoding", "gzip")
		tag := first.header.Get("ETag")
		if first.status != 200 || !strings.HasPrefix(tag, `W/"`) {
			t.Fatalf("%s: %d, ETag %q", path, first.status, tag)
		}
		for _, method := range []string{"GET", "HEAD"} {
			r := raw(t, method, base+path, "Accept-Encoding", "gzip", "If-None-Match", tag)
			if r.status != http.StatusNotModified || len(r.body) != 0 || r.header.Get("ETag") != tag {
				t.Errorf("%s %s with its ETag: %d, %d bytes, ETag %q; want 304", method, path, r.status, len(r.body), r.header.Get("ETag"))
			}
		}
		if r := raw(t, "GET", base+path, "If-None-Match", `W/"other"`); r.status != 200 {
			t.Errorf("%s with another ETag: %d", path, r.status)
		}
	}
	// answers about this moment and whole-dataset streams carry no ETag
	for _, path := range []string{"/readyz", "/healthz", "/downloads/observations.csv"} {
		if r := raw(t, "GET", base+path); r.status != 200 || r.header.Get("ETag") != "" {
			t.Errorf("%s: %d, ETag %q; want 200 without one", path, r.status, r.header.Get("ETag"))
		}
	}
	// errors are not cached and carry no ETag
	if r := raw(t, "GET", base+"/indicators/no_such"); r.status != 404 || r.header.Get("ETag") != "" {
		t.Errorf("404: ETag %q", r.header.Get("ETag"))
	}
}

// republishGDP2024 re-ingests dir into db with Nanshan's 2024 GDP set to
// value and swaps the store to it, as an office publishing a correction.
func republishGDP2024(t *testing.T, dir, db string, store *Store, value string) {
	t.Helper()
	editCSV(t, filepath.Join(dir, "observations.csv"), func(r []string) {
		if r[0] == "gdp" && r[1] == "nanshan" && r[2] == "2024" {
			r[3] = value
		}
	})
	if _, err := ingest.Build(context.Background(), dir, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
}
