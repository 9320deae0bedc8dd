package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// MaxProblems caps how many problems one run reports; the rest are counted.
const MaxProblems = 100

// Problem is one thing wrong with the input, at a file and line.
type Problem struct {
	File string // as the user named it, e.g. data/observations.csv
	Line int    // 1-based; 0 when the problem is the file as a whole
	Msg  string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.File + ": " + p.Msg
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// Problems is the error a failed check returns: every problem found, up to
// MaxProblems, one per line as file:line: message.
type Problems struct {
	List      []Problem
	Truncated bool // more problems were found than MaxProblems; checking stopped
}

func (ps *Problems) add(file string, line int, format string, args ...any) {
	if len(ps.List) >= MaxProblems {
		ps.Truncated = true
		return
	}
	ps.List = append(ps.List, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// merge adds extra to the problems from index from on (one file's), in
// line order, and re-applies the cap.
func (ps *Problems) merge(from int, extra []Problem) {
	tail := append(slices.Clone(ps.List[from:]), extra...)
	slices.SortStableFunc(tail, func(a, b Problem) int { return a.Line - b.Line })
	ps.List = append(ps.List[:from], tail...)
	if len(ps.List) > MaxProblems {
		ps.List = ps.List[:MaxProblems]
		ps.Truncated = true
	}
}

func (ps *Problems) full() bool { return len(ps.List) >= MaxProblems }

func (ps *Problems) Error() string {
	var b strings.Builder
	for i, p := range ps.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	if ps.Truncated {
		fmt.Fprintf(&b, "\n… stopped after %d problems: fix these and run again", MaxProblems)
	}
	return b.String()
}

func (ps *Problems) err() error {
	if len(ps.List) == 0 {
		return nil
	}
	return ps
}
