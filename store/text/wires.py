"""The wire agencies Dateline recognises in credit lines, in one list, so
the importer (which moves "via Reuters" out of a headline) and provenance
(which marks wire copy) agree on what a wire is."""

from __future__ import annotations

import re

WIRE_AGENCIES = (
    "Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "dpa", "DPA",
    "Deutsche Presse-Agentur", "PA Media", "Press Association", "Bloomberg", "UPI",
    "United Press International", "EFE", "ANSA", "Xinhua", "Kyodo", "Yonhap", "ANI", "PTI",
    "TASS", "RIA Novosti", "Interfax", "Ukrinform",
)  # fmt: skip

WIRES_PATTERN = "|".join(re.escape(name) for name in sorted(WIRE_AGENCIES, key=len, reverse=True))
"""A regex alternation of the agencies, longest first."""
