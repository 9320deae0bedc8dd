package queries

import (
	"context"
	"database/sql"
)

// Source is one row of sources.csv. Published is as written: YYYY-MM-DD,
// YYYY-MM, YYYY or empty when the source gives no date.
type Source struct {
	ID, Title, Publisher, PublisherEn, Published, URL, Note string
	TitleGiven                                              bool // false: Title is a description, not a headline
	Copy                                                    bool // URL is a copy on another site
	Observations                                            int
}

// Sources returns every source, newest first.
func Sources(ctx context.Context, q Querier) ([]Source, error) {
	var out []Source
	err := each(ctx, q, "sources", func(r *sql.Rows) error {
		var s Source
		err := r.Scan(&s.ID, &s.Title, &s.Publisher, &s.PublisherEn, &s.Published, &s.URL, &s.Note, &s.TitleGiven, &s.Copy, &s.Observations)
		out = append(out, s)
		return err
	})
	return out, err
}
