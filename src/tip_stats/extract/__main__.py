"""``python -m tip_stats.extract``: the extract command on its own, without the dashboard's imports."""

import argparse
import sys

from tip_stats.extract.command import add_arguments, main
from tip_stats.settings import ProjectNotFound

parser = argparse.ArgumentParser(prog="python -m tip_stats.extract", description="Propose candidate figures.")
add_arguments(parser)
try:
    sys.exit(main(parser.parse_args()))
except (FileNotFoundError, ValueError, ProjectNotFound) as err:
    print(f"Error: {err}", file=sys.stderr)
    sys.exit(2)
