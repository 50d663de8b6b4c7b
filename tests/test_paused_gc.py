"""The hook call pauses the cyclic GC, restores it, and never starves it under overlap."""

from __future__ import annotations

import gc

import pytest

from cds_service.web.api import PausedGc


@pytest.fixture(autouse=True)
def _restore_gc():
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_during_a_call_and_restored_after():
    gc.enable()
    pause = PausedGc()
    with pause:
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_calls_restore_only_when_the_last_one_ends():
    gc.enable()
    pause = PausedGc()
    pause.__enter__()
    pause.__enter__()
    pause.__exit__(None, None, None)
    assert not gc.isenabled()
    pause.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    with PausedGc():
        pass
    assert not gc.isenabled()


def test_overlapping_calls_still_collect_every_max_pause(monkeypatch):
    gc.enable()
    now = [0.0]
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    pause = PausedGc(max_pause=1.0, clock=lambda: now[0])
    pause.__enter__()                     # call A starts
    for _ in range(3):                    # calls B, C, D overlap A, one second apart
        pause.__enter__()
        now[0] += 1.1
        pause.__exit__(None, None, None)
    assert len(collected) == 3
    pause.__exit__(None, None, None)
    assert gc.isenabled()
