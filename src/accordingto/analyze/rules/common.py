"""Small lookups the rule families share: cue words, mentions, confidences, sources of a verb."""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import merge
from accordingto.analyze.context import DocContext
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import CharRange, TokRange, chars, find_subject, mention_range

SOURCE_KINDS_OF_SPEAKERS = frozenset({"person", "group", "organization", "outlet", "document"})


def cue_lemma(tok: Token) -> str:
    """The token's lemma, corrected where the pipeline's lemmatizer is known to err."""
    return lexicon.lemma_fixes().get(tok.lower_) or tok.lemma_.lower()


def is_verb_cue(ctx: DocContext, tok: Token) -> bool:
    """A verb of the cue lexicon ("said", "denied"); a verb that needs a particle to report
    ("point" in "pointed out") only with it."""
    if not (ctx.pos[tok.i] in ("VERB", "AUX") or ctx.tags[tok.i].startswith("VB")):
        return False  # (asked of every token: read from the context's lists, not the Token)
    lemma = cue_lemma(tok)
    if lemma not in ctx.verbs:
        return False
    particle = lexicon.particle_verbs().get(lemma)
    if particle is not None:
        return any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)
    return True


def in_word_set(tok: Token, name: str) -> bool:
    return cue_lemma(tok) in lexicon.word_set(name)


def ranges(ctx: DocContext, token_ranges: list[TokRange]) -> list[CharRange]:
    return merge([chars(ctx.doc, r) for r in token_ranges])


def mention(ctx: DocContext, tok: Token) -> CharRange:
    return chars(ctx.doc, mention_range(tok))


def confidence(key: str) -> float:
    """A confidence of ``confidence.tsv`` (a rule id, ``class:<cue class>`` or ``penalty:<name>``)."""
    return lexicon.confidences()[key]


def class_confidence(cue_class: str) -> float:
    return lexicon.confidences().get(f"class:{cue_class}", lexicon.confidences()["class:default"])


@rule(
    "source.recipient.v1",
    stage="switch",
    order=0,
    purpose="""Who was told: "told Politico", "spoke to the outlet", "said to reporters"; an outlet
    told becomes the medium (via) of the statement.""",
    examples=[
        Example(
            "Two officials told Politico that the talks had stalled.",
            content="that the talks had stalled",
            source="Two officials",
            via="Politico",
        )
    ],
    counterexamples=["Two officials said that the talks had stalled."],
)
def recipient(verb: Token) -> int | None:
    """Who was told: "told Politico", "spoke to the outlet", "said to reporters"."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and verb.lemma_.lower() in lexicon.word_set("recipient_verbs"):
            return child.i
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj.i
    return None


def source_like(ctx: DocContext, tok: Token) -> bool:
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return ctx.source_nouns.get(tok.lemma_.lower()) in SOURCE_KINDS_OF_SPEAKERS


@rule(
    "source.citing.v1",
    stage="switch",
    order=0,
    purpose="""'Politico reported, citing four US officials, that...': the officials cited are the
    source and the reporting outlet the medium.""",
    examples=[
        Example(
            "The Post reported the plan on Sunday, citing four US officials.",
            content="the plan on Sunday",
            source="four US officials",
        )
    ],
    counterexamples=["The Post reported the plan on Sunday."],
)
def cited_source(ctx: DocContext, verb: Token) -> Token | None:
    """ "reported, citing four US officials": the officials are where it came from."""
    citing = lexicon.word_set("citing_verbs")
    for child in verb.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in citing:
            for obj in child.children:
                if obj.dep_ == "dobj" and source_like(ctx, obj):
                    return obj
    return None


@rule(
    "source.sentient.v1",
    stage="switch",
    order=0,
    purpose="""'She issued a statement saying...': the source is whoever produced the statement (the
    guidelines' sentient source), when the text names them.""",
    examples=[
        Example(
            "The mayor issued a statement saying the water was safe.", content="the water was safe", source="The mayor"
        )
    ],
    counterexamples=["The statement said the water was safe."],
)
def sentient(ctx: DocContext, subject: Token | None) -> Token | None:
    """'She issued a statement saying...': the source is whoever produced the statement (the
    guidelines' sentient source), when the text names them."""
    if subject is None or ctx.source_nouns.get(subject.lemma_.lower()) != "document":
        return subject
    if subject.dep_ in ("dobj", "pobj") and not any(c.dep_ == "poss" for c in subject.children):
        producer = subject.head if subject.dep_ == "dobj" else subject.head.head
        if producer.pos_ in ("VERB", "AUX"):
            found = find_subject(producer)
            if found is not None and ctx.source_nouns.get(found.lemma_.lower()) != "document":
                return found
    return subject


def verb_form_lemma(word: str) -> str | None:
    """The lemma of a finite verb form in a lexicon-free way: says -> say, praises -> praise,
    denies -> deny, blasted -> blast, said/told/took... -> None unless listed."""
    irregular = lexicon.irregular_forms()
    if word in irregular:
        return irregular[word]
    verbs = lexicon.cue_verbs()
    for suffix, repl in lexicon.verb_suffixes():
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            if stem in verbs:
                return stem
    return None
