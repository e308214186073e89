"""Naming outlets in the reader: the outlet being read (a key, or a click
on its name in the outlet bar) or any outlet (from the command palette).

An outlet imported without a name (`Outlet.named` false: a file that did
not say, or the seeds' placeholders) is named this way. A name another
outlet has merges the two: the articles move over, the reader says so,
and `u` takes it back.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual import work
from textual.content import Content

from store.library.stories import story_rows
from store.model import Outlet
from tui.bindings import Command, key
from tui.dialogs.choice import ChoiceDialog, matching
from tui.dialogs.text_prompt import TextPromptDialog
from tui.safe_text import one_line
from tui.screens.reader.parts import ReaderPart
from tui.screens.reader.undo import Where, outlet_renamed


class OutletTools(ReaderPart):
    """The keys that name outlets (see the module)."""

    BINDING_GROUP_TITLE = "Outlets"
    PART_ID = "outlet-tools"

    BINDINGS = [
        key(
            "outlet.rename",
            "O",
            "rename_outlet",
            "Name outlet",
            "Name or rename the outlet being read (another outlet's name merges the two)",
        ),
    ]

    def palette_commands(self) -> Iterator[Command]:
        """What the palette offers beyond the keys: naming any outlet."""
        yield "Name any outlet", "Pick an outlet, unnamed ones first, and name it", self.choose_outlet

    def action_rename_outlet(self) -> None:
        article = self.state.article
        outlet = self.library.outlet(article.outlet_id) if article else None
        if outlet is None:
            self.notify("Open a story to name its outlet", severity="information")
            return
        self.ask_name(outlet)

    def choose_outlet(self) -> None:
        outlets = sorted(self.library.outlets(), key=lambda o: (o.named, o.name.casefold()))
        labels = [
            (o.id, Content.assemble(one_line(o.name), ("" if o.named else "  unnamed", "$text-warning")))
            for o in outlets
        ]

        def chosen(outlet_id: str | None) -> None:
            outlet = self.library.outlet(outlet_id) if outlet_id else None
            if outlet is not None:
                self.ask_name(outlet)

        self.app.push_screen(ChoiceDialog("Name which outlet?", search=matching(labels)), chosen)

    def ask_name(self, outlet: Outlet) -> None:
        """Ask for the outlet's new name, then rename it."""
        name = one_line(outlet.name)
        if outlet.named:
            title, value = f"Rename the outlet “{name}”", outlet.name
        else:
            title, value = f"Name the outlet shown as “{name}”", ""
        where = self._here()

        def typed(new: str | None) -> None:
            if new and new != outlet.name:
                self.rename(outlet, new, where)

        self.app.push_screen(
            TextPromptDialog(
                title,
                value,
                hint="The name of another outlet merges the two (u undoes).",
                placeholder="e.g. Associated Press",
            ),
            typed,
        )

    def _here(self) -> Where:
        from tui.widgets.article_view import ArticleView

        state = self.state
        view = self.screen.query_one("#article", ArticleView)
        article = state.article
        return Where(
            state.event.id if state.event else None, article.id if article else None, view.cursor_start
        )

    @work(thread=True, exit_on_error=False, group="writes")
    def rename(self, outlet: Outlet, new: str, where: Where) -> None:
        library = self.library
        with self.state.write_lock:
            before = library.outlet(outlet.id) or outlet
            target = library.find_outlet(new)
            merging = target is not None and target.id != before.id
            moved = library.article_ids(outlet_id=before.id) if merging else []
            after = library.rename_outlet(before.id, new)
            self.state.history.push(outlet_renamed(before, moved, where))
        undo = self.key_for("undo", "u")
        if merging:
            count = "1 article is" if len(moved) == 1 else f"{len(moved)} articles are"
            note = f"{before.name} merged into {after.name}: its {count} now {after.name}'s · {undo} undoes"
        else:
            note = f"{before.name} is now {after.name} · {undo} undoes"
        self.post_message(self.Changed(story_rows(library), where, note))
