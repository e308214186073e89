"""`make eval`: coverage intelligence measured on real news labelled by people.

The development sets live outside the project (`../shared/eval` from the
project root, or `$DATELINE_EVAL`); they are read from there, never copied
in. Where they are absent, `make eval` says so in one line and exits cleanly.
"""
