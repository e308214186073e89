"""Dateline's benchmark suite (`make bench`): speed, memory and quality figures."""
