"""Worker pools that an interrupt does not wait for.

``with ThreadPoolExecutor()`` waits for every running task when the block ends, also when it
ends by Ctrl-C or SIGTERM: a fetch stuck on a dripping server then holds the interrupted
run until its deadline. These pools stop at once on an exception instead; what is still
running is abandoned (the CLI exits without joining it, see ``newspack.cli.main``).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


@contextmanager
def thread_pool(workers: int, name: str = "newspack") -> Iterator[ThreadPoolExecutor]:
    """A thread pool that waits for its tasks when the block ends normally, not on an exception."""
    # imported here, like the process pool's: concurrent.futures brings logging along, and a
    # one-article run without remote images never starts a pool
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix=name)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


@contextmanager
def process_pool(workers: int, mp_context=None) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are stopped (SIGTERM) when the block ends by an exception."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=mp_context, initializer=_worker_signals)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        raise
    pool.shutdown(wait=True)


def _worker_signals() -> None:
    """In a worker: Ctrl-C is the parent's to handle, SIGTERM ends the worker quietly."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
