"""Verbal cues: "said", "told", "plans", "denied", "called for", and verbs outside the
lexicon that take a that-clause. The cue rules claim a token; the verb rules handle
"cite" chains; the frames say where the content is."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.candidate import Candidate, Content, merge, overlaps_any
from accordingto.analyze.context import DocContext
from accordingto.analyze.engine import NO_ATTRIBUTION, EngineState, VerbOutcome, clause_range, verb_content
from accordingto.analyze.rules.boundaries import coordinated_cue_verb, cut_before, inner_asides, with_broken_list
from accordingto.analyze.rules.common import (
    class_confidence,
    confidence,
    cue_lemma,
    in_word_set,
    is_verb_cue,
    mention,
    ranges,
    recipient,
    sentient,
)
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import (
    CharRange,
    TokRange,
    chars,
    find_subject,
    is_quote_mark,
    is_space,
    runs,
    subtree_range,
    trim,
    verb_group,
)


# ----------------------------------------------------------------------------- cue rules
def _verb_trigger(ctx: DocContext, tok: Token) -> bool:
    return is_verb_cue(ctx, tok)


@rule(
    "cue.verb.v1",
    stage="cue",
    order=10,
    trigger=_verb_trigger,
    purpose="""A verb of the cue lexicon (cue_verbs.tsv) reports content found by its frames; its
    subject is the source.""",
    examples=[Example("The minister said the talks had failed.", content="the talks had failed", cue="said")],
    counterexamples=["The minister walked out of the talks."],
)
def verb_cue(ctx: DocContext, verb: Token, state: EngineState) -> Candidate | None:
    for r in ctx.rules.stage("verb"):
        outcome: VerbOutcome = r.func(ctx, verb, state)
        if outcome is NO_ATTRIBUTION:
            return None
        if isinstance(outcome, Candidate):
            outcome.rules.insert(0, r.id)
            state.by_cue[verb.i] = outcome
            return outcome
    cand = plain_verb_candidate(ctx, verb)
    if cand is not None:
        state.by_cue[verb.i] = cand
    return cand


def plain_verb_candidate(ctx: DocContext, verb: Token) -> Candidate | None:
    """The attribution of a cue verb: content from its frames, its subject as the source."""
    entry = ctx.verbs[cue_lemma(verb)]
    content = verb_content(ctx, verb, entry.frames)
    if content is None or not content.ranges:
        return None
    rules = ["cue.verb.v1", *content.rules]
    subject = _verb_speaker(ctx, verb, content, rules)
    if ctx.rules.enabled("source.sentient.v1"):
        producer = sentient(ctx, subject)
        if producer is not subject:
            rules.append("source.sentient.v1")
        subject = producer
    cited = _cited(ctx, verb, rules)
    cue_rng = verb_group(verb)
    if content.cue_end is not None and content.cue_end == cue_rng[1] + 1:  # "called for", "spoke about"
        cue_rng = (cue_rng[0], content.cue_end)
    source = mention(ctx, subject) if subject is not None else None
    if subject is not None and overlaps_any(source, content.ranges):
        source = None
    score = class_confidence(entry.cls)
    if source is None:
        score -= confidence("penalty:missing_source.verb")
    return Candidate(
        content=content.ranges,
        cue=chars(ctx.doc, cue_rng),
        source=source,
        pattern="verb",
        cue_class=entry.cls,
        stance=entry.stance,
        confidence=score,
        rules=rules,
        cue_head=verb.i,
        source_head=subject.i if subject is not None else None,
        recipient_head=_recipient(ctx, verb, rules),
        cited_head=cited.i if cited is not None else None,
    )


@rule(
    "source.postposed_object.v1",
    stage="switch",
    order=0,
    purpose="""'"Lumber remains weak," wrote Fadem in a research note': a cue after the statement it
    reports (after a comma or a closing quotation mark), with no subject of its own, whose noun right
    after it the parser took for its object: in this inverted order that noun is the speaker. Applied
    when a verbal cue's attribution has no source.""",
    examples=[
        Example(
            "Stocks rose.\n\n“We note that the company faced a hurricane headwind in Q3,” wrote Fadem in a Tuesday "
            "research report.",
            source="Fadem",
        )
    ],
    counterexamples=[
        "The company, he wrote, faced a hurricane headwind.",
        "The board approved the plan, wrote off the debt.",
    ],
)
def postposed_speaker(ctx: DocContext, verb: Token, content: list[CharRange]) -> Token | None:
    """The noun right after a cue that follows its content, which the parser made the cue's
    object ('..., wrote Fadem'); None unless every content piece ends before the cue."""
    doc = ctx.doc
    start, end = verb_group(verb)
    if start == 0 or not content or any(piece[1] > doc[start].idx for piece in content):
        return None
    before = doc[start - 1]
    if before.text != "," and not (is_quote_mark(before) and start > 1 and doc[start - 2].text == ","):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i < verb.i for c in verb.children):
        return None
    if end >= len(doc):
        return None
    # the noun itself right after the cue, or the head of a phrase that starts there ('wrote the analyst')
    found = next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod") and c.left_edge.i == end), None)
    return found if found is not None and found.pos_ in ("PROPN", "NOUN") else None


def _verb_speaker(ctx: DocContext, verb: Token, content: Content, rules: list[str]) -> Token | None:
    """Who says what a cue verb reports: its subject, or what its frame or a misparse makes the
    speaker instead (rules fired are added to ``rules``)."""
    subject = find_subject(verb)
    if ctx.rules.enabled("trim.coordinated_cue.v3") and (reporter := coordinated_reporter(ctx, verb)) is not None:
        subject = find_subject(reporter)  # 'May said X and suggested Y': May suggested
    if subject is None and "clause.inverted_speaker.v1" in content.rules:
        subject = misparsed_speaker(ctx, verb)
    if subject is None and ctx.rules.enabled("source.postposed_object.v1"):
        subject = postposed_speaker(ctx, verb, content.ranges)
        if subject is not None:
            rules.append("source.postposed_object.v1")
    if "frame.as_clause.v1" in content.rules:
        subject = as_speaker(verb)
    if "frame.passive_subject.v1" in content.rules:
        subject = _agent(verb)  # the subject is the content, the 'by' phrase the source
    return subject


def coordinated_reporter(ctx: DocContext, verb: Token) -> Token | None:
    """For a cue verb the parser hung on a reported clause as its conjunct ('said he would
    order a review and warned against hackers'), the reporting verb it goes with: the nearest
    cue verb above it in the same finite form (trim.coordinated_cue.v3 ends the first content
    before it)."""
    for reporter in list(verb.ancestors)[1:]:
        if reporter.tag_ == verb.tag_ and is_verb_cue(ctx, reporter):
            return reporter if coordinated_cue_verb(ctx, reporter, verb) else None
    return None


def _cited(ctx: DocContext, verb: Token, rules: list[str]) -> Token | None:
    from accordingto.analyze.rules.common import cited_source

    if not ctx.rules.enabled("source.citing.v1"):
        return None
    found = cited_source(ctx, verb)
    if found is not None:
        rules.append("source.citing.v1")
    return found


def _recipient(ctx: DocContext, verb: Token, rules: list[str]) -> int | None:
    if not ctx.rules.enabled("source.recipient.v1"):
        return None
    found = recipient(verb)
    if found is not None:
        rules.append("source.recipient.v1")
    return found


def _has_mark(tok: Token, word: str) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == word for g in tok.children)


def _has_that_clause(tok: Token) -> bool:
    return any(
        c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in tok.children
    )


def _clausal_trigger(ctx: DocContext, tok: Token) -> bool:
    """A verb outside the lexicon that takes a that-clause and has a subject."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in lexicon.word_set("non_attributive_clausal"):
        return False
    empty = lexicon.word_set("empty_subjects")
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in empty for c in tok.children):
        return False
    return _has_that_clause(tok)


@rule(
    "cue.clausal_verb.v1",
    stage="cue",
    order=30,
    trigger=_clausal_trigger,
    trigger_pos=("VERB",),
    purpose="""A verb outside the lexicon with a subject and a that-clause ('made it clear that',
    'intimated that'): such verbs are almost always verbs of saying, thinking or showing. Verbs
    that embed clauses for other reasons (non_attributive_clausal) are excluded.""",
    examples=[
        Example("The senator intimated that the bill would fail.", content="that the bill would fail", cue="intimated")
    ],
    counterexamples=["The rules ensure that the bill would fail."],
)
def clausal_verb(ctx: DocContext, verb: Token, state: EngineState) -> Candidate | None:
    clause = next(
        c
        for c in verb.children
        if c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    )
    fired: list[str] = []
    rng = clause_range(ctx, verb, clause, fired)
    subject = find_subject(verb)
    if rng is None or subject is None:
        return None
    cue_rng = verb_group(verb)
    # 'made it clear that': the object and complement belong to the cue
    last_before = max([c.right_edge.i for c in verb.rights if c.i < clause.left_edge.i] + [cue_rng[1] - 1])
    if last_before - cue_rng[1] < 4:
        cue_rng = (cue_rng[0], last_before + 1)
    cand = Candidate(
        content=ranges(ctx, [rng]),
        cue=chars(ctx.doc, cue_rng),
        source=mention(ctx, subject),
        pattern="verb",
        cue_class="speech",
        stance="neutral",
        confidence=confidence("cue.clausal_verb.v1"),
        rules=["cue.clausal_verb.v1", *fired],
        cue_head=verb.i,
        source_head=subject.i,
    )
    state.by_cue[verb.i] = cand
    return cand


# ----------------------------------------------------------------------------- verb rules
def _citing_as_saying(verb: Token) -> Token | None:
    """For 'saying' in 'X cited Y as saying Z': the verb 'cited'."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "as" and in_word_set(head.head, "citing_verbs"):
        return head.head
    return None


@rule(
    "verb.cited_as_saying.v1",
    stage="verb",
    removes=True,
    order=10,
    purpose="""'saying' in 'X cited Y as saying Z' is no attribution of its own: the citing verb
    carries it (verb.cite_as_saying.v1).""",
    examples=[
        Example(
            "Politico cited four US officials as saying that the talks had stalled.",
            content="that the talks had stalled",
            cue="saying",
        )
    ],
    counterexamples=["The officials were saying that the talks had stalled."],
)
def cited_as_saying(ctx: DocContext, verb: Token, state: EngineState) -> VerbOutcome:
    return NO_ATTRIBUTION if _citing_as_saying(verb) is not None else None


@rule(
    "verb.cite_as_saying.v1",
    stage="verb",
    order=20,
    purpose="""'Politico cited US officials as saying that Z': Z comes from the officials, through
    Politico (the cited object is the source; the citing subject the medium).""",
    examples=[
        Example(
            "Politico cited four US officials as saying that the talks had stalled.",
            content="that the talks had stalled",
            cue="cited four US officials as saying",
            source="four US officials",
        )
    ],
    counterexamples=["The report cited rising costs."],
)
def cite_as_saying(ctx: DocContext, verb: Token, state: EngineState) -> VerbOutcome:
    if not in_word_set(verb, "citing_verbs"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    saying = next((c for c in as_prep.children if c.dep_ == "pcomp"), None) if as_prep is not None else None
    if obj is None or saying is None or cue_lemma(saying) not in ctx.verbs:
        return None
    content = verb_content(ctx, saying, ctx.verbs[cue_lemma(saying)].frames)
    subject = find_subject(verb)
    if content is None or not content.ranges or subject is None:
        return None
    return Candidate(
        content=content.ranges,
        cue=chars(ctx.doc, (verb_group(verb)[0], saying.i + 1)),
        source=mention(ctx, subject),
        pattern="verb",
        cue_class="report",
        stance="neutral",
        confidence=class_confidence("report"),
        rules=list(content.rules),
        cue_head=verb.i,
        source_head=subject.i,
        cited_head=obj.i,
    )


@rule(
    "verb.citing_link.v1",
    stage="verb",
    removes=True,
    order=30,
    purpose="""'reported, citing four US officials': the citing participle is the link of a chain,
    not a statement of its own.""",
    examples=[
        Example(
            "Politico reported the plan on Sunday, citing four US officials.", content="four US officials", cue="citing"
        )
    ],
    counterexamples=["She cited the report in her speech."],
)
def citing_link(ctx: DocContext, verb: Token, state: EngineState) -> VerbOutcome:
    from accordingto.analyze.rules.common import cited_source

    if in_word_set(verb, "citing_verbs") and verb.dep_ == "advcl" and cited_source(ctx, verb.head) is not None:
        return NO_ATTRIBUTION
    return None


# ----------------------------------------------------------------------------- frames
def _for_clause(verb: Token) -> tuple[Token, Token] | None:
    """'for' right after the verb and the infinitive clause it introduces: as a mark ('calling
    for the chief to resign') or as a preposition left without an object ('called for pay to be
    clawed back')."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.lower_ != "for":
        return None
    for clause in verb.rights:
        if clause.i <= nxt.i or clause.dep_ not in ("advcl", "ccomp", "xcomp"):
            continue
        to_inf = any(g.lower_ == "to" and g.dep_ == "aux" for g in clause.children)
        has_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in clause.children)
        marked = nxt.dep_ == "mark" and nxt.head.i == clause.i
        bare_prep = nxt.dep_ == "prep" and nxt.head.i == verb.i and not any(nxt.children)
        if to_inf and has_subject and (marked or bare_prep):
            return nxt, clause
    return None


@rule(
    "frame.for_clause.v1",
    stage="frame",
    order=9,
    purpose="""'is calling for the chief to resign', 'called for bonuses to be clawed back', 'pleaded
    for the court to wait': a verb whose preps include 'for' followed by 'for' + a subject + an
    infinitive reports that whole clause (the parser makes 'for' the clause's mark, or a
    preposition with no object beside the clause); the cue ends with 'for'.""",
    examples=[
        Example(
            "The mayor is calling for the police chief to resign.",
            content="the police chief to resign",
            cue="is calling for",
            source="The mayor",
        )
    ],
    counterexamples=["The mayor is waiting for the police chief to resign."],
)
def for_clause(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "p" not in entry.frames or "for" not in entry.preps:
        return None
    found = _for_clause(verb)
    if found is None:
        return None
    prep, clause = found
    rng = trim(ctx.doc, (prep.i + 1, clause.right_edge.i + 1))
    return Content(ranges(ctx, [rng]), prep.i + 1) if rng else None


@rule(
    "frame.call.v1",
    stage="frame",
    order=10,
    removes=True,
    purpose="""'called for X', 'called on X to...', 'called to ban X', 'called X Y', 'calling the
    protester “a very obnoxious guy”', but not 'called the police': a naming verb reports only a
    name given to its object or what it calls for, so 'called the police' is no attribution (the
    object frame would take 'the police'; measured, that is what this rule adds).""",
    examples=[Example("She called the police after the meeting.", content="the police", cue="called")],
    counterexamples=["She spoke to the police after the meeting."],
)
def call_frame(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if cue_lemma(verb) not in lexicon.word_set("naming_verbs"):
        return None
    kids = list(verb.children)
    found = prepositional(ctx, verb, [c for c in kids if c.i == verb.i + 1])
    if found is not None:
        spans = found.ranges
        for k in kids:
            if k.dep_ in ("xcomp", "ccomp") and k.i > verb.i:
                spans = merge([*spans, chars(ctx.doc, subtree_range(k))])
        return Content(spans, found.cue_end)
    infinitive = next((c for c in kids if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)), None)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if infinitive is not None and obj is None:
        rng = trim(ctx.doc, subtree_range(infinitive))
        return Content(ranges(ctx, [rng]) if rng else [])
    if obj is None:
        return Content([])
    return _naming_content(ctx, verb, obj, kids)


def _naming_content(ctx: DocContext, verb: Token, obj: Token, kids: list[Token]) -> Content:
    """'called X Y' and 'called X “Y”': the object and the name given to it."""
    doc = ctx.doc
    preds = [c for c in kids if c.dep_ in ("oprd", "ccomp", "xcomp", "dobj") and c.i > obj.i]
    # 'called his actions “a crucial step”': the quoted name parsed as the object's apposition
    preds += [c for c in obj.children if c.dep_ == "appos" and is_quote_mark(doc[c.left_edge.i - 1])]
    quoted_after = doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(doc) else None
    if not preds and not (quoted_after is not None and is_quote_mark(quoted_after)):
        return Content([])
    end = max([p.right_edge.i for p in preds] + [obj.right_edge.i]) + 1
    rules: tuple[str, ...] = ()
    if ctx.rules.enabled("trim.quoted_name_participle.v1"):
        cut = _end_at_quoted_name(ctx, obj, preds, end)
        if cut != end:
            end, rules = cut, ("trim.quoted_name_participle.v1",)
    if not preds and quoted_after is not None:
        quote = ctx.quote_starting_at(quoted_after.idx)
        span = ctx.quote_span(quote) if quote is not None else None
        if span is not None:
            end = span.end
    rng = trim(doc, (obj.left_edge.i, end))
    return Content(ranges(ctx, [rng]) if rng else [], rules=rules)


@rule(
    "trim.quoted_name_participle.v1",
    stage="switch",
    order=0,
    purpose="""'called the mayor the “grand illusionist,” pointing to a report...': a quoted name
    followed by a participle ends the content; the participle is the writer's.""",
    examples=[
        Example(
            'Later, Karen Varga called Tom Lund the "grand illusionist," pointing to a report about his debts.',
            content='Tom Lund the "grand illusionist,"',
        )
    ],
    counterexamples=['Karen Varga called Tom Lund the "grand illusionist" of the council.'],
)
def _end_at_quoted_name(ctx: DocContext, obj: Token, preds: list[Token], end: int) -> int:
    """'called the mayor the “grand illusionist,” pointing to a report...': a quoted name
    followed by a participle ends the content; the participle is the writer's."""
    if not preds:
        return end
    name_head = ctx.doc[min(p.i for p in preds)]
    for q in ctx.quotes:
        if q.closed and obj.idx < q.start <= name_head.idx:
            span = ctx.quote_span(q)
            after = ctx.next_word(span.end) if span is not None else None
            if span is not None and span.end < end and after is not None and after.tag_ == "VBG":
                return span.end
    return end


@rule(
    "frame.object_infinitive.v1",
    stage="frame",
    order=20,
    purpose="""A speech or decree verb with an object and an infinitive: 'told residents not to
    drink the water', 'urged Congress to act' (with base-form verbs hung on the cue right after
    it, as frame.infinitive.v2 takes them).""",
    examples=[
        Example(
            "The agency told residents not to drink the water.",
            content="residents not to drink the water",
            cue="told",
        )
    ],
    counterexamples=["The agency told residents about the water."],
)
def object_infinitive(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "x" not in entry.frames or entry.cls not in ("speech", "decree"):
        return None
    kids = list(verb.children)
    obj = next((c for c in kids if c.dep_ in ("dobj", "dative")), None)
    inf = next(
        (
            c
            for c in kids
            if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        ),
        None,
    )
    if obj is None or inf is None or inf.i < obj.i:
        return None
    rng = trim(ctx.doc, _with_bare_conjuncts(ctx, verb, (obj.left_edge.i, inf.right_edge.i + 1)))
    return _infinitive_content(ctx, inf, rng)


@rule(
    "frame.raised_passive.v1",
    stage="frame",
    order=25,
    purpose="""'The mill is said to be losing money', 'The senator is believed to have met the
    donors twice': a raising verb in the passive (raising_passive_verbs) reports its subject
    with the infinitive after it; the 'by' phrase, when there is one, is the source, else no one
    is named.""",
    examples=[
        Example(
            "The old mill is believed to have lost money for a decade.",
            content="The old mill to have lost money for a decade",
            cue="is believed",
        )
    ],
    counterexamples=["The old mill was closed to save money."],
)
def raised_passive(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if cue_lemma(verb) not in lexicon.word_set("raising_passive_verbs"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    inf = next(
        (
            c
            for c in verb.rights
            if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        ),
        None,
    )
    if subject is None or inf is None or subject.lower_ in lexicon.word_set("relative_pronouns"):
        return None
    found = [r for r in (trim(ctx.doc, subtree_range(subject)), trim(ctx.doc, subtree_range(inf))) if r]
    return Content(ranges(ctx, found)) if found else None


@rule(
    "frame.infinitive.v2",
    stage="frame",
    order=40,
    purpose="""A verb of intention or speech with an infinitive: 'plans to run', 'promised to
    double check', with the base-form verbs the parser hung on the cue right after it ('wants to
    triple X, grow Y and create Z'); an infinitive verb of saying with its prepositional object
    reports that object ('declined to comment on the report': the report); a hyphened verb the
    parser split is one word ('plan to re-evaluate him') (v2).""",
    examples=[
        Example("Lowell plans to start a campaign.", content="to start a campaign", cue="plans"),
        Example("The Lakers plan to re-evaluate him.", content="to re-evaluate him"),
    ],
    counterexamples=["Lowell plans a campaign."],
)
def infinitive(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "x" not in entry.frames:
        return None
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children):
            inner = ctx.verbs.get(cue_lemma(c))
            if inner is not None and "p" in inner.frames and (about := prepositional(ctx, c, list(c.children))):
                return Content(about.ranges, about.cue_end, about.rules)  # 'declined to comment on X': X
            rng = trim(ctx.doc, _through_hyphens(ctx, _with_bare_conjuncts(ctx, verb, subtree_range(c))))
            if rng:
                return _infinitive_content(ctx, c, rng)
    return None


def _through_hyphens(ctx: DocContext, rng: tuple[int, int]) -> tuple[int, int]:
    """ "plan to re-evaluate him": the parser split the hyphened verb into verbs of the cue
    ("re", "-", "evaluate"); the infinitive goes on through the whole word and what follows it."""
    doc = ctx.doc
    start, end = rng
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end = max(end + 2, doc[end + 1].right_edge.i + 1)
    return start, end


def _infinitive_content(ctx: DocContext, inf: Token, rng: tuple[int, int] | None) -> Content | None:
    """An infinitive's content, without the writer's time clause at its end
    (trim.infinitive_time_clause.v1)."""
    if not rng:
        return None
    if ctx.rules.enabled("trim.infinitive_time_clause.v1"):
        cut = infinitive_time_clause(ctx, inf, rng)
        if cut != rng and (short := trim(ctx.doc, cut)):
            return Content(ranges(ctx, [short]), rules=("trim.infinitive_time_clause.v1",))
    return Content(ranges(ctx, [rng]))


@rule(
    "trim.infinitive_time_clause.v1",
    stage="switch",
    order=0,
    purpose="""'decided to reopen the case after he was arrested', 'told staff to cut costs as the
    firm struggles': a clause with a subject of its own that the parser hung on the infinitive,
    opened by a time conjunction (time_clause_marks), says when, in the writer's words; what
    was decided, planned or asked ends before it. A clause without its own subject ('wants to
    cut taxes while raising pay') and one inside the infinitive's object are kept.""",
    examples=[
        Example(
            "Prosecutors decided to reopen the case in March after the suspect was arrested in Spain.",
            content="to reopen the case in March",
            cue="decided",
        ),
        Example(
            "The chief told managers to cut costs as the company struggles to stay afloat.",
            content="managers to cut costs",
            cue="told",
        ),
    ],
    counterexamples=["The mayor wants to cut taxes while raising teachers' pay."],
)
def infinitive_time_clause(ctx: DocContext, inf: Token, rng: tuple[int, int]) -> tuple[int, int]:
    """The infinitive's content up to a time clause with its own subject hung on its verb."""
    marks = lexicon.word_set("time_clause_marks")
    start, end = rng
    for c in inf.rights:
        if c.dep_ != "advcl" or not start < c.left_edge.i < end or ctx.inside_quote(c.idx):
            continue
        opener = ctx.doc[c.left_edge.i]
        own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        if opener.dep_ == "mark" and opener.head.i == c.i and opener.lower_ in marks and own_subject:
            return start, cut_before(ctx, c, start)
    return rng


def _with_bare_conjuncts(ctx: DocContext, verb: Token, rng: tuple[int, int]) -> tuple[int, int]:
    """'wants to triple X, grow Y and create Z': base-form verbs the parser hung on the cue as its
    conjuncts, right after the infinitive, continue it."""
    doc = ctx.doc
    start, end = rng
    for k in verb.rights:
        if k.dep_ != "conj" or k.i < end or k.tag_ != "VB" or any(g.dep_ in ("nsubj", "nsubjpass") for g in k.children):
            continue
        if any(not (t.is_punct or t.dep_ in ("cc", "advmod")) for t in doc[end : k.left_edge.i]):
            break
        end = k.right_edge.i + 1
    return start, end


@rule(
    "frame.stand_in.v1",
    stage="frame",
    order=50,
    purpose="""'he said so', 'said the same', 'neither side would say so', 'said yes': an object
    standing in for what was said (said_stand_ins).""",
    examples=[Example("Asked whether he would run, Smith said yes.", content="yes", cue="said")],
    counterexamples=["Smith said on Monday that the bill would pass."],
)
def stand_in(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if cue_lemma(verb) not in lexicon.word_set("stand_in_verbs"):
        return None
    stand_ins = lexicon.word_set("said_stand_ins")
    found = [c for c in verb.children if c.dep_ in ("dobj", "advmod", "intj") and c.lower_ in stand_ins]
    after = next((c for c in found if c.i > verb.i), None)
    if after is None:
        return None
    rng = trim(ctx.doc, subtree_range(after))
    return Content(ranges(ctx, [rng])) if rng else None


@rule(
    "frame.object.v1",
    stage="frame",
    order=60,
    purpose="""A verb whose object is the content: 'denied the report', 'announced new rates',
    with what the parser hung on the verb after the object, up to a comma (not a time, place
    or medium: 'denied the claims in a statement', 'the claims in a post on WeChat'), and the
    objects the parser hung on the verb as its conjuncts ('mentioned refinancing loans and
    forcing universities to...').""",
    examples=[Example("The company denied the allegations.", content="the allegations", cue="denied")],
    counterexamples=["The company denied what it had done."],
)
def object_frame(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "o" not in entry.frames:
        return None
    skip = lexicon.word_set("wh_objects")
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in skip), None)
    if obj is None:
        return None
    start, end = obj.left_edge.i, _with_object_conjuncts(ctx, verb, obj, _object_end(ctx, verb, obj))
    passed: list[str] = []
    end = _before_medium(ctx, start, end, passed)
    rules: tuple[str, ...] = tuple(dict.fromkeys(passed))
    if (listed := with_broken_list(ctx, start, end)) != end:
        end, rules = listed, (*rules, "extend.broken_list.v1")
    if ctx.rules.enabled("trim.object_aside.v1"):
        cut = object_aside(ctx, start, end)
        if cut != end:
            end, rules = cut, ("trim.object_aside.v1",)
    rng = trim(ctx.doc, (start, end))
    if not rng:
        return None
    pieces = _object_without_asides(ctx, rng)
    if pieces != [rng]:
        rules = (*rules, "trim.object_asides.v1")
    return Content(ranges(ctx, pieces), rules=rules)


@rule(
    "trim.object_asides.v1",
    stage="switch",
    order=0,
    purpose="""'denied Mr. Trump, the presumed favorite', 'rejected the plan, a longstanding
    provision that...', 'criticized the chairman, 64, for...': the writer's descriptions set off
    with commas or dashes inside an object's content are left out, as they are in a reported
    clause (trim.inner_aside.v1); a name, a list and a quotation are kept.""",
    examples=[
        Example(
            "The mayor is backing the plan, the newest turn in a long feud between the two families.",
            content="the plan",
        )
    ],
    counterexamples=["The mayor criticized her deputy, Maria Lopez.", "The mayor is backing the plan."],
)
def _object_without_asides(ctx: DocContext, rng: tuple[int, int]) -> list[tuple[int, int]]:
    """An object's content without the writer's inner asides, the test of trim.inner_aside.v1."""
    if not ctx.rules.enabled("trim.object_asides.v1"):
        return [rng]
    pieces = [p for p in (trim(ctx.doc, piece) for piece in inner_asides(ctx, *rng)) if p]
    return pieces or [rng]


@rule(
    "frame.statement_object.v1",
    stage="frame",
    order=61,
    purpose="""A verb whose object is the content only when the object is itself a statement
    (frame "n" of cue_verbs.tsv): 'offered an apology', 'offered an explanation', but not
    'offered free repairs'; the object's head is a cue noun or a statement noun (word_sets.tsv).
    A statement not made ('offered no proof', 'did not offer a response') reports nothing,
    unless its clause says what was not shown ('offered no proof that she knew').""",
    examples=[Example("The minister offered an explanation for the delay.", content="an explanation for the delay")],
    counterexamples=["Apple offered free repairs to owners of the laptop.", "The minister offered no explanation."],
)
def statement_object_frame(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "n" not in entry.frames:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    statements = lexicon.word_set("statement_objects")
    if obj is None or (obj.lemma_.lower() not in lexicon.cue_nouns() and obj.lemma_.lower() not in statements):
        return None
    negated = any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in obj.children
    )
    if negated and not any(c.dep_ in ("acl", "ccomp") and _has_mark(c, "that") for c in obj.children):
        return None
    rng = trim(ctx.doc, (obj.left_edge.i, _object_end(ctx, verb, obj)))
    return Content(ranges(ctx, [rng])) if rng else None


@rule(
    "trim.object_aside.v1",
    stage="switch",
    order=0,
    purpose="""'rejected Assange's attempt to delay the hearing, which is scheduled for February': a
    non-restrictive relative clause after a comma inside an object's content is the writer's
    description, as it is in a reported clause (trim.relative_aside.v1).""",
    examples=[
        Example(
            "A judge rejected the attempt to delay the hearing, which is scheduled for February.",
            content="the attempt to delay the hearing",
        )
    ],
    counterexamples=["A judge rejected the attempt to delay the hearing."],
)
def object_aside(ctx: DocContext, start: int, end: int) -> int:
    """The end of object content before ", which/who..." (outside quotations and brackets)."""
    doc = ctx.doc
    relatives = lexicon.word_set("relative_pronouns")
    for i in range(start + 1, end - 1):
        comma, nxt = doc[i], doc[i + 1]
        if (
            comma.text == ","
            and nxt.lower_ in relatives
            and nxt.head.dep_ == "relcl"
            and not ctx.inside_quote(comma.idx)
        ):
            return i
    return end


def _with_object_conjuncts(ctx: DocContext, verb: Token, obj: Token, end: int) -> int:
    """'mentioned cutting bus fares and asking landlords to pay more': a noun or
    gerund the parser hung on the cue as its conjunct, right after the object, is one more
    object."""
    doc = ctx.doc
    gerund = any(t.tag_ == "VBG" for t in obj.subtree)
    for k in verb.rights:
        if k.dep_ != "conj" or k.i < end or any(g.dep_ in ("nsubj", "nsubjpass") for g in k.children):
            continue
        if not (k.pos_ in ("NOUN", "PROPN") or (gerund and k.tag_ == "VBG")):
            break
        if any(not (t.is_punct or t.dep_ == "cc") for t in doc[end : k.left_edge.i]):
            break
        end = k.right_edge.i + 1
    return end


def _before_medium(ctx: DocContext, start: int, end: int, fired: list[str] | None = None) -> int:
    """Object content ends before 'in a statement', 'in a post on WeChat' that the parser hung on
    the object: the medium is the writer's (medium_prepositions, medium_nouns). A medium passed
    over (extend.inner_verb_medium.v1) is noted in ``fired``."""
    doc = ctx.doc
    media, preps = lexicon.word_set("medium_nouns"), lexicon.word_set("medium_prepositions")
    for tok in doc[start + 1 : end]:
        if tok.dep_ == "prep" and tok.lower_ in preps and not ctx.inside_quote(tok.idx):
            pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if pobj is None or pobj.lemma_.lower() not in media:
                continue
            if not _medium_of_inner_verb(ctx, tok, start):
                return tok.i
            if fired is not None:
                fired.append("extend.inner_verb_medium.v1")
    return end


@rule(
    "extend.inner_verb_medium.v1",
    stage="switch",
    order=0,
    purpose="""'denied claims made in a viral post that said...', 'rejected the figures published
    in a letter last week': a medium hung on a verb inside the object (a participle or relative
    clause describing the object) says where the thing denied or rejected appeared, not where
    the cue was said, so the object's content goes on past it (the medium the parser hung on the
    object itself, 'denied the claims in a statement', still ends it).""",
    examples=[
        Example(
            "The bank denied claims made in a viral post that said it had lost the money.",
            content="claims made in a viral post that said it had lost the money",
        )
    ],
    counterexamples=["The bank denied the claims in a statement on Monday."],
)
def _medium_of_inner_verb(ctx: DocContext, prep: Token, start: int) -> bool:
    """Whether the medium preposition hangs on a verb inside the object (between it and the
    object's head), not on the object."""
    if not ctx.rules.enabled("extend.inner_verb_medium.v1"):
        return False
    head = prep.head
    return head.pos_ in ("VERB", "AUX") and head.i >= start and head.dep_ in ("acl", "relcl")


def _object_end(ctx: DocContext, verb: Token, obj: Token) -> int:
    """Where object content ends: the object with what the parser hung on the verb after it
    ('the organization against recent attacks', 'his amendments to expand immigration', 'X
    for Y', a second object: 'her ahead 3 points'), up to a comma or a clause of its own; a
    time, place or medium ('in a statement') is the writer's."""
    doc = ctx.doc
    times = lexicon.word_set("time_prepositions") | lexicon.word_set("medium_prepositions")
    end = obj.right_edge.i + 1
    for c in verb.rights:
        if c.i <= obj.i:
            continue
        if any(doc[k].text in (",", ";", ":", "—") for k in range(end, c.left_edge.i)):
            break
        if c.dep_ in ("oprd", "ccomp", "xcomp", "dative", "dobj") or (c.dep_ == "prep" and c.lower_ not in times):
            end = max(end, c.right_edge.i + 1)  # a second object: 'showing her ahead 3 points'
        elif c.dep_ in ("npadvmod", "advmod", "punct", "cc", "conj", "advcl"):
            break
    return end


@rule(
    "frame.prepositional.v1",
    stage="frame",
    order=70,
    purpose="""A verb whose prepositional object is the content: 'spoke about X', 'pointed to X',
    'voted for X', 'voted in favor of X', 'weighed in on X' (the prepositions are the verb's
    preps column; 'in on' asks for the particle 'in', so 'weighs on investors' is none). A
    passive's subject joins the content ('Assange was accused of rape': Assange, rape), as the
    object does in 'accused Assange of rape'.""",
    examples=[Example("She spoke about the new budget.", content="the new budget", cue="spoke about")],
    counterexamples=["She spoke at the new school."],
)
def prepositional_frame(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "p" not in entry.frames:
        return None
    found = prepositional(ctx, verb, list(verb.children))
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if found is None or subject is None or subject.lower_ in lexicon.word_set("relative_pronouns"):
        return found
    # 'Assange was accused of rape': who is accused belongs to the content, as the object of
    # 'accused Assange of rape' does
    rng = trim(ctx.doc, (subject.left_edge.i, subject.right_edge.i + 1))
    if rng is None or rng[1] > verb.i:
        return found
    return Content(merge([*ranges(ctx, [rng]), *found.ranges]), found.cue_end, found.rules)


def prepositional(ctx: DocContext, verb: Token, kids: list[Token]) -> Content | None:
    preps = ctx.verbs[cue_lemma(verb)].preps
    # 'in on' for 'weigh': the particle 'in', then 'on' ('weighed in on X', not 'weighs on investors')
    after_particle = {p.split()[1]: p.split()[0] for p in preps if len(p.split()) == 2}
    particles = {k.lower_ for k in verb.children if k.dep_ == "prt"}
    for c in kids:
        if c.dep_ not in ("prep", "dative") or c.i < verb.i:
            continue
        if c.lower_ in after_particle and after_particle[c.lower_] not in particles:
            continue
        obj_parent = _preposition_of(c, preps)
        if obj_parent is None:
            continue
        objs = [g for g in obj_parent.children if g.dep_ in ("pobj", "pcomp")]
        if objs:
            end = objs[0].right_edge.i + 1
            # 'referred to Rubio as “a bright, charismatic leader”'
            for sib in verb.rights:
                if sib.i >= end and sib.dep_ == "prep" and sib.lower_ == "as" and sib.left_edge.i == end:
                    end = sib.right_edge.i + 1
            start = objs[0].left_edge.i
            passed: list[str] = []
            end = _before_medium(ctx, start, end, passed)
            rules: tuple[str, ...] = tuple(dict.fromkeys(passed))
            if (listed := with_broken_list(ctx, start, end)) != end:
                end, rules = listed, (*rules, "extend.broken_list.v1")
            if ctx.rules.enabled("trim.object_aside.v1") and (cut := object_aside(ctx, start, end)) != end:
                end, rules = cut, ("trim.object_aside.v1",)
            rng = trim(ctx.doc, (start, end))
            if rng:
                pieces = _object_without_asides(ctx, rng)
                if pieces != [rng]:
                    rules = (*rules, "trim.object_asides.v1")
                return Content(ranges(ctx, pieces), obj_parent.i + 1, rules)
    return None


def _preposition_of(prep: Token, preps: tuple[str, ...]) -> Token | None:
    """The preposition whose object is the content: the verb's own, or 'of' in 'in favor of'."""
    if prep.lower_ == "in" and "in favor of" in preps:
        favor = next((g for g in prep.children if g.dep_ == "pobj" and g.lower_ in ("favor", "favour")), None)
        return next((g for g in favor.children if g.lower_ == "of"), None) if favor is not None else None
    if prep.lower_ in preps or any(p.split()[-1] == prep.lower_ for p in preps if len(p.split()) == 2):
        return prep
    return None


# ----------------------------------------------------------------------------- reported clauses
@rule(
    "frame.clause.v1",
    stage="frame",
    order=30,
    purpose="""A verb that takes a clause ('said that...', 'believes the plan will fail'): the
    content is the reported clause (found by the clause rules), trimmed where the writer's own
    words begin; a verb with only a quotation frame takes the clause when it is quoted.""",
    examples=[Example("Lowell said that he doesn't like pickles.", content="that he doesn't like pickles")],
    counterexamples=["Lowell said nothing at the meeting."],
)
def clause_frame(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "c" not in entry.frames and "q" not in entry.frames:
        return None
    clauses: list[Token] = []
    finder = ""
    for r in ctx.rules.stage("clause"):
        clauses = r.func(ctx, verb, entry)
        if clauses:
            finder = r.id
            break
    if not clauses:
        return None
    fired = [finder]
    clause = _reported_clause(ctx, verb, clauses, fired)
    rng = clause_range(ctx, verb, clause, fired)
    if rng and ctx.rules.enabled("clause.object_subject.v1"):
        subject = stranded_subject(verb, clause)
        if subject is not None and subject.left_edge.i < rng[0]:
            rng = (subject.left_edge.i, rng[1])
            fired.append("clause.object_subject.v1")
    if not rng or not ("c" in entry.frames or ctx.mostly_quoted(chars(ctx.doc, rng))):
        return None
    rng = _extended(ctx, verb, rng, fired)
    extra = _topic_of(ctx, verb, rng) if ctx.rules.enabled("extend.topic_of.v1") else []
    if extra:
        fired.append("extend.topic_of.v1")
    return Content(ranges(ctx, [*_without_asides(ctx, rng, fired), *extra]), rules=tuple(fired))


def _extended(ctx: DocContext, verb: Token, rng: tuple[int, int], fired: list[str]) -> tuple[int, int]:
    """The reported clause with what the parser hung elsewhere but belongs to it: a second
    that-clause, the second half of a correlative comparative."""
    for rule_id, extend in (
        ("extend.that_conjuncts.v1", _with_that_conjuncts),
        ("extend.correlative_comparative.v1", _with_second_comparative),
    ):
        if ctx.rules.enabled(rule_id):
            longer = extend(ctx, verb, rng)
            if longer != rng:
                rng = longer
                fired.append(rule_id)
    return rng


def _without_asides(ctx: DocContext, rng: tuple[int, int], fired: list[str]) -> list[tuple[int, int]]:
    """The content's tokens without the writer's inner asides (trim.inner_aside.v1)."""
    if not ctx.rules.enabled("trim.inner_aside.v1"):
        return [rng]
    pieces = [p for p in (trim(ctx.doc, piece) for piece in inner_asides(ctx, *rng)) if p]
    if pieces == [rng] or not pieces:
        return [rng]
    fired.append("trim.inner_aside.v1")
    return pieces


def _is_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


@rule(
    "clause.complement.v1",
    stage="clause",
    order=10,
    purpose="""The reported clause is the verb's clausal complement, or a clause before it that the
    parser hung on it as parataxis ('The plan is flawed, he said'), but not across a colon or
    semicolon ('The stakes are high: the candidate would assume office').""",
    examples=[Example("The plan is flawed, he said.", content="The plan is flawed")],
    counterexamples=["He said nothing."],
)
def complement_clauses(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> list[Token]:
    kids = list(verb.children)
    found = [c for c in kids if c.dep_ == "ccomp" and not (c.i < verb.i and _colon_between(ctx, c, verb))]
    found += [
        c for c in kids if c.dep_ == "parataxis" and _is_clause(c) and c.i < verb.i and not _colon_between(ctx, c, verb)
    ]
    return found


def _colon_between(ctx: DocContext, clause: Token, verb: Token) -> bool:
    """'The concerns are magnified by the challenge: that candidate would assume office': a colon
    or semicolon ends the clause before; the verb after it does not report it."""
    doc = ctx.doc
    return any(
        doc[k].text in (":", ";") and not ctx.inside_quote(doc[k].idx) for k in range(clause.right_edge.i, verb.i)
    )


@rule(
    "clause.stranded_that.v3",
    stage="clause",
    order=20,
    purpose="""'said Friday during a news conference that...', 'claimed at the time that...': a
    that-clause the parser hung on a noun inside one of the verb's own adjuncts, as a complement or
    as a relative clause whose 'that' relates nothing in it (an adverbial 'that', not its subject
    or object); or on the verb itself as an adverbial clause ('tweeted in the early morning hours
    that Machado was "disgusting"') (v3).""",
    examples=[
        Example(
            "The governor said Friday during a news conference that the roads would reopen.",
            content="that the roads would reopen",
        ),
        Example(
            "Hi there.\n\nBoth men claimed at the time that they were being treated well.",
            content="that they were being treated well",
        ),
        Example(
            "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con.”",
            content="that Machado was “disgusting” and “a con.”",
        ),
    ],
    counterexamples=[
        "The governor said Friday that the roads would reopen.",
        "The governor said nothing at the meeting that the council held.",
    ],
)
def stranded_that_clauses(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> list[Token]:
    if "c" not in entry.frames:
        return []
    found = []
    for child in verb.rights:
        if child.dep_ == "advcl" and _opened_by_that(child):
            found.append(child)  # "tweeted in the early hours that Machado was...", parsed as an adverbial
            continue
        if child.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        for tok in child.subtree:
            if tok.dep_ in ("acl", "ccomp", "relcl") and _opened_by_that(tok):
                found.append(tok)
    return found


def _opened_by_that(clause: Token) -> bool:
    """A clause whose first word is its own 'that' (a complementizer the parser may call an
    adverb), not a relative pronoun it hangs elsewhere."""
    return any(
        g.dep_ in ("mark", "advmod") and g.lower_ == "that" and g.i == clause.left_edge.i for g in clause.children
    )


@rule(
    "clause.xcomp.v1",
    stage="clause",
    order=30,
    purpose="""'He said legalizing it could put thousands to work': a clause the parser took for an
    open complement of a speech or report verb.""",
    examples=[
        Example(
            "He proposed dropping the tax break as promised.",
            content="dropping the tax break as promised",
            cue="proposed",
        )
    ],
    counterexamples=["He wanted to leave early."],
)
def xcomp_clauses(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> list[Token]:
    if "c" not in entry.frames or entry.cls not in ("speech", "report"):
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "xcomp" and c.i > verb.i and (c.tag_ == "VBG" or any(g.dep_ == "nsubj" for g in c.children))
    ]


@rule(
    "clause.prefer_after.v1",
    stage="switch",
    order=0,
    purpose="""Of the clauses the parse gives a cue, the longest after it is reported, not a longer
    one before it that is the writer's ('Keyworth was fired up about it, and he said she should
    call').""",
    examples=[
        Example(
            "While she admitted pay was a big reason she felt worn out, Odell also noted "
            "a few “small things” left her even more discouraged.",
            content="a few “small things” left her even more discouraged",
        )
    ],
    counterexamples=["Kall said the debate would make news."],
)
def _reported_clause(ctx: DocContext, verb: Token, clauses: list[Token], fired: list[str]) -> Token:
    """The clause a cue reports, of those the parse gives it: the longest after the cue ('he said
    she should call'), since a clause before it that the parse also hangs on the cue ('Keyworth
    was fired up about it, and he said...') is often the writer's; the longest before it when
    there is none after ('..., he said')."""
    after = [c for c in clauses if c.i > verb.i]
    before = [c for c in clauses if c.i < verb.i]
    if before and ctx.rules.enabled("clause.inverted_speaker.v1") and misparsed_speaker(ctx, verb) is not None:
        fired.append("clause.inverted_speaker.v1")
        return max(before, key=_extent)
    if ctx.rules.enabled("clause.prefer_after.v1"):
        chosen = max(after or clauses, key=_extent)
        if chosen.i != max(clauses, key=_extent).i:
            fired.append("clause.prefer_after.v1")
        return chosen
    return max(clauses, key=_extent)


@rule(
    "clause.object_subject.v1",
    stage="switch",
    order=0,
    purpose="""'added the exact circumstances of the deaths remained unclear': a reported clause with
    no subject of its own right after the cue's object is that object's clause; the parser took
    its subject for the cue's object, and the content starts with it.""",
    examples=[
        Example(
            "The office added the exact circumstances of the deaths remained unclear.",
            content="the exact circumstances of the deaths remained unclear",
        )
    ],
    counterexamples=["The office told reporters the circumstances remained unclear."],
)
def stranded_subject(verb: Token, clause: Token) -> Token | None:
    """The cue's object that is the subject of the clause right after it, when the clause has none."""
    if clause.i < verb.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return None
    if clause.tag_ in ("VBG", "VB", "VBN") or any(
        c.dep_ in ("mark", "aux") and c.lower_ == "to" for c in clause.children
    ):
        return None  # 'asked him to leave', 'saw them leaving': not a finite clause
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if obj is None or obj.right_edge.i + 1 != clause.left_edge.i or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return obj


@rule(
    "clause.inverted_speaker.v1",
    stage="switch",
    order=0,
    purpose="""'Job cuts will come, said the company's newly named chair Ana Ruiz in an email': a
    cue after a comma, with no subject of its own, whose 'clause' after it has its subject right
    after the cue is the speaker the parser took for a clause ('named ... Ana Ruiz'); the clause
    before the cue is reported, and that subject is the source.""",
    examples=[
        Example(
            "Job cuts will be announced later this week, said the company's recently named chair Ana Ruiz "
            "in an email to staff.",
            content="Job cuts will be announced later this week",
        )
    ],
    counterexamples=["Job cuts will be announced later this week, the company said."],
)
def misparsed_speaker(ctx: DocContext, verb: Token) -> Token | None:
    """For '..., said the company's recently named chair Ana Ruiz in an email': the subject of
    the clause the parser hung after the cue ('the company'), which is the speaker."""
    doc = ctx.doc
    start = verb_group(verb)[0]
    if start == 0 or doc[start - 1].text != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for c in verb.rights:
        if c.dep_ == "ccomp" and c.left_edge.i == verb.i + 1:
            subject = next(
                (g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.left_edge.i == verb.i + 1), None
            )
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                return _possessed(c, subject) or subject
    return None


def _possessed(clause: Token, subject: Token) -> Token | None:
    """ "the company's recently named chair Ana Ruiz", where the parser read "'s" as "is": the
    possessor is no speaker; the object it took for the clause's is ("Ana Ruiz")."""
    if not any(c.dep_ == "case" and c.tag_ == "POS" for c in subject.children):
        return None
    return next((o for o in clause.rights if o.dep_ in ("dobj", "attr", "oprd") and o.pos_ in ("NOUN", "PROPN")), None)


def _extent(tok: Token) -> int:
    return tok.right_edge.i - tok.left_edge.i


@rule(
    "extend.that_conjuncts.v1",
    stage="switch",
    order=0,
    purpose="""'said that X, and that Y': a second that-clause, hung on the verb, joins the content.""",
    examples=[
        Example(
            "Halvorsen believes there is no easy way out, but that sometimes the cheaper of two plans must win.",
            content="there is no easy way out, but that sometimes the cheaper of two plans must win",
        )
    ],
    counterexamples=["Halvorsen believes there is no easy way out."],
)
def _with_that_conjuncts(ctx: DocContext, verb: Token, rng: tuple[int, int]) -> tuple[int, int]:
    """'said that X, and that Y': the second that-clause, hung on the verb, joins the content."""
    start, end = rng
    for child in verb.rights:
        if (
            child.dep_ == "conj"
            and child.i >= end
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
        ):
            trimmed = trim(ctx.doc, (start, child.right_edge.i + 1))
            if trimmed:
                start, end = trimmed
    return start, end


def _comparative_at(doc: Doc, i: int) -> bool:
    """Whether tokens i, i+1 are 'the' and a comparative ('the earlier', 'the more')."""
    return (
        i + 1 < len(doc)
        and doc[i].lower_ == "the"
        and (doc[i + 1].tag_ in ("JJR", "RBR") or doc[i + 1].lower_ in ("more", "less", "fewer"))
    )


@rule(
    "extend.correlative_comparative.v1",
    stage="switch",
    order=0,
    purpose="""'advises that the earlier people seek treatment, the more likely they are to
    recover': the two halves of a correlative comparative ('the X-er ..., the Y-er ...') are one
    statement; the parser often makes the second half the sentence's main clause, so the content
    stopped after the first. When the content opens with 'the' and a comparative and the next
    words after a comma are 'the' and a comparative, the content goes on to the end of that
    second half (its sentence, or a colon or semicolon).""",
    examples=[
        Example(
            "The clinic advises the earlier people seek treatment, the more likely they are to recover.",
            content="the earlier people seek treatment, the more likely they are to recover",
        )
    ],
    counterexamples=["The clinic advises that people seek treatment early, the sooner the better for them."],
)
def _with_second_comparative(ctx: DocContext, verb: Token, rng: tuple[int, int]) -> tuple[int, int]:
    doc = ctx.doc
    start, end = rng
    first = start + 1 if doc[start].lower_ == "that" else start
    if verb.i > start or not _comparative_at(doc, first):
        return rng
    comma = next((i for i in range(end, min(end + 3, len(doc))) if not is_space(doc[i])), None)
    if comma is None or doc[comma].text != "," or not _comparative_at(doc, comma + 1):
        return rng
    sent = ctx.sentences.of_token(verb.i)
    stop = next((i for i in range(comma + 1, sent.end) if doc[i].text in (";", ":")), sent.end)
    return trim(doc, (start, stop)) or rng


@rule(
    "extend.topic_of.v1",
    stage="switch",
    order=0,
    purpose="""'“It is a great course,” the city manager said of the championship course': what it
    was said of belongs to the content.""",
    examples=[
        Example(
            "“It is a great course,” the city manager said of the new championship course.",
            content="“It is a great course,” the new championship course",
        )
    ],
    counterexamples=["“It is a great course,” the city manager said on Monday."],
)
def _topic_of(ctx: DocContext, verb: Token, content: tuple[int, int]) -> list[tuple[int, int]]:
    """'... ,'' the city manager said of the championship course': what it was said of belongs to
    the content."""
    if cue_lemma(verb) not in lexicon.word_set("topic_of_verbs"):
        return []
    of = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == verb.i + 1), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or content[0] <= obj.i < content[1]:
        return []
    rng = trim(ctx.doc, subtree_range(obj))
    return [rng] if rng else []


@rule(
    "frame.passive_subject.v1",
    stage="frame",
    order=76,
    purpose="""A verb whose object is the content, in the passive with a 'by' phrase: 'The levy
    was criticised by the union', 'He was declared the winner by the board': the passive's
    subject (with a complement after the verb: 'the winner', 'as the new chair') is the content
    and the 'by' phrase the source; 'a view echoed by most economists': a participle with a 'by'
    phrase after a noun makes that noun phrase the content. Without a 'by' phrase ('The merger
    was announced on Friday') no one is named: measured, such passives are mostly the writer's
    narration on the modern pages, and are left out.""",
    examples=[
        Example(
            "The new levy was criticised by the farmers' union.",
            content="The new levy",
            cue="was criticised",
            source="the farmers' union",
        ),
        Example(
            "It was a view echoed by most of the economists we asked.",
            content="a view",
            cue="echoed",
            source="most of the economists we asked",
        ),
    ],
    counterexamples=[
        "The new levy was paid by the farmers.",
        "The plan drafted in May was shelved.",
        "The merger was announced on Friday.",
    ],
)
def passive_subject(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    agent = _agent(verb)
    if "o" not in entry.frames or any(c.dep_ == "dobj" for c in verb.children) or agent is None:
        return None
    if "p" in entry.frames and any(c.dep_ == "prep" and c.lower_ in entry.preps for c in agent.children):
        return None  # 'was accused by critics of X': the verb's own 'of' phrase, misparsed; not only the subject
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.i < verb.i:
        pieces = [(subject.left_edge.i, subject.right_edge.i + 1), *_passive_complements(verb)]
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i:
        pieces = [(verb.head.left_edge.i, verb.left_edge.i)]  # 'a view echoed by most economists'
    else:
        return None
    found = [r for r in (trim(ctx.doc, p) for p in pieces) if r]
    return Content(ranges(ctx, found)) if found else None


def _passive_complements(verb: Token) -> list[tuple[int, int]]:
    """What a passive says of its subject after the verb: 'was declared the winner', 'was
    confirmed as the new chair'."""
    return [
        subtree_range(c)
        for c in verb.rights
        if c.dep_ in ("oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "as" and c.i == verb.i + 1)
    ]


def _agent(verb: Token) -> Token | None:
    """The object of a passive's 'by' phrase."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None


#: cue classes whose as-clause stands for the statement beside it ('as the report notes')
AS_CLAUSE_CLASSES = ("speech", "report", "evidence", "belief")


@rule(
    "frame.as_clause.v1",
    stage="frame",
    order=75,
    purpose="""'As the city paper reported, the mayor will need...', 'The harbor, as the report
    notes, is silted up', 'as the coach put it, “...”': an as-clause whose cue verb has no
    object or clause of its own stands for what the clause beside it says; the content is the
    clause it hangs on (climbing from a noun to its verb), without the as-clause and without a
    lone conjunction or subordinator left before it. A verb that says something of its own ('as
    he lamented the cuts', 'as she considered a run') is a time or reason clause, none; 'put'
    reports only here (frame "a").""",
    examples=[
        Example(
            "As the city paper reported, the mayor will need to raise taxes.",
            content="the mayor will need to raise taxes",
            cue="reported",
            source="the city paper",
        ),
        Example(
            "As the coach put it, the team simply ran out of gas.",
            content="the team simply ran out of gas",
            cue="put",
            source="the coach",
        ),
    ],
    counterexamples=["As she lamented the cuts, the board moved on.", "She put the money in a drawer."],
)
def as_clause(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "a" not in entry.frames and not (entry.frames & {"c", "q"} and entry.cls in AS_CLAUSE_CLASSES):
        return None
    if not _has_mark(verb, "as") or verb.head.i == verb.i or not _says_nothing_itself(verb, entry):
        return None
    if as_speaker(verb) is None:
        return None  # 'as expected': no one
    host = verb.head
    while (host.pos_ not in ("VERB", "AUX") or host.dep_ in ("aux", "auxpass")) and host.head.i != host.i:
        host = host.head  # from a noun, or an auxiliary the parser hung it on, to the clause's verb
    if host.pos_ not in ("VERB", "AUX"):
        return None
    own = set(range(verb.left_edge.i, verb.right_edge.i + 1))
    keep = [i for i in range(host.left_edge.i, host.right_edge.i + 1) if i not in own]
    pieces = [r for r in (trim(ctx.doc, rng) for rng in runs(keep)) if r and _has_content_word(ctx, r)]
    return Content(ranges(ctx, pieces)) if pieces else None


def as_speaker(verb: Token) -> Token | None:
    """Who speaks in an as-clause: its subject, or its 'by' phrase ('as reported by the Post');
    never the subject of the clause it hangs on, which is in the content."""
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None


def _says_nothing_itself(verb: Token, entry: lexicon.CueEntry) -> bool:
    """An as-clause verb with no complement of its own ('as she noted', 'as he put it'): one
    with an object or a clause ('as he lamented the cuts') reports that, in a time clause."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "csubj", "dative", "oprd"):
            return False
        if c.dep_ == "dobj" and not ("a" in entry.frames and c.lower_ == "it"):
            return False
    return "a" not in entry.frames or any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def _has_content_word(ctx: DocContext, rng: tuple[int, int]) -> bool:
    """Whether a piece says something: not only a conjunction, subordinator or adverb left
    before an as-clause ('But', 'given that')."""
    return any(t.is_alpha and t.dep_ not in ("cc", "mark", "advmod", "prep") for t in ctx.doc[rng[0] : rng[1]])


@rule(
    "frame.inverted.v1",
    stage="frame",
    order=80,
    purpose="""'The plan, he said, is flawed.' / 'It is flawed, he said.' / 'It is under pressure,
    said its chief executive.': the parser made the reporting verb a dependent of the content's
    main verb; the content is the head's subtree without the reporting clause. A clause with a
    subordinator ('..., because he knew', '..., as the league decided') is none, but for 'as'
    with a verb of saying ('The plan, as he said, is flawed').""",
    examples=[Example("The plan, he said, is deeply flawed.", content="The plan is deeply flawed")],
    counterexamples=["Adelson said, “We will win this race.”"],
)
def inverted(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if "c" not in entry.frames and "q" not in entry.frames:
        return None
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if marks and not (marks == ["as"] and entry.cls in ("speech", "report")):
        return None  # '..., as the league decided...', '..., because he knew': a subordinate clause
    found = _inverted_ranges(ctx, verb)
    return Content(ranges(ctx, found)) if found else None


def _inverted_ranges(ctx: DocContext, verb: Token) -> list[tuple[int, int]]:
    doc = ctx.doc
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
        return []
    if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
        return []  # '..., said the company's chief executive' only: the subject after its verb
    nxt = ctx.next_word(verb_group(verb)[1])
    if nxt is not None and is_quote_mark(nxt) and doc[nxt.i - 1].text in (",", ":"):
        return []  # 'Adelson said, “...”': the quotation after the verb is the content
    if not any(c.dep_ in ("nsubj",) for c in verb.children):
        return []
    if verb.dep_ != "parataxis":
        # only a reporting clause set off by a comma after its content
        prev = doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        if prev is None or prev.text not in (",", "—", "–") or verb.i < head.i:
            return []
    own = set(range(verb.left_edge.i, verb.right_edge.i + 1))
    keep = [i for i in range(head.left_edge.i, head.right_edge.i + 1) if i not in own]
    return [r for r in (trim(doc, rng) for rng in runs(keep)) if r]


@rule(
    "frame.sentence_before.v1",
    stage="frame",
    order=90,
    purpose="""'The usual way the agency measures seizures is by weight, not by value, an agency
    spokesman told us.': a reporting clause that closes its sentence after a comma ('..., X
    said', '..., X told reporters'), which the parser left with no clause to report (it hung the
    content's pieces on the cue as adjuncts); the content is the sentence before the comma. Only
    for cues of speech and report, when the words before are a clause with a finite verb and do not
    open with a subordinator ('When the panel met, the senator told reporters').""",
    examples=[
        Example(
            "Hi there.\n\nThe official and most consistent way that Customs and Border Protection measures "
            "seizures is by pounds, not by value, an agency spokesman told us.",
            content="The official and most consistent way that Customs and Border Protection measures seizures is "
            "by pounds, not by value",
            source="an agency spokesman",
        )
    ],
    counterexamples=[
        "After the meeting in the capital on Monday, the president told reporters.",
        "When the panel met on Tuesday, the senator told reporters.",
        "After the panel met on Tuesday, the senator told reporters.",
    ],
)
def sentence_before(ctx: DocContext, verb: Token, entry: lexicon.CueEntry) -> Content | None:
    if entry.cls not in ("speech", "report") or "c" not in entry.frames:
        return None
    found = _sentence_before_range(ctx, verb)
    return Content(ranges(ctx, [found])) if found else None


def _sentence_before_range(ctx: DocContext, verb: Token) -> TokRange | None:
    """The words from the sentence's start to the comma before the cue's subject, when the cue
    closes the sentence (nothing after it but its object, adjuncts and the final stop)."""
    doc = ctx.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children):
        return None
    comma = subject.left_edge.i - 1
    start = verb.sent.start
    while start < comma and (is_space(doc[start]) or is_quote_mark(doc[start])):
        start += 1
    if comma - start < 4 or doc[comma].text != "," or ctx.inside_quote(doc[comma].idx):
        return None
    if not _closes_sentence(verb) or not _finite_clause(doc[start:comma]):
        return None
    first = doc[start]
    if first.tag_ == "WRB" or first.dep_ == "mark":
        return None  # 'When the panel met, ...', 'After the vote, ...': the writer's setting
    return trim(doc, (start, comma))


def _closes_sentence(verb: Token) -> bool:
    """Nothing after the cue but its recipient or object, adjuncts and punctuation."""
    return all(
        t.dep_ in ("dobj", "dative", "prep", "pobj", "npadvmod", "advmod", "punct", "det", "compound", "amod", "poss")
        or is_space(t)
        for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


def _finite_clause(words: Span) -> bool:
    return any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in words)
