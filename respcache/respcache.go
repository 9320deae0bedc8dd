// Package respcache keeps rendered responses in memory. A dashboard response
// is a pure function of the snapshot it reads and the canonical request, and
// a snapshot never changes once open, so a page is rendered once per
// snapshot and then served as stored bytes, already compressed, with an ETag
// that lets clients revalidate for free (304).
//
// The cache is bounded by bytes (least recently used entries go first) and
// forgets everything when a newer version of the data is seen. It stores
// only complete 200 responses to GET of routes the caller marks cacheable;
// errors, streams and everything else pass through untouched.
package respcache

import (
	"bytes"
	"container/list"
	"encoding/hex"
	"hash/fnv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"districtstats/internal/gzipware"
)

// Version names the data a request is answered from.
type Version struct {
	// Seq orders versions within this process: it grows with every swap.
	// A request seeing a larger Seq than the cache holds empties the cache.
	Seq uint64
	// ID names the data across restarts (a snapshot's build time, a hash);
	// it goes into ETags, so a client's ETag never matches other data.
	ID string
}

// Config says what to cache and how much.
type Config struct {
	// MaxBytes bounds the stored bodies, headers and keys together.
	MaxBytes int64
	// MaxEntryBytes bounds one response; a larger one streams through
	// uncached. Default MaxBytes/16.
	MaxEntryBytes int
	// Cacheable says whether a GET/HEAD of this route may be cached (the
	// route is matched already: c.Path() is its pattern).
	Cacheable func(c echo.Context) bool
	// Version returns the data version this request is answered from; the
	// handler must answer from the same version (the dashboard acquires its
	// snapshot here and holds it for the request).
	Version func(c echo.Context) Version
}

// Cache is a bounded store of rendered responses.
type Cache struct {
	cfg Config

	mu       sync.Mutex
	seq      uint64 // version the entries belong to
	bytes    int64
	lru      *list.List // of *entry, most recent first
	entries  map[string]*list.Element
	inflight map[string]chan struct{}
	stats    Stats
}

// Stats counts what the cache did, for tests and load reports.
type Stats struct {
	Hits, Misses, NotModified, Stored, Evicted, Purges int64
	Bytes                                              int64
	Entries                                            int
}

type entry struct {
	key    string
	status int
	header http.Header // what the handler set: Content-Type, Content-Encoding, Vary, …
	body   []byte
	size   int64
}

// New returns an empty cache.
func New(cfg Config) *Cache {
	if cfg.MaxEntryBytes == 0 {
		cfg.MaxEntryBytes = int(cfg.MaxBytes / 16)
	}
	if cfg.Cacheable == nil {
		cfg.Cacheable = func(echo.Context) bool { return true }
	}
	return &Cache{cfg: cfg, lru: list.New(), entries: map[string]*list.Element{}, inflight: map[string]chan struct{}{}}
}

// Stats returns a copy of the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Bytes, s.Entries = c.bytes, len(c.entries)
	return s
}

// Purge forgets every stored response.
func (c *Cache) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.purgeLocked()
}

func (c *Cache) purgeLocked() {
	c.lru.Init()
	clear(c.entries)
	c.bytes = 0
	c.stats.Purges++
}

// maxKeyLen keeps hostile URLs from becoming cache keys.
const maxKeyLen = 2048

// Key is the canonical form of a request: method-independent, the path and
// the query with its parameters sorted by name (each name's values keep
// their order: region=a&region=b draws a before b), and whether the client
// takes gzip (the stored bytes are encoded for it). ok is false for a query
// that does not parse or a key too long to be worth keeping.
func Key(r *http.Request) (key string, ok bool) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", false
	}
	enc := "identity"
	if gzipware.Accepts(r) { // the compression middleware's own rule
		enc = "gzip"
	}
	// The path as sent (escaped): routers match /a%2Fb and /a/b differently.
	key = enc + " " + r.URL.EscapedPath() + "?" + q.Encode()
	return key, len(key) <= maxKeyLen
}

// etag is weak: the gzip and identity bytes are the same representation.
func etag(v Version, key string) string {
	h := fnv.New128a()
	h.Write([]byte(v.ID))
	h.Write([]byte{0})
	h.Write([]byte(key[strings.IndexByte(key, ' ')+1:])) // the encoding is not part of the ETag
	return `W/"` + hex.EncodeToString(h.Sum(nil)) + `"`
}

func matches(ifNoneMatch, tag string) bool {
	for _, t := range strings.Split(ifNoneMatch, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == tag || "W/"+t == tag {
			return true
		}
	}
	return false
}

// Middleware answers cacheable GET/HEAD requests from the cache, and stores
// the handler's complete 200 responses. X-Cache says which: hit or miss. Put it outside the compression
// middleware: it stores the compressed bytes.
func (c *Cache) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(ctx echo.Context) error {
		req := ctx.Request()
		if (req.Method != http.MethodGet && req.Method != http.MethodHead) || !c.cfg.Cacheable(ctx) {
			return next(ctx)
		}
		key, ok := Key(req)
		if !ok {
			return next(ctx)
		}
		v := c.cfg.Version(ctx)
		tag := etag(v, key)
		res := ctx.Response()
		if inm := req.Header.Get("If-None-Match"); inm != "" && matches(inm, tag) {
			// The tag was only ever sent with a 200 for this version and
			// request, and that answer cannot have changed.
			c.count(func(s *Stats) { s.NotModified++ })
			res.Header().Set("ETag", tag)
			res.Header().Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
			return ctx.NoContent(http.StatusNotModified)
		}

		for waited := false; ; waited = true {
			e, wait, current := c.lookup(v.Seq, key, !waited && req.Method == http.MethodGet)
			if e != nil {
				return c.serve(ctx, e, tag)
			}
			if wait != nil {
				// Someone renders this very response now: take theirs.
				select {
				case <-wait:
					continue
				case <-req.Context().Done():
					return req.Context().Err()
				}
			}
			if !current || waited || req.Method == http.MethodHead {
				// An older version, or the render we waited for was not
				// stored: render for this client alone.
				return c.render(ctx, next, v.Seq, key, tag, false)
			}
			return c.render(ctx, next, v.Seq, key, tag, true)
		}
	}
}

// lookup finds key for version seq. When it is missing and claim is true,
// the caller becomes its renderer unless another request already is (then
// wait is that render's end). current is false for a request answered from
// an older version than the cache holds.
func (c *Cache) lookup(seq uint64, key string, claim bool) (e *entry, wait chan struct{}, current bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if seq > c.seq {
		if c.seq != 0 {
			c.purgeLocked()
		}
		c.seq = seq
	}
	if seq < c.seq {
		c.stats.Misses++
		return nil, nil, false
	}
	if el, ok := c.entries[key]; ok {
		c.lru.MoveToFront(el)
		c.stats.Hits++
		return el.Value.(*entry), nil, true
	}
	if ch, ok := c.inflight[key]; ok {
		return nil, ch, true
	}
	c.stats.Misses++
	if claim {
		c.inflight[key] = make(chan struct{})
	}
	return nil, nil, true
}

func (c *Cache) count(f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
}

func (c *Cache) serve(ctx echo.Context, e *entry, tag string) error {
	h := ctx.Response().Header()
	for k, vs := range e.header {
		h[k] = vs
	}
	h.Set("ETag", tag)
	h.Set("X-Cache", "hit")
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(e.body)))
	ctx.Response().WriteHeader(e.status)
	if ctx.Request().Method == http.MethodHead {
		return nil
	}
	_, err := ctx.Response().Write(e.body)
	return err
}

// render runs the handler, sending its response to the client as it comes
// and, when store is set (the caller claimed key), keeping a copy: a
// complete 200 within the size bound is stored.
func (c *Cache) render(ctx echo.Context, next echo.HandlerFunc, seq uint64, key, tag string, store bool) (err error) {
	res := ctx.Response()
	res.Header().Set("X-Cache", "miss") // set before: not stored with the entry
	rec := &recorder{ResponseWriter: res.Writer, limit: c.cfg.MaxEntryBytes, before: map[string]bool{}, tag: tag, keep: store}
	for k := range res.Header() {
		rec.before[k] = true
	}
	res.Writer = rec
	defer func() {
		res.Writer = rec.ResponseWriter
		if store {
			c.finish(seq, key, rec, err)
		}
	}()
	return next(ctx)
}

// finish ends a claimed render: waiters wake, and the response is stored if
// it is complete and still of the current version.
func (c *Cache) finish(seq uint64, key string, rec *recorder, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.inflight[key]; ok {
		close(ch)
		delete(c.inflight, key)
	}
	if err != nil || !rec.keep || rec.status != http.StatusOK || seq != c.seq {
		return
	}
	e := &entry{key: key, status: rec.status, header: rec.header, body: rec.buf.Bytes()}
	e.size = int64(len(e.body) + 2*len(key) + 256)
	for k, vs := range e.header {
		e.size += int64(len(k))
		for _, v := range vs {
			e.size += int64(len(v))
		}
	}
	if e.size > c.cfg.MaxBytes {
		return
	}
	if old, ok := c.entries[key]; ok {
		c.remove(old)
	}
	c.entries[key] = c.lru.PushFront(e)
	c.bytes += e.size
	c.stats.Stored++
	for c.bytes > c.cfg.MaxBytes {
		c.remove(c.lru.Back())
		c.stats.Evicted++
	}
}

func (c *Cache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*entry)
	delete(c.entries, e.key)
	c.bytes -= e.size
}

// recorder passes a response through, tags a 200 with its ETag, and keeps
// a copy of it while keep holds.
type recorder struct {
	http.ResponseWriter
	limit  int
	before map[string]bool // headers set outside the handler (request id, security headers)
	tag    string
	keep   bool // false once the response is larger than limit
	status int
	header http.Header // the handler's headers, as sent
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
		h := r.ResponseWriter.Header()
		if code == http.StatusOK {
			h.Set("ETag", r.tag)
		} else {
			h.Del("ETag")
		}
		if r.keep {
			r.header = http.Header{}
			for k, vs := range h {
				if !r.before[k] && k != "Etag" && k != echo.HeaderContentLength {
					r.header[k] = append([]string(nil), vs...)
				}
			}
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	if r.keep {
		if r.buf.Len()+len(b) > r.limit {
			r.keep = false
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// Flush passes through: writers that stream (CSV, JSON exports) flush as
// they go, and a small answer is kept all the same; a large one is not,
// by MaxEntryBytes.
func (r *recorder) Flush() {
	http.NewResponseController(r.ResponseWriter).Flush()
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
