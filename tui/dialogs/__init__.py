"""The reader's modal dialogs, one per file."""
