package dashboard

import (
	"bytes"
	"context"
	"districtstats/snapshot"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"districtstats/internal/testkit"
)

// exportServer serves a snapshot of ../export/testdata/data: a note "=1+1",
// a value -3.2, Chinese text, two vintages of 2020, a bound and a target.
func exportServer(t *testing.T) string {
	t.Helper()
	db := testkit.Snapshot(t, "../export/testdata/data")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := snapshot.OpenStore(context.Background(), db, 2, "256MB", log)
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(store, Config{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(func() { srv.Close(); store.Close() })
	return srv.URL
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// post sends a body and reads the answer.
func post(t *testing.T, url, ctype, body string) response {
	t.Helper()
	resp, err := http.Post(url, ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func fetch(t *testing.T, url string) response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func parseCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// column finds a header's index.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

func TestTwinFormats(t *testing.T) {
	base := exportServer(t)

	r := fetch(t, base+"/indicators/gdp_growth.csv?excel=1")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("excel csv: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if !bytes.HasPrefix(r.body, []byte{0xEF, 0xBB, 0xBF}) || !bytes.Contains(r.body, []byte("\r\n")) {
		t.Error("CSV for Excel needs a BOM and CRLF")
	}
	cd := r.header.Get("Content-Disposition")
	// The CSV for Excel has its own name, beside the plain CSV.
	if !strings.Contains(cd, `filename="nanshan-gdp_growth-2022-2023-excel.csv"`) || !strings.Contains(cd, "filename*=UTF-8''%E5%8D%97%E5%B1%B1%E5%8C%BA-") {
		t.Errorf("Content-Disposition %q", cd)
	}
	recs := parseCSV(t, r.body)
	v, note := column(t, recs[0], "value"), column(t, recs[0], "note")
	if len(recs) != 3 || recs[1][v] != "-3.2" || recs[1][note] != "'-3.2% 下降" || recs[2][note] != "'@risk" {
		t.Errorf("gdp_growth excel csv = %v", recs)
	}

	r = fetch(t, base+"/indicators/gdp.csv?region=nanshan")
	if bytes.HasPrefix(r.body, []byte{0xEF}) || bytes.Contains(r.body, []byte("\r")) {
		t.Error("plain CSV: no BOM, LF only")
	}
	recs = parseCSV(t, r.body)
	note, period := column(t, recs[0], "note"), column(t, recs[0], "period")
	var found bool
	for _, rec := range recs[1:] {
		if rec[period] == "2023" {
			found = rec[note] == "=1+1"
		}
	}
	if !found {
		t.Errorf("plain CSV must carry the note =1+1 as is: %v", recs)
	}

	for _, c := range []struct{ url, ctype string }{
		{"/indicators/gdp.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"/indicators/gdp.json", "application/json"},
	} {
		r := fetch(t, base+c.url)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), c.ctype) || len(r.body) == 0 {
			t.Errorf("%s: %d %s", c.url, r.status, r.header.Get("Content-Type"))
		}
	}
}

func TestTwinTransform(t *testing.T) {
	base := exportServer(t)
	r := fetch(t, base+"/indicators/gdp.csv?region=nanshan&transform=change")
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "-change.csv") {
		t.Errorf("a transformed file says so in its name: %s", cd)
	}
	recs := parseCSV(t, r.body)
	p, v, q, tr := column(t, recs[0], "period"), column(t, recs[0], "value"), column(t, recs[0], "qualifier"), column(t, recs[0], "transform")
	var got []string
	for _, rec := range recs[1:] {
		got = append(got, rec[p]+"="+rec[v]+" "+rec[q]+" "+rec[tr])
	}
	want := "2019=  change|2020=526.5 exact change|2021=473.25 exact change|2022=499.75 about change|2023=500 about change"
	if strings.Join(got, "|") != want {
		t.Errorf("change = %v\nwant %s", got, want)
	}
	for _, bad := range []string{"?transform=log", "?excel=2", "?as_of=2024-13-01"} {
		r := fetch(t, base+"/indicators/gdp.csv"+bad)
		if r.status != 400 {
			t.Errorf("%s: status %d, want 400", bad, r.status)
		}
	}
	if r := fetch(t, base+"/indicators/gdp.csv?transform=log"); !strings.Contains(string(r.body), "transform") || !strings.Contains(string(r.body), "yoy_pct") {
		t.Errorf("400 must name the parameter and what it allows: %s", r.body)
	}
}
