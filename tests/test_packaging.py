"""What `pip install .` (not editable) puts in a fresh environment: every
package, the reader's stylesheets, and the seed articles, so that a new
user's first reader opens on the seed event rather than an empty library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHIPPED = ("pyproject.toml", "README.md", "store", "tui", "seeds")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline from a copy of the checkout."""
    source = tmp_path_factory.mktemp("source")
    for name in SHIPPED:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-qw", str(out), "."],
        cwd=source,
        check=True,
        capture_output=True,
    )
    [built] = out.glob("dateline-*.whl")
    return built


def test_the_wheel_holds_every_module_the_stylesheets_and_the_seeds(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for d in ("store", "tui") for p in (ROOT / d).rglob("*.py")}
    stylesheets = {str(p.relative_to(ROOT)) for p in (ROOT / "tui").rglob("*.tcss")}
    seeds = {f"share/dateline/seeds/{p.name}" for p in (ROOT / "seeds").iterdir()}
    assert modules <= names
    assert stylesheets and stylesheets <= names
    assert {name.split(".data/data/", 1)[-1] for name in names} >= seeds


def test_a_fresh_install_opens_on_the_seed_event(wheel: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    python = fresh / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from this environment's site-packages; the project
    # itself only from the fresh install (a path entry runs no .pth file, so
    # the editable install of the checkout is not seen).
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    env["DATELINE_DB"] = str(tmp_path / "library.json")
    code = textwrap.dedent(
        """
        import asyncio
        import store
        from store import Library
        from store.library.paths import default_library_path, seeds_directory
        from tui.app import make_app
        from tui.widgets.story_list import StoryList

        async def first_story():
            library = Library.open(default_library_path())
            app = make_app(library)  # as `dateline` opens it: seeding a new library
            async with app.run_test(size=(120, 35)) as pilot:
                stories = app.screen.query_one(StoryList)
                for _ in range(200):
                    await pilot.pause(0.05)
                    if stories.current is not None:
                        break
                return stories.current, library

        story, library = asyncio.run(first_story())
        print(store.__file__)
        print(seeds_directory())
        print(len(library.articles()), story.title if story else "")
        """
    )
    result = subprocess.run(
        [str(python), "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    module, seeds, shown = result.stdout.splitlines()
    assert Path(module).is_relative_to(fresh) and Path(seeds).is_relative_to(fresh)
    articles, title = shown.split(" ", 1)
    assert articles == "2" and ("Putin" in title or "Peskov" in title)
