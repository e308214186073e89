"""Claim ids are typed like article and event ids: in full or by a prefix.

`dateline claims` shows ids such as `c9b4feaf-1a2b3c4d5e6f`; `claims rm`,
`link` and `unlink` take an unambiguous start of one, and say so clearly
when the start fits several claims.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.tui.cli.helpers import run, seeded_db


def _tag(capsys: pytest.CaptureFixture[str], db: str, article: str, quote: str) -> str:
    code, out, err = run(capsys, "--db", db, "claims", "add", article, "--quote", quote, "--occurrence", "1")
    assert code == 0, err
    return out.strip()


def test_claim_verbs_take_an_id_prefix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    first, second = (a["id"] for a in json.loads(run(capsys, "--db", db, "articles", "--json")[1]))
    one, other = _tag(capsys, db, first, "pure fiction"), _tag(capsys, db, second, "pure fiction")
    one_prefix, other_prefix = one[:12], other[:12]
    assert run(capsys, "--db", db, "claims", "unlink", one_prefix, other_prefix)[:2] == (
        0,
        f"unlinked {one} {other}\n",
    )
    assert run(capsys, "--db", db, "claims", "link", one_prefix, other_prefix)[:2] == (
        0,
        f"linked {one} {other}\n",
    )
    assert run(capsys, "--db", db, "claims", "rm", one_prefix)[:2] == (0, f"removed {one}\n")
    remaining = [c["id"] for c in json.loads(run(capsys, "--db", db, "claims", "--json")[1])]
    assert remaining == [other]


def test_an_ambiguous_claim_prefix_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = seeded_db(capsys, tmp_path)
    article = json.loads(run(capsys, "--db", db, "articles", "--json")[1])[0]["id"]
    one, _ = _tag(capsys, db, article, "pure fiction"), _tag(capsys, db, article, "24 hours")
    code, out, err = run(capsys, "--db", db, "claims", "rm", one[:4])
    assert (code, out) == (1, "")
    assert err == f"dateline: claim id '{one[:4]}' is ambiguous (2 claims start with it)\n"
    assert len(json.loads(run(capsys, "--db", db, "claims", "--json")[1])) == 2
