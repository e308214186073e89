"""Dateline's benchmark suite (`make bench`): speed and memory figures (quality on real news: `make eval`, in `bench/realnews`)."""
