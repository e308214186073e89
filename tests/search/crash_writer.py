"""Child process for the kill test: adds articles, one per call, each with
a word of its own, and prints each id once `add_articles` returned."""

from __future__ import annotations

import sys

from store import ArticleDraft, Library


def main(db: str) -> None:
    library = Library.open(db)
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        draft = ArticleDraft(
            headline=f"Report {number}",
            paragraphs=(f"Common words about weather. Marker tag{number}x here.",),
            outlet_name="Outlet A",
        )
        [article] = library.add_articles([draft]).added
        print(f"{article.id} {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
