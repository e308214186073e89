"""The data layer knows nothing of the screen (STYLE.md item 1)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_importing_the_store_loads_no_user_interface() -> None:
    code = (
        "import sys, store, store.library, store.ingest.importer\n"
        "loaded = sorted(m for m in ('textual', 'rich', 'tui') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def test_the_store_helpers_do_not_import_textual() -> None:
    code = (
        "import sys, store.library.stories, store.coverage.passages, store.coverage.claimants, "
        "store.search.query; "
        "print(any(m.split('.')[0] in ('textual', 'rich', 'tui') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
