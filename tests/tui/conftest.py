"""Reader test settings."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def suggestions_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work out suggested claims without the reader's pause, so that a test
    (and a snapshot) sees them as soon as the workers are done."""
    monkeypatch.setattr("tui.screens.reader.claim_tools.SUGGEST_DELAY", 0)
