package queries

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSortFiguresAnyOrder: sortFigures, which sorts runs of one series,
// gives the order of one full comparison of every field whatever order the
// rows come in: as stored (a series' rows together, in period order), with
// the series shuffled, each series' rows shuffled, and one series split
// into runs that do not touch.
// figureRows are n series of years figures each, with two sources in odd
// years, as stored: a series' rows together and in period order; the
// series' place in the filter (indPos) is not their stored order. full is
// the one comparison of every field that sortFigures must agree with.
func figureRows(n, years int) (rows []figure, keys []sortKey, full func(i, j int32) int) {
	cites := []*citation{{id: "a"}, {id: "b"}}
	for s := range n {
		for y := range years {
			for _, c := range cites[:1+y%2] {
				p := &periodSpan{id: fmt.Sprint(2000 + y)}
				rows = append(rows, figure{ord: order{s % 3, s / 3}, citation: c, period: p})
				keys = append(keys, sortKey{indPos: (s % 3) ^ 1, regPos: s / 3, end: int64(y), start: int64(y), dated: c.id == "b", last: int64(y)})
			}
		}
	}
	full = func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		return cmp.Or(cmp.Compare(a.indPos, b.indPos), cmp.Compare(rows[i].ord.indicator, rows[j].ord.indicator),
			cmp.Compare(a.regPos, b.regPos), cmp.Compare(rows[i].ord.region, rows[j].ord.region),
			cmp.Compare(a.end, b.end), cmp.Compare(a.start, b.start), compareBool(a.dated, b.dated), cmp.Compare(a.last, b.last),
			strings.Compare(rows[i].citation.id, rows[j].citation.id), strings.Compare(rows[i].period.id, rows[j].period.id))
	}
	return rows, keys, full
}

func TestSortFiguresAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rows, keys, full := figureRows(6, 8) // 12 rows a series
	stored := make([]int32, len(rows))
	for i := range stored {
		stored[i] = int32(i)
	}
	want := slices.Clone(stored)
	slices.SortFunc(want, full)

	shuffled := slices.Clone(stored)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var blocks [][]int32 // whole series moved, each in period order
	for i := 0; i < len(stored); i += 12 {
		blocks = append(blocks, slices.Clone(stored[i:i+12]))
	}
	r.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
	seriesShuffled := slices.Concat(blocks...)
	split := slices.Concat(stored[6:12], stored[12:36], stored[0:6], stored[36:]) // series 0 in two runs
	for name, in := range map[string][]int32{"stored": stored, "shuffled": shuffled, "series shuffled": seriesShuffled, "split": split} {
		got, _ := sortFigures(slices.Clone(in), nil, rows, keys)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
}

// BenchmarkSortFigures: a region's overview at 10M (38 series of 70 rows,
// 2,660 rows as stored) sorted by runs, and as one sort of every row.
func BenchmarkSortFigures(b *testing.B) {
	rows, keys, _ := figureRows(38, 47) // 70 rows a series
	stored := make([]int32, len(rows))
	for i := range stored {
		stored[i] = int32(i)
	}
	idx, spare := make([]int32, len(rows)), make([]int32, len(rows))
	b.Run("runs", func(b *testing.B) {
		for b.Loop() {
			copy(idx, stored)
			idx, spare = sortFigures(idx, spare, rows, keys)
		}
	})
	// What figuresOf ran before: one sort of every row, field by field,
	// stopping at the first that differs.
	b.Run("rows", func(b *testing.B) {
		bySeries, within := figureOrder(rows, keys)
		for b.Loop() {
			copy(idx, stored)
			slices.SortFunc(idx, func(i, j int32) int {
				if c := bySeries(i, j); c != 0 {
					return c
				}
				return within(i, j)
			})
		}
	})
}
