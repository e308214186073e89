"""Loading an article for an `ArticleView`, and keeping the reading
position when another outlet's article takes its place (the reader's
`[`/`]` and the compare screen both do this)."""

from __future__ import annotations

from store.library import Library
from store.model import Article
from store.passages import landing_offset
from store.sentences import split_sentences
from tui.widgets.article_view import ArticleView, ShownArticle


def load_shown(library: Library, article: Article) -> ShownArticle:
    """An article with its body and sentences, ready for an ArticleView."""
    text = library.text(article.id)
    return ShownArticle(article, library.outlet_name(article.outlet_id), text, tuple(split_sentences(text)))


def landing_in(library: Library, view: ArticleView, target: ShownArticle) -> int:
    """Where in `target` the reader of `view` should land: the same claim,
    else the matching passage, else the same relative place."""
    if view.shown is None or view.selection is None:
        return 0
    return landing_offset(
        library,
        source_text=view.shown.text,
        source_claims=view.claims,
        span=view.selection,
        relative=view.relative_position,
        target_id=target.article.id,
        target_text=target.text,
        target_sentences=target.sentences,
    )
