"""Bytes on disk: atomic storages, files and locks, the parts of a library
and which record lives in which, schema migrations, snapshots, and the
catalog kept beside a library (SQLite, with the full-text index). The only
code that imports TinyDB or SQLite."""
