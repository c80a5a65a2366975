-- Tables and views of the tip-stats database. build.py runs this file on an empty database.

CREATE TABLE countries (
    code        VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    valid_from  INTEGER,
    valid_to    INTEGER,
    notes       VARCHAR
);

CREATE TABLE indicators (
    code        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    definition  VARCHAR NOT NULL,
    additive    BOOLEAN NOT NULL
);

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY,
    publisher   VARCHAR NOT NULL,
    authority   VARCHAR NOT NULL,   -- the body that counted; the publisher may only have printed it
    title       VARCHAR NOT NULL,
    published   VARCHAR,
    document    VARCHAR,
    url         VARCHAR,
    notes       VARCHAR
);

CREATE TABLE figures (
    figure_id       VARCHAR PRIMARY KEY,
    country         VARCHAR NOT NULL REFERENCES countries (code),
    indicator       VARCHAR NOT NULL REFERENCES indicators (code),
    reference_year  INTEGER,
    period_start    VARCHAR,
    period_end      VARCHAR,
    value           DOUBLE NOT NULL,
    value_high      DOUBLE,
    unit            VARCHAR NOT NULL,
    qualifier       VARCHAR NOT NULL,
    breakdown_type  VARCHAR NOT NULL,
    breakdown       VARCHAR,
    source_id       VARCHAR NOT NULL REFERENCES sources (source_id),
    quote           VARCHAR NOT NULL,
    quote_lang      VARCHAR NOT NULL,
    quote_en        VARCHAR,          -- our own English translation when the quote is not in English
    notes           VARCHAR,
    supersedes      VARCHAR
);

-- Third-party context series (World Bank), never mixed with quoted figures.
CREATE TABLE context_series (
    country             VARCHAR NOT NULL REFERENCES countries (code),
    indicator           VARCHAR NOT NULL,
    year                INTEGER NOT NULL,
    value               DOUBLE NOT NULL,
    unit                VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    source_series_code  VARCHAR,
    PRIMARY KEY (country, indicator, year)
);

-- Our own notes on the context series: method breaks and caveats that must travel with the data.
CREATE TABLE context_caveats (
    country    VARCHAR NOT NULL,
    indicator  VARCHAR NOT NULL,   -- '*' applies to every context indicator of the country
    year       INTEGER,
    kind       VARCHAR NOT NULL,   -- 'break' (drawn on charts) or 'note'
    note       VARCHAR NOT NULL
);

CREATE TABLE build_info (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

-- The data changelog: one row per build, how its figures differ from the database it replaced.
-- Each build copies the earlier rows from that database, so the table tells how the dataset evolved.
CREATE TABLE build_changelog (
    built_at          TIMESTAMP NOT NULL,   -- UTC
    figures           INTEGER NOT NULL,
    added             INTEGER NOT NULL,
    changed           INTEGER NOT NULL,
    removed           INTEGER NOT NULL,
    added_ids         VARCHAR[] NOT NULL,
    changed_ids       VARCHAR[] NOT NULL,
    removed_ids       VARCHAR[] NOT NULL,
    removals_allowed  BOOLEAN NOT NULL,     -- removals happen only with `tip-stats build --allow-removals`
    note              VARCHAR               -- e.g. first build, or an unreadable previous database replaced
);

-- Every figure with the names and citation a reader needs next to it.
CREATE VIEW figure_details AS
WITH revisions AS (
    SELECT supersedes AS revised_id, string_agg(figure_id, ', ' ORDER BY figure_id) AS revised_by
    FROM figures
    WHERE supersedes IS NOT NULL
    GROUP BY supersedes
)
SELECT
    f.*,
    c.name AS country_name,
    c.kind AS country_kind,
    i.label AS indicator_label,
    i.category,
    i.unit AS indicator_unit,
    s.publisher,
    s.authority,
    s.title AS source_title,
    s.published,
    s.url AS source_url,
    s.document,
    r.revised_by
FROM figures f
JOIN countries c ON c.code = f.country
JOIN indicators i ON i.code = f.indicator
JOIN sources s ON s.source_id = f.source_id
LEFT JOIN revisions r ON r.revised_id = f.figure_id;

-- One plotted point per country, indicator, year, breakdown, unit, period and AUTHORITY: within one
-- authority the newest source wins (a revision replaces the number it revises), then an exact figure
-- over an approximate one, and the others travel along as "also reported". Different authorities
-- are never merged: each keeps its own point. build.py materialises this as chart_points.
CREATE VIEW chart_points_view AS
WITH ranked AS (
    SELECT
        d.*,
        coalesce(d.breakdown, '') AS breakdown_key,
        (d.period_start IS NOT NULL OR d.period_end IS NOT NULL) AS is_period,
        row_number() OVER point_order AS rank_in_point,
        count(*) OVER point AS figures_in_point
    FROM figure_details d
    WHERE d.reference_year IS NOT NULL
    WINDOW
        point AS (PARTITION BY country, indicator, reference_year, breakdown_type, coalesce(breakdown, ''), unit,
                  authority, coalesce(period_start, ''), coalesce(period_end, '')),
        point_order AS (PARTITION BY country, indicator, reference_year, breakdown_type, coalesce(breakdown, ''), unit,
                        authority, coalesce(period_start, ''), coalesce(period_end, '')
                        ORDER BY published DESC NULLS LAST, (qualifier = 'exact') DESC, figure_id)
),
others AS (
    SELECT
        country, indicator, reference_year, breakdown_type, breakdown_key, unit, authority,
        coalesce(period_start, '') AS period_start_key, coalesce(period_end, '') AS period_end_key,
        string_agg(
            CAST(value AS VARCHAR) || CASE WHEN qualifier <> 'exact' THEN ' (' || qualifier || ')' ELSE '' END
            || ' - ' || publisher || ', ' || coalesce(published, 'undated'),
            '; ' ORDER BY rank_in_point
        ) AS also_reported
    FROM ranked
    WHERE figures_in_point > 1 AND rank_in_point > 1
    GROUP BY ALL
)
SELECT r.* EXCLUDE (rank_in_point, breakdown_key), o.also_reported
FROM ranked r
LEFT JOIN others o
    ON o.country = r.country AND o.indicator = r.indicator AND o.reference_year = r.reference_year
    AND o.breakdown_type = r.breakdown_type AND o.breakdown_key = r.breakdown_key AND o.unit = r.unit
    AND o.authority = r.authority AND o.period_start_key = coalesce(r.period_start, '')
    AND o.period_end_key = coalesce(r.period_end, '')
WHERE r.rank_in_point = 1;
