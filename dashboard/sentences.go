package dashboard

import (
	"districtstats/press"
	"districtstats/queries"
)

// sentencesFor writes each observation as a ready zh and en sentence with
// its citation, for the "sentences" partial (templates/common/sentence.html).
// Observations whose indicator or region the snapshot does not know are
// skipped rather than written with a blank name.
func (s *Server) sentencesFor(snap *Snapshot, obs []queries.Observation) []press.Pair {
	var out []press.Pair
	for _, o := range obs {
		if f, ok := figureOf(snap, o); ok {
			out = append(out, press.Sentences(f))
		}
	}
	return out
}

// figureOf joins an observation with its indicator and region names.
func figureOf(snap *Snapshot, o queries.Observation) (press.Figure, bool) {
	ind, ok := snap.Indicator(o.Indicator)
	if !ok {
		return press.Figure{}, false
	}
	reg, ok := snap.Region(o.Region)
	if !ok {
		return press.Figure{}, false
	}
	return press.Figure{Obs: o, Indicator: *ind, Region: *reg}, true
}

// measureSentencesFor writes policy measures that name an amount as ready
// sentences ("…最高60万元/人。" / "…: up to 600,000 yuan per person."),
// for the same partial. Measures without an amount or a known source are
// skipped.
func (s *Server) measureSentencesFor(snap *Snapshot, ms []queries.PolicyMeasure) []press.Pair {
	var out []press.Pair
	for _, m := range ms {
		src, ok := snap.Source(m.Source)
		if !ok {
			continue
		}
		if p, ok := press.Measure(m, press.CiteOf(src)); ok {
			out = append(out, p)
		}
	}
	return out
}
