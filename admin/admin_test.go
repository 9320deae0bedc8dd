package admin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"districtstats/importer"
	"districtstats/internal/testkit"
)

// setup copies ../data, builds its snapshot and writes a users file.
func setup(t *testing.T) (data, db, users string) {
	t.Helper()
	data = testkit.CopyData(t, "../data")
	db = testkit.Snapshot(t, data)
	users = filepath.Join(t.TempDir(), "users")
	if err := AddUser(users, "clerk", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	return data, db, users
}

func snapshotOf(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files, err := dataFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFailedPublishChangesNothing: a publish whose data would fail check
// leaves data/ and the snapshot byte for byte as they were.
func TestFailedPublishChangesNothing(t *testing.T) {
	data, db, _ := setup(t)
	before, dbBefore := snapshotOf(t, data), sha256.Sum256(mustRead(t, db))
	p := &publisher{dataDir: data, dbPath: db, stateDir: t.TempDir()}
	pv, err := importer.Read(importer.Options{DataDir: data, Source: "bad_url", NewSource: &importer.Source{Title: "t", Publisher: "p", URL: "ftp://x"}},
		[]importer.File{{Name: "r.csv", Data: []byte("南山区\n指标,单位,2030年\n地区生产总值,亿元,1\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Publish(context.Background(), "clerk", []string{"r.csv"}, pv); err == nil || !strings.Contains(err.Error(), `"ftp://x" is not an http(s) URL`) {
		t.Fatalf("publish: %v", err)
	}
	after := snapshotOf(t, data)
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("%s changed", n)
		}
	}
	if sha256.Sum256(mustRead(t, db)) != dbBefore {
		t.Error("the snapshot changed")
	}
	hist, _ := p.History()
	if len(hist) != 1 || hist[0].Kind != "baseline" {
		t.Errorf("history after a failed publish: %+v", hist)
	}
}

// TestUploadLimits: only .xlsx (a zip) and text .csv files are accepted,
// up to MaxUpload bytes; users files are checked when loaded.
func TestUploadLimits(t *testing.T) {
	data, db, users := setup(t)
	h, err := New(Config{UsersFile: users, DataDir: data, DBPath: db, StateDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(srv.URL + "/admin/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, hd := range []string{"Content-Security-Policy", "X-Frame-Options"} {
		if resp.Header.Get(hd) == "" {
			t.Errorf("no %s header", hd)
		}
	}
	reCSRF := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)
	resp, err = c.PostForm(srv.URL+"/admin/login", url.Values{"csrf": {reCSRF.FindStringSubmatch(string(page))[1]}, "user": {"clerk"}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, ck := range resp.Request.Response.Cookies() {
		if ck.Name == sessionCookie && (!ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/admin") {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/admin", ck)
		}
	}
	csrf := reCSRF.FindStringSubmatch(string(page))[1]
	var lastBody []byte
	post := func(name string, content []byte) int {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf", csrf)
		mw.WriteField("source", "seed_2025_03_26")
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(content)
		mw.Close()
		resp, err := c.Post(srv.URL+"/admin/upload", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		lastBody, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("t.csv", []byte("南山区\n指标,单位,2030年\n地区生产总值,亿元,1\n<script>alert(1)</script>,亿元,2\n")); code != http.StatusOK {
		t.Errorf("a CSV upload: %d", code)
	}
	// The office's cell texts are shown as text, never as markup.
	if bytes.Contains(lastBody, []byte("<script>alert")) || !bytes.Contains(lastBody, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("a label with markup was not escaped in the preview:\n%s", lastBody)
	}
	if code := post("t.docx", []byte("PK\x03\x04")); code != http.StatusUnsupportedMediaType {
		t.Errorf("a .docx upload: %d, want 415", code)
	}
	if code := post("t.xlsx", []byte("not a zip")); code != http.StatusUnsupportedMediaType {
		t.Errorf("an .xlsx that is not one: %d, want 415", code)
	}
	if code := post("t.csv", []byte("a,b\x00,c\n")); code != http.StatusUnsupportedMediaType {
		t.Errorf("a binary .csv: %d, want 415", code)
	}
	defer func(n int64) { MaxUpload = n }(MaxUpload)
	MaxUpload = 4 << 10
	if code := post("t.csv", bytes.Repeat([]byte("a,b\n"), 4<<10)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("an upload over the limit: %d, want 413", code)
	}

	bad := filepath.Join(t.TempDir(), "users")
	os.WriteFile(bad, []byte("clerk:plaintext\n"), 0o600)
	if _, err := LoadUsers(bad); err == nil || !strings.Contains(err.Error(), "not a bcrypt hash") {
		t.Errorf("a plaintext users file: %v", err)
	}
	if err := AddUser(bad, "clerk", "short"); err == nil {
		t.Error("a short password was accepted")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSignInCookiesAndRateLimit: cookies are Secure exactly when the
// client came over TLS (directly, or through a trusted proxy); more than
// SignInsPerMin attempts a minute from one address are refused with 429.
func TestSignInCookiesAndRateLimit(t *testing.T) {
	data, db, users := setup(t)
	h, err := New(Config{UsersFile: users, DataDir: data, DBPath: db, StateDir: t.TempDir(), TrustProxy: true})
	if err != nil {
		t.Fatal(err)
	}
	login := func(ip string, tls bool, password string) *http.Response {
		t.Helper()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/admin/login", strings.NewReader(url.Values{"csrf": {"tok"}, "user": {"clerk"}, "password": {password}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: loginCookie, Value: "tok"})
		req.Header.Set("X-Forwarded-For", ip)
		if tls {
			req.Header.Set("X-Forwarded-Proto", "https")
		}
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	secure := func(resp *http.Response) (bool, bool) {
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie {
				return true, c.Secure
			}
		}
		return false, false
	}
	if found, sec := secure(login("10.0.0.1", true, "correct horse battery")); !found || !sec {
		t.Errorf("behind TLS: session cookie found=%v secure=%v; want a Secure cookie", found, sec)
	}
	if found, sec := secure(login("10.0.0.2", false, "correct horse battery")); !found || sec {
		t.Errorf("plain HTTP: session cookie found=%v secure=%v; want one without Secure", found, sec)
	}

	defer func(n int) { SignInsPerMin = n }(SignInsPerMin)
	SignInsPerMin = 3
	for i := 1; i <= 3; i++ {
		if code := login("10.0.0.3", false, "wrong password!").StatusCode; code != http.StatusUnauthorized {
			t.Errorf("attempt %d: %d, want 401", i, code)
		}
	}
	if code := login("10.0.0.3", false, "correct horse battery").StatusCode; code != http.StatusTooManyRequests {
		t.Errorf("attempt 4 within a minute: %d, want 429", code)
	}
	if code := login("10.0.0.4", false, "correct horse battery").StatusCode; code != http.StatusSeeOther {
		t.Errorf("another address: %d, want 303", code)
	}
}
