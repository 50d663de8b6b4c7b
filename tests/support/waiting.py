"""Waiting on a condition in tests: poll until it holds; the bound only ends a failing test."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def until(done: Callable[[], Any], bound: float, step: float = 0.02) -> bool:
    """Poll ``done`` until it holds (True) or ``bound`` seconds pass (False: the test fails)."""
    stop = time.monotonic() + bound
    while not done():
        if time.monotonic() > stop:
            return False
        time.sleep(step)
    return True
