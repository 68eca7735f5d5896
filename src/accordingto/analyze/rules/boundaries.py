"""Where a reported clause ends and begins: the ``trim`` rules, applied in turn.

Each rule takes the token range ``[start, end)`` of a reported clause and returns it
shortened where the writer's own words, or another attribution, begin. A rule that
changes nothing is not recorded.
"""

from __future__ import annotations

from spacy.tokens import Token

from accordingto.analyze import lexicon
from accordingto.analyze.context import DocContext
from accordingto.analyze.rules.common import cue_lemma, is_verb_cue
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import is_space

TokBounds = tuple[int, int]
DASHES = ("—", "–", "--", "-")


@rule(
    "trim.reduced_relative.v1",
    stage="trim",
    order=10,
    purpose="""'said ... to AIPAC delegates gathered in Washington that Israel must...': a subjectless
    verb the parser took for the complement; the content starts at 'that'.""",
    examples=[
        Example("He said to delegates gathered in Washington that Israel must act.", content="that Israel must act")
    ],
    counterexamples=["He said that Israel must act."],
)
def reduced_relative(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in clause.children):
        return start, end
    for i in range(start, min(end, start + 12)):
        tok = ctx.doc[i]
        if tok.dep_ == "mark" and tok.lower_ == "that":
            return i, end
    return start, end


@rule(
    "trim.dateline.v1",
    stage="trim",
    order=20,
    purpose="""'WASHINGTON (AP) — Donald Trump has...': the dateline is not content.""",
    examples=[
        Example(
            "WASHINGTON (AP) — Donald Trump has won the primary, officials said.",
            content="Donald Trump has won the primary",
        )
    ],
    counterexamples=["Donald Trump has won the primary, officials said."],
)
def dateline(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    wires = lexicon.word_set("wire_credits")
    doc = ctx.doc
    for i in range(start, min(end, start + 12)):
        tok = doc[i]
        if tok.text in DASHES and i > start:
            words = [t for t in doc[start:i] if t.is_alpha]
            if words and all(t.is_upper or t.text in wires for t in words):
                return i + 1, end
            return start, end
        lowercase_word = tok.is_alpha and not tok.is_upper and tok.text not in wires
        if lowercase_word and not any(t.text == "(" for t in doc[start:i]):
            return start, end
    return start, end


# ----------------------------------------------------------------------------- attached cues
def _clause_subject(clause: Token) -> str | None:
    return next((c.lower_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _own_subject(tok: Token) -> str | None:
    return next((c.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def cut_before(ctx: DocContext, tok: Token, start: int) -> int:
    """The boundary before a word that starts the writer's addition: its subtree's start, past
    the conjunctions and commas before it."""
    doc = ctx.doc
    boundary = tok.left_edge.i
    while boundary > start and (doc[boundary - 1].dep_ == "cc" or doc[boundary - 1].text in (",", ";", "—")):
        boundary -= 1
    return boundary


def _attached(ctx: DocContext, clause: Token, start: int, end: int, test: object) -> TokBounds:
    """The clause cut before the first verb after its head that ``test`` says the reporting
    clause, not the source, added (verbs inside quotations and subordinate verbs excluded)."""
    doc = ctx.doc
    for tok in doc[max(start, clause.i + 1) : end]:  # the tokens up to the head never cut it
        if tok.pos_ not in ("VERB", "AUX") or ctx.inside_quote(tok.idx):  # most tokens are no verb: asked first
            continue
        before = doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if before is None or any(c.dep_ == "mark" for c in tok.children):
            continue
        if not test(ctx, clause, tok, before):  # type: ignore[operator]
            continue
        boundary = cut_before(ctx, tok, start)
        if boundary > clause.i:
            return start, boundary
    return start, end


def _participle(ctx: DocContext, clause: Token, tok: Token, before: Token) -> bool:
    return tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and before.text == "," and is_verb_cue(ctx, tok)


def _other_subject(ctx: DocContext, clause: Token, tok: Token, before: Token) -> bool:
    own = _own_subject(tok)
    complementizer = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return (
        tok.dep_ == "conj"
        and before.dep_ == "cc"
        and own is not None
        and own != _clause_subject(clause)
        and own not in lexicon.word_set("personal_pronouns")  # 'said X and he feels Y': still the source
        and not complementizer  # 'says that 31,184 were killed, and some 72,899 injured'
    )


def _omission(ctx: DocContext, clause: Token, tok: Token, before: Token) -> bool:
    return (
        tok.dep_ == "conj"
        and before.dep_ == "cc"
        and _own_subject(tok) is None
        and any(c.dep_ == "aux" and c.lower_ in lexicon.word_set("do_auxiliaries") for c in tok.children)
    )


def _lemma(tok: Token) -> str:
    from accordingto.analyze.rules.common import cue_lemma

    return cue_lemma(tok)


@rule(
    "trim.participle.v1",
    stage="trim",
    order=40,
    purpose="""'..., calling them...', '..., referring to...': a cue participle after a comma is the
    reporting clause's addition, not the source's words.""",
    examples=[
        Example("She said the plan would fail, calling it a disaster for the city.", content="the plan would fail")
    ],
    counterexamples=["She said the plan would fail soon."],
)
def participle(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _attached(ctx, clause, start, end, _participle)


@rule(
    "trim.other_subject.v1",
    stage="trim",
    order=41,
    purpose="""'they favour X, and nearly as many would choose Y': a coordinated clause
    with another subject (not a pronoun, not after 'that') is the writer's.""",
    examples=[
        Example(
            "Most voters said they prefer an outsider and most analysts would rather see a governor.",
            content="they prefer an outsider",
        )
    ],
    counterexamples=["Most voters said they prefer an outsider and they would rather see a governor."],
)
def other_subject(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _attached(ctx, clause, start, end, _other_subject)


@rule(
    "trim.omission.v1",
    stage="trim",
    order=43,
    purpose="""'said X but did not detail Y': what the source left out is the writer's remark.""",
    examples=[
        Example(
            "The company said it had fixed the flaw but did not say when it would ship.",
            content="it had fixed the flaw",
        )
    ],
    counterexamples=["The company said it had fixed the flaw and would ship soon."],
)
def omission(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _attached(ctx, clause, start, end, _omission)


def coordinated_cue_verb(ctx: DocContext, verb: Token, tok: Token) -> bool:
    """Whether ``tok`` is a second report of ``verb``'s source (see :func:`_coordinated_cue`)."""
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    return before is not None and _coordinated_cue(ctx, verb, tok, before)


def _coordinated_cue(ctx: DocContext, verb: Token, tok: Token, before: Token) -> bool:
    """A cue verb in the reporting verb's own finite form, joined by 'and'/'but' with no subject
    or auxiliary of its own: the source's second report, which the parser hung on the clause
    ('said he would order a review and warned against hackers': 'warned' cannot go with
    'would'; it goes with 'said')."""
    return (
        tok.dep_ == "conj"
        and before.dep_ == "cc"
        and tok.tag_ in ("VBD", "VBZ", "VBP")
        and tok.tag_ == verb.tag_
        # 'said they examined X and concluded Y': both theirs; but 'said the bridge was safe and
        # added that...': 'added' (continuation_cues) goes on with the report, whatever it follows,
        # and so does the reporting verb itself again ('said it viewed X and said it would...')
        and (
            tok.head.tag_ != tok.tag_
            or cue_lemma(tok) in lexicon.word_set("continuation_cues")
            or (cue_lemma(tok) == cue_lemma(verb) and tok.i > verb.i)  # not '..., and said "X," the office said'
        )
        and is_verb_cue(ctx, tok)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
    )


@rule(
    "trim.coordinated_cue.v3",
    stage="trim",
    order=44,
    purpose="""'said the country would leave by March and suggested that it would quit the single
    market': a second cue verb in the reporting verb's own tense, coordinated without a subject
    or auxiliary of its own, is the source's next report, not part of the first one's content
    (it cannot go with the clause's 'would'); the content ends before 'and', and the second
    report's source is the first one's. v2: 'added' (continuation_cues) after a clause whose verb
    has the same tense ('said the bridge was safe and added that...') is the source's next report
    too; another verb there stays the clause's ('said they examined X and concluded Y'). v3: so is
    the reporting verb itself again after it ('said it viewed the move as illegal and said it would
    raise tensions'; not before it: 'he called her a liar and said "X," the office said').""",
    examples=[
        Example(
            "The prime minister said the country would leave by March and suggested that it would quit the market.",
            content="the country would leave by March",
        ),
        Example(
            "The mayor said the old bridge was safe and added that repairs would start in May.",
            content="the old bridge was safe",
        ),
        Example(
            "The ministry said it viewed the move as illegal and said it would raise tensions on the ground.",
            content="it viewed the move as illegal",
        ),
    ],
    counterexamples=[
        "The prime minister said the country would leave by March and would quit the market.",
    ],
)
def coordinated_cue(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _attached(ctx, clause, start, end, lambda c, cl, tok, before: _coordinated_cue(c, verb, tok, before))


@rule(
    "trim.dash_gloss.v1",
    stage="trim",
    order=50,
    purpose="""'... the “tax (not) break” — a pun on ...': a dash followed by a noun
    phrase is the writer's gloss, not the source's words (a pair of dashes with content after
    it is an inner aside: trim.inner_aside.v1).""",
    examples=[
        Example(
            "He said the plan was an “anchor baby” — a play on words with an old slur.",
            content="the plan was an “anchor baby”",
        )
    ],
    counterexamples=["He said the plan was an “anchor baby” for the party."],
)
def dash_gloss(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    doc = ctx.doc
    for i in range(start + 2, end - 2):
        tok = doc[i]
        if tok.text in ("—", "–", "--") and not ctx.inside_quote(tok.idx):
            if ctx.rules.enabled("trim.inner_aside.v1") and _dash_aside_end(ctx, i, end) is not None:
                continue  # 'the offense — an attempt to ... — was wrong': an inner aside
            nxt = doc[i + 1]
            if (
                nxt.pos_ == "DET"
                and nxt.dep_ == "det"
                and nxt.head.dep_ in ("appos", "npadvmod", "dep", "attr", "dobj", "conj")
            ):
                return start, i
    return start, end


# ----------------------------------------------------------------------------- asides
def _in_brackets(ctx: DocContext, start: int, i: int) -> bool:
    return ctx.brackets_open(start, i)


def _aside(ctx: DocContext, clause: Token, start: int, end: int, test: object) -> TokBounds:
    """The clause cut at the first comma (outside quotations and brackets, after its head) that
    ``test`` says opens the writer's aside."""
    doc = ctx.doc
    for i in range(max(start + 2, clause.i + 1), end - 1):
        comma = doc[i]
        if comma.text != "," or ctx.inside_quote(comma.idx) or _in_brackets(ctx, start, i):
            continue
        if test(clause, doc[i + 1]):  # type: ignore[operator]
            return start, i
    return start, end


def _relative(clause: Token, nxt: Token) -> bool:
    relatives = lexicon.word_set("relative_pronouns")
    if nxt.pos_ == "ADP" and nxt.i + 1 < len(nxt.doc):  # ', during which...', ', in whose...'
        pronoun = nxt.doc[nxt.i + 1]
        return pronoun.lower_ in relatives and pronoun.head.i == nxt.i and nxt.head.dep_ in ("relcl", "advcl")
    return nxt.lower_ in relatives and nxt.head.dep_ == "relcl"


def _contrast(clause: Token, nxt: Token) -> bool:
    return (
        nxt.lower_ in lexicon.word_set("contrast_markers")
        and nxt.dep_ == "mark"
        and nxt.head.i != clause.i
        and nxt.head.head.i == clause.i
    )


@rule(
    "trim.relative_aside.v1",
    stage="trim",
    order=60,
    purpose="""'...helped Clinton, who does not need to...', '..., which is spread by mosquitoes',
    '..., during which he...': a non-restrictive relative clause after a comma is the writer's
    description. (Trailing
    participles and adverbials after a comma were measured too: PolNeAR keeps about as many as
    it drops.)""",
    examples=[
        Example(
            "Officials said the cases were caused by the Zika virus, which is spread by mosquitoes.",
            content="the cases were caused by the Zika virus",
        )
    ],
    counterexamples=["Officials said the cases were caused by the Zika virus."],
)
def relative_aside(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _aside(ctx, clause, start, end, _relative)


@rule(
    "trim.contrast.v1",
    stage="trim",
    order=61,
    purpose="""'they favour a newcomer, while a third want a veteran': a contrast the writer
    adds after a comma (contrast_markers) is not the source's.""",
    examples=[
        Example(
            "She said the plan would lower taxes for families, while critics say it favors the rich.",
            content="the plan would lower taxes for families",
        )
    ],
    counterexamples=["She said the plan would lower taxes for families."],
)
def contrast(ctx: DocContext, verb: Token, clause: Token, start: int, end: int) -> TokBounds:
    return _aside(ctx, clause, start, end, _contrast)


# ----------------------------------------------------------------------------- inner asides
ASIDE_DEPS = ("appos", "acl", "relcl", "amod", "npadvmod", "nummod")


def _comma_aside_end(ctx: DocContext, comma: int, end: int) -> int | None:
    """For the comma at ``comma``: the closing comma of a description of the noun before it
    (an appositive, an age, a relative or participial phrase) when the content goes on after
    it, else None."""
    doc = ctx.doc
    first = doc[comma + 1]
    for head in (first, *first.ancestors):
        if head.left_edge.i != comma + 1:
            break
        if head.dep_ not in ASIDE_DEPS or head.head.i >= comma or head.head.pos_ not in ("NOUN", "PROPN"):
            continue
        close = head.right_edge.i + 1
        if head.dep_ == "appos" and all(t.is_punct or is_space(t) for t in doc[close:end]) and _described(head):
            return end - 1  # '..., she did not back Mr. Lund, the supposed front-runner'
        if close >= end - 1 or doc[close].text != ",":
            return None
        after = doc[close + 1]
        if after.dep_ == "cc" or after.text in (",", ";"):  # a list: 'Ohio, Texas, and Utah'
            return None
        if head.dep_ == "appos" and all(t.pos_ == "PROPN" or t.is_punct for t in head.subtree):
            return None  # 'Paris, Texas,', 'the minister, Ana Diaz,': a name is no description
        return close
    return None


def _described(appos: Token) -> bool:
    """Whether an appositive at the end of the content describes (a common noun phrase, not a
    name and not a list: 'the presumed Putin favorite', not 'Ana Diaz' or 'Ohio, and Utah')."""
    subtree = list(appos.subtree)
    if all(t.pos_ == "PROPN" or t.is_punct for t in subtree) or any(t.dep_ == "cc" for t in subtree):
        return False
    return appos.pos_ in ("NOUN", "NUM") or appos.tag_ == "JJR"


def _dash_aside_end(ctx: DocContext, dash: int, end: int) -> int | None:
    """For a dash: the dash closing the aside it opens, when the content goes on after it."""
    doc = ctx.doc
    for j in range(dash + 2, end - 1):
        if doc[j].text in (",", ";", ":", ".") and not ctx.inside_quote(doc[j].idx):
            return None
        if doc[j].text == doc[dash].text and not ctx.inside_quote(doc[j].idx):
            return j
    return None


#: the marks that can open an inner aside
_ASIDE_MARKS = frozenset({",", "—", "–", "--"})


@rule(
    "trim.inner_aside.v1",
    stage="switch",
    order=0,
    purpose="""'Noah Hawley, best known for creating Fargo, is in talks', 'the singer, 29, has not
    called', 'the offense — an attempt to coerce Ukraine — was wrong': a description the writer
    sets off inside the content with a pair of commas or dashes is the writer's, and is left out
    of the content, as is a descriptive appositive that ends it ('he did not support Mr. Trump,
    the presumed favorite'); applied to reported clauses and to 'according to' content; a name,
    a list and a quotation are kept.""",
    examples=[
        Example(
            "The lawyer said the singer, 29, has not returned the calls.",
            content="the singer has not returned the calls",
        )
    ],
    counterexamples=["The lawyer said the singer has not returned the calls."],
)
def inner_asides(ctx: DocContext, start: int, end: int) -> list[TokBounds]:
    """Tokens [start, end) as the ranges left once the writer's inner asides are cut out."""
    doc = ctx.doc
    pieces: list[TokBounds] = []
    piece_start = start
    i = start + 1
    while i < end - 2:
        tok = doc[i]
        close = None
        text = tok.text
        # the mark first: most tokens are none, and the other tests are dearer
        if (
            text in _ASIDE_MARKS
            and not ctx.inside_quote(tok.idx)
            and not _in_brackets(ctx, start, i)
            and doc[i - 1].text not in (")", "]")
        ):
            if text == ",":
                close = _comma_aside_end(ctx, i, end)
            elif text in ("—", "–", "--"):
                close = _dash_aside_end(ctx, i, end)
        if close is None:
            i += 1
            continue
        pieces.append((piece_start, i))
        piece_start = i = close + 1
    pieces.append((piece_start, end))
    return [p for p in pieces if p[1] > p[0]]


# ----------------------------------------------------------------------------- lists the parser broke
_LIST_OPENERS = ("DT", "PRP$")


def _item_start_like(first: Token, tok: Token) -> bool:
    """Whether ``tok`` opens a list item the way ``first`` opens the content: the same
    determiner or possessive ('its losses, its model'), or a noun of the same kind."""
    if first.tag_ in _LIST_OPENERS:
        return tok.lower_ == first.lower_
    return tok.tag_ == first.tag_ and tok.pos_ in ("NOUN", "PROPN")


@rule(
    "extend.broken_list.v1",
    stage="switch",
    order=0,
    purpose="""'grew wary of its losses, its business model, and its corporate governance': a list
    of noun phrases that ends the sentence is one object, but the parser often hangs its later
    items elsewhere (as an appositive of the subject), so the content stopped after the first.
    When an object's content is a noun phrase and what follows it, up to the end of the sentence,
    is only further noun phrases opened alike ('its ..., its ...', 'the ..., the ...'), separated
    by commas and closed by 'and' or 'or', they join the content. A description after a comma
    ('the plan, a longstanding provision', 'Smith, a lawyer and a judge') is opened otherwise and
    stays out.""",
    examples=[
        Example(
            "Investors grew wary of its losses, its business model, and its corporate governance.",
            content="its losses, its business model, and its corporate governance",
        )
    ],
    counterexamples=["The senator criticized the plan, a provision and a promise from the last campaign."],
)
def with_broken_list(ctx: DocContext, start: int, end: int) -> int:
    """The end of object content [start, end) with the rest of a list the parser broke off."""
    doc = ctx.doc
    if not ctx.rules.enabled("extend.broken_list.v1") or end >= len(doc) or doc[end].text != ",":
        return end
    if doc[end - 1].pos_ not in ("NOUN", "PROPN") or ctx.inside_quote(doc[end].idx):
        return end
    sent = ctx.sentences.of_token(end)
    stop = sent.end
    while stop > end and (is_space(doc[stop - 1]) or doc[stop - 1].text in (".", "!", "?")):
        stop -= 1
    rest = doc[end:stop]
    if any(t.pos_ in ("VERB", "AUX") or t.text in (";", ":", "(", ")") or t.text in DASHES for t in rest):
        return end
    conjunctions = [t for t in rest if t.dep_ == "cc" or t.lower_ in ("and", "or")]
    if not conjunctions or conjunctions[-1].i < end + 2:
        return end
    # every item (after each comma, and after the closing conjunction) opens as the content does
    openers = [
        doc[t.i + 1] for t in rest if t.text == "," and t.i + 1 < stop and doc[t.i + 1].lower_ not in ("and", "or")
    ]
    if conjunctions[-1].i + 1 >= stop:
        return end
    openers.append(doc[conjunctions[-1].i + 1])
    if not all(_item_start_like(doc[start], tok) for tok in openers):
        return end
    return stop
