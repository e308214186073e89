"""Every exception Dateline's data layer raises on purpose, in one place.

Each carries a message meant for the user (one line, naming the input and
the reason), so the command line and the reader can show it as it is. A
caller imports the class it catches from here, never from the module that
happens to raise it.
"""

from __future__ import annotations


class StoreError(Exception):
    """A request the store refuses, with a message meant for the user."""


# -- the library's own files -------------------------------------------------


class DamagedFileError(Exception):
    """A store file does not hold a TinyDB document (empty, cut short, garbage)."""


class ForeignFileError(Exception):
    """The file named as a library was never one (no lock, backup or parts
    beside it), so it is left alone rather than moved aside as damaged."""


class UnreadableFileError(StoreError):
    """Why a file the user named cannot be read (the reason alone; callers
    put the file's name and what it was meant to be in front)."""


# -- importing -----------------------------------------------------------------


class NotText(Exception):
    """The file is not text we can read; the message says why, for the user."""


class ParseProblem(Exception):
    """A file or record that cannot be imported; the message is the reason."""

    def __init__(self, reason: str, *, where: str = "", which: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where
        self.which = which


class NotTextField(ValueError):
    """A field that should hold text holds a number, list or object."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class ManifestError(StoreError):
    """A manifest that cannot be used; the whole import stops."""


# -- the network -----------------------------------------------------------------


class FetchError(Exception):
    """A fetch that failed, with a one-line reason meant for the user."""


class FeedError(FetchError):
    """Bytes that are not a feed we can read, with a one-line reason."""


# -- exchange ------------------------------------------------------------------


class BackupError(StoreError):
    """A backup file that cannot be read or restored, with the reason."""


class ClaimsFileError(StoreError):
    """A claims file that cannot be read at all (not JSON, wrong shape)."""
