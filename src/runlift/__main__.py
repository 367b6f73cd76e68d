"""`python -m runlift`."""

from runlift.cli.main import run

run()
