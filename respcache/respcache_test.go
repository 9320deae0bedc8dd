package respcache

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/labstack/echo/v4"

	"districtstats/internal/gzipware"
)

// site is a small server whose pages depend on the data version and the
// query, like the dashboard's, with the dashboard's gzip middleware.
type site struct {
	version atomic.Uint64
	renders atomic.Int64
	cache   *Cache
	srv     *httptest.Server
}

func newSite(t *testing.T, cached bool, maxBytes int64) *site {
	s := &site{}
	s.version.Store(1)
	e := echo.New()
	if cached {
		s.cache = New(Config{
			MaxBytes:      maxBytes,
			MaxEntryBytes: int(min(maxBytes/2, 512<<10)),
			Cacheable:     func(c echo.Context) bool { return !strings.HasPrefix(c.Path(), "/stream") },
			Version: func(echo.Context) Version {
				v := s.version.Load()
				return Version{Seq: v, ID: fmt.Sprint("snapshot-", v)}
			},
		})
		e.Use(s.cache.Middleware)
	}
	e.Use(gzipware.Middleware(5, 1024))
	e.GET("/page", func(c echo.Context) error {
		s.renders.Add(1)
		c.Response().Header().Set("Content-Disposition", "inline")
		// ~4 KB, compressible, different per version and query
		body := strings.Repeat(fmt.Sprintf("<p>figure %d for %s</p>\n", s.version.Load()*1000, c.QueryParams().Encode()), 100)
		return c.HTML(http.StatusOK, body)
	})
	e.GET("/small", func(c echo.Context) error { s.renders.Add(1); return c.String(http.StatusOK, "tiny") })
	e.GET("/missing", func(c echo.Context) error {
		s.renders.Add(1)
		return echo.NewHTTPError(http.StatusNotFound, "no such page")
	})
	e.GET("/big", func(c echo.Context) error {
		s.renders.Add(1)
		return c.Blob(http.StatusOK, "application/octet-stream", bytes.Repeat([]byte{'x'}, 1<<20))
	})
	e.GET("/flushed", func(c echo.Context) error {
		s.renders.Add(1)
		c.Response().Header().Set("Content-Type", "text/csv")
		c.Response().WriteHeader(http.StatusOK)
		for i := 0; i < 3; i++ {
			fmt.Fprintf(c.Response(), "row %d\n", i)
			c.Response().Flush()
		}
		return nil
	})
	e.GET("/stream", func(c echo.Context) error { s.renders.Add(1); return c.String(http.StatusOK, "all rows") })
	s.srv = httptest.NewServer(e)
	t.Cleanup(s.srv.Close)
	return s
}

type answer struct {
	status int
	header http.Header
	body   []byte // as sent on the wire (gzip if so encoded)
}

func fetch(t *testing.T, url string, header ...string) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// A bare transport: it must not decode gzip for us.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, b}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestCachedResponseIsIdenticalToAFreshRender(t *testing.T) {
	fresh := newSite(t, false, 0)
	cached := newSite(t, true, 1<<20)
	for _, enc := range []string{"gzip", ""} {
		want := fetch(t, fresh.srv.URL+"/page?region=b&lang=en", "Accept-Encoding", enc)
		first := fetch(t, cached.srv.URL+"/page?region=b&lang=en", "Accept-Encoding", enc)
		hit := fetch(t, cached.srv.URL+"/page?lang=en&region=b", "Accept-Encoding", enc) // same request, other order
		for name, got := range map[string]answer{"first": first, "hit": hit} {
			if got.status != 200 || !bytes.Equal(got.body, want.body) {
				t.Errorf("%s %q response differs from a fresh render: %d, %d bytes vs %d", enc, name, got.status, len(got.body), len(want.body))
			}
			for _, h := range []string{"Content-Type", "Content-Encoding", "Content-Disposition", "Vary"} {
				if got.header.Get(h) != want.header.Get(h) {
					t.Errorf("%s %s: %s %q, fresh render %q", enc, name, h, got.header.Get(h), want.header.Get(h))
				}
			}
		}
		if first.header.Get("ETag") == "" || first.header.Get("ETag") != hit.header.Get("ETag") {
			t.Errorf("%s ETag %q then %q, want one stable tag", enc, first.header.Get("ETag"), hit.header.Get("ETag"))
		}
		if first.header.Get("X-Cache") != "miss" || hit.header.Get("X-Cache") != "hit" {
			t.Errorf("%s X-Cache %q then %q, want miss then hit", enc, first.header.Get("X-Cache"), hit.header.Get("X-Cache"))
		}
		if enc == "gzip" && first.header.Get("Content-Encoding") != "gzip" {
			t.Errorf("gzip client got %q", first.header.Get("Content-Encoding"))
		}
	}
	if n := cached.renders.Load(); n != 2 { // one per encoding
		t.Errorf("rendered %d times, want 2 (once per encoding)", n)
	}
	if st := cached.cache.Stats(); st.Hits != 2 || st.Stored != 2 {
		t.Errorf("stats %+v, want 2 hits and 2 stored", st)
	}
}

func TestANewVersionServesNewDataOnTheNextRequest(t *testing.T) {
	s := newSite(t, true, 1<<20)
	a := fetch(t, s.srv.URL+"/page", "Accept-Encoding", "gzip")
	s.version.Store(2) // a swap
	b := fetch(t, s.srv.URL+"/page", "Accept-Encoding", "gzip")
	if !strings.Contains(gunzip(t, a.body), "figure 1000") || !strings.Contains(gunzip(t, b.body), "figure 2000") {
		t.Fatalf("after the swap the page still shows the old figure: %.40q", gunzip(t, b.body))
	}
	if a.header.Get("ETag") == b.header.Get("ETag") {
		t.Error("the ETag did not change with the data")
	}
	// the old tag no longer revalidates
	c := fetch(t, s.srv.URL+"/page", "Accept-Encoding", "gzip", "If-None-Match", a.header.Get("ETag"))
	if c.status != 200 || !strings.Contains(gunzip(t, c.body), "figure 2000") {
		t.Errorf("old ETag: %d, want 200 with the new figure", c.status)
	}
	if st := s.cache.Stats(); st.Purges != 1 || st.Entries != 1 {
		t.Errorf("stats %+v, want the old entry purged and the new one stored", st)
	}
}

func TestMatchingETagIs304(t *testing.T) {
	s := newSite(t, true, 1<<20)
	a := fetch(t, s.srv.URL+"/page?x=1")
	tag := a.header.Get("ETag")
	if !strings.HasPrefix(tag, `W/"`) {
		t.Fatalf("ETag %q", tag)
	}
	before := s.renders.Load()
	for _, inm := range []string{tag, `"other", ` + tag, strings.TrimPrefix(tag, "W/")} {
		b := fetch(t, s.srv.URL+"/page?x=1", "If-None-Match", inm, "Accept-Encoding", "gzip")
		if b.status != http.StatusNotModified || len(b.body) != 0 || b.header.Get("ETag") != tag {
			t.Errorf("If-None-Match %s: %d, %d bytes, ETag %q; want 304 with the tag", inm, b.status, len(b.body), b.header.Get("ETag"))
		}
	}
	if s.renders.Load() != before {
		t.Error("a revalidation rendered the page")
	}
	// another request's tag does not match
	if b := fetch(t, s.srv.URL+"/page?x=2", "If-None-Match", tag); b.status != 200 {
		t.Errorf("a tag of another query got %d", b.status)
	}
}

func TestStoredBytesAreBoundedAndEvictTheOldest(t *testing.T) {
	const max = 20 << 10
	s := newSite(t, true, max)
	for i := 0; i < 40; i++ {
		fetch(t, fmt.Sprintf("%s/page?i=%d", s.srv.URL, i)) // ~4 KB each, uncompressed
		if st := s.cache.Stats(); st.Bytes > max {
			t.Fatalf("after %d pages the cache holds %d bytes, bound %d", i+1, st.Bytes, max)
		}
	}
	st := s.cache.Stats()
	if st.Evicted == 0 || st.Entries == 0 || st.Entries >= 40 {
		t.Fatalf("stats %+v, want evictions and some entries kept", st)
	}
	n := s.renders.Load()
	fetch(t, s.srv.URL+"/page?i=39") // most recent: still there
	if s.renders.Load() != n {
		t.Error("the most recent page was evicted")
	}
	fetch(t, s.srv.URL+"/page?i=0") // the oldest: gone
	if s.renders.Load() != n+1 {
		t.Error("the oldest page was not evicted")
	}
}

func TestErrorsStreamsAndUncacheableRoutesAreNotStored(t *testing.T) {
	s := newSite(t, true, 4<<20)
	for _, path := range []string{"/missing", "/big", "/stream"} {
		var first answer
		for i := 0; i < 2; i++ {
			a := fetch(t, s.srv.URL+path)
			if i == 0 {
				first = a
			} else if !bytes.Equal(a.body, first.body) || a.status != first.status {
				t.Errorf("%s: second answer differs from the first", path)
			}
		}
		if path == "/missing" {
			if first.status != 404 || first.header.Get("ETag") != "" {
				t.Errorf("%s: %d with ETag %q; want 404 without a tag", path, first.status, first.header.Get("ETag"))
			}
		}
		if path == "/big" && len(first.body) != 1<<20 {
			t.Errorf("/big: %d bytes, want the whole 1 MiB streamed", len(first.body))
		}
	}
	if st := s.cache.Stats(); st.Stored != 0 || st.Entries != 0 {
		t.Errorf("stats %+v, want nothing stored", st)
	}
	if n := s.renders.Load(); n != 6 {
		t.Errorf("%d renders, want every request rendered (6)", n)
	}
	// POST passes through
	resp, err := http.Post(s.srv.URL+"/page", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

// TestASmallFlushedAnswerIsStored: CSV and JSON writers flush as they
// stream; a small answer is kept all the same, byte for byte.
func TestASmallFlushedAnswerIsStored(t *testing.T) {
	s := newSite(t, true, 4<<20)
	for _, enc := range []string{"gzip", ""} {
		a := fetch(t, s.srv.URL+"/flushed", "Accept-Encoding", enc)
		b := fetch(t, s.srv.URL+"/flushed", "Accept-Encoding", enc)
		if a.status != 200 || !bytes.Equal(a.body, b.body) || a.header.Get("Content-Encoding") != b.header.Get("Content-Encoding") {
			t.Errorf("%q: the stored answer differs from the streamed one", enc)
		}
		body := string(b.body)
		if enc == "gzip" {
			body = gunzip(t, b.body)
		}
		if body != "row 0\nrow 1\nrow 2\n" {
			t.Errorf("%q: body %q", enc, body)
		}
	}
	if n := s.renders.Load(); n != 2 {
		t.Errorf("%d renders, want one per encoding", n)
	}
}

func TestConcurrentMissesRenderOnce(t *testing.T) {
	s := newSite(t, true, 1<<20)
	var wg sync.WaitGroup
	bodies := make([][]byte, 16)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[i] = fetch(t, s.srv.URL+"/page?same=1", "Accept-Encoding", "gzip").body
		}()
	}
	wg.Wait()
	for i := range bodies {
		if !bytes.Equal(bodies[i], bodies[0]) {
			t.Fatalf("answer %d differs", i)
		}
	}
	// Requests that arrive after the render has stored it are hits; the
	// ones racing it wait for it. Either way far fewer than 16 renders.
	if n := s.renders.Load(); n > 2 {
		t.Errorf("%d renders for 16 simultaneous requests of one page", n)
	}
}

func TestKey(t *testing.T) {
	mk := func(target, enc string) string {
		r := httptest.NewRequest(http.MethodGet, target, nil)
		r.Header.Set("Accept-Encoding", enc)
		k, ok := Key(r)
		if !ok {
			t.Fatalf("%s: no key", target)
		}
		return k
	}
	if mk("/p?b=2&a=1", "") != mk("/p?a=1&b=2", "") {
		t.Error("parameter order changes the key")
	}
	if mk("/p?r=a&r=b", "") == mk("/p?r=b&r=a", "") {
		t.Error("a parameter's value order is lost (it orders series)")
	}
	if mk("/p?x=%41", "") != mk("/p?x=A", "") {
		t.Error("percent-encoding changes the key")
	}
	if mk("/a%2Fb", "") == mk("/a/b", "") {
		t.Error("an escaped slash and a slash share a key (routers tell them apart)")
	}
	if mk("/p", "gzip, br") == mk("/p", "") {
		t.Error("gzip and identity bytes share a key")
	}
	if mk("/p", "gzip;q=0") != mk("/p", "") {
		t.Error("a client that refuses gzip is keyed as taking it (the middleware sends it identity)")
	}
	r := httptest.NewRequest(http.MethodGet, "/p?x=%zz", nil)
	if _, ok := Key(r); ok {
		t.Error("a malformed query got a key")
	}
	r = httptest.NewRequest(http.MethodGet, "/p?x="+strings.Repeat("a", 5000), nil)
	if _, ok := Key(r); ok {
		t.Error("a 5 KB query got a key")
	}
}
