"""Read claims back in from Dateline's `jsonl`, `json` and `annotations` exports.

Each claim finds its article again (by id, then url, source file, outlet and
headline, or headline alone) and its place in the text by quote, prefix and
suffix (`store.reanchor`), so it lands even where the article changed a
little. A claim that cannot be placed is reported with the reason, never
dropped silently. Importing the same export twice changes nothing: a claim
already in the library (same id, or the same span of the same article) is
left as it is. The file is untrusted: claimant, tags and note lose control
characters and escape sequences on the way in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from store.db.shards import shard_of
from store.db.user_files import read_user_file
from store.errors import ClaimsFileError, UnreadableFileError
from store.exchange.export.claim_context import CLAIM_RECORD_SCHEMA
from store.exchange.export.json_claims import DOCUMENT_SCHEMA
from store.exchange.export.web_annotations import ARTICLE_URN, CLAIM_URN, DATELINE_PREFIX
from store.exchange.reanchor import reanchor
from store.library import Library, clean_tags
from store.model import Anchor, Article, Claim, ClaimKind, Verdict, utc_now
from store.text.clean import clean_line, clean_text

SNIFF_BYTES = 64 * 1024
"""How much of a file `is_claims_export` reads: enough for the first record."""
_ANNOTATION_TYPE = re.compile(rb'"type"\s*:\s*"Annotation"')


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """A claim as an export describes it, before it is placed in the library."""

    label: str
    id: str | None
    anchor: Anchor
    article_id: str | None = None
    article_url: str | None = None
    article_source: str | None = None
    headline: str | None = None
    outlet: str | None = None
    claimant: str = ""
    kind: ClaimKind = ClaimKind.STATEMENT
    verdict: Verdict = Verdict.UNVERIFIED
    tags: tuple[str, ...] = ()
    note: str = ""
    created: str = ""
    updated: str = ""
    links: tuple[str, ...] = ()


@dataclass
class ClaimImportReport:
    """What an import did: claims placed (and how), claims already there,
    and claims that could not be placed, each with its reason."""

    path: str
    placed: list[tuple[Claim, str]] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.path}: placed {len(self.placed)} claims, {len(self.already_present)} already present, "
            f"{len(self.unplaced)} could not be placed"
        )


# -- sniffing and parsing -----------------------------------------------


def is_claims_export(path: str | Path) -> bool:
    """True if `path` looks like one of our claim exports, reading only its
    first bytes (so an article importer can ask about every file)."""
    try:
        head = read_user_file(Path(path), SNIFF_BYTES, head=True)
    except UnreadableFileError:
        return False
    return looks_like_claims_export(head)


def looks_like_claims_export(head: bytes) -> bool:
    """True if a file that starts with these bytes (SNIFF_BYTES of them
    suffice) is one of our claim exports: for an importer that has read the
    file already."""
    head = head[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):  # a list of Web Annotations
        return _ANNOTATION_TYPE.search(head[:2048]) is not None
    if not head.startswith(b"{"):
        return False
    first_line = head.split(b"\n", 1)[0]
    try:
        record = orjson.loads(first_line)
    except orjson.JSONDecodeError:
        # A pretty-printed document: its marker is near the top.
        return any(marker in head[:512] for marker in (b'"AnnotationCollection"', DOCUMENT_SCHEMA.encode()))
    return isinstance(record, dict) and (
        record.get("schema") in (CLAIM_RECORD_SCHEMA, DOCUMENT_SCHEMA) or record.get("type") == "Annotation"
    )


def read_claim_specs(path: str | Path) -> tuple[list[ClaimSpec], list[tuple[str, str]]]:
    """The claims a file describes, and the records it could not read
    (label, reason). Raises ClaimsFileError if it is no claims file at all."""
    source = Path(path)
    try:
        blob = read_user_file(source)
    except UnreadableFileError as error:
        raise ClaimsFileError(f"{source}: {error}") from None
    try:
        document = orjson.loads(blob)
    except orjson.JSONDecodeError:
        return _read_jsonl(source, blob)
    if isinstance(document, dict) and document.get("schema") == CLAIM_RECORD_SCHEMA:
        return _read_jsonl(source, blob)
    if isinstance(document, dict) and document.get("schema") == DOCUMENT_SCHEMA:
        records = document.get("claims")
        if not isinstance(records, list):
            raise ClaimsFileError(f"{source}: a Dateline claims document without a list of claims")
        return _parse_all(records, "claim", _spec_from_record)
    annotations = _annotation_items(document)
    if annotations is None:
        raise ClaimsFileError(
            f"{source}: not a Dateline claims export (expected jsonl claim records or Web Annotations)"
        )
    return _parse_all(annotations, "annotation", _spec_from_annotation)


def _parse_all(items: list[Any], noun: str, parse: Any) -> tuple[list[ClaimSpec], list[tuple[str, str]]]:
    specs, bad = [], []
    for number, item in enumerate(items, start=1):
        label = _label(f"{noun} {number}", item)
        try:
            specs.append(parse(label, item))
        except _BadRecord as error:
            bad.append((label, str(error)))
    return specs, bad


def _label(base: str, item: Any) -> str:
    """How a report names a record: its place in the file, and its id."""
    raw = _field(item, "id")
    claim_id = _strip_urn(raw, CLAIM_URN) or raw
    return f"{base} ({claim_id})" if claim_id else base


def _read_jsonl(source: Path, blob: bytes) -> tuple[list[ClaimSpec], list[tuple[str, str]]]:
    if not blob.strip():
        raise ClaimsFileError(f"{source}: the file is empty")
    specs: list[ClaimSpec] = []
    bad: list[tuple[str, str]] = []
    for number, line in enumerate(blob.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            bad.append((f"line {number}", f"not JSON ({error})"))
            continue
        label = _label(f"line {number}", record)
        try:
            specs.append(_spec_from_record(label, record))
        except _BadRecord as error:
            bad.append((label, str(error)))
    if not specs and bad:
        raise ClaimsFileError(f"{source}: not a Dateline claims export ({bad[0][0]}: {bad[0][1]})")
    return specs, bad


class _BadRecord(Exception):
    """One record of a claims file that cannot be read."""


def _text(record: dict[str, Any], key: str, default: str = "") -> str:
    value = record.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _BadRecord(f"{key!r} is not text")
    return value


def _field(mapping: Any, key: str) -> str | None:
    """`mapping[key]` if `mapping` is an object and the value is text."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) else None


def _offset(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _anchor(exact: Any, prefix: Any, suffix: Any, start: Any, end: Any) -> Anchor:
    if not isinstance(exact, str) or not exact.strip():
        raise _BadRecord("it has no quote (exact text) to anchor")
    return Anchor(
        exact=exact,
        prefix=prefix if isinstance(prefix, str) else "",
        suffix=suffix if isinstance(suffix, str) else "",
        start=_offset(start),
        end=_offset(end),
    )


def _enum(kind: type[ClaimKind] | type[Verdict], value: Any, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default


def _spec_from_record(label: str, record: Any) -> ClaimSpec:
    if not isinstance(record, dict) or record.get("schema") != CLAIM_RECORD_SCHEMA:
        raise _BadRecord(f'not a claim record (no "schema": "{CLAIM_RECORD_SCHEMA}")')
    article, outlet = record.get("article"), record.get("outlet")
    anchor = record.get("anchor")
    if not isinstance(anchor, dict):
        raise _BadRecord("it has no anchor")
    tags = record.get("tags", [])
    links = record.get("links", [])
    claim_id = _field(record, "id")
    return ClaimSpec(
        label=label,
        id=claim_id,
        anchor=_anchor(
            anchor.get("exact"),
            anchor.get("prefix"),
            anchor.get("suffix"),
            anchor.get("start"),
            anchor.get("end"),
        ),
        article_id=_field(article, "id"),
        article_url=_field(article, "url"),
        article_source=_field(article, "source"),
        headline=_field(article, "headline"),
        outlet=_field(outlet, "name"),
        claimant=_text(record, "claimant"),
        kind=_enum(ClaimKind, record.get("kind"), ClaimKind.STATEMENT),
        verdict=_enum(Verdict, record.get("verdict"), Verdict.UNVERIFIED),
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        note=_text(record, "note"),
        created=_text(record, "created"),
        updated=_text(record, "updated"),
        links=tuple(i for i in links if isinstance(i, str)) if isinstance(links, list) else (),
    )


def _annotation_items(document: Any) -> list[Any] | None:
    """The annotations of a collection, a page, a list, or a single one."""
    if isinstance(document, list):
        return (
            document if all(isinstance(a, dict) and a.get("type") == "Annotation" for a in document) else None
        )
    if not isinstance(document, dict):
        return None
    kind = document.get("type")
    if kind == "Annotation":
        return [document]
    if kind == "AnnotationPage" and isinstance(document.get("items"), list):
        return document["items"]
    if kind == "AnnotationCollection":
        page = document.get("first")
        if isinstance(page, dict) and isinstance(page.get("items"), list):
            return page["items"]
        return [] if document.get("total") == 0 else None
    return None


def _strip_urn(value: Any, urn: str) -> str | None:
    if not isinstance(value, str):
        return None
    return value[len(urn) :] if value.startswith(urn) else None


def _spec_from_annotation(label: str, item: Any) -> ClaimSpec:
    if not isinstance(item, dict) or item.get("type") != "Annotation":
        raise _BadRecord('not a Web Annotation (no "type": "Annotation")')
    target = item.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if not isinstance(target, dict):
        raise _BadRecord("it has no target")
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next(
        (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), {}
    )
    if quote is None:
        raise _BadRecord("its target has no TextQuoteSelector")
    bodies = item.get("body", [])
    bodies = [b for b in (bodies if isinstance(bodies, list) else [bodies]) if isinstance(b, dict)]

    def valued(purpose: str) -> list[str]:
        return [b["value"] for b in bodies if b.get("purpose") == purpose and isinstance(b.get("value"), str)]

    article = item.get(f"{DATELINE_PREFIX}:article")
    source = target.get("source")
    source = source.get("id") if isinstance(source, dict) else source
    claim_id = _strip_urn(item.get("id"), CLAIM_URN)
    links = item.get(f"{DATELINE_PREFIX}:links", [])
    kinds, verdicts = valued("classifying"), valued("assessing")
    claimant = item.get(f"{DATELINE_PREFIX}:claimant", "")
    return ClaimSpec(
        label=label,
        id=claim_id,
        anchor=_anchor(
            quote.get("exact"),
            quote.get("prefix"),
            quote.get("suffix"),
            position.get("start"),
            position.get("end"),
        ),
        article_id=_field(article, "id") or _strip_urn(source, ARTICLE_URN),
        article_url=_field(article, "url")
        or (source if isinstance(source, str) and "://" in source else None),
        article_source=_field(article, "source"),
        headline=_field(article, "headline"),
        outlet=_field(article, "outlet"),
        claimant=claimant if isinstance(claimant, str) else "",
        kind=_enum(ClaimKind, kinds[0] if kinds else None, ClaimKind.STATEMENT),
        verdict=_enum(Verdict, verdicts[0] if verdicts else None, Verdict.UNVERIFIED),
        tags=tuple(valued("tagging")),
        note="\n\n".join(valued("commenting")),
        created=_field(item, "created") or "",
        updated=_field(item, "modified") or "",
        links=tuple(i for i in (_strip_urn(v, CLAIM_URN) for v in links) if i)
        if isinstance(links, list)
        else (),
    )


# -- placing ------------------------------------------------------------


class _ArticleFinder:
    """Finds the article a claim belongs to, indexing the library once."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._by_url: dict[str, list[Article]] = {}
        self._by_source: dict[str, list[Article]] = {}
        self._by_headline: dict[str, list[Article]] = {}
        for article in library.articles():
            if article.url:
                self._by_url.setdefault(article.url, []).append(article)
            if article.source:
                self._by_source.setdefault(article.source, []).append(article)
            self._by_headline.setdefault(article.headline.casefold(), []).append(article)

    def candidates(self, spec: ClaimSpec) -> list[Article]:
        """Articles that may hold the claim, the likeliest first."""
        found: list[Article] = []
        if spec.article_id and (exact := self._library.article(spec.article_id)):
            found.append(exact)
        found += self._by_url.get(spec.article_url or "", [])
        found += self._by_source.get(spec.article_source or "", [])
        same_headline = self._by_headline.get((spec.headline or "").casefold(), [])
        wanted_outlet = (spec.outlet or "").casefold()
        found += sorted(same_headline, key=lambda a: self._outlet_name(a).casefold() != wanted_outlet)
        return list({a.id: a for a in found}.values())

    def _outlet_name(self, article: Article) -> str:
        return self._library.outlet_name(article.outlet_id)


def _imported_claim_id(spec: ClaimSpec, article: Article) -> str:
    """The exported id when it fits the article (claims are stored in their
    article's shard), else a stable id derived from it, so importing the
    same file again finds the claim it made the first time."""
    if spec.id and shard_of(spec.id) == shard_of(article.id):
        return spec.id
    seed = f"{article.id}\x00{spec.id or spec.anchor.exact}\x00{spec.anchor.prefix}"
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return f"{shard_of(article.id)}{digest[:6]}-{digest[6:18]}"


def import_claims(library: Library, path: str | Path) -> ClaimImportReport:
    """Place the claims of a `jsonl`, `json` or `annotations` export in the
    library, re-anchoring each by its quote and context."""
    specs, bad = read_claim_specs(path)
    report = ClaimImportReport(path=str(path), unplaced=list(bad))
    finder = _ArticleFinder(library)
    new_ids: dict[str, str] = {}
    for spec in specs:
        placed_id = _place(library, finder, spec, report)
        if placed_id and spec.id:
            new_ids[spec.id] = placed_id
    _restore_links(library, specs, new_ids, report)
    return report


def _place(
    library: Library, finder: _ArticleFinder, spec: ClaimSpec, report: ClaimImportReport
) -> str | None:
    articles = finder.candidates(spec)
    if not articles:
        what = (
            repr(spec.headline[:60]) if spec.headline else (spec.article_id or spec.article_url or "unknown")
        )
        report.unplaced.append((spec.label, f"its article {what} is not in the library"))
        return None
    for article in articles:
        text = library.text(article.id)
        placement = reanchor(text, spec.anchor)
        if placement is None:
            continue
        claim_id = _imported_claim_id(spec, article)
        if library.claim(claim_id) is not None or _span_taken(
            library, article.id, placement.start, placement.end
        ):
            report.already_present.append(claim_id)
            return claim_id
        anchor = library.anchor_for(article.id, text[placement.start : placement.end], placement.start)
        now = utc_now()
        claim = Claim(
            id=claim_id,
            article_id=article.id,
            anchor=anchor,
            claimant=clean_line(spec.claimant),
            kind=spec.kind,
            verdict=spec.verdict,
            tags=clean_tags(spec.tags),
            note=clean_text(spec.note),
            created=spec.created or now,
            updated=spec.updated or now,
        )
        library.put_claim(claim)
        report.placed.append((claim, placement.how))
        return claim_id
    report.unplaced.append(
        (spec.label, f"its quote {spec.anchor.exact[:60]!r} is no longer in article {articles[0].id}")
    )
    return None


def _span_taken(library: Library, article_id: str, start: int, end: int) -> bool:
    return any(c.anchor.start == start and c.anchor.end == end for c in library.claims(article_id=article_id))


def _restore_links(
    library: Library, specs: list[ClaimSpec], new_ids: dict[str, str], report: ClaimImportReport
) -> None:
    """Link imported claims as the export linked them, both ways, keeping
    the exported `updated` times (a restored link is not a new edit)."""
    for spec in specs:
        own = new_ids.get(spec.id or "")
        if own is None:
            continue
        for other in spec.links:
            other_id = new_ids.get(other, other)
            if other_id == own:
                continue
            if library.claim(other_id) is None:
                report.warnings.append(
                    f"{spec.label}: its link to claim {other} was not restored (not in the library)"
                )
                continue
            for first, second in ((own, other_id), (other_id, own)):
                claim = library.claim(first)
                if claim is not None and second not in claim.links:
                    library.put_claim(replace(claim, links=(*claim.links, second)))
