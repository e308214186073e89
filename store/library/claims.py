"""Claims: what the user tagged in an article, anchored so that the anchor
survives re-rendering, and linked across outlets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from store.db.shards import new_claim_id, notes_part, shard_of, shard_of_prefix
from store.errors import StoreError
from store.library.base import unique_prefix
from store.library.events import EventRecords
from store.model import Anchor, Claim, ClaimKind, Verdict, utc_now
from store.text.clean import clean_line, clean_text
from store.text.loose_match import find_all_loosely

ANCHOR_CONTEXT = 32
"""Characters of prefix and suffix kept with a claim's quote."""
EDITABLE_CLAIM_FIELDS = frozenset({"claimant", "kind", "verdict", "tags", "note", "anchor"})


class ClaimRecords(EventRecords):
    """Tagging, editing, removing and linking claims."""

    def claims(self, *, article_id: str | None = None, event_id: str | None = None) -> list[Claim]:
        """Claims of one article, of one event, or all, in reading order."""
        with self._lock:
            if article_id is not None:
                wanted: Iterable[str] | None = [article_id]
            elif event_id is not None:
                summary = self.event(event_id)
                wanted = summary.article_ids if summary else ()
            else:
                wanted = None
            if wanted is None:
                found = [
                    c
                    for part in self.database.existing_parts("notes-")
                    for c in self._notes_shard(part).claims.values()
                ]
            else:
                found = [c for a in wanted for c in self._notes_shard(notes_part(a)).claims_of(a)]
        return sorted(found, key=lambda c: (c.article_id, c.anchor.start, c.created))

    def claim(self, claim_id: str) -> Claim | None:
        with self._lock:
            return self._notes_shard(notes_part(claim_id)).claims.get(claim_id)

    def find_claim(self, id_or_prefix: str) -> Claim:
        """A claim by id or unambiguous id prefix, as typed on a command line
        (a prefix of two hex digits or more names the one shard to look in)."""
        found = self.claim(id_or_prefix) if id_or_prefix else None
        if found is None:
            shard = shard_of_prefix(id_or_prefix)
            with self._lock:
                parts = [f"notes-{shard}"] if shard else self.database.existing_parts("notes-")
                ids = {i for part in parts for i in self._notes_shard(part).claims}
            found = self.claim(unique_prefix(id_or_prefix, ids, "claim"))
        if found is None:
            raise StoreError(f"no claim with id {id_or_prefix!r} (see `dateline claims`)")
        return found

    def quote_spans(self, article_id: str, quote: str) -> list[tuple[int, int]]:
        """Every place `quote` stands in the article's text, in order: where
        it occurs as given, else where it occurs as typed (straight quotes,
        hyphens or single spaces for the article's own characters)."""
        text, quote = self.text(article_id), quote.strip()
        if not quote:
            return []
        spans, at = [], text.find(quote)
        while at >= 0:
            spans.append((at, at + len(quote)))
            at = text.find(quote, at + len(quote))
        return spans or find_all_loosely(text, quote)

    def anchor_for(
        self, article_id: str, quote: str, start: int | None = None, *, occurrence: int | None = None
    ) -> Anchor:
        """An anchor for `quote` in the article's text: at `start` if given,
        else its `occurrence` (counted from 1), else its first occurrence.
        Raises StoreError if it is not there."""
        text = self.text(article_id)
        quote = quote.strip()
        if not quote:
            raise StoreError("the quote is empty")
        if start is None or start < 0 or text[start : start + len(quote)] != quote:
            spans = self.quote_spans(article_id, quote)
            if not spans:
                raise StoreError(f"the quote does not occur in article {article_id}: {quote[:60]!r}")
            if occurrence is not None and not 1 <= occurrence <= len(spans):
                places = "once" if len(spans) == 1 else f"{len(spans)} times"
                raise StoreError(
                    f"the quote occurs {places} in article {article_id}, "
                    f"so there is no occurrence {occurrence}"
                )
            start, end = spans[occurrence - 1 if occurrence else 0]
            quote = text[start:end]
        end = start + len(quote)
        return Anchor(
            exact=quote,
            prefix=text[max(0, start - ANCHOR_CONTEXT) : start],
            suffix=text[end : end + ANCHOR_CONTEXT],
            start=start,
            end=end,
        )

    def add_claim(
        self,
        article_id: str,
        quote: str,
        *,
        start: int | None = None,
        claimant: str = "",
        kind: ClaimKind = ClaimKind.STATEMENT,
        verdict: Verdict = Verdict.UNVERIFIED,
        tags: Sequence[str] = (),
        note: str = "",
        occurrence: int | None = None,
    ) -> Claim:
        """Tag a claim; it is on disk when this returns. The quote is placed
        as `anchor_for` places it."""
        with self.database.writing(notes_part(article_id)):
            if self.article(article_id) is None and not (self.refresh() and self.article(article_id)):
                raise StoreError(f"no article with id {article_id!r}")
            now = utc_now()
            claim = Claim(
                id=new_claim_id(article_id),
                article_id=article_id,
                anchor=self.anchor_for(article_id, quote, start, occurrence=occurrence),
                claimant=clean_line(claimant),
                kind=enum_member(ClaimKind, kind),
                verdict=enum_member(Verdict, verdict),
                tags=clean_tags(tags),
                note=clean_text(note),
                created=now,
                updated=now,
            )
            return self.put_claim(claim)

    def put_claim(self, claim: Claim) -> Claim:
        """Store a claim as given (an edit, or an undone delete)."""
        part = notes_part(claim.article_id)
        if shard_of(claim.id) != shard_of(claim.article_id):
            raise StoreError(f"claim id {claim.id!r} does not belong to article {claim.article_id!r}")
        with self.database.writing(part):
            self.database.apply(part, {"claims": {claim.id: claim.to_record()}})
        return claim

    def update_claim(self, claim_id: str, **changes: Any) -> Claim:
        """Change some fields of a claim (claimant, kind, verdict, tags, note, anchor)."""
        unknown = sorted(set(changes) - EDITABLE_CLAIM_FIELDS)
        if unknown:
            raise StoreError(f"a claim has no editable field {unknown[0]!r}")
        if "kind" in changes:
            changes["kind"] = enum_member(ClaimKind, changes["kind"])
        if "verdict" in changes:
            changes["verdict"] = enum_member(Verdict, changes["verdict"])
        if "tags" in changes:
            changes["tags"] = clean_tags(changes["tags"])
        if "claimant" in changes:
            changes["claimant"] = clean_line(str(changes["claimant"]))
        if "note" in changes:
            changes["note"] = clean_text(str(changes["note"]))
        with self.database.writing(notes_part(claim_id)):
            current = self.claim(claim_id)
            if current is None:
                raise StoreError(f"no claim with id {claim_id!r}")
            return self.put_claim(current.with_changes(**changes))

    def remove_claim(self, claim_id: str) -> Claim:
        """Delete a claim and its links; returns it so it can be put back."""
        part = notes_part(claim_id)
        with self.database.writing(part):
            claim = self.claim(claim_id)
            if claim is None:
                raise StoreError(f"no claim with id {claim_id!r} (see `dateline claims`)")
            for other_id in claim.links:
                self._set_link(other_id, claim_id, linked=False)
            self.database.apply(part, {"claims": {claim_id: None}})
            return claim

    def restore_claim(self, claim: Claim) -> Claim:
        """Put back a removed claim, with the links that still make sense."""
        with self.database.writing(notes_part(claim.article_id)):
            links = tuple(i for i in claim.links if i != claim.id and self.claim(i) is not None)
            restored = self.put_claim(replace(claim, links=links))
            for other_id in links:
                self._set_link(other_id, claim.id, linked=True)
            return restored

    def link_claims(self, first_id: str, second_id: str, *, linked: bool = True) -> None:
        """Mark two claims as the same claim in different articles (or not)."""
        if first_id == second_id:
            raise StoreError("a claim cannot be linked to itself")
        with self.database.writing(notes_part(first_id), notes_part(second_id)):
            first, second = self.claim(first_id), self.claim(second_id)
            for claim_id, claim in ((first_id, first), (second_id, second)):
                if claim is None:
                    raise StoreError(f"no claim with id {claim_id!r}")
            if linked and first and second and first.article_id == second.article_id:
                raise StoreError(
                    f"claims {first_id} and {second_id} are both in article {first.article_id}; "
                    "a link joins the same claim in two articles"
                )
            self._set_link(first_id, second_id, linked=linked)
            self._set_link(second_id, first_id, linked=linked)

    def _set_link(self, claim_id: str, other_id: str, *, linked: bool) -> None:
        with self.database.writing(notes_part(claim_id)):
            claim = self.claim(claim_id)
            if claim is None:
                return
            links = [i for i in claim.links if i != other_id]
            if linked:
                links.append(other_id)
            if tuple(links) != claim.links:
                self.put_claim(claim.with_changes(links=tuple(links)))


def enum_member(kind: Any, value: Any) -> Any:
    """`value` as a member of the enum `kind`, or a StoreError naming the choices."""
    try:
        return kind(value)
    except ValueError:
        what = {ClaimKind: "claim kind", Verdict: "verdict"}.get(kind, kind.__name__)
        choices = ", ".join(m.value for m in kind)
        raise StoreError(f"{value!r} is not a {what} (choose from {choices})") from None


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: each one line, cleaned, without empties or repeats."""
    if isinstance(tags, str):
        tags = [tags]
    cleaned = (clean_line(t) for t in tags)
    return tuple(dict.fromkeys(t for t in cleaned if t))
