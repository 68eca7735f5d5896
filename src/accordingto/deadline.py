"""One time limit for a block of work, by SIGALRM: the analysis of a Spark task or a
``--jobs`` batch, the extraction of one HTML page.

The alarm works in the main thread of a Unix process only (elsewhere the block runs without
a limit), and is seen between Python steps, so a long call into C (lxml) can overrun it.
Limits nest: an inner block whose limit ends after the outer one's runs under the outer
one; a shorter inner limit is set and the outer timer is put back as it was afterwards.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def deadline(seconds: float | None, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``error()`` in this block once ``seconds`` have passed (None or 0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    outer, _ = signal.getitimer(signal.ITIMER_REAL) if usable else (0.0, 0.0)
    if not usable or seconds is None or seconds <= 0 or 0 < outer <= seconds:
        yield  # no limit can be set here, or the outer one ends first and governs
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise error()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))
