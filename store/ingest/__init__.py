"""Bringing articles in: files, folders, globs, JSON records and web pages,
decoded, parsed, given their outlet, stored and grouped into events."""
