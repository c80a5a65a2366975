"""The README documents every URL parameter, environment variable and command a user can reach."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tip_stats import cli
from tip_stats.dashboard.content import compare, explorer
from tip_stats.settings import ENV_OVERRIDES, HOME_VARIABLE

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
OPTIONS = pd.DataFrame({"code": ["x"], "category": ["c"]})
SOURCES = pd.DataFrame({"source_id": ["s"]})
PAGE_PARAMETERS = sorted(
    {spec.name for spec in compare.specs(OPTIONS, ["SRB"], [], (1990, 2025))}
    | {spec.name for spec in explorer.specs(["SRB"], OPTIONS, SOURCES, (1990, 2025))}
    | {"present", "embed"}
)


@pytest.mark.parametrize("name", PAGE_PARAMETERS)
def test_every_url_parameter_is_documented(name):
    assert re.search(rf"`{name}=", README), f"URL parameter {name} is not in the README"


@pytest.mark.parametrize("variable", [HOME_VARIABLE, *ENV_OVERRIDES.values()])
def test_every_environment_variable_is_documented(variable):
    assert variable in README


def subcommands() -> list[str]:
    action = next(a for a in cli.parser()._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_command_is_documented(command):
    assert f"tip-stats {command}" in README
