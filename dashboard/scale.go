package dashboard

import (
	"districtstats/queries"
	"fmt"
	"net/url"
	"strconv"

	"districtstats/request"
)

// maxDefaultRegions: a data page without region= shows every region while
// there are at most this many, and the home region alone beyond: with 2,850
// regions "every region" was a 62 MB page. The others are one search away
// (region=).
const maxDefaultRegions = 30

// pageRegions is the regions a data page and its twins show when the URL
// names none; nil means all.
func pageRegions(snap *Snapshot) []string {
	if len(snap.Regions) <= maxDefaultRegions {
		return nil
	}
	return []string{snap.Def.Site.HomeRegion} // the district the dashboard is about
}

// formRegions is what a form offers as region checkboxes: every region, or
// beyond maxDefaultRegions the regions the definition names (home, compare
// region, groups, charts) and those chosen; more counts the rest, which
// the form takes by id in a text field.
func formRegions(snap *Snapshot, chosen []string) (offered []*queries.Region, more int) {
	listed := func(string) bool { return true }
	if len(snap.Regions) > maxDefaultRegions {
		offer := append(snap.Def.NamedRegions(), chosen...)
		listed = func(id string) bool { return oneOf(id, offer) }
	}
	for i := range snap.Regions {
		if r := &snap.Regions[i]; listed(r.ID) {
			offered = append(offered, r)
		} else {
			more++
		}
	}
	return offered, more
}

// vintageRowsPerPage bounds an indicator page's table of every figure: a
// long one pages (page=2 …); the twins carry every row.
const vintageRowsPerPage = 200

// pager is one page of a long table, with links to its neighbours.
type pager struct {
	N, Of      int    // this page, of how many
	from, to   int    // the rows it shows
	Prev, Next string // URLs; "" at either end
}

// tablePage reads page= for a table of n rows, per at a time. A page
// number that is not one of the table's is a 400 that names the range.
func tablePage(p *Page, n, per int) (*pager, error) {
	pg := &pager{N: 1, Of: max(1, (n+per-1)/per)}
	if s := p.Query.Get(request.PageNo); s != "" {
		k, err := strconv.Atoi(s)
		if err != nil || k < 1 || k > pg.Of {
			return nil, badParam(request.PageNo, s, fmt.Sprintf("a page number from 1 to %d", pg.Of))
		}
		pg.N = k
	}
	pg.from, pg.to = (pg.N-1)*per, min(pg.N*per, n)
	link := func(k int) string {
		q := url.Values{}
		for k, v := range p.Query {
			q[k] = v
		}
		if k == 1 {
			q.Del(request.PageNo)
		} else {
			q.Set(request.PageNo, strconv.Itoa(k))
		}
		return withQuery(p.Path, q)
	}
	if pg.N > 1 {
		pg.Prev = link(pg.N - 1)
	}
	if pg.N < pg.Of {
		pg.Next = link(pg.N + 1)
	}
	return pg, nil
}
