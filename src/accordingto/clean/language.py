"""The language of an article, from its text (never from ``<html lang>``, which is often wrong).

English is recognised cheaply by its function words, which settles nearly every English
article without a model; anything else is named by langdetect (its language profiles ship in
the package: nothing is downloaded), seeded so the same text always gets the same answer.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Final

#: Characters read: the start of an article says its language as well as the whole.
SAMPLE_CHARS: Final = 3000
#: Fewer words than this cannot be told apart: no language is given.
MIN_WORDS: Final = 8
#: A text is called another language only with this confidence: refusing an English article
#: costs more than analysing a foreign one.
NON_ENGLISH_MIN_PROBABILITY: Final = 0.9
#: English prose has a quarter or more of its words among these; other languages almost none.
ENGLISH_SHARE: Final = 0.12
ENGLISH_FUNCTION_WORDS: Final = frozenset(
    {"the", "a", "an", "of", "to", "in", "and", "is", "are", "was", "were", "that", "for", "on", "with", "as"}
    | {"by", "at", "from", "it", "he", "she", "they", "said", "has", "have", "be", "this", "not", "but", "his"}
    | {"her", "their", "which", "who", "will", "would"}
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\d+")


def english_share(text: str) -> tuple[float, int]:
    """The share of words that are English function words, and the number of words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0, 0
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words), len(words)


def detect_language(text: str) -> str | None:
    """The language code of ``text`` ("en", "de", "zh-cn"...), or None when it is too short to tell."""
    return _language_of_start(text[:SAMPLE_CHARS])


@lru_cache(maxsize=256)
def _language_of_start(start: str) -> str | None:
    # kept for the last texts: the analyzer asks once before parsing and once for the record,
    # and a parse cache prepares a whole gold set first (PolNeAR dev: 84 articles, which 64
    # entries forgot in turn, one by one); at most 3,000 characters an entry
    sample = _NOISE.sub(" ", start)
    share, words = english_share(sample)
    if words < MIN_WORDS:
        return None
    if share >= ENGLISH_SHARE:
        return "en"
    # langdetect's profiles are of lower-case text: shouted lines ("SOURCE: METRO DAILY NEWS")
    # read as Somali in capitals and as English in lower case
    return _langdetect(sample.lower())


def _langdetect(sample: str) -> str | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # deterministic: the same text, the same language
    try:
        best = detect_langs(sample)[0]
    except (LangDetectException, IndexError):
        return None
    return str(best.lang) if best.prob >= NON_ENGLISH_MIN_PROBABILITY else None


@cache
def _names() -> dict[str, str]:
    text = resources.files("accordingto.clean.resources").joinpath("languages.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {code: name for code, name in rows}


def language_name(code: str) -> str:
    """ "German" for "de"; the code itself for a language not in the table."""
    return _names().get(code, code)
