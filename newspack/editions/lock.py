"""A lock file so that two runs of the same edition (two cron jobs that overlap) never interleave.

The lock is an ``flock`` on a file beside the state database: the kernel releases it when
the process ends, however it ends (SIGKILL included), so a crashed run never leaves a stale
lock behind. The file holds the holder's pid, for the error message only.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ExitCode, NewspackError


class LockedError(NewspackError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


class RunLock:
    """``with RunLock(path):`` - hold an exclusive, non-blocking lock on ``path`` or raise LockedError."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise LockedError(f"another run holds the lock{who}; try again when it has finished",
                              source=str(self.path)) from None
        except OSError:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
