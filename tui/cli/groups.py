"""The command groups `dateline` offers, in the order `--help` lists them.

Kept apart from `program` so that opening the reader does not load every
command and its libraries."""

from tui.cli import articles, claims, coverage, events, export, feeds, search

GROUPS = (articles, events, claims, search, coverage, feeds, export)
