package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// csvEvents reads all of in, as readCSV needs it: each record with its
// start line, up to and including the first error.
func csvEvents(in string, ours bool) []string {
	var out []string
	add := func(rec []string, line int, err error) bool {
		if err == io.EOF {
			out = append(out, "EOF")
			return false
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				out = append(out, fmt.Sprintf("error line %d: %v", pe.Line, pe.Err))
			} else {
				out = append(out, "error: "+err.Error())
			}
			return false
		}
		out = append(out, fmt.Sprintf("%d %q", line, rec))
		return true
	}
	if ours {
		r := newCSVReader(bufio.NewReaderSize(strings.NewReader(in), 16))
		for {
			rec, line, err := r.read()
			if !add(rec, line, err) {
				return out
			}
		}
	}
	r := csv.NewReader(bufio.NewReaderSize(strings.NewReader(in), 16))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		line := 0
		if err == nil {
			line, _ = r.FieldPos(0)
		}
		if !add(rec, line, err) {
			return out
		}
	}
}

// TestCSVReaderMatchesEncodingCSV: the fast reader gives what encoding/csv
// gives, record for record, line for line, error for error, on fixed
// tricky inputs and on random text made of the characters that matter.
// The small bufio buffer exercises lines longer than it.
func TestCSVReaderMatchesEncodingCSV(t *testing.T) {
	inputs := []string{
		"", "\n", "a", "a,b\n", "a,b\r\n", "a,b\r", "a,,\n,\n", "\n\na\n\n", "\r\n\r\na\r\n",
		`"a,b",c` + "\n", `"a""b"` + "\n", `"a` + "\n" + `b",c` + "\n" + "d\n", `"a` + "\r\n" + `b"` + "\r\n",
		`a"b` + "\n", `"a"b` + "\n", `"a` + "\n", `"a`, ` "a"` + "\n", `"",""` + "\n", `a,"b` + "\n\n" + `c"`,
		"中文,\"中\"\"文\"\n", strings.Repeat("x", 100) + ",\"" + strings.Repeat("y", 100) + "\"\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", ",", `"`, "\n", "\r", "中", " ", `""`, "\r\n"}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(30); n > 0; n-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	fails := 0
	for _, in := range inputs {
		want, got := csvEvents(in, false), csvEvents(in, true)
		if !slices.Equal(got, want) {
			t.Errorf("input %q:\n got  %q\n want %q", in, got, want)
			if fails++; fails > 10 {
				t.FailNow()
			}
		}
	}
}
