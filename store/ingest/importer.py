"""Import articles from files, folders, globs and web pages into the library.

Every input is untrusted: each file is read once and parsed by its format
(`store.ingest.files`). A bad file or record becomes one entry in
`ImportReport.skipped` and the rest goes on; nothing raises except a bad
manifest, which stops the whole import before anything is stored.

The outlet of an article is, in order: `outlet=` (the `--outlet` flag), the
manifest's entry for the file, the record's own `outlet`, else unnamed (the
library makes a placeholder the user renames later).

An article's id hashes its outlet, so the same text imported once without an
outlet and once with one would be two articles. It is one: the second import
finds the first (`_SameText`) and counts it as already there, and the stored
article keeps its id and outlet; when the second import named an outlet, a
warning says where the article is and how to name its outlet. The same text
from two named outlets stays two articles (a wire story run by both).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import glob
import importlib
import itertools
import os
import re
import shlex
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.coverage.grouping import LEAD_PARAGRAPHS, Placing, group_articles, start_grouping, ungrouped
from store.errors import ManifestError, ParseProblem, StoreError
from store.exchange.claims_import import (
    ClaimImportReport,
    import_claims,
)
from store.ingest.files import JSON_SUFFIXES
from store.ingest.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from store.ingest.parsed import ParsedArticle
from store.ingest.planning import ImportPlanner
from store.ingest.readahead import ReadAhead
from store.library import Library
from store.model import Article, ArticleDraft, article_id_for
from store.text.clean import clean_line

BATCH_SIZE = 20_000
BATCH_BYTES = 48 * 1024 * 1024
"""Drafts stored per `add_articles` call: at most this many, or this much
text. Each call rewrites every part it touches, so few calls; and no more
than this in hand, so memory stays bounded however large the import."""
PROGRESS_EVERY = 250
"""Inputs read between progress reports (besides one after each batch)."""
IMPORTABLE_SUFFIXES = frozenset({".txt", ".text", ".json", ".jsonl", ".ndjson"})
"""What a folder walk picks up; a file named on the command line is read whatever its name."""
_GLOB_CHARS = frozenset("*?[")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")

ProgressCallback = Callable[[int, int], None]
"""Called with (inputs done, inputs in all) as the import goes, and at the end."""


@dataclass
class ImportReport:
    """What an import did. `skipped` pairs an input (file, `file:line`, URL)
    with the reason; `warnings` are whole lines about articles that imported."""

    imported: int = 0
    duplicates: int = 0
    claims_placed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Input:
    label: str
    path: Path | None = None
    url: str | None = None
    entry: ManifestEntry | None = None
    """What the manifest says of the file, if anything."""


def import_paths(
    library: Library,
    paths: Sequence[str],
    *,
    outlet: str | None = None,
    manifest: str | Path | None = None,
    on_progress: ProgressCallback | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportReport:
    """Import files, folders (recursively), glob patterns and http(s) URLs.

    `on_progress` is called every `progress_every` inputs, after each batch
    stored and at the end; an exception it raises stops the import (what
    was stored by then is grouped and kept), as the reader's cancel does.

    Raises `ManifestError` (a `StoreError`) if the manifest, named or found
    beside the files, is unusable; then nothing is imported.
    """
    report = ImportReport()
    chosen = Manifest.load(Path(manifest).expanduser()) if manifest else None
    outlet = clean_line(outlet) or None if outlet else None
    inputs = _expand(paths, chosen, report, _library_files(library))
    planner = ImportPlanner(expected=len(inputs))  # first: its process is forked before the reader's
    batch = _Batch(library, report, planner)
    claim_exports: list[_Input] = []
    try:
        _store_inputs(inputs, batch, outlet, report, claim_exports, on_progress, progress_every)
    finally:
        # Even when interrupted, what was stored gets its events.
        try:
            if batch.to_group:
                group_articles(library, list(batch.to_group), leads=batch.leads, planner=planner.plan)
        finally:
            planner.close()
    # Claims go in after articles, so an export can come with its articles.
    for item in claim_exports:
        _claims_from_file(library, item, report)
    if on_progress:
        on_progress(len(inputs), len(inputs))
    return report


def _store_inputs(
    inputs: Sequence[_Input],
    batch: _Batch,
    outlet: str | None,
    report: ImportReport,
    claim_exports: list[_Input],
    on_progress: ProgressCallback | None,
    progress_every: int,
) -> None:
    """Read every input and store its articles, a batch at a time; claim
    exports are set aside in `claim_exports`."""
    ahead = ReadAhead([(i.path, i.entry.credit if i.entry else None) for i in inputs if i.path is not None])
    try:
        for done, item in enumerate(inputs, start=1):
            stored = False
            if item.url is not None:
                batch.extend(_from_url(item.url, outlet, report))
            else:
                # A JSONL file of any size comes record by record: stored a batch at a time.
                for part in _parts(_from_file(item, outlet, report, claim_exports, ahead), BATCH_SIZE):
                    batch.extend(part)
                    if batch.full:
                        batch.flush()
                        stored = True
            if batch.full:
                batch.flush()
                stored = True
            if on_progress and (stored or done % max(1, progress_every) == 0):
                on_progress(done, len(inputs))
        batch.finish()
    finally:
        ahead.close()


NAMED_UNPLACED = 5
"""Claims a partial placement names in its summary line (each has its own line too)."""


def _claims_from_file(library: Library, item: _Input, report: ImportReport) -> None:
    assert item.path is not None
    try:
        result = import_claims(library, item.path)
    except StoreError as failure:
        report.skipped.append((item.label, str(failure)))
        return
    report.claims_placed += len(result.placed)
    report.skipped.extend((f"{item.label}: claim {what}", reason) for what, reason in result.unplaced)
    report.warnings.extend(result.warnings)
    if result.unplaced:
        report.warnings.append(f"{item.label}: {_placement_summary(result)}")


def _placement_summary(result: ClaimImportReport) -> str:
    """How many of a file's claims were placed, and which were not (the
    reason for each is on its own line)."""
    unplaced = [what for what, _ in result.unplaced]
    total = len(result.placed) + len(result.already_present) + len(unplaced)
    named = ", ".join(unplaced[:NAMED_UNPLACED])
    if len(unplaced) > NAMED_UNPLACED:
        named += f" and {len(unplaced) - NAMED_UNPLACED} more"
    already = f" ({len(result.already_present)} already there)" if result.already_present else ""
    return f"placed {len(result.placed)} of {total} claims{already}; not placed: {named}"


# -- finding the files -------------------------------------------------------


def _library_files(library: Library) -> frozenset[str]:
    """The library's own files and parts folder (real paths), which a walk
    over the folder that holds the library must not read as articles."""
    if library.path is None:
        return frozenset()
    main = os.path.realpath(library.path)
    return frozenset(main + suffix for suffix in ("", ".bak", ".lock", ".parts"))


def _expand(
    args: Sequence[str], chosen: Manifest | None, report: ImportReport, own: frozenset[str] = frozenset()
) -> list[_Input]:
    """Every file to read, in a stable order, each once, with its manifest
    (never the library's own files, `own`)."""
    inputs: list[_Input] = []
    seen: set[str] = set()
    beside: dict[str, Manifest | ManifestError | None] = {}
    told: set[str] = set()
    real_folders: dict[str, str] = {}

    def real(path: str) -> str:
        """`os.path.realpath(path)`, resolving each folder once: a path in a
        real folder that is no link itself is that folder and its name (a
        realpath per file cost seconds for an import of 50,000 files)."""
        folder, name = os.path.split(os.path.abspath(path))
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        return os.path.realpath(path) if os.path.islink(path) else os.path.join(real_folders[folder], name)

    def manifest_in(folder: str) -> Manifest | ManifestError | None:
        """The `manifest.json` in this folder, if there is one; an unusable
        one as its error, raised only for a file that would use it."""
        if folder not in beside:
            candidate = os.path.join(folder, MANIFEST_NAME)
            try:
                beside[folder] = Manifest.load(Path(candidate)) if os.path.isfile(candidate) else None
            except ManifestError as failure:
                beside[folder] = failure
        return beside[folder]

    def usable(manifest: Manifest | ManifestError | None, name: str) -> Manifest | None:
        """A manifest beside a file, for that file. An unusable one stops the
        import (a typo there would file articles under the wrong outlet),
        except for JSON and JSONL files, whose records name their outlet:
        they import without it, and a warning says so once."""
        if not isinstance(manifest, ManifestError):
            return manifest
        if os.path.splitext(name)[1].lower() not in JSON_SUFFIXES:
            raise manifest
        if str(manifest) not in told:
            told.add(str(manifest))
            report.warnings.append(f"{manifest}; the JSON and JSONL files beside it import without it")
        return None

    def add_file(name: str, *, named: bool, manifest: Manifest | ManifestError | None = None) -> None:
        absolute = os.path.abspath(name)
        if absolute in seen:
            return
        seen.add(absolute)
        resolved = real(absolute)
        if resolved in own or os.path.dirname(resolved) in own:
            if named:
                report.skipped.append((name, "this is the library's own file, not an article"))
            return
        if os.path.basename(name) == MANIFEST_NAME:
            if named and (chosen is None or absolute != os.path.abspath(chosen.path)):
                report.skipped.append((name, "this is a manifest; pass it with --manifest"))
            return
        if chosen is not None:
            manifest = chosen
        elif manifest is None:
            manifest = manifest_in(os.path.dirname(absolute))
        path, found = Path(name), usable(manifest, name)
        inputs.append(_Input(label=name, path=path, entry=found.entry_for(path) if found else None))

    def walk(folder: str) -> None:
        """Files under `folder`; each uses the nearest manifest.json at or
        above its own folder, up to `folder`."""
        found = ignored = 0
        inherited: dict[str, Manifest | ManifestError | None] = {}

        def unreadable(failure: OSError) -> None:
            report.skipped.append((str(failure.filename or folder), f"cannot read it ({failure.strerror})"))

        for root, dirs, files in os.walk(folder, onerror=unreadable):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in own
            )
            manifest: Manifest | ManifestError | None = None
            if chosen is None:
                manifest = manifest_in(os.path.abspath(root)) or inherited.get(os.path.dirname(root))
                inherited[root] = manifest
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                path = os.path.join(root, name)
                if real(path) in own:
                    continue
                if os.path.splitext(name)[1].lower() in IMPORTABLE_SUFFIXES:
                    add_file(path, named=False, manifest=manifest)
                    found += 1
                else:
                    ignored += 1
        if not found:
            report.skipped.append((folder, "no .txt, .json or .jsonl files in this folder"))
        elif ignored:
            counted = "1 file that is" if ignored == 1 else f"{ignored} files that are"
            report.warnings.append(f"{folder}: ignored {counted} not .txt, .json or .jsonl")

    for arg in args:
        if arg.startswith(("http://", "https://")):
            inputs.append(_Input(label=arg, url=arg))
            continue
        name = os.path.expanduser(arg)
        if os.path.isdir(name):
            walk(name)
        elif os.path.exists(name):
            add_file(name, named=True)
        elif _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                report.skipped.append((arg, "no files match this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    walk(match)
                else:
                    add_file(match, named=False)
        else:
            report.skipped.append((arg, "no such file or folder"))
    return inputs


# -- reading one input -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pending:
    """A draft waiting to be stored, with what messages about it need."""

    draft: ArticleDraft
    warning: str | None
    """Shown if the article turns out to be new."""
    where: str
    """The input (and record) it came from, as messages name it."""
    record_id: str | None = None
    """The record's own `id`, when it has one."""


def _from_file(
    item: _Input, outlet: str | None, report: ImportReport, claim_exports: list[_Input], ahead: ReadAhead
) -> Iterator[_Pending]:
    """The articles of one file, as they are read (a JSONL file line by line).
    One of our claim exports goes to `claim_exports` instead."""
    assert item.path is not None
    label, entry = item.label, item.entry
    found = ahead.read(item.path, entry.credit if entry else None)
    if isinstance(found, str):
        report.skipped.append((label, found))
        return
    if found is None:
        claim_exports.append(item)
        return
    source = os.path.abspath(item.path)
    for parsed in found:
        if isinstance(parsed, ParseProblem):
            report.skipped.append((label + parsed.where, parsed.reason))
        else:
            yield _draft(parsed, label, source, outlet, entry)


def _parts(items: Iterable[_Pending], size: int) -> Iterator[list[_Pending]]:
    """`items` in lists of at most `size`."""
    iterator = iter(items)
    while part := list(itertools.islice(iterator, size)):
        yield part


def _draft(
    parsed: ParsedArticle, label: str, source: str, outlet: str | None, entry: ManifestEntry | None
) -> _Pending:
    date, problem = parse_date(parsed.date_text)
    where = label + parsed.where + (f": {parsed.which}" if parsed.which else "")
    warning = f"{where}: {problem}; imported with date unknown" if problem else None
    outlet_name = outlet or (entry.outlet if entry else None) or parsed.outlet
    draft = ArticleDraft(
        headline=parsed.headline,
        paragraphs=parsed.paragraphs,
        date=date,
        outlet_name=outlet_name,
        credit=parsed.credit or (entry.credit if entry else None),
        url=parsed.url or (entry.url if entry else None),
        source=source,
        lang=parsed.lang or (entry.lang if entry else None),
        id=record_article_id(outlet_name, parsed.id) if parsed.id else None,
        captions=parsed.captions,
    )
    return _Pending(draft, warning, where, parsed.id)


def record_article_id(outlet_name: str | None, record_id: str) -> str:
    """The article id for a record that carries its own `id`.

    The record's id is the source's, not ours: it may collide with another
    source's "1", hold a "/" or name one shard for every article. Hashed
    with the outlet, it stays stable (re-importing the record is a no-op)
    and looks like every other article id.
    """
    return article_id_for((outlet_name or "").casefold(), f"record-id:{record_id}", ())


def parse_date(text: str | None) -> tuple[dt.date | None, str | None]:
    """A date as written (ISO 8601, or RFC 2822 as feeds write it), or None
    and what is wrong with it. Dates no story can have (before 1800, or days
    ahead) count as unknown too, as they do for feeds."""
    if not text:
        return None, "no date"
    shown = text if len(text) <= 40 else text[:40] + "…"
    found = _ISO_DATE.match(text)
    try:
        date = dt.date(*map(int, found.groups())) if found else email.utils.parsedate_to_datetime(text).date()
    except (ValueError, TypeError, IndexError):
        return None, f'date "{shown}" is not a real date'
    from store.feeds.feedparse import plausible_date

    if plausible_date(date) is None:
        return None, f'date "{shown}" is not a plausible date for a story'
    return date, None


def _from_url(url: str, outlet: str | None, report: ImportReport) -> list[_Pending]:
    """A web page, through `store.webpage` when it is installed."""
    try:
        webpage = importlib.import_module("store.feeds.webpage")
    except ImportError:
        report.skipped.append((url, "web import is not available"))
        return []
    try:
        fetched = webpage.fetch_article(url)
    except Exception as failure:  # untrusted network and HTML: any failure is this page's problem
        report.skipped.append((url, str(failure) or type(failure).__name__))
        return []
    paragraphs = tuple(p for p in (clean_line(p) for p in fetched.paragraphs) if p)
    headline = clean_line(fetched.headline)
    if not paragraphs or not headline:
        report.skipped.append((url, "no article text found on the page"))
        return []
    draft = dataclasses.replace(
        fetched,
        headline=headline,
        paragraphs=paragraphs,
        outlet_name=outlet or fetched.outlet_name,
        url=fetched.url or url,
    )
    warning = None if draft.date else f"{url}: no date; imported with date unknown"
    return [_Pending(draft, warning, url)]


# -- storing -----------------------------------------------------------------


_Text = tuple[str, tuple[str, ...], dt.date | None]
"""What makes two copies one article whatever their outlets: headline, body, date."""


class _SameText:
    """Finds the stored article that a draft is another copy of, when their
    ids differ only because one of the two had no outlet.

    A named draft can only repeat an article stored under a placeholder
    outlet, whose id is known from the text alone. A draft with no outlet
    can repeat one stored under any outlet; those are found by headline,
    in an index made on first need (~0.3 s at 50,000 articles) and kept
    up to date as this import stores articles.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._by_headline: dict[str, list[str]] | None = None

    def copy_of(self, item: _Pending) -> Article | None:
        """The stored article `item` repeats under another outlet, if any."""
        draft, library = item.draft, self.library
        unnamed = self._unnamed_id(item)
        if draft.outlet_name:
            found = library.article(unnamed) if unnamed is not None else None
            if found is None or not self._same(found, draft):
                return None
            placeholder, wanted = library.outlet(found.outlet_id), library.find_outlet(draft.outlet_name)
            if (
                placeholder is None
                or placeholder.named
                or (wanted is not None and wanted.id == placeholder.id)
            ):
                return None  # a renamed placeholder is a named outlet; the same one is a plain re-import
            return found
        if unnamed is not None and library.article(unnamed) is not None:
            return None  # stored under its own placeholder: a plain re-import
        for article_id in self._headlines().get(draft.headline, ()):
            found = library.article(article_id)
            if found is not None and self._same(found, draft):
                return found
        return None

    def stored(self, articles: Iterable[Article]) -> None:
        """Articles this import has just stored."""
        if self._by_headline is not None:
            for article in articles:
                self._by_headline.setdefault(article.headline, []).append(article.id)

    def _unnamed_id(self, item: _Pending) -> str | None:
        """The id the draft's article has when its outlet is not known; None
        where no such article can be stored, as its placeholder outlet is
        not (which spares a lookup per file of an import)."""
        if item.record_id is not None:
            return record_article_id(None, item.record_id)
        draft = item.draft
        outlet_id = self.library.placeholder_outlet_id(draft.headline, draft.paragraphs)
        if self.library.outlet(outlet_id) is None:
            return None
        return article_id_for(outlet_id, draft.headline, draft.paragraphs)

    def _headlines(self) -> dict[str, list[str]]:
        if self._by_headline is None:
            self._by_headline = {}
            self.stored(self.library.articles())
        return self._by_headline

    def _same(self, article: Article, draft: ArticleDraft) -> bool:
        if (article.headline, article.date) != (draft.headline, draft.date):
            return False
        return self.library.paragraphs(article.id) == draft.paragraphs


class _Batch:
    """Drafts waiting to be stored in one `add_articles` call."""

    def __init__(self, library: Library, report: ImportReport, planner: ImportPlanner) -> None:
        self.library = library
        self.report = report
        self.planner = planner
        self.leads: dict[str, tuple[str, ...]] = {}
        """The lead paragraphs of the articles stored, which grouping reads."""
        self.pending: list[_Pending] = []
        self.pending_bytes = 0
        """About how much text `pending` holds (its characters)."""
        self._texts: dict[_Text, bool] = {}
        """The texts pending, and whether each came with an outlet."""
        self.same_text = _SameText(library)
        self.to_group: dict[str, None] = {}
        """Article ids to group, in order (a dict as an ordered set)."""

    def extend(self, items: Iterable[_Pending]) -> None:
        for item in items:
            draft = item.draft
            text = draft.headline, draft.paragraphs, draft.date
            if self._texts.get(text, bool(draft.outlet_name)) != bool(draft.outlet_name):
                self.flush()  # with and without an outlet in one batch: the second must see the first
            copy = self.same_text.copy_of(item)
            if copy is not None:
                self._already_stored(item, copy)
                continue
            self.pending.append(item)
            self.pending_bytes += len(draft.headline) + sum(map(len, draft.paragraphs))
            self._texts[text] = bool(draft.outlet_name)

    @property
    def full(self) -> bool:
        """Whether the drafts pending make a batch (see BATCH_SIZE)."""
        return len(self.pending) >= BATCH_SIZE or self.pending_bytes >= BATCH_BYTES

    def _already_stored(self, item: _Pending, copy: Article) -> None:
        """Count it; when the user named an outlet that is not the stored
        one, say where the article is, as its outlet is not changed."""
        self.report.duplicates += 1
        if copy.event_id is None:  # stored by an import killed before grouping (see `flush`)
            self.to_group[copy.id] = None
        named = item.draft.outlet_name
        if named:
            stored_outlet = self.library.outlet_name(copy.outlet_id)
            rename = shlex.join(["dateline", "outlets", "rename", stored_outlet, named])
            self.report.warnings.append(
                f"{item.where}: already in the library as {copy.id} from {stored_outlet}, "
                f"so not imported again for {named} (to name its outlet: {rename})"
            )

    def finish(self) -> None:
        """Store the drafts pending; their grouping and that of all this
        import stored is left to `import_paths`, except with a grouping
        process and every pending draft's id known before it is stored: then
        the grouping is planned first, by that process, while this one
        stores the last drafts. It covers the same articles in one pass, as
        grouping them after storing would."""
        coming = self._coming() if self.planner.in_process else None
        if coming is None:
            self.flush()
            return
        placings, strays = coming
        self.planner.send(placings)
        finish = start_grouping(
            self.library,
            [*self.to_group, *strays],
            leads=self.leads,
            planner=self.planner.plan,
            coming=placings,
        )
        added = self.flush()
        try:
            placed = finish(added)
        except StoreError:
            return  # events merged or split while it was planned: all is grouped afresh
        for article_id in placed:
            self.to_group.pop(article_id, None)

    def _coming(self) -> tuple[list[Placing], list[str]] | None:
        """The pending drafts that will be new articles, as grouping reads
        them, and the stored articles they repeat that are in no event (an
        import killed before grouping stored them); None if the id of any
        draft is not known before it is stored (its outlet is new)."""
        found: dict[str, Placing] = {}
        for item in self.pending:
            draft = item.draft
            article_id = self.library.draft_article_id(draft)
            if article_id is None:
                return None
            if article_id not in found:
                lead = draft.paragraphs[:LEAD_PARAGRAPHS]
                found[article_id] = Placing(article_id, draft.date, draft.headline, lead)
        stored = {a.id: a for a in self.library.articles_with_ids(list(found))}
        strays = [a.id for a in stored.values() if a.event_id is None]
        return [item for article_id, item in found.items() if article_id not in stored], strays

    def flush(self) -> tuple[Article, ...]:
        """Store the drafts pending; returns the articles that are new."""
        if not self.pending:
            return ()
        result = self.library.add_articles([item.draft for item in self.pending])
        # `added` keeps the drafts' order, so a walk pairs them; warnings are
        # shown only for articles that are new, so a re-import stays quiet.
        added = result.added
        position = 0
        texts: list[Placing] = []
        for item in self.pending:
            if position < len(added) and (added[position].headline, added[position].source) == (
                item.draft.headline,
                item.draft.source,
            ):
                article = added[position]
                texts.append(
                    Placing(
                        article.id, article.date, article.headline, item.draft.paragraphs[:LEAD_PARAGRAPHS]
                    )
                )
                position += 1
                if item.warning:
                    self.report.warnings.append(item.warning)
        self.leads.update((text.id, text.lead) for text in texts)
        self.same_text.stored(added)
        self.report.imported += len(added)
        self.report.duplicates += len(result.existing)
        self.to_group.update(dict.fromkeys(a.id for a in added))
        # An article stored by an import that was killed before grouping
        # has no event; meeting it again is the moment to group it.
        self.to_group.update(dict.fromkeys(ungrouped(self.library, result.existing)))
        self.pending.clear()
        self.pending_bytes = 0
        self._texts.clear()
        self.planner.send(texts)  # last: what was stored is counted whatever happens here
        return added
