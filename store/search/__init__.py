"""Search: event titles, headlines, claims and article bodies, answered by
SQLite FTS5 from the full-text rows the catalog keeps beside the library."""
