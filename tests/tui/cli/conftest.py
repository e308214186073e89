"""Fixtures the command-line tests share with the areas whose behaviour
they drive (a local feed server for `dateline feeds` and `refresh`)."""

from tests.feeds.conftest import server

__all__ = ["server"]
