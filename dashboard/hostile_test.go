package dashboard

import (
	"bytes"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a log destination tests can read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rawRequest sends a request line as written, for paths net/http's client
// would clean or refuse to send.
func rawRequest(t *testing.T, base, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	var status [12]byte
	if _, err := conn.Read(status[:]); err != nil {
		t.Fatal(err)
	}
	var code int
	for _, c := range status[9:12] {
		code = code*10 + int(c-'0')
	}
	return code
}

// TestHostileRequests tries what a hostile client would, and expects each
// its status, and no ERROR in the log: a client's mistake is not the
// server's failure.
func TestHostileRequests(t *testing.T) {
	var logs syncBuffer
	srv, _ := uiServerConfig(t, uiSnapshot(t, "../data"), Config{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, c := range []struct {
		target string
		status int
	}{
		{"/static/%ff", 400},              // not UTF-8
		{"/static/app.js%00", 404},        // NUL: no such file
		{"/static/../go.mod", 400},        // not a clean path
		{"/static/..%2f..%2fgo.mod", 400}, // the same, escaped
		{"/static/", 404},                 // no listing
		{"/static/vendor/", 404},
		{"/static/vendor", 404},
		{"/static/vendor/echarts", 404},
		{"/static/app.js", 200},
		{"/static/nope.js", 404},
		{"/indicators/%ff", 404},
		{"/topics/%ff%fe", 404},
		{"/indicators/gdp?region=%ff", 400},
	} {
		if got := rawRequest(t, srv.URL, c.target); got != c.status {
			t.Errorf("GET %s: %d, want %d", c.target, got, c.status)
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client's mistake was logged as an error:\n%s", logs.String())
	}
}

// TestNoAbsoluteURLFromTheRequest: embed snippets carry the configured
// -base-url, or a relative URL; never the Host or X-Forwarded-Host a client
// sent.
func TestNoAbsoluteURLFromTheRequest(t *testing.T) {
	db := uiSnapshot(t, "../data")
	log := slog.New(slog.NewTextHandler(testLogWriter(t), nil))
	plain, _ := uiServerConfig(t, db, Config{Log: log, FrameAncestors: "'self' https://news.example"})
	based, _ := uiServerConfig(t, db, Config{Log: log, BaseURL: "https://stats.example.gov.cn/", FrameAncestors: "'self' https://news.example"})
	for _, path := range []string{"/topics/economy", "/embed/charts/economy/gdp", "/indicators/gdp", "/"} {
		for _, srv := range []string{plain.URL, based.URL} {
			r := raw(t, "GET", srv+path, "Host", "evil.example", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "javascript", "Forwarded", "host=evil.example")
			if r.status != 200 {
				t.Fatalf("%s: %d", path, r.status)
			}
			if bytes.Contains(r.body, []byte("evil.example")) || strings.Contains(r.header.Get("Location"), "evil") {
				t.Errorf("%s: the page carries the client's Host", path)
			}
		}
	}
	r := raw(t, "GET", plain.URL+"/topics/economy?region=nanshan&from=2015")
	if !bytes.Contains(r.body, []byte(`&lt;iframe src="/embed/charts/economy/gdp?from=2015&amp;region=nanshan"`)) {
		t.Error("without -base-url the embed snippet should be relative")
	}
	r = raw(t, "GET", based.URL+"/topics/economy")
	if !bytes.Contains(r.body, []byte(`&lt;iframe src="https://stats.example.gov.cn/embed/charts/economy/gdp`)) {
		t.Error("with -base-url the embed snippet should carry it")
	}
}

// TestDownloadNamesAreBounded: a report of every indicator and region once
// sent a file name as long as its URL.
func TestDownloadNamesAreBounded(t *testing.T) {
	base := bundledServer(t)
	var inds []string
	for i := 0; i < 400; i++ { // repeated ids: the name grows with the URL
		inds = append(inds, "gdp", "gdp_growth", "rd_intensity", "hightech_enterprises")
	}
	r := raw(t, "GET", base+"/reports.csv?indicators="+strings.Join(inds, ",")+"&regions=nanshan,shenzhen,china,futian,luohu")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if cd := r.header.Get("Content-Disposition"); len(cd) > 600 || !strings.Contains(cd, ".csv") {
		t.Errorf("Content-Disposition of %d bytes: %.300s", len(cd), cd)
	}
}
