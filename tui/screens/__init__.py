"""The reader's screens, one per file."""
