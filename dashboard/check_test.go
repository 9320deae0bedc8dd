package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"districtstats/press/figcheck"
)

// article is the district's article of 2025-03-26, as the figure check's
// own tests hold it.
func article(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../press/figcheck/testdata/source-article-2025-03-26.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

type checkReport struct {
	Counts  map[string]int
	Results []struct {
		Text, Verdict, Label, Link, Sentence string
		Start, End                           int
		Findings                             []struct{ Kind string }
	}
}

func TestAPICheck(t *testing.T) {
	dbPath := uiSnapshot(t, "../data")
	srv, _ := uiServer(t, dbPath)
	base := srv.URL
	body, _ := json.Marshal(map[string]string{"text": article(t), "date": "2025-03-26"})
	r := post(t, base+"/api/v1/check", "application/json", string(body))
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var rep checkReport
	if err := json.Unmarshal(r.body, &rep); err != nil {
		t.Fatal(err)
	}
	// The figure check's own test holds the full list; here: the API
	// answers exactly what the check answers on the same snapshot, none
	// differs, and every match carries its link and sentence.
	db, err := OpenDB(dbPath, 1, "256MB")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, err := figcheck.Load(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := cat.Check(article(t), figcheck.Options{Date: time.Date(2025, 3, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var viaAPI, want any
	directJSON, _ := json.Marshal(direct)
	json.Unmarshal(r.body, &viaAPI)
	json.Unmarshal(directJSON, &want)
	if !reflect.DeepEqual(viaAPI, want) {
		t.Errorf("the API and the check disagree:\n%s\n%s", r.body, directJSON)
	}
	if rep.Counts["differs"] != 0 || rep.Counts["matches"] < 40 || len(rep.Results) != len(direct.Results) {
		t.Errorf("counts = %v", rep.Counts)
	}
	for _, res := range rep.Results {
		if res.Verdict == "matches" && (res.Sentence == "" || !strings.HasPrefix(res.Link, "/")) {
			t.Errorf("%s: %+v", res.Text, res)
		}
	}

	r = post(t, base+"/api/v1/check", "application/json", `{"text": "Nanshan has 5,500 national high-tech enterprises.", "lang": "en"}`)
	rep = checkReport{}
	json.Unmarshal(r.body, &rep)
	if r.status != 200 || len(rep.Results) != 1 || rep.Results[0].Verdict != "differs" || rep.Results[0].Findings[0].Kind != "qualifier" ||
		rep.Results[0].Label != "differs" || !strings.Contains(rep.Results[0].Sentence, "more than 5,500") {
		t.Errorf("dropped 'more than': %d %s", r.status, r.body)
	}

	long, _ := json.Marshal(map[string]string{"text": strings.Repeat("南", 20001)})
	for _, c := range []struct {
		body   string
		status int
		detail string
	}{
		{`not json`, 400, "JSON"},
		{`{"text": ""}`, 400, "text"},
		{`{"text": "GDP 9501亿元", "date": "yesterday"}`, 400, "date"},
		{`{"text": "GDP 9501亿元", "lang": "fr"}`, 400, "lang"},
		{`{"text": "GDP 9501亿元", "extra": 1}`, 400, "extra"},
		{string(long), 413, "20000"},
		{`{"text": "` + strings.Repeat("a", 300<<10) + `"}`, 413, "256 KB"},
	} {
		r := post(t, base+"/api/v1/check", "application/json", c.body)
		if r.status != c.status || r.header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(r.body), c.detail) {
			t.Errorf("%.40s…: %d %s %s, want %d naming %q", c.body, r.status, r.header.Get("Content-Type"), r.body, c.status, c.detail)
		}
	}
}

func TestCheckPage(t *testing.T) {
	base := bundledServer(t)
	status, _, body := get(t, base+"/check")
	if status != 200 || !strings.Contains(body, `<textarea id="check-text" name="text"`) || !strings.Contains(body, "不保存，也不写入日志") {
		t.Errorf("empty form: %d", status)
	}
	if status, _, body := get(t, base+"/check?lang=en"); status != 200 || !strings.Contains(body, "neither stored nor logged") {
		t.Errorf("English form: %d", status)
	}
	// The text never goes in a URL.
	if status, _, body := get(t, base+"/check?text=9501"); status != 400 || !strings.Contains(body, "text") {
		t.Errorf("?text= gives %d", status)
	}
	form := url.Values{"text": {"全区GDP规模达9501亿元，国高企业5500家。<script>alert(1)</script>"}, "date": {"2025-03-26"}}
	r := post(t, base+"/check", "application/x-www-form-urlencoded", form.Encode())
	page := string(r.body)
	for _, want := range []string{
		`<a class="fig fig-matches" href="#result-1" id="fig-1" data-verdict="matches"><mark>9501亿元</mark><span class="fig-label">✓一致</span></a>`,
		`<a class="fig fig-differs" href="#result-2" id="fig-2" data-verdict="differs"><mark>5500家</mark><span class="fig-label">✗不一致</span></a>`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`, // pasted text is text
		`data-copy="截至2025年3月26日，南山区国家高新技术企业超5500家。（来源：蛇口消息报，2025年3月26日）"`,
		`href="/indicators/hightech_enterprises"`,
		"共 2 个数字：1 个一致，1 个不一致",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("checked page lacks %s", want)
		}
	}
	if r.status != 200 || strings.Contains(page, "<script>alert") {
		t.Errorf("status %d", r.status)
	}
	r = post(t, base+"/check?lang=en", "application/x-www-form-urlencoded", url.Values{"text": {strings.Repeat("南", 20001)}}.Encode())
	if r.status != 413 || !strings.Contains(string(r.body), "at most 20000 characters") || !strings.Contains(string(r.body), `role="alert"`) {
		t.Errorf("over-long text: %d", r.status)
	}
}

// lockedBuffer collects a server's log across goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Nothing pasted reaches the log: the request log records method, path,
// status and timing, never a body.
func TestCheckNotLogged(t *testing.T) {
	var logBuf lockedBuffer
	log := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store, err := OpenStore(context.Background(), uiSnapshot(t, "../data"), 2, "512MB", log)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	e, err := New(store, Config{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	defer srv.Close()
	secret := "内部稿件甲乙丙"
	post(t, srv.URL+"/check", "application/x-www-form-urlencoded", url.Values{"text": {secret + "，全区GDP规模达9501亿元。"}}.Encode())
	post(t, srv.URL+"/api/v1/check", "application/json", `{"text": "`+secret+`，全区GDP规模达9501万元。"}`)
	post(t, srv.URL+"/api/v1/check", "application/json", `{"text": "`+secret+`", "date": "bad"}`)
	got := logBuf.String()
	if !strings.Contains(got, "uri=/api/v1/check") {
		t.Fatalf("the requests were not logged at all:\n%s", got)
	}
	if strings.Contains(got, secret) || strings.Contains(got, url.QueryEscape(secret)) || strings.Contains(got, "9501") {
		t.Errorf("the log holds pasted text:\n%s", got)
	}
}
