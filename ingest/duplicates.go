package ingest

import (
	"fmt"
	"math/bits"
	"slices"
)

// obsKey is an observation's identity: indicator, region, period, source,
// each interned to a small number.
type obsKey struct{ ind, reg, per, src int32 }

type keyedLine struct {
	k    obsKey
	line int32
}

type duplicate struct {
	k           obsKey
	line, first int32
}

// findDuplicates finds rows whose key an earlier row already has, in line
// order. It packs key and line into one uint64 and sorts: for a million
// rows that is several times faster than a hash map, whose random probes
// miss the cache on every row. n holds how many distinct values each key
// part has; when they do not fit in 64 bits it falls back to a map.
//
// It also gives the vintaged keys: each indicator/region/period that more
// than one source gives (src left 0), which Build ranks to flag the latest.
func findDuplicates(rows []keyedLine, n [4]int) (dups []duplicate, vintaged []obsKey) {
	var maxLine int32
	for _, r := range rows {
		maxLine = max(maxLine, r.line)
	}
	w := [4]int{bits.Len(uint(n[0])), bits.Len(uint(n[1])), bits.Len(uint(n[2])), bits.Len(uint(n[3]))}
	lineBits := bits.Len(uint(maxLine))
	if w[0]+w[1]+w[2]+w[3]+lineBits > 64 {
		first := make(map[obsKey]int32, len(rows))
		sources := map[obsKey]int32{} // indicator/region/period -> first source; -1 once vintaged
		for _, r := range rows {
			if f, dup := first[r.k]; dup {
				dups = append(dups, duplicate{r.k, r.line, f})
				continue
			}
			first[r.k] = r.line
			g := obsKey{r.k.ind, r.k.reg, r.k.per, 0}
			switch s, ok := sources[g]; {
			case !ok:
				sources[g] = r.k.src
			case s >= 0:
				sources[g] = -1
				vintaged = append(vintaged, g)
			}
		}
		return dups, vintaged
	}
	shift := [4]int{w[1] + w[2] + w[3] + lineBits, w[2] + w[3] + lineBits, w[3] + lineBits, lineBits}
	packed := make([]uint64, len(rows))
	for i, r := range rows {
		packed[i] = uint64(r.k.ind)<<shift[0] | uint64(r.k.reg)<<shift[1] | uint64(r.k.per)<<shift[2] | uint64(r.k.src)<<shift[3] | uint64(r.line)
	}
	slices.Sort(packed) // equal keys end up together, earliest line first
	lineMask := uint64(1)<<lineBits - 1
	part := func(v uint64, i int) int32 { return int32(v >> shift[i] & (1<<w[i] - 1)) }
	var first int32
	for i, v := range packed {
		// Above shift[2]: indicator, region, period; above shift[3]: and source.
		if i > 0 && v>>shift[2] == packed[i-1]>>shift[2] && v>>shift[3] != packed[i-1]>>shift[3] {
			if g := (obsKey{part(v, 0), part(v, 1), part(v, 2), 0}); len(vintaged) == 0 || vintaged[len(vintaged)-1] != g {
				vintaged = append(vintaged, g)
			}
		}
		if i == 0 || v>>lineBits != packed[i-1]>>lineBits {
			first = int32(v & lineMask)
			continue
		}
		dups = append(dups, duplicate{obsKey{part(v, 0), part(v, 1), part(v, 2), part(v, 3)}, int32(v & lineMask), first})
	}
	slices.SortFunc(dups, func(a, b duplicate) int { return int(a.line - b.line) })
	return dups, vintaged
}

// reportDuplicates adds the duplicates to the problems of the file whose
// problems start at index from, keeping that file's problems in line order.
func reportDuplicates(ps *Problems, from int, shown string, dups []duplicate, ind, reg, per, src *interner) {
	if len(dups) == 0 {
		return
	}
	var extra []Problem
	for _, d := range dups {
		extra = append(extra, Problem{File: shown, Line: int(d.line), Msg: fmt.Sprintf(
			"duplicate of line %d: the same indicator, region, period and source (%s, %s, %s, %s)",
			d.first, ind.names[d.k.ind], reg.names[d.k.reg], per.names[d.k.per], src.names[d.k.src])})
		if len(extra) >= MaxProblems {
			break
		}
	}
	ps.merge(from, extra)
}
