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
    ord           INTEGER NOT NULL   -- row order in indicators.csv
);

CREATE TABLE regions (
    id      VARCHAR PRIMARY KEY,
    name_zh VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    level   VARCHAR NOT NULL,        -- country | province | city | district
    parent  VARCHAR NOT NULL,        -- '' at the top
    ord     INTEGER NOT NULL
);

CREATE TABLE sources (
    id             VARCHAR PRIMARY KEY,
    title          VARCHAR NOT NULL,
    publisher      VARCHAR NOT NULL,
    publisher_en   VARCHAR NOT NULL, -- the publisher in English; data/ may leave it empty when publisher is English
    published      VARCHAR NOT NULL, -- as written: YYYY-MM-DD, YYYY-MM, YYYY or ''
    published_last DATE,             -- the last day that 'published' allows; NULL when unknown
    url            VARCHAR NOT NULL,
    note           VARCHAR NOT NULL
);

-- One row per distinct period notation used by observations.
CREATE TABLE periods (
    period     VARCHAR PRIMARY KEY,
    freq       VARCHAR NOT NULL,     -- A H Q M C P R (see package period)
    start_date DATE NOT NULL,
    end_date   DATE NOT NULL
);

-- Observations exactly as data/observations.csv holds them, loaded in bulk.
-- Several rows may share indicator/region/period: they are vintages from
-- different sources. "Latest" is a query, never a deletion.
CREATE TABLE observations (
    indicator VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    period    VARCHAR NOT NULL,
    value     DOUBLE NOT NULL,
    qualifier VARCHAR NOT NULL,      -- exact | about | more_than | nearly | at_least | at_most
    status    VARCHAR NOT NULL,      -- unknown | preliminary | final | revised | target
    source    VARCHAR NOT NULL,
    note      VARCHAR NOT NULL
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
