package queries

import (
	"container/list"
	"context"
	"database/sql"
	"sync"
)

// seriesStatements bounds a DB's statements of seriesText: a page's text
// depends on its series alone, so a few dozen cover every topic, the
// overview and the briefing of the regions most asked for; others are
// prepared on their first render, which costs what a statement with
// parameters costs on every render (DuckDB plans it again each time).
const seriesStatements = 128

// stmtCache keeps prepared statements by their text, a bounded number,
// least recently used out. A statement in use when it leaves is closed
// once its last user releases it: database/sql refuses a query on a
// closed statement.
type stmtCache struct {
	mu     sync.Mutex
	max    int
	lru    *list.List // of *cachedStmt, most recent first
	byText map[string]*list.Element
}

type cachedStmt struct {
	*sql.Stmt
	text string
	refs int  // callers between get and release
	out  bool // left the cache: close at refs 0
}

func newStmtCache(max int) *stmtCache {
	return &stmtCache{max: max, lru: list.New(), byText: map[string]*list.Element{}}
}

// get returns text's statement, prepared on db if the cache has none;
// release it when its rows are closed.
func (c *stmtCache) get(ctx context.Context, db *sql.DB, text string) (*cachedStmt, error) {
	if s := c.hold(text); s != nil {
		return s, nil
	}
	// Prepared outside the lock: other pages' statements need not wait.
	st, err := db.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if el, ok := c.byText[text]; ok { // prepared twice at once: keep one
		s := c.take(el)
		c.mu.Unlock()
		st.Close()
		return s, nil
	}
	s := &cachedStmt{Stmt: st, text: text, refs: 1}
	c.byText[text] = c.lru.PushFront(s)
	var closing []*sql.Stmt
	for c.lru.Len() > c.max {
		old := c.lru.Remove(c.lru.Back()).(*cachedStmt)
		delete(c.byText, old.text)
		if old.out = true; old.refs == 0 {
			closing = append(closing, old.Stmt)
		}
	}
	c.mu.Unlock()
	for _, st := range closing {
		st.Close()
	}
	return s, nil
}

// hold returns text's cached statement, counted as in use, or nil.
func (c *stmtCache) hold(text string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byText[text]; ok {
		return c.take(el)
	}
	return nil
}

// take counts el's statement as in use; c.mu is held.
func (c *stmtCache) take(el *list.Element) *cachedStmt {
	c.lru.MoveToFront(el)
	s := el.Value.(*cachedStmt)
	s.refs++
	return s
}

func (c *stmtCache) release(s *cachedStmt) {
	c.mu.Lock()
	s.refs--
	closing := s.out && s.refs == 0
	c.mu.Unlock()
	if closing {
		s.Close()
	}
}

// close closes every statement; the DB is closing, nothing is in use.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for el := c.lru.Front(); el != nil; el = el.Next() {
		el.Value.(*cachedStmt).Close()
	}
	c.lru.Init()
	clear(c.byText)
}
