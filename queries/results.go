package queries

import (
	"container/list"
	"sync"
	"unsafe"
)

// resultCache keeps figures.sql's answers for one snapshot by their
// parameters, least recently used first out, within a byte bound. It is
// what Rill's runtime does with a query key and the data's version: here
// the version is the snapshot itself, since the cache lives and dies with
// its DB. A nil or zero-bound cache keeps nothing.
type resultCache struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	lru      *list.List // of *answer, most recent first
	byKey    map[string]*list.Element
}

// answer is figures.sql's rows for one set of parameters, sorted.
type answer struct {
	key  string
	rows []figure
	size int64
}

func newResultCache(maxBytes int64) *resultCache {
	return &resultCache{maxBytes: maxBytes, lru: list.New(), byKey: map[string]*list.Element{}}
}

func (c *resultCache) get(key string) (*answer, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*answer), true
}

// put keeps a, unless it alone is over an eighth of the bound; older
// answers make room.
func (c *resultCache) put(key string, a *answer) {
	if c == nil {
		return
	}
	a.key, a.size = key, answerSize(key, a)
	c.mu.Lock()
	defer c.mu.Unlock()
	if a.size > c.maxBytes/8 {
		return
	}
	if el, ok := c.byKey[key]; ok { // answered twice at once: keep one
		c.remove(el)
	}
	c.byKey[key] = c.lru.PushFront(a)
	c.bytes += a.size
	for c.bytes > c.maxBytes {
		c.remove(c.lru.Back())
	}
}

func (c *resultCache) remove(el *list.Element) {
	a := c.lru.Remove(el).(*answer)
	delete(c.byKey, a.key)
	c.bytes -= a.size
}

// answerSize estimates the memory an answer holds: each row and the
// strings the driver allocated for it (periods and citations are shared
// with the figure context).
func answerSize(key string, a *answer) int64 {
	n := int64(len(key)) + 128
	for i := range a.rows {
		r := &a.rows[i]
		n += int64(unsafe.Sizeof(*r)) + 6*16 +
			int64(len(r.indicator)+len(r.region)+len(r.qualifier)+len(r.status)+len(r.note)+len(r.periodStated))
	}
	return n
}

// cachedBytes is what the result cache holds now (for tests).
func (c *resultCache) cachedBytes() int64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
