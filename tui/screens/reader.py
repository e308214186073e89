"""The reader's main screen: reading (`reader_core`), tagging
(`claim_actions`) and story tools (`story_actions`) together, and every
action listed for the command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tui.screens.claim_actions import ClaimActions
from tui.screens.reader_core import first_run
from tui.screens.story_actions import StoryActions
from tui.widgets.article_view import ArticleView
from tui.widgets.claims_pane import ClaimsPane
from tui.widgets.story_list import StoryList

__all__ = ["ReaderScreen", "first_run"]


class ReaderScreen(ClaimActions, StoryActions):
    """The main screen."""

    # -- the command palette ---------------------------------------------------

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """Every action of this screen, for the command palette."""
        view = self.query_one("#article", ArticleView)
        pane = self.query_one(ClaimsPane)
        stories = self.query_one(StoryList)
        yield "Next story", "Show the next story in the list", stories.action_cursor_down
        yield "Previous story", "Show the previous story in the list", stories.action_cursor_up
        yield (
            "Next outlet",
            "The same story from the next outlet, at the same place",
            lambda: self.action_flip(1),
        )
        yield "Previous outlet", "The same story from the previous outlet", lambda: self.action_flip(-1)
        yield "Next sentence", "Move the sentence cursor down", view.action_next_sentence
        yield "Previous sentence", "Move the sentence cursor up", view.action_previous_sentence
        yield "Widen span down", "Add the next sentence to the span to tag", view.action_widen_down
        yield "Widen span up", "Add the previous sentence to the span to tag", view.action_widen_up
        yield "Tag claim", "Tag the sentence under the cursor as a claim", self.action_tag
        yield "Edit claim", "Edit the claim highlighted in the claims pane", pane.action_edit
        yield "Delete claim", "Delete the claim highlighted in the claims pane", pane.action_delete
        yield "Undo delete", "Put back the last deleted claim", self.action_undo_delete
        yield "Cycle verdict", "Next verdict for the highlighted claim", pane.action_verdict
        yield "Compare outlets", "Two outlets of this story side by side", self.action_compare
        yield "Toggle read", "Mark the story read, or unread if it all was", self.action_toggle_read
        yield "Toggle star", "Star or unstar the article", self.action_toggle_star
        yield "Filter stories", "Show all, unread or starred stories", self.action_cycle_filter
        yield "Search", "Search titles, bodies and claims", self.action_search
        yield "Toggle claims pane", "Show or hide the claims pane", self.action_toggle_claims
        yield "Accept suggestion", "Tag the highlighted suggested claim", pane.action_accept
        yield "Dismiss suggestion", "Hide the highlighted suggestion for good", pane.action_dismiss_suggestion
        yield "Claim matrix", "Which outlet carried which claim in this story", self.action_matrix
        yield "Rename story", "Give this story a title of your own", self.action_rename_story
        yield "Merge stories", "Merge another story into this one", self.action_merge_story
        yield "Split story", "Split this outlet's article off into its own story", self.action_split_story
        yield "Move article", "Move this outlet's article to another story", self.action_move_article
        yield "Refresh feeds", "Fetch new articles from the subscribed feeds", self.action_refresh_feeds
        yield "Open link", "Open the article's web page in the browser", self.action_open_link
        yield "Export story", "Write this story's claims to a file", self.action_export_story
