"""Source entities of a document and the source of each attribution.

Resolution runs in text order over the source mentions of the attributions (and the
outlets they were told to or cited through): each mention is described
(:mod:`.describe`), then joined to an earlier entity or made a new one
(:mod:`.antecedents`). The result is the entities and, for each attribution id, a
:class:`~accordingto.analyze.state.SourceLink`; the attributions themselves are never
changed.
"""

from __future__ import annotations

from spacy.tokens import Doc

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, RuleSet, rule
from accordingto.analyze.sources.acronyms import name_companies_in_full, spell_out_acronyms
from accordingto.analyze.sources.antecedents import NEW_ENTITY
from accordingto.analyze.sources.describe import describe
from accordingto.analyze.sources.descriptors import mark_descriptors
from accordingto.analyze.sources.first_names import mark_gender_from_names
from accordingto.analyze.sources.group_gender import mark_group_genders
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import display, longest_first
from accordingto.analyze.sources.roles import mark_role_class, mark_titles_elsewhere
from accordingto.analyze.sources.salience import mention_gender
from accordingto.analyze.sources.who import mark_gender
from accordingto.analyze.state import AttributionRecord, SourceLink, SourceRecord
from accordingto.analyze.syntax import CharRange, chars, mention_range


def resolve_sources(
    doc: Doc, attributions: list[AttributionRecord], rules: RuleSet, quoted: list[CharRange] | None = None
) -> tuple[list[SourceRecord], list[SourceLink]]:
    """The source entities of ``doc`` and the link of every attribution to its source
    (``quoted``: the quotations of the text, which salience reads)."""
    sc = SourceContext.build(doc, rules, quoted)
    links = [_link(sc, attr) for attr in sorted(attributions, key=lambda a: a.content[0][0])]
    if rules.enabled("source.anonymity.v1"):
        _mark_anonymity(sc)
    if rules.enabled("source.gender.v3"):
        mark_gender(sc)
    if rules.enabled("source.gender_from_names.v1"):
        mark_gender_from_names(sc)
    if rules.enabled("source.group_gender.v1"):
        mark_group_genders(sc)
    if rules.enabled("source.acronym_name.v1"):
        spell_out_acronyms(sc)
    if rules.enabled("source.company_full_name.v1"):
        name_companies_in_full(sc)
    if rules.enabled("source.descriptors.v1"):
        mark_descriptors(sc, attributions)
    if rules.enabled("source.title_elsewhere.v3"):
        mark_titles_elsewhere(sc)
    if rules.enabled("source.role_class.v3"):
        mark_role_class(sc)  # reads the descriptors
    order = {a.id: n for n, a in enumerate(attributions)}
    links.sort(key=lambda link: order[link.attribution])
    return [_record(e) for e in sc.entities if e.mentions], links


def _link(sc: SourceContext, attr: AttributionRecord) -> SourceLink:
    via: list[Entity] = []
    head, span = attr.source_head, attr.source
    if attr.cited_head is not None and head is not None:
        via.append(resolve(sc, head, span=span))
        head, span = attr.cited_head, chars(sc.doc, mention_range(sc.doc[attr.cited_head]))
    if attr.recipient_head is not None:
        medium = resolve_outlet(sc, attr.recipient_head)
        if medium is not None:
            via.append(medium)
    if head is None:
        return SourceLink(attr.id, None, None, tuple(v.id for v in via), ())
    entity = resolve(sc, head, span=span)
    rules = list(sc.decisions.get(head, ()))
    if via:
        for v in via:
            if v.id not in entity.via and v is not entity:
                entity.via.append(v.id)
    elif not entity.named and entity.via:
        via = [e for e in sc.entities if e.id in entity.via]
    return SourceLink(attr.id, entity.id, span, tuple(v.id for v in via), tuple(rules), head in sc.uncertain)


def resolve(sc: SourceContext, head: int, *, span: CharRange | None = None) -> Entity:
    """The entity the mention headed by token ``head`` refers to (created if new)."""
    if head in sc.by_head:
        return sc.by_head[head]
    mention = describe(sc, sc.doc[head], span)
    mention.gender = mention_gender(sc, head, mention.span)
    entity, decided_by = _antecedent(sc, mention)
    switches = sc.switches
    sc.switches = []
    if entity is None:
        entity = _new_entity(sc, mention)
    else:
        _absorb(entity, mention)
    decided = tuple(r for r in (mention.described_by, decided_by, *switches) if r)
    for rule_id in decided:
        entity.note(rule_id)
    sc.decisions[head] = decided
    _add_mention(sc, entity, mention)
    return entity


def resolve_outlet(sc: SourceContext, head: int) -> Entity | None:
    """The outlet a statement was told to ("told Politico", "told the outlet"), if it is one."""
    if head in sc.by_head:
        found = sc.by_head[head]
        return found if found.kind == "outlet" else None
    mention = describe(sc, sc.doc[head])
    entity, decided_by = _antecedent(sc, mention)
    if (entity.kind if entity is not None else mention.kind) != "outlet":
        return None
    if entity is None:
        entity = _new_entity(sc, mention)
    entity.note(mention.described_by)
    entity.note(decided_by)
    _add_mention(sc, entity, mention)
    return entity


def _antecedent(sc: SourceContext, m: Mention) -> tuple[Entity | None, str | None]:
    """The entity the first answering resolve rule gives, and that rule's id."""
    for r in sc.rules.stage("resolve"):
        answer = r.func(sc, m)
        if answer is None:
            continue
        if answer is NEW_ENTITY:
            return None, r.id
        assert isinstance(answer, Entity)
        return answer, r.id
    return None, None


def _add_mention(sc: SourceContext, entity: Entity, mention: Mention) -> None:
    entity.mentions.append(mention)
    entity.last = mention.head
    sc.by_head[mention.head] = entity


def _new_entity(sc: SourceContext, mention: Mention) -> Entity:
    entity = Entity(
        id=f"S{len(sc.entities) + 1}",
        name=mention.name or display(mention.text),
        kind=mention.kind,
        named=mention.named,
        lemma=mention.lemma,
        plural=mention.plural,
        count=mention.count,
        count_text=mention.count_text,
        role=mention.role,
        affiliation=mention.affiliation,
        gender=mention.gender,
    )
    sc.entities.append(entity)
    return entity


def _absorb(entity: Entity, mention: Mention) -> None:
    """A later mention can tell more about the entity (a fuller name, a role)."""
    if entity.kind == "person" and mention.kind == "organization" and mention.named:
        mention.kind = "person"  # a surname the NER took for an organization
    if mention.name and (not entity.named or len(mention.name) > len(entity.name)) and mention.named:
        entity.name = mention.name
        entity.named = True
    entity.role = entity.role or mention.role
    entity.gender = entity.gender or mention.gender
    entity.affiliation = entity.affiliation or mention.affiliation
    if entity.kind == "unspecified" and mention.kind != "unspecified":
        entity.kind = mention.kind


def _record(e: Entity) -> SourceRecord:
    return SourceRecord(
        id=e.id,
        name=e.name,
        kind=e.kind,
        named=e.named,
        count=e.count,
        count_text=e.count_text,
        role=e.role,
        affiliation=e.affiliation,
        mentions=tuple(sorted({m.span for m in e.mentions})),
        anonymity=tuple(sorted(set(e.anonymity))),
        rules=tuple(e.rules),
        gender=e.text_gender,
        gender_basis=e.gender_basis,
        gender_evidence=tuple(e.gender_evidence),
        role_class=e.role_class,
        descriptors=tuple(sorted(set(e.descriptors))),
        gender_counts=tuple(sorted(e.gender_counts.items())),
    )


# ----------------------------------------------------------------------------- anonymity
@rule(
    "source.anonymity.v1",
    stage="switch",
    order=0,
    purpose="""Markers of anonymous sourcing (anonymity.txt: "on condition of anonymity", "not
    authorized to speak") are recorded on the unnamed sources of their sentence, or on the
    earlier unnamed source the sentence's plural subject stands for.""",
    examples=[
        Example(
            "Two officials, speaking on condition of anonymity, said the talks had stalled.",
            source="Two officials",
            anonymity="on condition of anonymity",
        )
    ],
    counterexamples=["Two officials said the talks had stalled."],
)
def _mark_anonymity(sc: SourceContext) -> None:
    found: list[CharRange] = lexicon.all_matches("anonymity.txt", sc.text)
    for marker in longest_first(found):
        _apply_marker(sc, marker)


def _apply_marker(sc: SourceContext, marker: CharRange) -> None:
    span = sc.doc.char_span(marker[0], marker[1], alignment_mode="expand")
    if span is None:
        return
    sent = sc.sentences.of_token(span.start)
    covered = [e for e in sc.entities if any(sent.start <= m.head < sent.end for m in e.mentions)]
    subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.tag_ in ("NNS", "PRP") and not covered:
        lemma = subject.lemma_.lower()
        covered = [
            e
            for e in sc.entities
            if not e.named
            and e.mentions
            and e.mentions[0].head < sent.start
            and (e.lemma == lemma or subject.lower_ in ("they", "them"))
        ]
    if subject is not None and subject.tag_ in ("NNS",) and covered == []:
        return
    for entity in covered:
        if not entity.named and marker not in entity.anonymity:
            entity.anonymity.append(marker)
            entity.note("source.anonymity.v1")
