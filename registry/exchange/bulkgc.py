"""The cyclic garbage collector paused for a bulk run: an import or export holds hundreds of thousands of
acyclic records, and every full collection walks all of them, which made both quadratic in the county's
size."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
