"""What looks like an attribution but is none, on real pages of every genre: the writer's own
voice, commands to the reader, agentless forecasts, idioms, and sources that cannot speak.

Each is a ``policy`` rule that removes candidates (``removes=True``): the ledger counts what
each removed, by ablation, and its examples say what must not be reported.
"""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import EngineState
from accordingto.analyze.rules.common import cue_lemma
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import is_space

#: NER labels of names that can speak (a person, a body, a country speaking as a state, a people)
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def _head(ctx: DocContext, index: int | None) -> Token | None:
    return ctx.doc[index] if index is not None else None


def _keep(ctx: DocContext, found: list[Candidate], drop: object) -> list[Candidate]:
    return [c for c in found if not drop(ctx, c)]  # type: ignore[operator]


# ----------------------------------------------------------------------------- the writer's voice
def _writer_speaks(ctx: DocContext, cand: Candidate) -> bool:
    head = _head(ctx, cand.source_head)
    if head is None or cand.cue is None:
        return False
    lets = head.lower_ in ("'s", "’s") and head.i > 0 and head.doc[head.i - 1].lower_ == "let"  # "let's focus"
    if not lets and head.lower_ not in lexicon.word_set("writer_pronouns"):
        return False
    if head.tag_ not in ("PRP", "PRP$") or head.text == "US":
        return False  # "the US has opposed...": the country, not "us"
    return not ctx.inside_quote(cand.cue[0]) and not ctx.inside_quote(head.idx)


@rule(
    "policy.writer_voice.v1",
    stage="policy",
    order=50,
    removes=True,
    purpose="""The writer's own voice is no attribution: a first- or second-person source ("I think",
    "we believe", "you may want", "our view of", "let's focus on understanding") outside quotation
    marks is the column, the blog or
    the reader being addressed, not a source (inside a quotation it is the speaker's, and kept).""",
    examples=[
        Example("We believe the program has the potential to be very cost-effective.", source="We"),
        Example("You may want to check your surroundings for anything that causes an allergy.", source="you"),
    ],
    counterexamples=["“We believe the program will work,” the director said.", "The US has opposed an offensive."],
)
def writer_voice(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _writer_speaks)


def _commands_the_reader(ctx: DocContext, cand: Candidate) -> bool:
    verb = _head(ctx, cand.cue_head)
    if cand.source is not None or verb is None or verb.tag_ != "VB" or verb.dep_ != "ROOT":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return False
    sent = ctx.sentences.of_token(verb.i)
    start = sent.start
    for t in ctx.doc[sent.start : verb.i]:  # 'the grant: note that...': a command after a colon
        if t.text in (":", ";") and not ctx.inside_quote(t.idx):
            start = t.i + 1
    before = [t for t in ctx.doc[start : verb.i] if not is_space(t) and not t.is_punct]
    return all(t.pos_ in ("ADV", "INTJ") or t.lower_ in lexicon.word_set("imperative_openers") for t in before)


@rule(
    "policy.imperative.v1",
    stage="policy",
    order=51,
    removes=True,
    purpose="""A command to the reader ("Tell us what you think", "Remember what we already know",
    "Now consider that...", "...for the grant: note that...") has no source and attributes
    nothing: a base-form cue verb with no subject that opens its sentence, or what follows a
    colon or semicolon in it, is dropped.""",
    examples=[Example("Tell us what you think about the new phone in the comments.", cue="Tell")],
    counterexamples=["She told us what she thought about the new phone."],
)
def imperative(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _commands_the_reader)


def _subordinating_participle(ctx: DocContext, cand: Candidate) -> bool:
    verb = _head(ctx, cand.cue_head)
    if verb is None or verb.tag_ != "VBG" or verb.lower_ not in lexicon.word_set("subordinating_participles"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


@rule(
    "policy.subordinating_participle.v1",
    stage="policy",
    order=55,
    removes=True,
    purpose="""'considering that', 'assuming that', 'supposing that' without a subject of their own
    join the writer's clauses like 'since' or 'if' ("it's close, considering that prices
    change"): no one is reported as considering or assuming anything.""",
    examples=[
        Example(
            "The figure is in the ballpark, considering that drug prices can change over time.",
            cue="considering",
        )
    ],
    counterexamples=["The board is considering whether prices can change over time."],
)
def subordinating_participle(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _subordinating_participle)


def _sourceless_nonfinite(ctx: DocContext, cand: Candidate) -> bool:
    verb = _head(ctx, cand.cue_head)
    if cand.source is not None or cand.pattern != "verb" or verb is None or verb.pos_ != "VERB":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "agent") for c in verb.children):
        return False
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.tag_ == "VBG" or infinitive


@rule(
    "policy.sourceless_nonfinite.v1",
    stage="policy",
    order=56,
    removes=True,
    purpose="""A gerund or infinitive cue with no subject that the parse can lead back to
    ('a force to defend the bloc', 'cooperating and finding what we have in common', 'the super
    PAC supporting Bush') names an activity, not someone's statement: with no source it is
    dropped (a passive, 'was accused of', keeps its implicit source).""",
    examples=[
        Example(
            "Closer planning could cut waste in the name of building a region-wide service "
            "to defend the league of 90 member towns.",
            cue="to defend",
        )
    ],
    counterexamples=[
        "The mayor wants to defend the league of 90 member towns.",
        "He was accused of hiding the money.",
    ],
)
def sourceless_nonfinite(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _sourceless_nonfinite)


def _agentless_expectation(ctx: DocContext, cand: Candidate) -> bool:
    verb = _head(ctx, cand.cue_head)
    if cand.source is not None or verb is None or cue_lemma(verb) not in lexicon.word_set("expectation_verbs"):
        return False
    return any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN"


@rule(
    "policy.agentless_forecast.v1",
    stage="policy",
    order=52,
    removes=True,
    purpose="""An agentless forecast ("sales are expected to rise", "the company is projected to
    lose") says what will happen in the writer's voice; with no one expecting it, it is no
    attribution ("analysts expect sales to rise" is, and stays).""",
    examples=[Example("The company is expected to lay off thousands of employees this week.", cue="is expected")],
    counterexamples=["Analysts expect the company to lay off thousands of employees this week."],
)
def agentless_forecast(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _agentless_expectation)


def _is_idiom(ctx: DocContext, cand: Candidate) -> bool:
    if cand.cue is None or ctx.inside_quote(cand.cue[0]):
        return False
    start, end = cand.cue
    window = ctx.text[max(0, start - 40) : end + 40]
    offset = max(0, start - 40)
    if not lexicon.matches_any("idioms.txt", window):
        return False  # nearly every cue: one scan of the window instead of one per idiom
    for pattern in lexicon.patterns("idioms.txt"):
        for match in pattern.finditer(window):
            if offset + match.start() <= start and end <= offset + match.end():
                return True
    return False


@rule(
    "policy.idiom.v2",
    stage="policy",
    order=25,
    removes=True,
    purpose="""Idioms and discourse markers built on a cue verb ("That said,", "needless to say",
    "so to speak", "it goes without saying", idioms.txt) attribute nothing. They go before only
    the outermost attribution is kept (v1 came after it), so that a statement the idiom
    introduces ("That said, the minister claimed that...") is still reported.""",
    examples=[Example("That said, Google promised more privacy controls next year.", source="That")],
    counterexamples=["The minister said that Google promised more privacy controls."],
)
def idiom(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _is_idiom)


# ----------------------------------------------------------------------------- possible speakers
def _cannot_speak(ctx: DocContext, cand: Candidate) -> bool:
    head = _head(ctx, cand.source_head)
    if head is None or cand.source is None:
        return False
    if head.lower_ in lexicon.word_set("negative_sources") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in head.children
    ):
        return True  # "no one has offered...", "nothing indicated...", "no reason to think..."
    mention = ctx.text[cand.source[0] : cand.source[1]]
    if not any(ch.isalpha() for ch in mention) or "|" in mention:
        return True  # "| Disclaimer": debris of the page, not a name
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return False  # "a number of members of Congress": the members speak
    return head.ent_type_ not in SPEAKER_ENTITIES and head.lemma_.lower() in lexicon.phrases("non_speakers.txt")


@rule(
    "policy.possible_speaker.v1",
    stage="policy",
    order=54,
    removes=True,
    purpose="""A source must be able to state something: a person, a group, a body, an outlet or a
    document. A noun that cannot ("her eyes", "red flags", "the air quality", a lone "this":
    non_speakers.txt), a negative ("no one", "nothing", "no reason") or page debris ("|
    Disclaimer") is no speaker, and what it "said" is the writer's description.""",
    examples=[
        Example("Red flags for investors included that the founder had borrowed against his shares.", cue="included"),
        Example("No one has offered any information about how she built her fortune.", source="No one"),
        Example("This showed how vulnerable the royal was to scandal.", source="This"),
    ],
    counterexamples=["The report found that the founder had borrowed against his shares."],
)
def possible_speaker(ctx: DocContext, found: list[Candidate], state: EngineState) -> list[Candidate]:
    return _keep(ctx, found, _cannot_speak)
