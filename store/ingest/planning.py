"""A large import's grouping, planned in a process of its own.

After reading and storing, grouping is most of a large import's time: each
article's terms, then the plan. A large import sends the text of each batch
it stored to a grouping process (`store.coverage.grouper`), which works out
their terms while this process reads and stores the next batch. When the
ids of the last batch are known before it is stored, the process plans
while this one stores it (`_Batch.finish` in the importer); otherwise it
plans once the last batch is in.

It only ever makes an import faster, never different: the plan covers the
same articles as grouping them here would, and with one core, when no
process can be started, when it dies, or when an earlier plan was never
collected (an interrupted import), `plan_grouping` runs here on the same
text and gives the same plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from store.coverage.grouper import Grouper, process_count, start_context
from store.coverage.grouping import Placing, Plan, plan_grouping

SOURCE = "import"
"""What the grouping process files an import's texts under."""
MIN_ARTICLES = 5_000
"""Articles (or files) an import must bring before a process is started for
them: below that, its start and the texts' trip cost about what they spare."""


class ImportPlanner:
    """Plans an import's grouping: in a process of its own for a large
    import on more than one core, else here."""

    def __init__(self, expected: int = 0) -> None:
        """`expected`: the articles the import expects (its files, say); if
        they are enough, the process starts now, by fork while no other
        thread runs (later, a fork server would have to start first)."""
        self._grouper: Grouper | None = None
        self._stopped = False
        """The process was stopped: everything is done here from then on."""
        self._sent: set[str] = set()
        """Ids whose text the grouping process was sent."""
        self._messages = 0
        self._asked = False
        """A plan was asked of the process and not collected yet."""
        if expected >= MIN_ARTICLES:
            self._start()

    @property
    def in_process(self) -> bool:
        """Whether a grouping process is there to plan (False: all is done here)."""
        return self._grouper is not None and self._grouper.running

    def send(self, texts: Sequence[Placing]) -> None:
        """Articles stored or about to be: their text goes to the grouping
        process (once), started by the first batch large enough."""
        texts = [t for t in texts if t.id not in self._sent]
        if self._grouper is None and len(texts) >= MIN_ARTICLES:
            self._start()
        if not texts or not self.in_process:
            return  # none, or the process died: the plan is worked out here
        assert self._grouper is not None and self._grouper.inbox is not None
        try:
            self._grouper.inbox.put(("texts", (SOURCE, [(t.id, t.date, t.headline, t.lead) for t in texts])))
        except (OSError, ValueError):
            return
        self._messages += 1
        self._sent.update(t.id for t in texts)

    def plan(self, placed: Sequence[Placing], new: Sequence[Placing]) -> Callable[[], Plan]:
        """Start working out where `new` goes among `placed` (see
        `plan_grouping`); returns what waits for the plan."""
        if self._asked:
            self._stop()  # its answer to an earlier question would come first
        if not self.in_process:
            plan = plan_grouping(placed, new)
            return lambda: plan
        assert self._grouper is not None
        sources = [SOURCE if item.id in self._sent else None for item in new]
        waiting = self._grouper.plan(placed, new, sources, self._messages)
        self._asked = True

        def collected() -> Plan:
            plan = waiting()
            self._asked = False
            return plan

        return collected

    def close(self) -> None:
        """End the grouping process, if one was started."""
        if self._grouper is not None:
            self._grouper.close()

    def _start(self) -> None:
        if self._grouper is None and not self._stopped and process_count() > 0:
            self._grouper = Grouper(True, start_context())

    def _stop(self) -> None:
        self.close()
        self._grouper, self._stopped = None, True
