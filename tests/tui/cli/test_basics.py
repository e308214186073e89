"""The command line over the seed articles, as a script would use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tui.cli.helpers import run


def test_seeds_import_into_one_event_and_claims_round_trip(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.json")
    code, out, _ = run(capsys, "--db", db, "import", *map(str, sorted(SEEDS.glob("*.txt"))))
    assert code == 0 and "imported 2" in out
    _, out, _ = run(capsys, "--db", db, "events", "--json")
    events = json.loads(out)
    assert len(events) == 1 and len(events[0]["article_ids"]) == 2
    article_id = events[0]["article_ids"][0]
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "claims",
        "add",
        article_id,
        "--quote",
        "pure fiction",
        "--occurrence",
        "1",
        "--claimant",
        "Dmitry Peskov",
        "--kind",
        "denial",
    )
    assert code == 0
    claim_id = out.strip()
    _, out, _ = run(capsys, "--db", db, "claims", "--json")
    assert [c["id"] for c in json.loads(out)] == [claim_id]
    code, _, err = run(capsys, "--db", db, "claims", "add", article_id, "--quote", "not in the text")
    assert code == 1 and "does not occur" in err
    code, _, _ = run(capsys, "--db", db, "claims", "rm", claim_id)
    _, out, _ = run(capsys, "--db", db, "claims", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("fmt", ["jsonl", "annotations"])
def test_claim_exports_come_back_in_through_import(capsys, tmp_path: Path, fmt: str) -> None:
    """A user moving to a new library imports the seeds and their export in one command."""
    first, second = str(tmp_path / "a.json"), str(tmp_path / "b.json")
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    run(capsys, "--db", first, "import", *seeds)
    _, out, _ = run(capsys, "--db", first, "articles", "--json")
    article_id = json.loads(out)[0]["id"]
    tag = ["add", article_id, "--quote", "pure fiction", "--occurrence", "1", "--claimant", "Peskov"]
    run(capsys, "--db", first, "claims", *tag)
    export = str(tmp_path / f"claims.{'jsonl' if fmt == 'jsonl' else 'json'}")
    assert run(capsys, "--db", first, "export", "--format", fmt, "-o", export)[0] == 0

    code, out, _ = run(capsys, "--db", second, "import", *seeds, export)
    assert code == 0 and "placed 1 claim" in out
    _, out, _ = run(capsys, "--db", second, "claims", "--json")
    claims = json.loads(out)
    assert [(c["anchor"]["exact"], c["claimant"]) for c in claims] == [("pure fiction", "Peskov")]
    code, out, _ = run(capsys, "--db", second, "import", export)
    _, again, _ = run(capsys, "--db", second, "claims", "--json")
    assert code == 0 and len(json.loads(again)) == 1


def test_opening_the_reader_does_not_load_the_commands() -> None:
    """`dateline` should start the reader without importing feeds, export and
    their libraries: they would cost every launch about a tenth of a second."""
    import subprocess
    import sys

    probe = (
        "import sys, tui.cli\n"
        "args = tui.cli.parse_arguments(['--db', 'x.json'])\n"
        "assert args.command is None and args.db == 'x.json'\n"
        "print(sorted(m for m in sys.modules if m.startswith('tui.cli.') or m == 'httpx'))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['tui.cli.output', 'tui.cli.program']"
