-- The snapshot's schema. ingest is its one owner; queries/ read it.
-- Text columns hold what data/ holds; empty optional text is ''.

CREATE TABLE indicators (
    id            VARCHAR PRIMARY KEY,
    topic         VARCHAR NOT NULL,  -- economy | innovation | clusters | funds | livelihood
    name_zh       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,  -- yi_yuan | percent | count | rank | years
    unit_zh       VARCHAR NOT NULL,
    unit_en       VARCHAR NOT NULL,
    decimals      INTEGER NOT NULL,  -- the most decimals a figure may carry
    definition_zh VARCHAR NOT NULL,
    definition_en VARCHAR NOT NULL,
    note          VARCHAR NOT NULL,
    price_basis   VARCHAR NOT NULL,  -- current | constant | '' (not money, or not stated)
    real_growth   VARCHAR NOT NULL,  -- id of the published real growth of this level, or ''
    ord           INTEGER NOT NULL   -- row order in indicators.csv
);

CREATE TABLE regions (
    id      VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    level   VARCHAR NOT NULL,        -- country | province | city | district
    parent  VARCHAR NOT NULL,        -- '' at the top
    ord     INTEGER NOT NULL,
    -- The region's place in the order observations are stored in (from 0):
    -- first the regions dashboard.yaml names (site.NamedRegions), then the
    -- others, each part by id (byte by byte, as DuckDB sorts). Pages read
    -- the named regions' figures, which then lie in a few row groups side
    -- by side instead of one here and one there among thousands of regions:
    -- at 10M the economy topic's 17 series came back about 10 % sooner
    -- (best of 200: 2.2-2.5 ms against 2.4-3.0).
    place   INTEGER NOT NULL
);

CREATE TABLE sources (
    id             VARCHAR PRIMARY KEY,
    title          VARCHAR NOT NULL,
    publisher      VARCHAR NOT NULL,
    publisher_en   VARCHAR NOT NULL, -- the publisher in English; data/ may leave it empty when publisher is English
    published      VARCHAR NOT NULL, -- as written: YYYY-MM-DD, YYYY-MM, YYYY or ''
    published_last DATE,             -- the last day that 'published' allows; NULL when unknown
    url            VARCHAR NOT NULL,
    note           VARCHAR NOT NULL,
    title_given    BOOLEAN NOT NULL, -- false: title is a description, not a headline; never printed as one
    copy           BOOLEAN NOT NULL  -- url is a copy on another site; publisher is the original's
);

-- One row per distinct period notation used by observations.
CREATE TABLE periods (
    period     VARCHAR PRIMARY KEY,
    freq       VARCHAR NOT NULL,     -- A H Q M C P R (see package period)
    start_date DATE NOT NULL,
    end_date   DATE NOT NULL
);

-- Observations exactly as data/observations.csv holds them, loaded in bulk
-- and stored in series order: by region (regions.place), then indicator.
-- Several rows may share indicator/region/period: they are vintages from
-- different sources. "Latest" is a flag, never a deletion: ingest sets it by
-- the rule of ranked_observations (as of now) once every table is loaded.
CREATE TABLE observations (
    indicator VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    period    VARCHAR NOT NULL,
    value     DOUBLE NOT NULL,
    qualifier VARCHAR NOT NULL,      -- exact | about | more_than | nearly | at_least | at_most
    status    VARCHAR NOT NULL,      -- unknown | preliminary | final | revised | target
    source    VARCHAR NOT NULL,
    note      VARCHAR NOT NULL,
    -- What the source said about the period: '' it stated it; no: it did
    -- not (the period is inferred); recent: an undated recent span; within
    -- N-M years: a target's horizon as published.
    period_stated VARCHAR NOT NULL,
    -- The newest vintage of its indicator/region/period by ranked_observations
    -- with no as_of (see current_observations): set at ingest, since the
    -- snapshot never changes, so a page's query needs no window.
    latest    BOOLEAN NOT NULL,
    -- The indicator and region as one number, set at ingest: the region's
    -- place (regions.place), times the number of indicators, plus the
    -- indicator's place among the indicator ids sorted (from 0, byte by
    -- byte as DuckDB sorts). Rows are stored in this order, so a page that
    -- names its series (figures.sql) has them found by the row groups'
    -- min/max and tested as integers; the region column is sorted within
    -- the named regions and within the others.
    series    BIGINT NOT NULL
);

CREATE TABLE policy_measures (
    ord        INTEGER NOT NULL,
    pillar_zh  VARCHAR NOT NULL,
    pillar_en  VARCHAR NOT NULL,
    measure_zh VARCHAR NOT NULL,
    measure_en VARCHAR NOT NULL,
    amount     VARCHAR NOT NULL,     -- a number, a range "30-70", or ''
    unit_zh    VARCHAR NOT NULL,
    unit_en    VARCHAR NOT NULL,
    qualifier  VARCHAR NOT NULL,     -- exact | about | nearly | at_least | at_most | more_than | range | ''
    source     VARCHAR NOT NULL
);

CREATE TABLE snapshot (
    built_at     TIMESTAMPTZ NOT NULL,
    observations BIGINT NOT NULL
);

-- joined_observations(indicators, regions, from_date, to_date) gives the
-- observations the filters select (indicators, regions: comma-separated
-- ids, '' for all; dates NULL for no bound), joined with their period,
-- source and sort order, and the latest flag ingest stored (stored_latest).
-- Read it through ranked_observations or current_observations.
CREATE MACRO joined_observations(indicator_ids, region_ids, from_date, to_date) AS TABLE
SELECT o.indicator, o.region, o.period, p.freq, p.start_date, p.end_date, o.value,
       o.qualifier, o.status, o.source, o.note, o.period_stated,
       s.title AS source_title, s.publisher AS source_publisher, s.publisher_en AS source_publisher_en,
       s.published AS source_published, s.published_last, s.url AS source_url,
       s.title_given AS source_title_given, s.copy AS source_copy,
       i.ord AS indicator_ord, r.ord AS region_ord, o.latest AS stored_latest
-- The id filters apply to the small tables: DuckDB then pushes the chosen
-- ids into the scan of observations as a dynamic filter, and the row
-- groups' min/max skip the rest (observations are stored by region, then
-- indicator), instead of testing ten million rows.
FROM observations o
JOIN (SELECT * FROM indicators WHERE indicator_ids = '' OR list_contains(string_split(indicator_ids, ','), id)) i ON i.id = o.indicator
JOIN (SELECT * FROM regions WHERE region_ids = '' OR list_contains(string_split(region_ids, ','), id)) r ON r.id = o.region
JOIN periods p ON p.period = o.period
JOIN sources s ON s.id = o.source
WHERE (from_date IS NULL OR p.start_date >= from_date)
  AND (to_date IS NULL OR p.end_date <= to_date);

-- The vintage rule, in one place for every query that reads figures.
-- ranked_observations(indicators, regions, from_date, to_date, as_of) gives
-- joined_observations' rows (without stored_latest), each flagged latest
-- where it is the newest vintage of its indicator/region/period among
-- sources published by as_of: newest publication first, then revised >
-- final > preliminary > unknown, then source id, so the choice is stable.
-- Undated sources count as oldest and never as published by an as_of.
CREATE MACRO ranked_observations(indicator_ids, region_ids, from_date, to_date, as_of) AS TABLE
SELECT * EXCLUDE (stored_latest), row_number() OVER (
           PARTITION BY indicator, region, period
           ORDER BY published_last DESC NULLS LAST,
                    CASE status WHEN 'revised' THEN 4 WHEN 'final' THEN 3 WHEN 'preliminary' THEN 2 ELSE 1 END DESC,
                    source) = 1 AS latest
FROM joined_observations(indicator_ids, region_ids, from_date, to_date)
WHERE as_of IS NULL OR published_last <= as_of;

-- current_observations is ranked_observations as of now (as_of must be
-- NULL): the same columns and rows, with the latest flag that ingest
-- computed by ranked_observations and stored, since the snapshot never
-- changes. A page's query then needs no window: a few milliseconds less
-- each. ingest's tests check that the two agree on every row.
CREATE MACRO current_observations(indicator_ids, region_ids, from_date, to_date, as_of) AS TABLE
SELECT * EXCLUDE (stored_latest), stored_latest AS latest
FROM joined_observations(indicator_ids, region_ids, from_date, to_date)
-- A vintage as of a date is ranked_observations' question: fail, never answer it wrongly.
WHERE CASE WHEN as_of IS NULL THEN true ELSE error('current_observations answers as of now; ask ranked_observations as of a date') END;

-- Other names an office uses for an indicator (data/aliases.csv, optional):
-- import reads tables by them, the figure check reads drafts by them.
CREATE TABLE aliases (
    alias     VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL
);

-- The dashboard definition (data/dashboard.yaml) as checked, in canonical
-- JSON (package site): one row, or none when the data directory has no
-- definition. It travels with the figures it describes, so a server takes
-- up both at once.
CREATE TABLE dashboard_definition (
    definition VARCHAR NOT NULL
);
