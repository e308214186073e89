"""Dateline's benchmark suite (`make bench`): speed and memory figures.

How well coverage intelligence works on real news is `make eval` (`bench/realnews`)."""
