// Command loadtest measures the dashboard under load, side by side with the
// floor: echo serving the very same bytes from memory through the same
// middleware. It builds districtstats, ingests a dataset (the bundled data,
// or a generated one of 2,850 regions x 50 indicators x 70 years, about
// 10 million figures), serves it on loopback, and prints markdown tables:
//
//   - pages: per page, requests/s, p50 and p99 of the floor and of the
//     dashboard at 64 connections, and their ratio; page sizes;
//   - uncached: the first (uncached) render of each page at 8 connections
//     (data pages get a different from=/to= on every request, so the
//     response cache cannot help; -uncached-serve-flags=-cache-bytes=0
//     measures the rest too, and adding -query-cache-bytes=0 makes every
//     query cold as well: a page's query does not depend on from=/to=),
//     with the server's own p50 and p95 from its request log beside the
//     client's;
//   - firstview: bytes a fresh headless Chromium transfers for a page and
//     the time until all its charts are drawn;
//   - refresh: 64 connections on mixed pages while the snapshot is
//     re-ingested twice: non-2xx, socket errors, swaps seen;
//   - ingest: districtstats ingest against DuckDB's own read_csv of the
//     same file;
//
// and the server's peak RSS (VmRSS sampled, and VmHWM) throughout.
//
//	go run ./tools/loadtest -size bundled
//	go run ./tools/loadtest -size 10m -modes pages,uncached,refresh,ingest -work /tmp/lt10m -keep
//
// The load generator is a plain Go client (closed loop, keep-alive, gzip
// accepted and not decoded, like wrk): it needs nothing installed, runs the
// floor and the dashboard with the same client code, and drives the
// ingests and RSS sampling in the same program.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// defaultPages are the paths of pages.txt: the bundled data's ids live in
// that file, not in Go.
//
//go:embed pages.txt
var pagesFile string

var defaultPages = func() []string {
	var out []string
	for _, l := range strings.Split(pagesFile, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}()

type options struct {
	size, modes, data, work, bin, pages, serveFlags string
	uncachedServeFlags                              string
	keep                                            bool
	conns, uncachedConns, uncachedRequests          int
	duration, warmup, refreshDuration               time.Duration
	maxPageBytes                                    int64
	maxPageTime                                     time.Duration
	spec                                            genSpec
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "floor" {
		if err := runFloor(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	flag.StringVar(&o.size, "size", "bundled", "dataset: bundled (data/ as is) or 10m (generated: -regions x -indicators x -years)")
	flag.StringVar(&o.modes, "modes", "pages,uncached", "comma-separated: pages, uncached, firstview, refresh, ingest")
	flag.StringVar(&o.data, "data", "data", "the bundled data directory")
	flag.StringVar(&o.work, "work", "", "working directory (default: a new temp dir, removed unless -keep); a generated dataset there is reused")
	flag.BoolVar(&o.keep, "keep", false, "keep the working directory")
	flag.StringVar(&o.bin, "bin", "", "districtstats binary (default: go build ./cmd/districtstats into the working directory)")
	flag.StringVar(&o.pages, "pages", "", "comma-separated page URLs instead of the default list (use ; between pages if a URL has commas)")
	flag.StringVar(&o.serveFlags, "serve-flags", "", "extra flags for districtstats serve")
	flag.StringVar(&o.uncachedServeFlags, "uncached-serve-flags", "", "run the uncached mode against a second server started with these extra flags (e.g. -cache-bytes=0)")
	flag.IntVar(&o.conns, "conns", 64, "connections for the throughput and refresh runs")
	flag.DurationVar(&o.duration, "duration", 8*time.Second, "length of each throughput run (floor and page each)")
	flag.DurationVar(&o.warmup, "warmup", time.Second, "warm-up before each throughput run")
	flag.IntVar(&o.uncachedConns, "uncached-conns", 8, "connections for the uncached-render run")
	flag.IntVar(&o.uncachedRequests, "uncached-requests", 400, "requests per page in the uncached-render run (50 a connection at 8: one stall of the machine, which delays every request in flight, is then 2 % of a sample)")
	flag.DurationVar(&o.refreshDuration, "refresh-duration", 60*time.Second, "length of the refresh-under-load run")
	flag.Int64Var(&o.maxPageBytes, "max-page-bytes", 8<<20, "a page larger than this is measured once, not loaded (it would only measure memory)")
	flag.DurationVar(&o.maxPageTime, "max-page-time", 3*time.Second, "a page slower than this alone is measured once, not loaded")
	flag.IntVar(&o.spec.Regions, "regions", 2850, "regions in a generated dataset")
	flag.IntVar(&o.spec.Indicators, "indicators", 50, "indicators in a generated dataset")
	flag.IntVar(&o.spec.Years, "years", 70, "years in a generated dataset")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	modes := map[string]bool{}
	for _, m := range strings.Split(o.modes, ",") {
		if m = strings.TrimSpace(m); m != "" {
			modes[m] = true
		}
	}
	if o.work == "" {
		dir, err := os.MkdirTemp("", "districtstats-loadtest-")
		if err != nil {
			return err
		}
		o.work = dir
		if !o.keep {
			defer os.RemoveAll(dir)
		}
	} else if err := os.MkdirAll(o.work, 0o755); err != nil {
		return err
	}
	printMachine(o)

	// The dataset.
	dataDir, err := filepath.Abs(o.data)
	if err != nil {
		return err
	}
	if o.size == "10m" {
		gen := filepath.Join(o.work, "data")
		// The marker names the spec and the bundled data it was made from:
		// a change to data/ (a new key in dashboard.yaml, a figure) makes a
		// new dataset, so a kept one never measures yesterday's pages.
		sum, err := dirSum(dataDir)
		if err != nil {
			return err
		}
		marker := filepath.Join(gen, fmt.Sprintf(".complete-%dx%dx%d-%s", o.spec.Regions, o.spec.Indicators, o.spec.Years, sum))
		if _, err := os.Stat(marker); err != nil {
			os.RemoveAll(gen)
			t0 := time.Now()
			n, err := generate(dataDir, gen, o.spec)
			if err != nil {
				return fmt.Errorf("generating: %w", err)
			}
			os.WriteFile(marker, nil, 0o644)
			fmt.Printf("generated %d observations (%d regions x %d indicators x %d years, plus the bundled rows) in %s\n\n",
				n, o.spec.Regions, o.spec.Indicators, o.spec.Years, time.Since(t0).Round(time.Millisecond))
		} else {
			fmt.Printf("reusing the generated dataset in %s\n\n", gen)
		}
		dataDir = gen
	} else if o.size != "bundled" {
		return fmt.Errorf("-size %q: bundled or 10m", o.size)
	}

	// The binary and the snapshot.
	bin := o.bin
	if bin == "" {
		bin = filepath.Join(o.work, "districtstats")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/districtstats")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build (run from the repository root): %w", err)
		}
	}
	db := filepath.Join(o.work, "snap.duckdb")
	t0 := time.Now()
	if err := ingest(ctx, bin, dataDir, db); err != nil {
		return err
	}
	fmt.Printf("ingest: %s\n\n", time.Since(t0).Round(time.Millisecond))
	if modes["ingest"] {
		if err := compareIngest(ctx, bin, dataDir, o.work); err != nil {
			return err
		}
	}
	if !modes["pages"] && !modes["uncached"] && !modes["refresh"] && !modes["firstview"] {
		return nil
	}

	srv, err := startServer(ctx, bin, db, dataDir, o.serveFlags, filepath.Join(o.work, "server.log"))
	if err != nil {
		return err
	}
	defer srv.stop()

	pages := defaultPages
	if o.pages != "" {
		sep := ","
		if strings.Contains(o.pages, ";") {
			sep = ";"
		}
		pages = strings.Split(o.pages, sep)
	}
	if modes["pages"] {
		if err := throughput(ctx, o, srv, pages); err != nil {
			return err
		}
	}
	if modes["uncached"] {
		if o.uncachedServeFlags == "" {
			uncached(ctx, o, srv, pages)
		} else {
			// A second server with its response cache off: every request a render.
			srv2, err := startServer(ctx, bin, db, dataDir, o.serveFlags+" "+o.uncachedServeFlags, filepath.Join(o.work, "server-uncached.log"))
			if err != nil {
				return err
			}
			fmt.Printf("(uncached run against a second server started with %s)\n\n", o.uncachedServeFlags)
			uncached(ctx, o, srv2, pages)
			rss, hwm := srv2.rss.max()
			fmt.Printf("uncached server: max VmRSS %s, VmHWM %s\n\n", kb(rss), kb(hwm))
			srv2.stop()
		}
	}
	if modes["firstview"] {
		if err := firstView(ctx, srv.url, []string{"/", "/topics/economy", "/indicators/gdp", "/embed/charts/economy/gdp", "/indicators", "/reports"}); err != nil {
			return err
		}
	}
	if modes["refresh"] {
		if err := refresh(ctx, o, srv, bin, dataDir, db, pages); err != nil {
			return err
		}
	}
	rss, hwm := srv.rss.max()
	fmt.Printf("server memory over the whole run: max VmRSS sampled %s, VmHWM %s\n", kb(rss), kb(hwm))
	return nil
}

func printMachine(o options) {
	model := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				model = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		mem = strings.Fields(strings.SplitN(string(b), "\n", 2)[0])[1] + " kB"
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("# districtstats load test, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Printf("machine: %d CPUs (%s), %s RAM, %s/%s, %s; load average at start %s\n", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH,
		runtime.Version(), strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Printf("command: %s\n\n", strings.Join(os.Args, " "))
}

func ingest(ctx context.Context, bin, data, db string) error {
	cmd := exec.CommandContext(ctx, bin, "ingest", "-data", data, "-db", db)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("ingest: %v\n%s", err, out)
	}
	return nil
}

// compareIngest times districtstats ingest and DuckDB's own read_csv into a
// table (then CHECKPOINT) on the same observations file, in turn.
func compareIngest(ctx context.Context, bin, data, work string) error {
	t0 := time.Now()
	if err := ingest(ctx, bin, data, filepath.Join(work, "ingest-timed.duckdb")); err != nil {
		return err
	}
	build := time.Since(t0)
	os.Remove(filepath.Join(work, "ingest-timed.duckdb"))

	base := filepath.Join(work, "readcsv.duckdb")
	os.Remove(base)
	defer os.Remove(base)
	d, err := sql.Open("duckdb", base)
	if err != nil {
		return err
	}
	defer d.Close()
	// The same column types as ingest: value a DOUBLE, the rest text, for
	// whatever columns the file's header has.
	obsFile := filepath.Join(data, "observations.csv")
	t, err := headerOf(obsFile)
	if err != nil {
		return err
	}
	var cols []string
	for _, h := range t.header {
		typ := "VARCHAR"
		if h == "value" {
			typ = "DOUBLE"
		}
		cols = append(cols, fmt.Sprintf("'%s': '%s'", strings.ReplaceAll(h, "'", ""), typ))
	}
	t1 := time.Now()
	if _, err := d.ExecContext(ctx, `CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
		columns = {`+strings.Join(cols, ", ")+`})`, obsFile); err != nil {
		return fmt.Errorf("read_csv baseline: %w", err)
	}
	if _, err := d.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return err
	}
	readCSV := time.Since(t1)
	var n int
	d.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	fmt.Printf("## Ingest\n\n| | time |\n|---|---|\n| districtstats ingest (%d rows) | %s |\n| DuckDB read_csv + CHECKPOINT | %s |\n| ratio | **%.2f** (target <= 1.5) |\n\n",
		n, build.Round(time.Millisecond), readCSV.Round(time.Millisecond), build.Seconds()/readCSV.Seconds())
	return nil
}

// headerOf reads the first line of a CSV file.
func headerOf(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return nil, err
	}
	return &table{header: strings.Split(strings.TrimRight(line, "\r\n"), ",")}, nil
}

// server is a running child process: districtstats serve or the floor.
type server struct {
	url string
	cmd *exec.Cmd
	rss *rssSampler
	log string // its stderr: the request log
}

func startServer(ctx context.Context, bin, db, data, extra, logPath string) (*server, error) {
	args := []string{"serve", "-addr", "127.0.0.1:0", "-db", db, "-data", data}
	args = append(args, strings.Fields(extra)...)
	s, err := startChild(ctx, bin, args, logPath)
	if err != nil {
		return nil, err
	}
	// The server renders its main pages into its cache at start (serve
	// -warm); measure once that is done, as a visitor after it would.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && warming(s.url) {
		time.Sleep(100 * time.Millisecond)
	}
	return s, nil
}

// warming says whether the server at url is still warming its cache.
func warming(url string) bool {
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var v struct {
		Warming bool `json:"warming"`
	}
	json.NewDecoder(resp.Body).Decode(&v)
	return v.Warming
}

func startChild(ctx context.Context, bin string, args []string, logPath string) (*server, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	logf.Close()
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		l, _ := r.ReadString('\n')
		line <- strings.TrimSpace(l)
		io.Copy(io.Discard, r)
	}()
	s := &server{cmd: cmd, log: logPath}
	select {
	case u := <-line:
		if !strings.HasPrefix(u, "http://") {
			s.stop()
			return nil, fmt.Errorf("%s did not start (see %s)", bin, logPath)
		}
		s.url = strings.TrimSuffix(u, "/")
	case <-time.After(5 * time.Minute):
		s.stop()
		return nil, fmt.Errorf("%s did not start within 5 minutes", bin)
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	s.rss = sampleRSS(cmd.Process.Pid)
	return s, nil
}

func (s *server) stop() {
	if s.rss != nil {
		s.rss.stop()
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// rssSampler reads /proc/PID/status every 100 ms: VmRSS's maximum, and the
// kernel's own high-water mark VmHWM.
type rssSampler struct {
	pid    int
	mu     sync.Mutex
	maxRSS int64
	hwm    int64
	quit   chan struct{}
	done   chan struct{}
}

func sampleRSS(pid int) *rssSampler {
	r := &rssSampler{pid: pid, quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			r.sample()
			select {
			case <-r.quit:
				return
			case <-t.C:
			}
		}
	}()
	return r
}

func (r *rssSampler) sample() {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", r.pid))
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			r.maxRSS = max(r.maxRSS, v<<10)
		case "VmHWM:":
			r.hwm = max(r.hwm, v<<10)
		}
	}
}

func (r *rssSampler) max() (rss, hwm int64) {
	r.sample()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.maxRSS, r.hwm
}

func (r *rssSampler) stop() {
	select {
	case <-r.quit:
	default:
		close(r.quit)
		<-r.done
	}
}

// fetched is one page as the dashboard sends it.
type fetched struct {
	uri, contentType string
	status           int
	body             []byte // uncompressed
	gzipBytes        int64
	single           time.Duration // one request alone
	skipLoad         bool
	skipWhy          string
}

func fetchPage(ctx context.Context, base, uri string, o options) (fetched, error) {
	f := fetched{uri: uri}
	client := &http.Client{Timeout: 2 * time.Minute}
	t0 := time.Now()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+uri, nil)
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := client.Do(req)
	if err != nil {
		return f, err
	}
	f.body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return f, err
	}
	f.single = time.Since(t0)
	f.status, f.contentType = resp.StatusCode, resp.Header.Get("Content-Type")
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, base+uri, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err = (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		return f, err
	}
	f.gzipBytes, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	switch {
	case f.status != http.StatusOK:
		f.skipLoad, f.skipWhy = true, fmt.Sprintf("status %d", f.status)
	case int64(len(f.body)) > o.maxPageBytes:
		f.skipLoad, f.skipWhy = true, fmt.Sprintf("%s page, > -max-page-bytes", kb(int64(len(f.body))))
	case f.single > o.maxPageTime:
		f.skipLoad, f.skipWhy = true, fmt.Sprintf("%s alone, > -max-page-time", f.single.Round(time.Millisecond))
	}
	return f, nil
}

// throughput runs the floor and each page side by side.
func throughput(ctx context.Context, o options, srv *server, pages []string) error {
	floorDir := filepath.Join(o.work, "floor")
	os.MkdirAll(floorDir, 0o755)
	var all []fetched
	var index []floorPage
	for i, uri := range pages {
		f, err := fetchPage(ctx, srv.url, uri, o)
		if err != nil {
			return fmt.Errorf("%s: %w", uri, err)
		}
		all = append(all, f)
		if f.skipLoad {
			continue
		}
		name := fmt.Sprintf("page-%02d", i)
		if err := os.WriteFile(filepath.Join(floorDir, name), f.body, 0o644); err != nil {
			return err
		}
		index = append(index, floorPage{URI: uri, ContentType: f.contentType, File: name})
	}
	b, _ := json.Marshal(index)
	if err := os.WriteFile(filepath.Join(floorDir, "index.json"), b, 0o644); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	floor, err := startChild(ctx, self, []string{"floor", floorDir, filepath.Join(o.work, "floor.log")}, filepath.Join(o.work, "floor.stderr"))
	if err != nil {
		return err
	}
	defer floor.stop()

	fmt.Printf("## Throughput: %d connections, %s per run, floor and page in turn\n\n", o.conns, o.duration)
	fmt.Println("| page | HTML/body | gzip | alone | floor req/s | floor p99 | req/s | p50 | p99 | ratio | errors |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	client := newClient(o.conns)
	for _, f := range all {
		row := fmt.Sprintf("| `%s` | %s | %s | %s |", f.uri, kb(int64(len(f.body))), kb(f.gzipBytes), ms(f.single))
		if f.skipLoad {
			fmt.Printf("%s not loaded: %s | | | | | | |\n", row, f.skipWhy)
			continue
		}
		one := func(base string) result {
			url := base + f.uri
			load(ctx, client, o.conns, o.warmup, 0, func(int64) string { return url })
			return load(ctx, client, o.conns, o.duration, 0, func(int64) string { return url })
		}
		fl := one(floor.url)
		pg := one(srv.url)
		errs := ""
		if pg.Non2xx+pg.Errors+fl.Non2xx+fl.Errors > 0 {
			errs = fmt.Sprintf("page %d non-2xx %d socket; floor %d/%d; %s", pg.Non2xx, pg.Errors, fl.Non2xx, fl.Errors, pg.FirstErr+fl.FirstErr)
		}
		fmt.Printf("%s %.0f | %s | %.0f | %s | %s | **%.2f** | %s |\n", row, fl.RPS(), ms(fl.Pct(0.99)), pg.RPS(), ms(pg.Pct(0.5)), ms(pg.Pct(0.99)), pg.RPS()/fl.RPS(), errs)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rss, _ := srv.rss.max()
	fmt.Printf("\nserver max VmRSS so far: %s\n\n", kb(rss))
	return nil
}

// uncached measures first renders. Pages that take from=/to= get a
// different period range on every request (so no response cache can help);
// the others are requested as they are, so run this mode against a server
// whose response cache is off (-uncached-serve-flags) to measure them.
func uncached(ctx context.Context, o options, srv *server, pages []string) {
	fmt.Printf("## First (uncached) render: %d connections, %d requests per page\n\n", o.uncachedConns, o.uncachedRequests)
	fmt.Println("| page | unique URLs | req/s | p50 | p95 | max | server p50 | server p95 | errors |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	client := newClient(o.uncachedConns)
	var seq atomic.Int64
	for _, uri := range pages {
		sep := "?"
		if strings.Contains(uri, "?") {
			sep = "&"
		}
		variant := func(i int64) string { // 600 distinct period ranges
			from := 1955 + i%60
			return fmt.Sprintf("%s%s%sfrom=%d&to=%d", srv.url, uri, sep, from, from+1+(i/60)%10)
		}
		unique := "yes"
		if probe, err := fetchPage(ctx, srv.url, strings.TrimPrefix(variant(599), srv.url), o); err != nil || probe.status != http.StatusOK {
			unique = "no"
			variant = func(int64) string { return srv.url + uri }
		}
		f, err := fetchPage(ctx, srv.url, uri, o)
		if err != nil || f.skipLoad {
			why := "error"
			if err == nil {
				why = f.skipWhy
			}
			fmt.Printf("| `%s` | | not loaded: %s (%s alone) | | | | | | |\n", uri, why, ms(f.single))
			continue
		}
		per := max(1, o.uncachedRequests/o.uncachedConns)
		from := logSize(srv.log)
		r := load(ctx, client, o.uncachedConns, 10*time.Minute, per, func(int64) string { return variant(seq.Add(1) % 599) })
		errs := ""
		if r.Non2xx+r.Errors > 0 {
			errs = fmt.Sprintf("%d non-2xx, %d socket: %s", r.Non2xx, r.Errors, r.FirstErr)
		}
		sp50, sp95 := "", ""
		if lat := loggedLatencies(srv.log, from); len(lat) > 0 {
			sr := result{Latencies: lat}
			sp50, sp95 = ms(sr.Pct(0.5)), ms(sr.Pct(0.95))
		}
		fmt.Printf("| `%s` | %s | %.0f | %s | %s | %s | %s | %s | %s |\n", uri, unique, r.RPS(), ms(r.Pct(0.5)), ms(r.Pct(0.95)), ms(r.Pct(1)), sp50, sp95, errs)
	}
	rss, _ := srv.rss.max()
	fmt.Printf("\nserver max VmRSS so far: %s\n\n", kb(rss))
}

// logSize is the request log's size now: where the next run's lines start.
func logSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// loggedLatencies reads the server's own latencies of the requests it
// logged from offset on (serve's request log: from echo taking the request
// to the handler's return, the wait for a render slot included, the
// client's and the kernel's scheduling not). Set beside the client's
// numbers, they tell the server's time from the time a saturated 2-core
// machine makes client and server wait for each other.
func loggedLatencies(path string, offset int64) []time.Duration {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil
	}
	var out []time.Duration
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, " msg=request ") {
			continue
		}
		_, after, ok := strings.Cut(line, " latency=")
		if !ok {
			continue
		}
		v, _, _ := strings.Cut(after, " ")
		if d, err := time.ParseDuration(v); err == nil {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// refresh loads mixed pages while the snapshot is re-ingested twice.
func refresh(ctx context.Context, o options, srv *server, bin, data, db string, pages []string) error {
	var mixed []string
	for _, uri := range pages {
		f, err := fetchPage(ctx, srv.url, uri, o)
		if err == nil && !f.skipLoad {
			mixed = append(mixed, srv.url+uri)
		}
	}
	if len(mixed) == 0 {
		return errors.New("refresh: no page to load")
	}
	builtAt := func() string {
		resp, err := http.Get(srv.url + "/readyz")
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		var v struct {
			BuiltAt string `json:"built_at"`
		}
		json.NewDecoder(resp.Body).Decode(&v)
		return v.BuiltAt
	}
	first := builtAt()
	var swaps atomic.Int64
	var ingests []string
	var ingestErr error
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(2)
	ingestsDone := make(chan struct{})
	go func() { // the two re-ingests: at 10% of the run, and after the first at 45% at the earliest
		defer wg.Done()
		defer close(ingestsDone)
		start := time.Now()
		for i, at := range []float64{0.10, 0.45} {
			wait := time.Until(start.Add(time.Duration(float64(o.refreshDuration) * at)))
			select {
			case <-time.After(wait):
			case <-rctx.Done():
				return
			}
			t0 := time.Now()
			if err := ingest(rctx, bin, data, db); err != nil {
				ingestErr = err
				return
			}
			ingests = append(ingests, fmt.Sprintf("re-ingest %d at %s took %s", i+1, t0.Sub(start).Round(time.Second), time.Since(t0).Round(time.Millisecond)))
		}
	}()
	go func() { // swaps as the server reports them
		defer wg.Done()
		last := first
		for rctx.Err() == nil {
			time.Sleep(500 * time.Millisecond)
			if b := builtAt(); b != "" && b != last {
				swaps.Add(1)
				last = b
			}
		}
	}()
	// The load runs for the duration, and on until both re-ingests are done
	// and swapped in (a 10M ingest on 2 busy cores takes longer than 60 s).
	lctx, stopLoad := context.WithCancel(ctx)
	defer stopLoad()
	go func() {
		select {
		case <-time.After(o.refreshDuration):
		case <-ctx.Done():
		}
		select {
		case <-ingestsDone:
		case <-ctx.Done():
		}
		time.Sleep(3 * time.Second) // the last swap happens under load
		stopLoad()
	}()
	client := newClient(o.conns)
	r := load(lctx, client, o.conns, 24*time.Hour, 0, func(i int64) string { return mixed[i%int64(len(mixed))] })
	cancel()
	wg.Wait()
	if ingestErr != nil {
		return ingestErr
	}
	rss, hwm := srv.rss.max()
	fmt.Printf("## Refresh under load: %d connections, %s, %d pages mixed, two re-ingests\n\n", o.conns, r.Elapsed.Round(time.Second), len(mixed))
	fmt.Printf("| requests | req/s | p50 | p99 | non-2xx | socket errors | swaps seen | server max VmRSS | VmHWM |\n|---|---|---|---|---|---|---|---|---|\n")
	fmt.Printf("| %d | %.0f | %s | %s | %d | %d | %d | %s | %s |\n\n", r.Requests, r.RPS(), ms(r.Pct(0.5)), ms(r.Pct(0.99)), r.Non2xx, r.Errors, swaps.Load(), kb(rss), kb(hwm))
	for _, s := range ingests {
		fmt.Println("- " + s)
	}
	if r.FirstErr != "" {
		fmt.Println("- first error:", r.FirstErr)
	}
	fmt.Println()
	return nil
}

// dirSum is a short digest of the regular files directly in dir, names and
// contents.
func dirSum(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, e := range entries { // ReadDir sorts by name
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
