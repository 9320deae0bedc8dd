package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the database/sql driver for snapshots

	"districtstats/admin"
	"districtstats/dashboard"
	"districtstats/ingest"
	"districtstats/queries"
	"districtstats/snapshot"
)

func init() {
	commands["serve"] = command{"serve the dashboard (builds the snapshot first if there is none)", runServe}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	db := fs.String("db", defaultDB, "snapshot file")
	data := fs.String("data", defaultData, "data directory, used when there is no snapshot yet")
	trustProxy := fs.Bool("trust-proxy", false, "take client addresses from X-Forwarded-For (only behind a reverse proxy)")
	frameAncestors := fs.String("frame-ancestors", "'self'", "CSP frame-ancestors for /embed/ pages")
	timeout := fs.Duration("timeout", 10*time.Second, "deadline for each request's queries")
	memory := fs.String("max-memory", "1GB", "DuckDB memory limit")
	threads := fs.Int("threads", 1, "DuckDB threads per query: requests already render side by side, one per -render-slots; with 2 threads each, cold renders at 10M served 12-35% fewer per second (docs/benchmarks-serve.md)")
	baseURL := fs.String("base-url", "", "this server's public address, e.g. https://stats.example.gov.cn, for embed snippets; empty: relative URLs (never taken from the request's Host)")
	cacheBytes := fs.Int64("cache-bytes", 64<<20, "bytes of rendered responses kept for the current snapshot; 0 turns the cache off")
	queryCache := fs.Int64("query-cache-bytes", queries.DefaultResultBytes, "bytes of query results kept per snapshot (figures of a page, whatever its period range or language); 0 turns it off")
	renderSlots := fs.Int("render-slots", 0, "requests rendered at once, the rest wait in line (cached answers never wait): 0 is one per CPU, -1 no limit; on 2 cores this served 20-45% more cold renders at 10M (docs/benchmarks-serve.md). Go gets one processor more than the slots, unless GOMAXPROCS is set")
	warm := fs.Bool("warm", true, "render the overview, topic and indicator pages into the cache at start and after each new snapshot")
	gcPercent := fs.Int("gc-percent", 400, "Go's GC target, as GOGC (which wins when set): a render's garbage dies young and the live heap is small, so collecting less often serves 17-20% more cold renders at 10M (docs/benchmarks-serve.md)")
	heapLimit := fs.Int64("heap-limit-bytes", 0, "soft limit of Go's memory, as GOMEMLIMIT (which wins when set): keeps -gc-percent from growing the process; 0: 128 MiB plus twice the two caches (320 MiB by default), -1: none. DuckDB's memory is -max-memory")
	adminUsers := fs.String("admin-users", "", "users file (districtstats admin adduser): turns on /admin, where signed-in staff upload, preview, publish and restore; off when empty")
	adminState := fs.String("admin-state", defaultAdminState, "directory for /admin's history, audit log and publish lock (share it between servers that share -data)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("%w: -base-url %q: want an absolute http(s) URL without query, like https://stats.example.gov.cn", errUsage, *baseURL)
		}
	}
	if *cacheBytes == 0 {
		*cacheBytes = -1 // dashboard.Config: negative is off, 0 the default
	}
	if *heapLimit == 0 {
		*heapLimit = defaultHeapLimit(*cacheBytes, *queryCache)
	}
	setGC(*gcPercent, *heapLimit)
	*renderSlots = setProcs(*renderSlots)
	log := slog.New(slog.NewTextHandler(stderr, nil))

	if _, err := os.Stat(*db); errors.Is(err, os.ErrNotExist) {
		log.Info("no snapshot yet; building it", "data", *data, "db", *db)
		sum, err := ingest.Build(ctx, *data, *db)
		if err != nil {
			return reportProblems(err, stderr)
		}
		log.Info(sum.String())
	}
	store, err := snapshot.OpenStore(ctx, *db, max(*threads, 1), *memory, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if *queryCache <= 0 {
		*queryCache = -1 // SetQueryCacheBytes: negative is off
	}
	store.SetQueryCacheBytes(*queryCache)
	go store.Watch(ctx, time.Second)

	e, err := dashboard.New(store, dashboard.Config{Log: log, RequestTimeout: *timeout, TrustProxy: *trustProxy, FrameAncestors: *frameAncestors,
		BaseURL: *baseURL, CacheBytes: *cacheBytes, Warm: *warm, RenderSlots: *renderSlots})
	if err != nil {
		return err
	}
	var handler http.Handler = e
	if *adminUsers != "" {
		// /admin lives in front of the public dashboard, which knows nothing
		// of it: without -admin-users no /admin route exists at all.
		adm, err := admin.New(admin.Config{UsersFile: *adminUsers, DataDir: *data, DBPath: *db, StateDir: *adminState, TrustProxy: *trustProxy, Log: log})
		if err != nil {
			return err
		}
		mux := http.NewServeMux()
		mux.Handle("/admin", adm)
		mux.Handle("/admin/", adm)
		mux.Handle("/", e)
		handler = mux
		log.Info("/admin is on", "users", *adminUsers, "state", *adminState)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	log.Info("districtstats is serving; open this URL in a browser", "url", fmt.Sprintf("http://%s/", ln.Addr()))
	fmt.Fprintf(stdout, "http://%s/\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startProcs is the processors Go chose at start: GOMAXPROCS, or the CPUs
// this process may use.
var startProcs = runtime.GOMAXPROCS(0)

// setProcs gives Go one processor more than there are render slots and
// returns the slots (0, one per CPU, made a number). With a processor per
// slot, renders held them all, and the goroutines that read requests,
// answer from the cache and write responses waited behind the renders in
// Go's run queues, which are not first come first served: under load some
// requests waited much longer than others before they even joined the line
// for a slot. With one processor to spare they join it as they arrive, and
// the line is first come first served: at 10M on 2 cores the p95 of cold
// renders of the four slowest pages went from 41-84 ms to 34-51 ms, with
// requests/s the same or 5-20 % lower (docs/benchmarks-serve.md). An
// operator's GOMAXPROCS wins, and slots beyond the CPUs (or none) leave Go
// as it is.
func setProcs(slots int) int {
	if slots == 0 {
		slots = startProcs
	}
	if os.Getenv("GOMAXPROCS") == "" && slots > 0 && slots <= startProcs {
		runtime.GOMAXPROCS(startProcs + 1)
	}
	return slots
}

// defaultHeapLimit leaves room for both caches twice over (a swap holds
// two snapshots' query caches for a moment) and for the requests in
// flight: a limit below the live heap would make the GC run without end.
func defaultHeapLimit(cacheBytes, queryCacheBytes int64) int64 {
	return 128<<20 + 2*(max(cacheBytes, 0)+max(queryCacheBytes, 0))
}

// setGC applies serve's GC settings unless the environment gave them: an
// operator's GOGC or GOMEMLIMIT is the runtime's own and wins.
func setGC(percent int, limit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" && limit > 0 {
		debug.SetMemoryLimit(limit)
	}
}
