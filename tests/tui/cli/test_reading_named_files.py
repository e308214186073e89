"""Every command that reads a file the user named gives the same short reasons.

`restore`, `feeds import-opml`, `import --manifest` and claims files used
to word a missing file or a folder each their own way (some as a bare OS
error); they now share one reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.cli.helpers import run


@pytest.mark.parametrize(
    "argv",
    [("restore", "{f}"), ("feeds", "import-opml", "{f}"), ("import", "--manifest", "{f}", "{dir}")],
)
@pytest.mark.parametrize(
    ("name", "reason"), [("missing.json", "no such file"), ("", "is a folder, not a file")]
)
def test_missing_file_or_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...], name: str, reason: str
) -> None:
    target = tmp_path / "in" / name if name else tmp_path / "in"
    (tmp_path / "in").mkdir()
    db = str(tmp_path / "lib" / "library.json")
    args = [a.replace("{f}", str(target)).replace("{dir}", str(tmp_path / "in")) for a in argv]
    code, out, err = run(capsys, "--db", db, *args)
    assert code in (1, 2) and out == ""
    assert err.startswith("dateline: ") and err.count("\n") == 1
    assert str(target) in err and err.rstrip().endswith(reason)
