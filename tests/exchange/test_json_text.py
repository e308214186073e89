"""JSON written for people and programs escapes bidirectional controls, so
a terminal showing an export or `--json` output cannot be made to reorder it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store.text.clean import BIDI_CONTROLS
from store.text.json_text import json_text


def test_bidi_controls_are_escaped_and_read_back_the_same() -> None:
    value = {"quote": f"pay {BIDI_CONTROLS} now", "nested": ["x\u202ey"]}
    for indent in (True, False):
        text = json_text(value, indent=indent)
        assert not any(c in text for c in BIDI_CONTROLS)
        assert json.loads(text) == value


def test_json_output_of_a_command_escapes_a_file_name_with_an_override(tmp_path: Path) -> None:
    name = tmp_path / "report\u202etxt.exe"
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(tmp_path / "lib.json"), "import", str(name), "--json"],
        capture_output=True,
        text=True,
    )
    assert "\u202e" not in done.stdout
    (skipped,) = json.loads(done.stdout)["skipped"]
    assert skipped["input"] == str(name)  # the same name, once read as JSON
