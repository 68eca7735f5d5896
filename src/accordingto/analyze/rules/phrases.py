"""Prepositional and adverbial cues with no verb: 'In a new poll, X leads Y', 'in her view, ...',
'the senator reportedly told aides ...'."""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.common import confidence, is_verb_cue, mention, ranges
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import TokRange, chars, trim

#: dependents of a noun that the PP can hang on while the clause is still what the source says
_NOUN_IN_CLAUSE = ("dobj", "attr", "oprd", "npadvmod", "pobj")


def _in_source(tok: Token) -> Token | None:
    """The object of 'in' when it names a source: a poll or survey ('in the latest poll'), or a
    possessed view noun ('in her view', 'in Forbes' words')."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    lemma = obj.lemma_.lower()
    if lemma in lexicon.word_set("in_source_documents"):
        return obj
    if lemma in lexicon.word_set("in_source_views") and any(c.dep_ == "poss" for c in obj.children):
        return obj
    return None


_IN = get_string_id("in")


def _in_trigger(ctx: DocContext, tok: Token) -> bool:
    # asked of every token: the word's key is read from the context's list first, not the Token
    return ctx.lower_keys[tok.i] == _IN and _in_source(tok) is not None


def _clause_head(prep: Token) -> Token | None:
    """The verb of the clause the phrase modifies: its head, or the verb above a noun the phrase
    hangs on ('has a lead in the polls'); None when the phrase modifies a noun that is no part of
    a clause's predicate ('his lead in the polls worried them')."""
    head = prep.head
    while head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") and head.dep_ in _NOUN_IN_CLAUSE and head.head.i != head.i:
        head = head.head if head.dep_ != "pobj" else head.head.head
    if head.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return head
    return None


def _phrase(doc: Doc, prep: Token, obj: Token) -> TokRange:
    """The phrase with its commas ('In a poll released Monday, ...')."""
    start, end = prep.i, obj.right_edge.i + 1
    if start > 0 and doc[start - 1].text == ",":
        start -= 1
    if end < len(doc) and doc[end].text == ",":
        end += 1
    return start, end


def _pieces(ctx: DocContext, verb: Token, phrase: TokRange, first: int | None = None) -> list[TokRange]:
    """The clause of ``verb`` in its sentence (from ``first`` when given), without the phrase, as at
    most two trimmed pieces."""
    sent = ctx.sentences.of_token(verb.i)
    start, end = max(verb.left_edge.i, sent.start, first or 0), min(verb.right_edge.i + 1, sent.end)
    for conj in verb.rights:
        # '..., and the police are investigating': a conjoined clause with its own subject is the writer's
        if conj.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            end = min(end, conj.left_edge.i)
            while end > start and (ctx.doc[end - 1].dep_ == "cc" or ctx.doc[end - 1].is_punct):
                end -= 1
    found = []
    for rng in ((start, min(end, phrase[0])), (max(start, phrase[1]), end)):
        if rng[1] > rng[0]:
            piece = trim(ctx.doc, rng)
            if piece and any(ctx.doc[i].is_alpha for i in range(*piece)):
                found.append(piece)
    return found


@rule(
    "cue.in_source.v1",
    stage="cue",
    order=41,
    trigger=_in_trigger,
    purpose="""'In a new poll, the governor leads by six points', 'In her view, the law is flawed': a
    phrase 'in' + a poll or survey (in_source_documents) or + a possessed view noun
    (in_source_views: 'view', 'words', 'opinion', 'eyes', 'mind') before the subject of the
    clause it modifies attributes the rest of that clause to the poll or to the possessor. After
    the verb ('has a wide lead in the polls', 'who leads in the polls') it is left out: measured
    on PolNeAR train, such phrases are mostly the writer's narration of a race (and are
    annotated unevenly). 'in' + a view noun without a possessor ('in view of the costs') names
    no one.""",
    examples=[
        Example(
            "In a new survey released Monday, the governor leads her rival by six points.",
            content="the governor leads her rival by six points",
            cue="In",
            source="a new survey",
        ),
        Example(
            "In her view, the new law is deeply flawed.",
            content="the new law is deeply flawed",
            cue="In",
            source="her",
        ),
    ],
    counterexamples=[
        "In view of the costs, the council postponed the vote.",
        "She took part in the survey.",
        "The mayor fell to third place in the newest poll.",
    ],
)
def in_source(ctx: DocContext, prep: Token, state: EngineState) -> Candidate | None:
    obj = _in_source(prep)
    assert obj is not None
    verb = _clause_head(prep)
    if verb is None or verb.lemma_.lower() in lexicon.word_set("in_source_non_claims"):
        return None  # 'took part in the survey', 'was asked in a poll': no claim of the poll's
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")), None)
    if subject is None or subject.left_edge.i < prep.i:
        # only a phrase before the clause's subject ('In a new poll, X leads'): after the verb
        # ('has a lead in the polls', 'who leads in the polls') it is mostly the writer's own
        # narration of the race, measured on PolNeAR train
        return None
    phrase = _phrase(ctx.doc, prep, obj)
    pieces = [p for p in _pieces(ctx, verb, phrase) if p[0] >= phrase[1]]
    if not pieces:
        return None
    poss = next((c for c in obj.children if c.dep_ == "poss"), None)
    source = poss if obj.lemma_.lower() in lexicon.word_set("in_source_views") and poss is not None else obj
    return Candidate(
        content=ranges(ctx, pieces),
        cue=chars(ctx.doc, (prep.i, prep.i + 1)),
        source=mention(ctx, source),
        pattern="phrase",
        cue_class="according_to",
        stance="neutral",
        confidence=confidence("cue.in_source.v1"),
        rules=["cue.in_source.v1"],
        cue_head=prep.i,
        source_head=source.i,
    )


_ADVMOD = get_string_id("advmod")


def _evidential_trigger(ctx: DocContext, tok: Token) -> bool:
    return (
        ctx.dep_keys[tok.i] == _ADVMOD  # asked of every token: read from the context's list, not the Token
        and tok.lower_ in lexicon.word_set("evidential_adverbs")
        and tok.head.pos_ in ("VERB", "AUX")
        and tok.head.i != tok.i
    )


def _adverb_phrase(doc: Doc, adverb: Token) -> TokRange:
    """The adverb with its commas ('The firm, reportedly, ...')."""
    start, end = adverb.i, adverb.i + 1
    if start > 0 and doc[start - 1].text == "," and end < len(doc) and doc[end].text == ",":
        start, end = start - 1, end + 1
    return start, end


@rule(
    "cue.evidential_adverb.v1",
    stage="cue",
    order=42,
    trigger=_evidential_trigger,
    purpose="""'The company reportedly cut 200 jobs', 'He allegedly took bribes': an evidential adverb
    (evidential_adverbs: 'reportedly', 'allegedly', 'purportedly', 'supposedly', 'reputedly') marks
    the clause it modifies as someone else's claim, with no source given: the clause without the
    adverb, from its subject on ('In total, ...' left out), is the content. Only a clause with a
    subject and a finite verb ('reportedly cut', not 'a reportedly rigged vote'), and not where
    the verb is itself a cue ('reportedly said that...': the verb's attribution holds it).""",
    examples=[
        Example(
            "The company reportedly cut 200 jobs at its plant last month.",
            content="The company cut 200 jobs at its plant last month",
            cue="reportedly",
        )
    ],
    counterexamples=["The reportedly rigged vote was held again.", "The minister reportedly said nothing."],
)
def evidential_adverb(ctx: DocContext, adverb: Token, state: EngineState) -> Candidate | None:
    verb = adverb.head
    if is_verb_cue(ctx, verb) or verb.dep_ in ("amod", "acl", "relcl", "xcomp", "pcomp"):
        return None  # 'reportedly said', 'a reportedly rigged vote', 'the man who allegedly...'
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None:
        return None
    # from the subject: an opening adverbial ('In total, ...') is the writer's framing
    pieces = _pieces(ctx, verb, _adverb_phrase(ctx.doc, adverb), min(subject.left_edge.i, adverb.i))
    if not pieces:
        return None
    return Candidate(
        content=ranges(ctx, pieces),
        cue=chars(ctx.doc, (adverb.i, adverb.i + 1)),
        source=None,
        pattern="evidential",
        cue_class="report",
        stance="distancing",
        confidence=confidence("cue.evidential_adverb.v1"),
        rules=["cue.evidential_adverb.v1"],
        cue_head=adverb.i,
        source_head=None,
    )
