-- How the figures just written differ from those of the database being replaced, attached as "previous".
-- A figure counts as changed when any of its stored columns differs (compared as JSON, so a column added
-- to the schema shows every figure as changed once, rather than failing).
SELECT
    (SELECT coalesce(list(figure_id ORDER BY figure_id), [])
     FROM figures WHERE figure_id NOT IN (SELECT figure_id FROM previous.figures)) AS added_ids,
    (SELECT coalesce(list(n.figure_id ORDER BY n.figure_id), [])
     FROM figures n JOIN previous.figures o ON o.figure_id = n.figure_id
     WHERE to_json(n) <> to_json(o)) AS changed_ids,
    (SELECT coalesce(list(figure_id ORDER BY figure_id), [])
     FROM previous.figures WHERE figure_id NOT IN (SELECT figure_id FROM figures)) AS removed_ids
