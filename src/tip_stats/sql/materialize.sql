-- Run by build.py after loading: the dashboard reads these tables, computed once per build.
-- latest_figures repeats latest_figures_view's rule on the materialised table to avoid a second pass.
CREATE TABLE chart_points AS SELECT * FROM chart_points_view;
CREATE TABLE latest_figures AS
SELECT *
FROM chart_points
WHERE breakdown_type = 'total'
QUALIFY row_number() OVER (PARTITION BY country, indicator ORDER BY reference_year DESC, unit) = 1;
