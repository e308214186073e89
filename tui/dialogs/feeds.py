"""The feed subscriptions: each with its last refresh, item count and last
error. It returns what the user asked for (`FeedRequest`); the reader does
it in the background and says how it went."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui.bindings import key
from tui.safe_text import one_line

if TYPE_CHECKING:  # the feeds package is loaded when first used, not at start-up
    from store.feeds.subscriptions import Subscription


@dataclass(frozen=True)
class FeedRequest:
    """What to do: subscribe to a feed (asked for next), import an OPML file
    (asked for next), unsubscribe from `url`, or refresh `url` now."""

    action: Literal["add", "opml", "remove", "refresh"]
    url: str | None = None


def _when(stamp: str | None) -> str:
    return (stamp or "never")[:16].replace("T", " ")


class FeedsDialog(ModalScreen[FeedRequest | None]):
    """The subscriptions as a table; a key per thing to do with them."""

    BINDING_GROUP_TITLE = "Feeds"

    BINDINGS = [
        key("feeds.add", "a", "request('add')", "Subscribe", "Subscribe to a feed by its URL", show=True),
        key(
            "feeds.opml",
            "o",
            "request('opml')",
            "Import OPML",
            "Subscribe to every feed in an OPML file",
            show=True,
        ),
        key(
            "feeds.remove",
            "d,delete",
            "request('remove')",
            "Unsubscribe",
            "Unsubscribe from the highlighted feed (its articles stay)",
            show=True,
        ),
        key(
            "feeds.refresh_one",
            "r",
            "request('refresh')",
            "Refresh this",
            "Fetch the highlighted feed now",
            show=True,
        ),
        key("feeds.close", "escape", "close", "Close", "Back to the reader", show=True),
    ]

    def __init__(self, subscriptions: Sequence[Subscription]) -> None:
        super().__init__()
        self.subscriptions = list(subscriptions)

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-dialog", classes="dialog"):
            count = len(self.subscriptions)
            yield Label(f"Feeds · {count} subscription{'s' if count != 1 else ''}", classes="dialog-title")
            if self.subscriptions:
                yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
            else:
                yield Label("No feeds yet.", id="feeds-empty")
            yield Label(
                Content.styled(
                    "a subscribes · o imports OPML · d unsubscribes · r refreshes one · escape closes",
                    "$text-muted",
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        if not self.subscriptions:
            return
        table = self.query_one(DataTable)
        table.add_column("Feed", key="feed")
        table.add_column("Items", key="items")
        table.add_column("Last refresh", key="refreshed")
        table.add_column("Last error", key="error")
        for sub in self.subscriptions:
            name = Text(one_line(sub.name)[:60])
            if sub.title:
                name.append(f"\n{one_line(sub.url)[:60]}", style="dim")
            error = Text(one_line(sub.last_error or "")[:80], style="red" if sub.last_error else "")
            table.add_row(
                name,
                str(sub.item_count),
                _when(sub.last_refresh),
                error,
                key=sub.url,
                height=2 if sub.title else 1,
            )
        table.focus()

    @property
    def highlighted(self) -> str | None:
        """The URL of the highlighted feed."""
        if not self.subscriptions:
            return None
        table = self.query_one(DataTable)
        return (
            self.subscriptions[table.cursor_row].url
            if 0 <= table.cursor_row < len(self.subscriptions)
            else None
        )

    def action_request(self, action: Literal["add", "opml", "remove", "refresh"]) -> None:
        if action in ("remove", "refresh"):
            url = self.highlighted
            if url is None:
                self.notify("No feed to do that to yet", severity="information")
                return
            self.dismiss(FeedRequest(action, url))
        else:
            self.dismiss(FeedRequest(action))

    def action_close(self) -> None:
        self.dismiss(None)
