"""A private tmux server for timing programs in a real terminal.

Each program is started in its own 140×40 session of a tmux server on its
own socket (so nobody's tmux is touched), and the benchmark polls
`capture-pane` until a marker text is on the screen. The session first runs
`read`, so the clock starts only when Enter is sent, not while tmux and the
shell are starting.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

WIDTH, HEIGHT = 140, 40
POLL_SECONDS = 0.004


class TerminalError(RuntimeError):
    """The program did not reach its first screen; carries the screen's last line."""


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class TmuxServer:
    """A tmux server on a socket of its own, killed on `close()`."""

    def __init__(self) -> None:
        self.socket = f"dateline-bench-{os.getpid()}"
        self._count = 0
        self._run("-f", "/dev/null", "new-session", "-d", "-s", "keep", "-x", str(WIDTH), "-y", str(HEIGHT))
        self._run("set-option", "-g", "default-size", f"{WIDTH}x{HEIGHT}")
        self._run("set-option", "-g", "status", "off")
        # Keep a pane whose program ended, so its last words can be read.
        self._run("set-option", "-g", "remain-on-exit", "on")

    def _run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        if check and done.returncode != 0:
            raise TerminalError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def close(self) -> None:
        self._run("kill-server", check=False)

    def __enter__(self) -> TmuxServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(
        self, argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> Session:
        """A new session, with `argv` waiting for `Session.go()` to run."""
        self._count += 1
        name = f"run{self._count}"
        command = " ".join(
            shlex.quote(a) for a in ["env", *(f"{k}={v}" for k, v in (env or {}).items()), *argv]
        )
        shell = f"read _ && exec {command}"
        if cwd is not None:
            shell = f"cd {shlex.quote(str(cwd))} && {shell}"
        self._run("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), shell)
        return Session(self, name)


class Session:
    """One program in one tmux session."""

    def __init__(self, server: TmuxServer, name: str) -> None:
        self.server = server
        self.name = name

    def pid(self) -> int:
        return int(self.server._run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def screen(self) -> str:
        return self.server._run("capture-pane", "-p", "-t", self.name, check=False)

    def keys(self, *keys: str) -> None:
        self.server._run("send-keys", "-t", self.name, *keys, check=False)

    def alive(self) -> bool:
        """The program is still running (its pane is not dead)."""
        state = self.server._run("display-message", "-p", "-t", self.name, "#{pane_dead}", check=False)
        return state.strip() == "0"

    def go_and_wait(self, markers: Sequence[str], timeout: float = 30.0) -> float:
        """Send Enter (the program starts) and return the seconds until one
        of `markers` is on the screen."""
        time.sleep(0.2)  # let the shell reach `read`
        started = time.perf_counter()
        self.keys("Enter")
        while True:
            screen = self.screen()
            if any(m in screen for m in markers):
                return time.perf_counter() - started
            elapsed = time.perf_counter() - started
            if elapsed > timeout or not self.alive():
                screen = self.screen()
                last = next((line for line in reversed(screen.splitlines()) if line.strip()), "blank screen")
                ended = "" if self.alive() else ", the program ended"
                self.kill()
                raise TerminalError(f"no first screen after {elapsed:.1f} s{ended}: {last.strip()[:100]}")
            time.sleep(POLL_SECONDS)

    def quit(self, keys: Sequence[str] = ("q",), timeout: float = 10.0) -> None:
        """Quit with `keys`; kill the session if the program does not end."""
        self.keys(*keys)
        deadline = time.perf_counter() + timeout
        while self.alive() and time.perf_counter() < deadline:
            time.sleep(0.05)
        self.kill()

    def kill(self) -> None:
        self.server._run("kill-session", "-t", self.name, check=False)


def peak_memory_bytes(pid: int) -> int | None:
    """The process's peak resident set (VmHWM), or None if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None
