"""The card loader refuses bad card content; the markdown quote is safe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import CardContentError, load_library
from cds_service.core.cards import md_quote
from cds_service.core.rules import RULES


@pytest.fixture
def cards_copy(tmp_path: Path) -> Path:
    target = tmp_path / "cards"
    shutil.copytree(DEFAULT_CARDS_DIR, target)
    return target


def test_shipped_cards_load_and_cover_every_rule():
    lib = load_library(DEFAULT_CARDS_DIR)
    assert {r.id for r in RULES} <= set(lib.cards)
    assert all(r.display for r in lib.override_reasons)
    for card in lib.cards.values():
        assert card.guidance


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_unknown_key_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "indicator: warning", "indicator: warning\ncolour: red")
    with pytest.raises(CardContentError, match="unknown keys"):
        load_library(cards_copy)


def test_bad_indicator_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "indicator: warning", "indicator: hard-stop")
    with pytest.raises(CardContentError, match="indicator"):
        load_library(cards_copy)


def test_unknown_template_variable_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "{{ shown }}", "{{ patient_name }}")
    with pytest.raises(CardContentError, match="patient_name"):
        load_library(cards_copy)


def test_long_summary_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "noncontrast CT can clarify",
          "noncontrast CT can clarify " + "x" * 120)
    with pytest.raises(CardContentError, match="limit"):
        load_library(cards_copy)


def test_missing_card_for_a_rule_is_refused(cards_copy):
    (cards_copy / "signal-void.yaml").unlink()
    with pytest.raises(CardContentError, match="signal-void"):
        load_library(cards_copy)


def test_unknown_suggestion_is_refused(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "suggestions: [", "suggestions: [order-pizza, ")
    with pytest.raises(CardContentError, match="order-pizza"):
        load_library(cards_copy)


def test_md_quote_escapes_markdown_and_flattens_lines():
    assert md_quote("**bold** [link](http://x)\n<script>") == (
        "\\*\\*bold\\*\\* \\[link\\](http\\[:\\]//x) \\<script\\>")  # no live URL


def test_states_names_only_rules(cards_copy):
    _edit(cards_copy / "signal-void.yaml", "states: [contrast-ct-noncontrast-first]",
          "states: [no-such-rule]")
    with pytest.raises(CardContentError, match="states"):
        load_library(cards_copy)

