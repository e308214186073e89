from __future__ import annotations

from collections.abc import Iterator

import pytest

from store.feeds.fetching import FetchLimits
from tests.feeds.server import FeedServer

FAST = FetchLimits(timeout=0.5, max_bytes=256 * 1024, max_redirects=3)
"""Short limits so the slow and oversize cases finish quickly."""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer().running() as running:
        yield running
