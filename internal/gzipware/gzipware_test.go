package gzipware

import (
	"bufio"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// page is larger than the 1 KB threshold and compresses well.
var page = strings.Repeat("<p>南山区地区生产总值 8,500.6 亿元</p>\n", 100)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	e := echo.New()
	e.Use(Middleware(5, 1024))
	e.GET("/page", func(c echo.Context) error { return c.HTML(http.StatusOK, page) })
	e.HEAD("/page", func(c echo.Context) error { return c.HTML(http.StatusOK, page) })
	e.GET("/small", func(c echo.Context) error { return c.String(http.StatusOK, "short") })
	e.GET("/fail", func(c echo.Context) error {
		return echo.NewHTTPError(http.StatusNotFound, strings.Repeat("no such figure ", 100))
	})
	e.GET("/stream", func(c echo.Context) error {
		// A download's first rows must reach the client while the rest is
		// still being produced.
		c.Response().Header().Set(echo.HeaderContentType, "text/csv")
		c.Response().WriteHeader(http.StatusOK)
		io.WriteString(c.Response(), "indicator,region\n"+strings.Repeat("gdp,nanshan\n", 200))
		c.Response().Flush()
		time.Sleep(300 * time.Millisecond)
		io.WriteString(c.Response(), "end\n")
		return nil
	})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

// get sends a request with a bare transport (no transparent decoding).
func get(t *testing.T, method, url, acceptEncoding string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	r := io.Reader(resp.Body)
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Accepts is what the response cache keys by: it must say exactly what the
// middleware does, for every way a client writes Accept-Encoding.
func TestAcceptsIsTheMiddlewaresRule(t *testing.T) {
	srv := newServer(t)
	headers := []string{"", "gzip", "GZIP", " gzip ", "gzip, br", "br, gzip", "deflate, br", "x-gzip",
		"gzip;q=0", "gzip; q=0", "gzip;q=0.0", "gzip;q=0.5", "gzip;q=1", "gzip;q=abc", "gzip;q=0;level=1",
		"br;q=1, gzip;q=0", "gzip;q=0, gzip", "gzip;q=-1", "*", "identity", "gzipx", ",gzip", "gzip;"}
	compressed := 0
	for _, h := range headers {
		resp := get(t, http.MethodGet, srv.URL+"/page", h)
		got := resp.Header.Get("Content-Encoding") == "gzip"
		req := httptest.NewRequest(http.MethodGet, "/page", nil)
		req.Header.Set("Accept-Encoding", h)
		if want := Accepts(req); got != want {
			t.Errorf("Accept-Encoding %q: middleware compressed %v, Accepts says %v", h, got, want)
		}
		if got {
			compressed++
		}
		// A HEAD is never compressed by the middleware, whatever Accepts
		// (which keys it as its GET) says.
		if head := get(t, http.MethodHead, srv.URL+"/page", h); head.Header.Get("Content-Encoding") != "" {
			t.Errorf("HEAD with Accept-Encoding %q compressed", h)
		}
	}
	if compressed == 0 || compressed == len(headers) {
		t.Fatalf("%d of %d responses compressed: the table does not tell the two apart", compressed, len(headers))
	}
}

func TestRoundTrip(t *testing.T) {
	srv := newServer(t)
	resp := get(t, http.MethodGet, srv.URL+"/page", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", resp.Header)
	}
	if got := body(t, resp); got != page {
		t.Errorf("decoded body differs from the page (%d bytes, want %d)", len(got), len(page))
	}
	if resp := get(t, http.MethodGet, srv.URL+"/page", ""); resp.Header.Get("Content-Encoding") != "" || body(t, resp) != page {
		t.Error("a client without gzip did not get the page as it is")
	}
	small := get(t, http.MethodGet, srv.URL+"/small", "gzip")
	if small.Header.Get("Content-Encoding") != "" || body(t, small) != "short" {
		t.Error("a body under the threshold was compressed or changed")
	}
}

// An error returned before anything is written is echo's error page,
// written after the middleware: whole, with its status.
func TestErrorPage(t *testing.T) {
	srv := newServer(t)
	resp := get(t, http.MethodGet, srv.URL+"/fail", "gzip")
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if b := body(t, resp); !strings.Contains(b, "no such figure") {
		t.Errorf("error page %q", b)
	}
}

// A flush sends what was written so far, compressed: a streaming download
// stays streaming.
func TestFlushStreams(t *testing.T) {
	srv := newServer(t)
	start := time.Now()
	resp := get(t, http.MethodGet, srv.URL+"/stream", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("stream not compressed: %v", resp.Header)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(zr).ReadString('\n')
	if err != nil || line != "indicator,region\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	if waited := time.Since(start); waited >= 300*time.Millisecond {
		t.Errorf("the first line came after %v: the flush was held until the handler ended", waited)
	}
}

// After a handler panics, echo's Response writes to the writer it had
// before: gzhttp's writer is back in its pool by then, and another request
// may be using it.
func TestPanicRestoresWriter(t *testing.T) {
	e := echo.New()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	c := e.NewContext(req, rec)
	before := c.Response().Writer
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the handler's panic did not come through")
			}
		}()
		Middleware(5, 1024)(func(c echo.Context) error {
			io.WriteString(c.Response(), page)
			panic("a bug in a handler")
		})(c)
	}()
	if c.Response().Writer != before {
		t.Errorf("after a panic the response writes to %T, not the writer it had", c.Response().Writer)
	}
}
