"""The importer and provenance recognise the same wire agencies: an article
whose headline credit the importer moved out must count as wire copy."""

from __future__ import annotations

import pytest

from store.coverage.provenance import wire_credit
from store.ingest.seedformat import parse_seed_text
from store.text.wires import WIRE_AGENCIES


@pytest.mark.parametrize("agency", WIRE_AGENCIES)
def test_a_credit_the_importer_moves_out_is_one_provenance_names(agency: str) -> None:
    parsed = parse_seed_text(f" date 2024-11-11 The minister resigned on Monday via {agency}\n\nShe left.")
    assert parsed.credit == f"via {agency}"
    assert "via" not in parsed.headline
    assert wire_credit(parsed.credit or "") is not None
