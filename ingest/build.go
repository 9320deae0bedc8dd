package ingest

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed schema.sql
var schemaSQL string

// rowGroupSize is the rows per row group of the snapshot file (DuckDB's
// default is 122,880): see Build.
const rowGroupSize = 16384

// Summary says what a build wrote.
type Summary struct {
	Path    string
	Rows    map[string]int // table -> rows
	Elapsed time.Duration
}

func (s Summary) String() string {
	var parts []string
	for _, t := range []string{"indicators", "regions", "sources", "observations", "periods", "policy_measures"} {
		parts = append(parts, fmt.Sprintf("%s=%d", t, s.Rows[t]))
	}
	return fmt.Sprintf("snapshot %s: %s in %s", s.Path, strings.Join(parts, " "), s.Elapsed.Round(time.Millisecond))
}

// Build validates dir and writes a snapshot to dbPath. The snapshot is built
// in a temporary file beside dbPath and renamed over it only when complete,
// so on any error dbPath is left exactly as it was.
//
// The big observations file is validated in Go while DuckDB bulk-loads the
// same file with read_csv; the load is thrown away unless validation passes
// and both agree on the row count.
func Build(ctx context.Context, dir, dbPath string) (Summary, error) {
	start := time.Now()
	var ps Problems
	ds := load(dir, &ps)
	if ps.full() {
		return Summary{}, &ps
	}
	if ps.err() != nil {
		// The build is lost already; still report the observations' problems,
		// without paying for a load that would be thrown away.
		ds.checkObservations(&ps)
		return Summary{}, &ps
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return Summary{}, err
	}
	removeStaleTemps(dbPath)
	tmp, err := tempPath(dbPath)
	if err != nil {
		return Summary{}, err
	}
	defer removeDB(tmp) // a no-op once renamed

	db, err := sql.Open("duckdb", "")
	if err != nil {
		return Summary{}, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer conn.Close()
	// The file is attached with small row groups: a page reads a few
	// regions, and DuckDB skips row groups by their min/max, so with
	// 16,384 rows a group a chart of ten scattered regions reads about ten
	// groups of that size instead of ten of 122,880 (14 -> 7 ms at 10M).
	attach := fmt.Sprintf("ATTACH '%s' AS snap (ROW_GROUP_SIZE %d); USE snap", strings.ReplaceAll(tmp, "'", "''"), rowGroupSize)
	if _, err := conn.ExecContext(ctx, attach); err != nil {
		return Summary{}, err
	}
	if _, err := conn.ExecContext(ctx, schemaSQL); err != nil {
		return Summary{}, fmt.Errorf("schema: %w", err)
	}

	// The catalogs first: the load numbers each row's series by their ids
	// (observations.series in schema.sql).
	err = conn.Raw(func(dc any) error {
		c := dc.(driver.Conn)
		if err := appendRows(c, "indicators", ds.Indicators, func(i int, r []string) []driver.Value {
			d, _ := strconv.Atoi(r[7])
			return []driver.Value{r[0], r[1], r[2], r[3], r[4], r[5], r[6], int32(d), r[8], r[9], r[10], r[11], r[12], int32(i)}
		}); err != nil {
			return err
		}
		place := ds.regionPlaces()
		if err := appendRows(c, "regions", ds.Regions, func(i int, r []string) []driver.Value {
			return []driver.Value{r[0], r[1], r[2], r[3], r[4], int32(i), int32(place[r[0]])}
		}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	// Two enum types, of the regions by place and of the indicator ids
	// sorted, number a row's region and indicator as it is read
	// (enum_code): as fast as loading without them, where joining ten
	// million rows with the catalogs took 7-19 % longer. Only the load uses
	// them; a row whose region or indicator is not in its file fails the
	// cast, and the check reports it with its line.
	if _, err := conn.ExecContext(ctx, `CREATE TYPE load_region AS ENUM (SELECT id FROM regions ORDER BY place);
		CREATE TYPE load_indicator AS ENUM (SELECT id FROM indicators ORDER BY id)`); err != nil {
		return Summary{}, err
	}

	// A failed check cancels the load: its result would be thrown away.
	// Rows are stored by series, i.e. by region (the named ones first),
	// then indicator: pages show the home region and a few chosen ones, so
	// a page's query reads only those regions' row groups, found by the
	// min/max of the series or of the region (see figures.sql). Within a
	// series by period notation, which for years and months is time
	// order: a page's rows then come as queries sorts them, and it checks
	// that instead of sorting each series (DuckDB's sort is not stable, so
	// by series alone scrambled the years of each).
	loadCtx, cancelLoad := context.WithCancel(ctx)
	defer cancelLoad()
	loaded := make(chan error, 1)
	go func() {
		// period_stated came later: older files leave it out.
		stated, cols := `''`, ""
		if hasHeader(ds.path(observationsFile), observationsFile.header) {
			stated, cols = "coalesce(period_stated, '')", ", 'period_stated': 'VARCHAR'"
		}
		_, err := conn.ExecContext(loadCtx, `INSERT INTO observations
			SELECT indicator, region, period, value, qualifier, status, source, coalesce(note, ''), `+stated+`, true,
			       enum_code(region::load_region)::BIGINT * ? + enum_code(indicator::load_indicator)::BIGINT AS series
			FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
			     columns = {'indicator': 'VARCHAR', 'region': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE',
			                'qualifier': 'VARCHAR', 'status': 'VARCHAR', 'source': 'VARCHAR', 'note': 'VARCHAR'`+cols+`})
			ORDER BY series, period`,
			len(ds.Indicators), ds.path(observationsFile))
		loaded <- err
	}()
	ds.checkObservations(&ps)
	if ps.err() != nil {
		cancelLoad()
	}
	loadErr := <-loaded
	if err := ps.err(); err != nil {
		return Summary{}, err
	}
	if loadErr != nil {
		return Summary{}, fmt.Errorf("loading %s: %w", ds.path(observationsFile), loadErr)
	}
	if _, err := conn.ExecContext(ctx, `DROP TYPE load_region; DROP TYPE load_indicator`); err != nil {
		return Summary{}, err
	}

	rows := map[string]int{}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM observations`).Scan(&n); err != nil {
		return Summary{}, err
	}
	if n != ds.Observations {
		return Summary{}, fmt.Errorf("%s: DuckDB read %d rows where the check read %d; refusing a snapshot the two disagree on", ds.path(observationsFile), n, ds.Observations)
	}
	rows["observations"] = n

	builtAt := time.Now()
	err = conn.Raw(func(dc any) error {
		c := dc.(driver.Conn)
		if err := appendRows(c, "sources", ds.Sources, func(_ int, r []string) []driver.Value {
			var last driver.Value
			if t, _ := PublishedLast(r[4]); !t.IsZero() {
				last = t
			}
			publisherEn := r[3]
			if publisherEn == "" {
				publisherEn = r[2] // the publisher's own name is already English
			}
			return []driver.Value{r[0], r[1], r[2], publisherEn, r[4], last, r[5], r[6], r[7] != "no", r[8] == "yes"}
		}); err != nil {
			return err
		}
		if err := appendRows(c, "policy_measures", ds.Measures, func(i int, r []string) []driver.Value {
			return []driver.Value{int32(i), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]}
		}); err != nil {
			return err
		}
		if err := appendRows(c, "aliases", ds.Aliases, func(_ int, r []string) []driver.Value {
			return []driver.Value{r[0], r[1]}
		}); err != nil {
			return err
		}
		var periods [][]string
		for text := range ds.Periods {
			periods = append(periods, []string{text})
		}
		if err := appendRows(c, "periods", periods, func(_ int, r []string) []driver.Value {
			p := ds.Periods[r[0]]
			return []driver.Value{p.Text, string(p.Freq), p.Start, p.End}
		}); err != nil {
			return err
		}
		if err := ds.appendDefinition(c); err != nil {
			return err
		}
		return appendRows(c, "snapshot", [][]string{nil}, func(int, []string) []driver.Value {
			return []driver.Value{builtAt, int64(n)}
		})
	})
	if err != nil {
		return Summary{}, err
	}
	if err := flagLatest(ctx, conn, ds); err != nil {
		return Summary{}, err
	}
	rows["indicators"], rows["regions"], rows["sources"] = len(ds.Indicators), len(ds.Regions), len(ds.Sources)
	rows["policy_measures"], rows["periods"] = len(ds.Measures), len(ds.Periods)

	if _, err := conn.ExecContext(ctx, `CHECKPOINT snap`); err != nil {
		return Summary{}, err
	}
	conn.Close()
	if err := db.Close(); err != nil {
		return Summary{}, err
	}
	if err := syncFile(tmp); err != nil {
		return Summary{}, err
	}
	if _, err := os.Stat(tmp + ".wal"); err == nil {
		return Summary{}, errors.New("snapshot still has a write-ahead log after CHECKPOINT; refusing to publish it")
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return Summary{}, err
	}
	syncFile(filepath.Dir(dbPath)) // make the rename itself durable; best effort
	return Summary{Path: dbPath, Rows: rows, Elapsed: time.Since(start)}, nil
}

func appendRows(c driver.Conn, table string, recs [][]string, row func(i int, r []string) []driver.Value) error {
	a, err := duckdb.NewAppenderFromConn(c, "", table)
	if err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	for i, r := range recs {
		if err := a.AppendRow(row(i, r)...); err != nil {
			a.Close()
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	if err := a.Close(); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	return nil
}

// hasHeader says whether the file's first line is the full header, optional
// columns included. A file whose header is wrong fails the check anyway.
func hasHeader(path string, header []string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	line = strings.TrimRight(strings.TrimPrefix(line, "\uFEFF"), "\r\n")
	if i := strings.IndexByte(line, '\r'); i >= 0 { // CR-only line ends
		line = line[:i]
	}
	return line == strings.Join(header, ",")
}

// tempPath names a file beside target that no one else uses. The name
// carries this process's id, so a later build can tell a file left by a
// killed build (its process is gone) from one a running build still writes.
func tempPath(target string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s.tmp-%d-%s", target, os.Getpid(), hex.EncodeToString(b[:])), nil
}

// staleAge is when a temp file of the older naming (no process id) counts as
// abandoned: no build runs for an hour.
const staleAge = time.Hour

// removeStaleTemps removes what killed builds left beside target: its
// ".tmp-<pid>-<hex>" files and their ".wal", when that process is gone,
// and ".tmp-<hex>" files of the older naming once an hour old. Nothing else
// is touched: not other targets' files, not names we did not make.
func removeStaleTemps(target string) {
	dir, prefix := filepath.Dir(target), filepath.Base(target)+".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		rest = strings.TrimSuffix(rest, ".wal")
		pid, id, withPID := strings.Cut(rest, "-")
		if !withPID {
			id = rest
		}
		if len(id) != 12 || strings.Trim(id, "0123456789abcdef") != "" {
			continue
		}
		if withPID {
			n, err := strconv.Atoi(pid)
			if err != nil || n <= 0 || processAlive(n) {
				continue
			}
		} else if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAge {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

// processAlive reports whether process pid still exists (signal 0 probes
// without signalling; a process of another user answers EPERM: alive).
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

func removeDB(path string) {
	os.Remove(path)
	os.Remove(path + ".wal")
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// flagLatest stores each figure's latest flag (loaded as true) by the rule of
// ranked_observations as of now, so that current_observations reads it
// without a window per query. Only figures that more than one source gives
// can be superseded; the ranking reads just their indicators and regions
// (row groups of other regions are skipped, see joined_observations).
func flagLatest(ctx context.Context, conn *sql.Conn, ds *Dataset) error {
	if len(ds.VintagedIndicators) == 0 {
		return nil
	}
	_, err := conn.ExecContext(ctx, `UPDATE observations o SET latest = false
		FROM ranked_observations(?, ?, NULL, NULL, NULL) r
		WHERE NOT r.latest AND o.indicator = r.indicator AND o.region = r.region AND o.period = r.period AND o.source = r.source`,
		strings.Join(ds.VintagedIndicators, ","), strings.Join(ds.VintagedRegions, ","))
	if err != nil {
		return fmt.Errorf("flagging the latest vintages: %w", err)
	}
	return nil
}
