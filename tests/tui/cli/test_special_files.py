"""Devices and pipes named on the command line are written to, never replaced.

Replacing `/dev/null` with a regular file (what an atomic write does to any
path) breaks the whole machine when run as root; a named pipe stands in for
it here so a failing test cannot do that damage.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.tui.cli.helpers import run, seeded_db


def _fifo(tmp_path: Path) -> tuple[Path, list[bytes], threading.Thread]:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def drain() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return fifo, received, reader


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "--format", "csv", "-o", "{out}"),
        ("backup", "{out}"),
        ("feeds", "export-opml", "-o", "{out}"),
    ],
)
def test_output_to_a_pipe_goes_through_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    db = seeded_db(capsys, tmp_path)
    fifo, received, reader = _fifo(tmp_path)
    code, _, err = run(capsys, "--db", db, *(a.replace("{out}", str(fifo)) for a in argv))
    reader.join(timeout=5)
    assert code == 0, err
    assert fifo.is_fifo(), "the pipe was replaced by a regular file"
    assert received and received[0].strip()


def test_a_library_path_that_is_a_pipe_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "--db", str(fifo), "import", str(tmp_path))
    assert code == 1
    assert fifo.is_fifo()
    assert err.count("\n") == 1 and str(fifo) in err and "pipe" in err
    assert not (tmp_path / "pipe.lock").exists()


def test_output_through_a_symlink_keeps_the_symlink(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = seeded_db(capsys, tmp_path)
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run(capsys, "--db", db, "export", "--format", "md", "-o", str(link))[0] == 0
    assert link.is_symlink()
    assert real.read_text().startswith("# ")


@pytest.mark.parametrize("argv", [("export", "--format", "md"), ("feeds", "export-opml")])
def test_dash_as_output_means_stdout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    db = seeded_db(capsys, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", db, *argv, "-o", "-")
    assert (code, err) == (0, "")
    assert not (tmp_path / "-").exists()
