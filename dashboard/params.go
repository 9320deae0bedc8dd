package dashboard

import (
	"strings"

	"github.com/labstack/echo/v4"

	"districtstats/request"
)

// Twin formats a data page answers in, besides HTML ("").
var twinExts = map[string]bool{"": true, "csv": true, "json": true, "xlsx": true}

// splitExt splits "gdp.csv" into "gdp" and "csv". An unknown extension is a 404.
func splitExt(s string) (string, string, error) {
	base, ext := s, ""
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		base, ext = s[:i], s[i+1:]
	}
	if !twinExts[ext] {
		return "", "", notFound("no %q format: use .csv, .csv?excel=1, .xlsx or .json", ext)
	}
	return base, ext, nil
}

// View is a request's parameters, parsed and checked by package request:
// the one parser pages, twins, the API and the command line share.
type View = *request.Request

// parseView reads the parameters of a surface (request.Data, request.Report
// …), failing with a 400 that names the parameter and what it allows, or
// the unknown parameter. Only ids the snapshot knows get through.
func parseView(c echo.Context, snap *Snapshot, allow []string) (View, error) {
	return request.Parse(c.QueryParams(), allow, known(snap))
}

// known checks ids against the snapshot.
func known(snap *Snapshot) request.Known {
	return request.Known{
		Indicator: func(id string) bool { _, ok := snap.Indicator(id); return ok },
		Region:    func(id string) bool { _, ok := snap.Region(id); return ok },
		Topic: func(id string) bool {
			for i := range snap.Indicators {
				if snap.Indicators[i].Topic == id {
					return true
				}
			}
			return false
		},
		RegionExamples: regionExamples(snap),
	}
}

// regionExamples are the home region and the regions above it: the ids a
// message offers as examples.
func regionExamples(snap *Snapshot) []string {
	var out []string
	for id := snap.Def.Site.HomeRegion; id != "" && len(out) < 3; {
		r, ok := snap.Region(id)
		if !ok {
			break
		}
		out = append(out, id)
		id = r.Parent
	}
	return out
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}
