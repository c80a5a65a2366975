-- Run by build.py after loading: the dashboard reads these tables, computed once per build.

-- The authority shown by default for each indicator: the one that covers the most country-years
-- (ties go to the U.S. Department of State, then alphabetically). Other authorities are one click away.
CREATE TABLE default_authorities AS
SELECT indicator, authority
FROM (
    SELECT indicator, authority, count(DISTINCT (country, reference_year)) AS points
    FROM chart_points_view
    WHERE breakdown_type = 'total' AND NOT is_period
    GROUP BY ALL
)
QUALIFY row_number() OVER (
    PARTITION BY indicator ORDER BY points DESC, authority <> 'U.S. Department of State', authority
) = 1;

-- Annual totals where two or more authorities give different numbers for the same country and year.
CREATE TABLE chart_points AS
WITH annual AS (
    SELECT country, indicator, reference_year, unit,
           count(DISTINCT authority) AS authorities_in_point,
           count(DISTINCT value) > 1 AS authorities_disagree
    FROM chart_points_view
    WHERE breakdown_type = 'total' AND NOT is_period
    GROUP BY ALL
)
SELECT p.*,
       coalesce(a.authorities_in_point, 1) AS authorities_in_point,
       coalesce(a.authorities_disagree AND a.authorities_in_point > 1, false) AS authorities_disagree,
       p.authority = d.authority AS is_default_authority
FROM chart_points_view p
LEFT JOIN annual a
    ON p.breakdown_type = 'total' AND NOT p.is_period AND a.country = p.country AND a.indicator = p.indicator
    AND a.reference_year = p.reference_year AND a.unit = p.unit
LEFT JOIN default_authorities d ON d.indicator = p.indicator;

-- The most recent annual total per country and indicator, from the indicator's default authority when it
-- has one for that year (the Overview's headline figures).
CREATE TABLE latest_figures AS
SELECT *
FROM chart_points
WHERE breakdown_type = 'total' AND NOT is_period
QUALIFY row_number() OVER (
    PARTITION BY country, indicator ORDER BY reference_year DESC, is_default_authority DESC, unit, authority
) = 1;
