"""What the rules should leave out of an attribution, or not report at all: each with its own
small text."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Attribution

Analyse = Callable[[str], Analysis]


def with_cue(analysis: Analysis, cue: str) -> list[Attribution]:
    return [a for a in analysis.attributions if a.cue is not None and a.cue.text == cue]


def test_the_medium_after_an_object_is_not_content(analyse: Analyse) -> None:
    a = analyse("The company rejected the offer in a letter to shareholders.")
    [attr] = with_cue(a, "rejected")
    assert attr.content_text == "the offer"
