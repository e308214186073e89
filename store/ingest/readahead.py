"""A large import's files, read in another process ahead of storing them.

Reading, decoding and parsing a file needs nothing from the library, and is
about a sixth of a large import's time. A large import hands its files, a
hundred at a time, to a helper process that reads ahead while this one
stores what was read before; what it read comes back in the files' order.

Only faster, never different: every file goes through `read_file`, in the
helper or here, when there is one core, no process can be started, or the
helper died. JSONL files stay here: they are read record by record, as
they are stored, however large.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields
from pathlib import Path

from store.coverage.grouper import as_helper, forking, process_count, start_context
from store.errors import NotText, ParseProblem, UnreadableFileError
from store.ingest.files import JSONL_SUFFIXES, read_file
from store.ingest.parsed import ParsedArticle

MIN_FILES = 2_000
"""Files an import must have before a helper is started: below this, its
start costs about what it spares."""
CHUNK = 100
CHUNK_BYTES = 2 * 1024 * 1024
"""Files per job sent to the helper: this many, or this much (at least one)."""
AHEAD = 160
BYTES_AHEAD = 48 * 1024 * 1024
"""Files read ahead and not yet taken: at most AHEAD jobs and about this
much (the importer's batch), so that the helper keeps reading while a batch
is stored, and memory stays bounded however large the files."""

Outcome = Iterable[ParsedArticle | ParseProblem] | str | None
"""What a file holds (see `read_file`): its articles and problems; None for
a claim export; or a string, why the whole file is skipped."""


def read_outcome(path: Path, credit_hint: str | None) -> Outcome:
    """`read_file`, with a file that cannot be read as the reason why."""
    try:
        return read_file(path, credit_hint)
    except (UnreadableFileError, NotText) as failure:
        return str(failure)


def reads_ahead(path: Path) -> bool:
    """Whether a file of this name may be read ahead (JSONL is read as stored)."""
    return path.suffix.lower() not in JSONL_SUFFIXES


Packed = tuple[str, object]
"""An outcome as it travels: articles as plain tuples (a frozen dataclass
pickles field by field through Python code, several times slower)."""


_FIELDS = tuple(f.name for f in fields(ParsedArticle))


def read_chunk(files: Sequence[tuple[str, str | None]]) -> list[Packed]:
    """In the helper: read these files."""
    return [_packed(read_outcome(Path(name), credit_hint)) for name, credit_hint in files]


def _packed(outcome: Outcome) -> Packed:
    if outcome is None or isinstance(outcome, str):
        return ("whole", outcome)
    items: list[tuple[str, tuple[object, ...]]] = []
    for found in outcome:
        if isinstance(found, ParseProblem):
            items.append(("problem", (found.reason, found.where, found.which)))
        else:
            items.append(("article", tuple(getattr(found, name) for name in _FIELDS)))
    return ("items", items)


def _unpacked(packed: Packed) -> Outcome:
    kind, payload = packed
    if kind == "whole":
        return payload  # type: ignore[return-value]
    found: list[ParsedArticle | ParseProblem] = []
    for item_kind, values in payload:  # type: ignore[attr-defined]
        if item_kind == "article":
            found.append(ParsedArticle(*values))
        else:
            reason, where, which = values
            found.append(ParseProblem(reason, where=where, which=which))
    return found


class ReadAhead:
    """Reads files in a helper process, in the order given, when there are
    enough of them and more than one core; `read` gives each file's outcome."""

    def __init__(self, files: Sequence[tuple[Path, str | None]]) -> None:
        self._files = [(str(path), hint) for path, hint in files if reads_ahead(path)]
        self._sent = 0
        self._jobs: deque[tuple[list[tuple[str, int]], Future[list[Packed]]]] = deque()
        """Jobs sent: the files' names and sizes, and what reads them."""
        self._ready: deque[tuple[str, int, Packed]] = deque()
        self._bytes_ahead = 0
        """The size of the files sent and not taken by `read` yet."""
        self._pool: ProcessPoolExecutor | None = None
        if len(self._files) < MIN_FILES or process_count() == 0:
            return
        context = start_context(preload=(__name__,))
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=as_helper)
            with forking(context):
                self._pool.submit(int)  # the helper starts here, by fork while no other thread runs
        except (OSError, ValueError, ImportError, NotImplementedError, BrokenProcessPool):
            self._pool = None
            return
        self._send()

    @property
    def bytes_ahead(self) -> int:
        """The size of the files sent to the helper and not taken yet."""
        return self._bytes_ahead

    @property
    def running(self) -> bool:
        """Whether files are being read in a helper (False: all is read here)."""
        return self._pool is not None

    def read(self, path: Path, credit_hint: str | None) -> Outcome:
        """What the file holds: as read ahead if it was, else read now."""
        if not self._ready and self._jobs:
            self._take()
        if self._ready and self._ready[0][0] == str(path):
            _, size, packed = self._ready.popleft()
            self._bytes_ahead -= size
            self._send()
            return _unpacked(packed)
        return read_outcome(path, credit_hint)

    def close(self) -> None:
        """Drop what is queued and wait for the helper to end (see
        `Workers.close`: waiting keeps the program's exit quiet)."""
        pool, self._pool = self._pool, None
        self._jobs.clear()
        self._ready.clear()
        self._bytes_ahead = 0
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _send(self) -> None:
        """Send jobs while fewer than AHEAD and BYTES_AHEAD are out."""
        files = self._files
        while (
            self._pool is not None
            and len(self._jobs) < AHEAD
            and self._bytes_ahead < BYTES_AHEAD
            and self._sent < len(files)
        ):
            chunk: list[tuple[str, int]] = []
            chunk_bytes = 0
            while self._sent + len(chunk) < len(files) and len(chunk) < CHUNK and chunk_bytes < CHUNK_BYTES:
                name = files[self._sent + len(chunk)][0]
                chunk.append((name, _size_of(name)))
                chunk_bytes += chunk[-1][1]
            try:
                job = self._pool.submit(read_chunk, files[self._sent : self._sent + len(chunk)])
            except (BrokenProcessPool, RuntimeError):
                self.close()
                return
            self._jobs.append((chunk, job))
            self._sent += len(chunk)
            self._bytes_ahead += chunk_bytes

    def _take(self) -> None:
        """The outcomes of the oldest job, into `_ready`."""
        files, job = self._jobs.popleft()
        try:
            outcomes = job.result()
        except Exception:  # died (killed, out of memory) or failed: read here, where errors show
            self.close()
            return
        self._ready.extend(
            (name, size, outcome) for (name, size), outcome in zip(files, outcomes, strict=True)
        )
        self._send()


def _size_of(name: str) -> int:
    """A file's size as listed (0 if it cannot be told: reading it will say why)."""
    try:
        return os.stat(name).st_size
    except OSError:
        return 0
