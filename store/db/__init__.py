"""Bytes on disk: atomic storages, files and locks, the parts of a library
and which record lives in which, schema migrations, snapshots, and the word
index kept beside a library. The only code that imports TinyDB."""
