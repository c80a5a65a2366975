-- Run by build.py after loading: the dashboard reads these tables, computed once per build.
CREATE TABLE chart_points AS SELECT * FROM chart_points_view ORDER BY indicator, country, reference_year;
CREATE TABLE latest_figures AS SELECT * FROM latest_figures_view ORDER BY country, indicator;
