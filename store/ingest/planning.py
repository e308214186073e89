"""A large import's grouping, planned in a process of its own.

After reading and storing, grouping is most of a large import's time: each
article's terms, then the plan. A large import sends the text of each batch
it stored to a grouping process (the `Grouper` a refresh uses), which works
out their terms while this process reads and stores the next batch, and
plans once the last batch is in.

It only ever makes an import faster, never different: with one core, when
no process can be started, or when it dies, `plan_grouping` runs here on
the same text and gives the same plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from store.coverage.grouper import Grouper, process_count, start_context
from store.coverage.grouping import Placing, Plan, plan_grouping

SOURCE = "import"
"""What the grouping process files an import's texts under."""
MIN_ARTICLES = 5_000
"""Articles one batch must bring before a process is started for them:
below that, its start and the texts' trip cost about what they spare."""


class ImportPlanner:
    """Plans an import's grouping; in a process of its own once a stored
    batch is large enough, else here."""

    def __init__(self, expected: int = 0) -> None:
        """`expected`: the articles the import expects (its files, say); if
        they are enough, the process starts now, by fork while no other
        thread runs (later, a fork server would have to start first)."""
        self._grouper: Grouper | None = None
        self._sent: set[str] = set()
        """Ids whose text the grouping process was sent."""
        self._messages = 0
        if expected >= MIN_ARTICLES:
            self._start()

    @property
    def in_process(self) -> bool:
        """Whether a grouping process has the texts (False: all is done here)."""
        return self._grouper is not None and self._grouper.running

    def send(self, texts: Sequence[Placing]) -> None:
        """Articles stored or about to be: their text goes to the grouping
        process (once), started by the first batch large enough, where there
        is more than one core."""
        texts = [t for t in texts if t.id not in self._sent]
        if self._grouper is None and len(texts) >= MIN_ARTICLES:
            self._start()
        if self._grouper is None:
            return
        inbox = self._grouper.inbox
        if inbox is None or not texts:
            return
        try:
            inbox.put(("texts", (SOURCE, [(t.id, t.date, t.headline, t.lead) for t in texts])))
        except (OSError, ValueError):
            return  # the plan is then worked out here
        self._messages += 1
        self._sent.update(t.id for t in texts)

    def plan(self, placed: Sequence[Placing], new: Sequence[Placing]) -> Callable[[], Plan]:
        """Start working out where `new` goes among `placed` (see
        `plan_grouping`); returns what waits for the plan."""
        if self._grouper is None:
            plan = plan_grouping(placed, new)
            return lambda: plan
        sources = [SOURCE if item.id in self._sent else None for item in new]
        return self._grouper.plan(placed, new, sources, self._messages)

    def _start(self) -> None:
        if self._grouper is None and process_count() > 0:
            self._grouper = Grouper(True, start_context())

    def close(self) -> None:
        """End the grouping process, if one was started."""
        if self._grouper is not None:
            self._grouper.close()
