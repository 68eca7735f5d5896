"""What a rule is, the registry of rules, and the set of rules enabled for a run.

A rule is a small named unit of the analysis: a stable versioned id
(``cue.verb.v1``, ``trim.dateline.v1``), the stage it belongs to, its place in that
stage's order, a documented purpose, examples it must handle and counterexamples on
which it must not fire. The code of a rule is a plain function; how the functions of a
stage are combined (the first that answers wins, each applied in turn, any that matches)
is the stage's policy, written once in :mod:`accordingto.analyze.engine` and named in
:data:`STAGES`.

Changing what a rule does means giving it a new version (``.v2``); the set of enabled
ids is part of ``analysis_version``, so stored analyses made under other rules are
recognised as stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from accordingto.errors import SettingsError

F = TypeVar("F", bound=Callable[..., Any])

#: stage -> how its rules are combined (documented in docs/rules.md)
STAGES: dict[str, str] = {
    "cue": "token triggers: for each token outside quotations, the first enabled rule whose trigger "
    "matches builds the attribution (or nothing); later rules do not see that token",
    "verb": "special cases of a verbal cue, tried in order before its frames; the first that answers wins",
    "frame": "where a verbal cue's content is, tried in order; the first that answers wins",
    "trim": "content boundaries, each applied in turn to a reported clause (where the writer's words begin)",
    "layout": "attributions found from the layout of the text (colons, dashes, headlines), in order",
    "attach": "ways to give a quotation no cue claimed to an attribution, tried in order",
    "clause": "ways of finding the clause a verbal cue reports, tried in order; the first that finds one wins",
    "switch": "behaviours applied at one fixed point of the analysis (named in the rule's purpose) when enabled",
    "policy": "passes over all attributions, in order (snapping, nesting, filters)",
    "figure": "ways of finding figures, in order; a later one skips what an earlier one found",
    "figure_filter": "reasons a number found is no figure; any enabled rule that matches drops it",
    "mention": "source mentions that need nothing else to be described (an appositive name, a quantifier, "
    "a pronoun), tried in order; the first that answers wins",
    "describe": "what a source mention is (kind, name, count, role), tried in order; the first that answers wins",
    "resolve": "which earlier source a mention refers to, tried in order; the first that answers wins",
}


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must handle, and what the analysis must then give.

    Every given field must hold for one attribution (``content``: its content pieces
    joined by a space; ``cue``, ``source``: the cue and source mention text) or, for
    ``source_name``/``source_kind``/``named``, for that attribution's source entity;
    ``anonymity`` is a marker recorded on that source, ``via`` the name of a medium it came
    through, ``gender``/``role_class`` the source's; ``joins``/``apart_from`` the content of
    another attribution whose source must be the same entity / another entity.
    """

    text: str
    content: str | None = None
    cue: str | None = None
    source: str | None = None
    source_name: str | None = None
    source_kind: str | None = None
    named: bool | None = None
    #: the text of a figure the analysis must report (for figure rules)
    figure: str | None = None
    anonymity: str | None = None
    via: str | None = None
    joins: str | None = None
    apart_from: str | None = None
    #: the source's gender and role class (source.gender.v3, source.role_class.v3)
    gender: str | None = None
    role_class: str | None = None
    #: a group's members by gender, written "female=3 male=1" (source.group_gender.v1)
    gender_counts: str | None = None
    #: the text of one of the source's descriptors (source.descriptors.v1)
    descriptor: str | None = None
    #: the source's role or title as the analysis gives it (source.title_elsewhere.v3); "" for none
    source_role: str | None = None

    def expectations(self) -> list[tuple[str, object]]:
        """What the example says the analysis must give: (field, value) of each field set."""
        return [(f, getattr(self, f)) for f in EXPECTATION_FIELDS if getattr(self, f) is not None]


#: the fields of an Example that say what must come out, in the order docs/rules.md shows them
EXPECTATION_FIELDS = (
    "content",
    "cue",
    "source",
    "source_name",
    "source_kind",
    "named",
    "figure",
    "anonymity",
    "via",
    "joins",
    "apart_from",
    "gender",
    "role_class",
    "gender_counts",
    "descriptor",
    "source_role",
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    stage: str
    order: int
    purpose: str
    func: Callable[..., Any]
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[str, ...] = ()
    #: for token-triggered rules: whether the token is this rule's to build from
    trigger: Callable[..., bool] | None = None
    #: the coarse parts of speech (``token.pos_``) the trigger can say yes to, when it needs
    #: one: the engine does not ask it about other tokens (it asks every trigger of every token)
    trigger_pos: frozenset[str] | None = None
    #: a rule that removes attributions: its examples describe what it removes (absent with
    #: the rule, present without it), and the ledger counts what it removed
    removes: bool = False
    #: a rule that runs only when asked for (``Settings.enabled_rules``), such as the
    #: first-name table of ``--gender-from-names``
    opt_in: bool = False

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    *,
    stage: str,
    order: int,
    purpose: str,
    examples: Iterable[Example | str] = (),
    counterexamples: Iterable[str] = (),
    trigger: Callable[..., bool] | None = None,
    trigger_pos: Iterable[str] | None = None,
    removes: bool = False,
    opt_in: bool = False,
) -> Callable[[F], F]:
    """Register the decorated function as the rule ``id``."""
    if stage not in STAGES:
        raise ValueError(f"rule {id}: unknown stage {stage!r}")

    def register(func: F) -> F:
        if id in REGISTRY:
            raise ValueError(f"rule {id} is registered twice")
        REGISTRY[id] = Rule(
            id=id,
            stage=stage,
            order=order,
            purpose=" ".join(purpose.split()),
            func=func,
            examples=tuple(e if isinstance(e, Example) else Example(e) for e in examples),
            counterexamples=tuple(counterexamples),
            trigger=trigger,
            trigger_pos=frozenset(trigger_pos) if trigger_pos is not None else None,
            removes=removes,
            opt_in=opt_in,
        )
        return func

    return register


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules enabled for a run: every registered rule but the disabled ones (opt-in rules
    are disabled unless asked for)."""

    disabled: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def without(cls, ids: Iterable[str] = (), enable: Iterable[str] = ()) -> RuleSet:
        """All rules but ``ids`` and the opt-in rules not in ``enable``; an unknown id is a
        SettingsError (a typo must not go unnoticed), and so is enabling a rule that is not
        opt-in (every other rule already runs)."""
        wanted, asked = frozenset(ids), frozenset(enable)
        known = all_rules()
        unknown = sorted((wanted | asked) - set(known))
        if unknown:
            raise SettingsError(f"unknown rule id {', '.join(unknown)}: `accordingto rules` lists the ids that exist")
        not_opt_in = sorted(r for r in asked if not known[r].opt_in)
        if not_opt_in:
            raise SettingsError(f"rule {', '.join(not_opt_in)} always runs: only opt-in rules can be enabled")
        opt_in = frozenset(r for r, found in known.items() if found.opt_in)
        return cls(wanted | (opt_in - asked))

    @property
    def enabled_opt_in(self) -> tuple[str, ...]:
        """The opt-in rules this set runs (what a pipeline's ``enabled_rules`` config holds)."""
        return tuple(sorted(r for r, found in all_rules().items() if found.opt_in and r not in self.disabled))

    def stage(self, name: str) -> tuple[Rule, ...]:
        """The enabled rules of a stage, in their declared order."""
        return _ordered(name, self.disabled)

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r for r in sorted(all_rules()) if r not in self.disabled)


_STAGE_CACHE: dict[tuple[str, frozenset[str]], tuple[Rule, ...]] = {}


def _ordered(stage: str, disabled: frozenset[str]) -> tuple[Rule, ...]:
    key = (stage, disabled)
    found = _STAGE_CACHE.get(key)
    if found is None:
        found = tuple(
            sorted((r for r in all_rules().values() if r.stage == stage and r.id not in disabled), key=_position)
        )
        _STAGE_CACHE[key] = found
    return found


def _position(r: Rule) -> tuple[int, str]:
    return r.order, r.id


def all_rules() -> dict[str, Rule]:
    """Every registered rule by id (importing the rule modules registers them)."""
    import accordingto.analyze.claims
    import accordingto.analyze.rules
    import accordingto.analyze.sources  # noqa: F401  (registers)

    return REGISTRY


def analysis_fingerprint(rules: RuleSet) -> str:
    """A short hash of what decides an analysis besides the spaCy pipeline: the enabled rule
    ids, every lexicon file and the analysis code. Any change to one of them gives another
    ``analysis_version``, so a corpus re-analyses what was stored under other rules."""
    return _fingerprint(rules.disabled)


@cache
def _fingerprint(disabled: frozenset[str]) -> str:
    import hashlib
    from importlib import resources

    digest = hashlib.sha256()
    for rule_id in RuleSet(disabled).ids:
        digest.update(rule_id.encode() + b"\n")
    package = resources.files("accordingto.analyze")
    for path in _files(package):
        digest.update(path.encode() + b"\0" + package.joinpath(path).read_bytes())
    return digest.hexdigest()[:12]


def _files(root: Any, prefix: str = "") -> list[str]:
    """Relative paths of the analysis package's code and data, sorted (caches and bytecode left out)."""
    found: list[str] = []
    for entry in root.iterdir():
        name = entry.name
        if name.startswith((".", "__pycache__")) or name.endswith(".pyc"):
            continue
        rel = f"{prefix}{name}"
        if entry.is_dir():
            found.extend(_files(entry, rel + "/"))
        elif name.endswith((".py", ".tsv", ".txt")) and rel != "ledger.tsv":  # the ledger measures, it decides nothing
            found.append(rel)
    return sorted(found)
