"""A writer for the crash and concurrency tests, run as a child process.

    python crash_child.py DB MODE COUNT [TRAP N]

MODE `claims` tags COUNT claims (0: until killed) in the library's first
article; MODE `articles` adds COUNT one-article batches. Each claim or
article is printed as one JSON line only after the store call returned, so
the parent knows exactly which writes had returned when it killed us.

With TRAP (write, fsync, replace or link) the child kills itself with
SIGKILL at the Nth call of `os.TRAP`; a trapped write first writes half of
its bytes, as a process dying inside write(2) would. With CRASH_CHILD_GO
set, the child waits for that file to exist before writing, so the parent
can start several writers at once.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import time
import uuid

import orjson


def install_trap(name: str, at_call: int) -> None:
    real = getattr(os, name)
    calls = 0

    def trapped(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == at_call:
            if name == "write":
                fd, data = args
                real(fd, bytes(data)[: len(data) // 2])  # type: ignore[arg-type]
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(os, name, trapped)


def emit(record: dict) -> None:
    sys.stdout.write(orjson.dumps(record).decode() + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    db, mode, count = argv[0], argv[1], int(argv[2])
    if len(argv) > 3:
        install_trap(argv[3], int(argv[4]))
    from store import ArticleDraft, Library

    library = Library.open(db)
    go = os.environ.get("CRASH_CHILD_GO")
    emit({"ready": True})
    while go and not os.path.exists(go):
        time.sleep(0.001)
    steps = itertools.count() if count == 0 else range(count)
    if mode == "claims":
        article_id = library.articles()[-1].id
        quotes = ("pure fiction", "Dmitry Peskov", "no conversation", "advantage on the battlefield")
        for i in steps:
            claim = library.add_claim(
                article_id, quotes[i % len(quotes)], claimant=f"writer {os.getpid()}", tags=[f"n{i}"]
            )
            emit(claim.to_record())
    elif mode == "articles":
        run = uuid.uuid4().hex[:8]
        for i in steps:
            paragraphs = (f"Paragraph one of story {run}-{i}.", f"Paragraph two of story {run}-{i}.")
            draft = ArticleDraft(
                headline=f"Story {run}-{i}", paragraphs=paragraphs, outlet_name=f"Outlet {i % 3}"
            )
            [article] = library.add_articles([draft]).added
            emit({"id": article.id, "paragraphs": list(paragraphs)})


if __name__ == "__main__":
    main(sys.argv[1:])
