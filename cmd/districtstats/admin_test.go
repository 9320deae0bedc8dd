package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"districtstats/internal/testkit"
)

// TestMain lets a test start this very binary as `districtstats serve`:
// two real server processes on one snapshot, without building anything.
func TestMain(m *testing.M) {
	if args := os.Getenv("DISTRICTSTATS_TEST_RUN"); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, strings.Split(args, "\x1f"), os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startServe runs `districtstats serve args…` as a process on a free
// loopback port and gives its URL; the process is stopped at cleanup.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DISTRICTSTATS_TEST_RUN="+strings.Join(append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logFile, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			t.Logf("serve %v log:\n%s", args, b)
		}
	})
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		if s.Scan() {
			line <- s.Text()
		}
		io.Copy(io.Discard, out)
	}()
	select {
	case u := <-line:
		return strings.TrimSuffix(u, "/")
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not print its URL")
	}
	return ""
}

// copyAllData copies every file of ../../data (dashboard.yaml included).
func copyAllData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	es, err := os.ReadDir("../../data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../../data", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func httpGet(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls u until its body satisfies ok, for up to 20 s: servers
// notice a new snapshot within about a second.
func waitFor(t *testing.T, u, what string, ok func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, body := httpGet(t, http.DefaultClient, u)
		if ok(body) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s not seen within 20 s", u, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

var reCSRF = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// signIn signs in with a plain HTTP client and gives its CSRF token.
func signIn(t *testing.T, c *http.Client, base, user, password string) (int, string) {
	t.Helper()
	_, page := httpGet(t, c, base+"/admin/login")
	m := reCSRF.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the sign-in page:\n%s", page)
	}
	resp, err := c.PostForm(base+"/admin/login", url.Values{"csrf": {m[1]}, "user": {user}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	token := ""
	if m := reCSRF.FindStringSubmatch(string(b)); m != nil {
		token = m[1]
	}
	return resp.StatusCode, token
}

func newClient(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

// TestAdminPublishOnTwoServers: two serve processes share one snapshot;
// /admin exists only on the one started with -admin-users. In a real
// browser a clerk signs in, uploads an XLSX that revises Nanshan's 2023
// GDP and adds a year, sees the preview, publishes, and both servers show
// the revision; restoring the state before the publish brings the old
// figure back on both. Without sign-in every /admin route is refused; a
// wrong CSRF token is refused; ten wrong passwords lock the account.
func TestAdminPublishOnTwoServers(t *testing.T) {
	chromium := testkit.ChromiumPath(t)
	ctx := context.Background()
	data := copyAllData(t)
	db := filepath.Join(t.TempDir(), "snap.duckdb")
	var stdout, stderr strings.Builder
	if err := run(ctx, []string{"ingest", "-data", data, "-db", db}, &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	users := filepath.Join(t.TempDir(), "users")
	for _, u := range []string{"clerk", "clerk2"} {
		stdin = strings.NewReader("correct horse battery\n")
		if err := run(ctx, []string{"admin", "adduser", "-users", users, u}, &stdout, &stderr); err != nil {
			t.Fatalf("adduser: %v\n%s", err, stderr.String())
		}
	}
	if fi, _ := os.Stat(users); fi.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v, want 0600", fi.Mode().Perm())
	}
	state := filepath.Join(t.TempDir(), "admin")
	a := startServe(t, "-db", db, "-data", data, "-admin-users", users, "-admin-state", state)
	b := startServe(t, "-db", db, "-data", data)

	// Off unless enabled: the second server has no /admin at all.
	if code, _ := httpGet(t, http.DefaultClient, b+"/admin/login"); code != http.StatusNotFound {
		t.Errorf("/admin/login without -admin-users: %d, want 404", code)
	}
	// Without sign-in every /admin route is refused.
	for _, p := range []string{"/admin", "/admin/", "/admin/history", "/admin/history/1.csv", "/admin/uploads/x.csv", "/admin/nosuch"} {
		if code, body := httpGet(t, http.DefaultClient, a+p); code != http.StatusUnauthorized || strings.Contains(body, "csrf") {
			t.Errorf("GET %s without sign-in: %d", p, code)
		}
	}
	for _, p := range []string{"/admin/upload", "/admin/publish", "/admin/restore", "/admin/logout"} {
		resp, err := http.PostForm(a+p, url.Values{"id": {"1"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("POST %s without sign-in: %d", p, resp.StatusCode)
		}
	}

	// Before: the 2023 figure is 8,566 (bjtitle_2024_08_14) on both servers.
	page := "/indicators/gdp?region=nanshan"
	for _, srv := range []string{a, b} {
		if _, body := httpGet(t, http.DefaultClient, srv+page); !strings.Contains(body, "8,566") || strings.Contains(body, "8,566.12") {
			t.Fatalf("%s%s before the publish does not show 8,566 alone", srv, page)
		}
	}

	// While publishes and restores swap snapshots, both servers keep
	// answering: every request of a steady stream must succeed.
	stopLoad := make(chan struct{})
	loadDone := make(chan [2]int)
	go func() {
		var n, failed int
		for {
			select {
			case <-stopLoad:
				loadDone <- [2]int{n, failed}
				return
			default:
			}
			for _, srv := range []string{a, b} {
				resp, err := http.Get(srv + page)
				n++
				if err != nil {
					failed++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					failed++
				}
			}
		}
	}()

	// The clerk, in a browser.
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	bctx, cancelT := context.WithTimeout(bctx, 3*time.Minute)
	defer cancelT()
	book := revisionWorkbook(t)
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	err := chromedp.Do(bctx,
		chromedp.Navigate(a+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS("#user"), "clerk"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("#signin")),
		chromedp.WaitVisible(chromedp.CSS("#files")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{book}),
		chromedp.SendKeys(chromedp.CSS("#source"), "nsstats_2026_06"),
		chromedp.SendKeys(chromedp.CSS("#source_title"), "南山区地区生产总值（修订）"),
		chromedp.SendKeys(chromedp.CSS("#source_publisher"), "南山区统计局"),
		chromedp.SendKeys(chromedp.CSS("#source_date"), "2026-06-30"),
		chromedp.Click(chromedp.CSS("#preview")),
		chromedp.WaitVisible(chromedp.CSS("#counts")),
	)
	if err != nil {
		t.Fatalf("sign in, upload, preview: %v", err)
	}
	counts, cells := text("#counts"), text("#preview-table tbody")
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("#publish-button")), chromedp.WaitVisible(chromedp.CSS("#message"))); err != nil {
		t.Fatalf("publish: %v", err)
	}
	msg := text("#message")
	if counts != "1 added, 1 revised, 0 identical, 0 rejected" {
		t.Errorf("preview counts %q", counts)
	}
	for _, want := range []string{"revised", "修订.xlsx:Sheet1!C3", "8566.12", "8566", "bjtitle_2024_08_14", "added", "修订.xlsx:Sheet1!D3", "10888.5"} {
		if !strings.Contains(cells, want) {
			t.Errorf("preview table lacks %q:\n%s", want, cells)
		}
	}
	if !strings.HasPrefix(msg, "Published #2: 1 added, 1 revised.") {
		t.Errorf("after publish: %q", msg)
	}
	// Both servers swap to the new snapshot; the page shows the revision.
	for _, srv := range []string{a, b} {
		waitFor(t, srv+page, "8,566.12", func(s string) bool { return strings.Contains(s, "8,566.12") })
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(a+page)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text("main"), "8,566.12") {
		t.Error("the public page in the browser does not show the revised 8,566.12")
	}

	// Restore the state before the publish: the old figure is back.
	err = chromedp.Do(bctx,
		chromedp.Navigate(a+"/admin/history"),
		chromedp.Click(chromedp.CSS("#restore-1")),
		chromedp.WaitVisible(chromedp.CSS("#message")),
	)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if msg := text("#message"); msg != "Restored #1 as #3." {
		t.Errorf("after restore: %q", msg)
	}
	for _, srv := range []string{a, b} {
		waitFor(t, srv+page, "8,566 without 8,566.12", func(s string) bool { return strings.Contains(s, "8,566") && !strings.Contains(s, "8,566.12") })
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(a+page)); err != nil {
		t.Fatal(err)
	}
	if main := text("main"); strings.Contains(main, "8,566.12") || strings.Contains(main, "10,888.5") || !strings.Contains(main, "8,566") {
		t.Error("after the restore the public page in the browser still shows the publish")
	}
	snapSHA := sha256.Sum256(mustRead(t, db))
	close(stopLoad)
	if load := <-loadDone; load[1] != 0 || load[0] < 10 {
		t.Errorf("during publish and restore %d of %d public requests failed", load[1], load[0])
	} else {
		t.Logf("%d public requests during publish and restore, none failed", load[0])
	}

	// A wrong CSRF token is refused, signed in or not.
	c := newClient(t)
	if code, token := signIn(t, c, a, "clerk", "correct horse battery"); code != http.StatusOK || token == "" {
		t.Fatalf("sign-in over HTTP: %d", code)
	}
	resp, err := c.PostForm(a+"/admin/restore", url.Values{"csrf": {"0123abcd"}, "id": {"2"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("restore with a wrong CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, err = newClient(t).PostForm(a+"/admin/login", url.Values{"csrf": {"0123abcd"}, "user": {"clerk"}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a wrong CSRF token: %d, want 403", resp.StatusCode)
	}

	// Ten wrong passwords lock the account: then even the right one is refused.
	for i := 1; i <= 10; i++ {
		if code, _ := signIn(t, newClient(t), a, "clerk2", fmt.Sprintf("wrong password %d", i)); code != http.StatusUnauthorized {
			t.Errorf("wrong password %d: %d, want 401", i, code)
		}
	}
	if code, _ := signIn(t, newClient(t), a, "clerk2", "correct horse battery"); code != http.StatusForbidden {
		t.Errorf("right password on a locked account: %d, want 403", code)
	}

	// History and audit log.
	var hist []map[string]any
	for i := 1; i <= 3; i++ {
		var e map[string]any
		if err := json.Unmarshal(mustRead(t, filepath.Join(state, "history", fmt.Sprintf("%06d", i), "entry.json")), &e); err != nil {
			t.Fatal(err)
		}
		hist = append(hist, e)
	}
	if hist[0]["kind"] != "baseline" || hist[1]["kind"] != "publish" || hist[1]["user"] != "clerk" || hist[1]["added"] != 1.0 || hist[1]["revised"] != 1.0 ||
		hist[2]["kind"] != "restore" || hist[2]["restored_from"] != 1.0 || hist[2]["snapshot_sha256"] != hex.EncodeToString(snapSHA[:]) {
		t.Errorf("history: %v", hist)
	}
	audit := string(mustRead(t, filepath.Join(state, "audit.log")))
	for _, ev := range []string{"signin", "upload", "publish", "restore", "csrf_refused", "signin_failed", "account_locked", "signin_refused_locked"} {
		if !strings.Contains(audit, `"event":"`+ev+`"`) {
			t.Errorf("audit log has no %s event:\n%s", ev, audit)
		}
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
