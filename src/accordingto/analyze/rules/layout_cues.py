"""Attributions found from the layout of the text: 'WALLACE: ...' paragraphs, title-case
headlines with a cue verb, and quotations signed with a dash."""

from __future__ import annotations

from spacy.tokens import Span, Token

from accordingto.analyze import layout, lexicon
from accordingto.analyze.candidate import Candidate
from accordingto.analyze.context import DocContext
from accordingto.analyze.rules.common import confidence, ranges, verb_form_lemma
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.syntax import Ranges, chars, is_space, trim

DASHES = frozenset({"—", "–", "―", "--", "-"})
#: words a speaker label before a colon may hold besides names ("The Senator:", "Mr. Smith:")
SPEAKER_LABEL_WORDS = ("the", "of", "mr.", "ms.")


def _speaker_before_colon(ctx: DocContext, span: Span, colon: Token) -> list[Token] | None:
    speaker = [t for t in ctx.doc[span.start : colon.i] if not is_space(t)]
    while speaker and speaker[0].is_quote:
        speaker = speaker[1:]  # '"WALLACE: ...': a transcript quoted paragraph by paragraph
    dash = next((k for k, t in enumerate(speaker) if t.text in DASHES), None)
    if dash is not None and dash < len(speaker) - 1:
        speaker = speaker[dash + 1 :]  # "EXCLUSIVE – Roger Stone: ..."
    if not speaker or len(speaker) > 5:
        return None
    if any(t.lower_ in lexicon.word_set("colon_stoplist") for t in speaker):
        return None
    if all(t.ent_type_ in ("GPE", "LOC") or t.text in (",", ".") for t in speaker):
        return None  # "NEW DELHI:": a dateline, not a speaker
    if not all(t.pos_ == "PROPN" or t.is_title or t.is_upper or t.lower_ in SPEAKER_LABEL_WORDS for t in speaker):
        return None
    if len(speaker) > 1 and any(_heading_word(t) for t in speaker):
        return None  # "The Gap Goes On:", "Stealth Over Health:": a heading, not a name
    if not _names_someone(ctx, speaker):
        return None  # "Thunder: F Hamidou Diallo missed...", "6A: ...": a team's or a class's notes
    return speaker


def _names_someone(ctx: DocContext, label: list[Token]) -> bool:
    """Whether a label can be a speaker: a name ("Pat Caddell"; "Sanders", whom the text names
    as a person elsewhere), a transcript's capitals ("WALLACE", "Q"), an outlet ("Politifact"),
    or a noun of a person or a document ("Moderator", "Poll"); not another common noun or a
    number written as a heading ("Thunder", "Lakers", "6A")."""
    if any(t.ent_type_ in ("CARDINAL", "ORDINAL", "DATE", "TIME", "MONEY", "PERCENT") for t in label):
        return False
    return _a_speaker_label(label) or any(t.pos_ == "PROPN" for t in label) or label[-1].text in ctx.person_words()


def _a_speaker_label(label: list[Token]) -> bool:
    """A label that is a speaker's by itself: a transcript's capitals ("WALLACE", "Q"), a
    person's name ("Pat Caddell"), a noun of a person or a document ("Moderator", "Poll"), an
    outlet ("Politifact"). A team's or a company's name ("Thunder", "Lakers") is one only before
    words that speak (_reads_as_speech)."""
    words = [t for t in label if t.is_alpha]
    if words and all(t.is_upper for t in words):
        return True
    if any(t.ent_type_ == "PERSON" for t in label):
        return True
    if lexicon.source_nouns().get(label[-1].lemma_.lower()) in ("person", "document"):
        return True
    return lexicon.outlet_for(" ".join(t.text for t in label)) is not None


def _reads_as_speech(words: Span) -> bool:
    """Words someone says, not notes written about them: the speaker's "I", "we" or "you", a
    question, or a quotation mark in the first sentence."""
    first = words.doc[words.start : min(words.end, words[0].sent.end)] if len(words) else words
    writer = lexicon.word_set("writer_pronouns")
    return any(t.lower_ in writer or t.text == "?" or t.is_quote for t in first)


def _heading_word(tok: Token) -> bool:
    """A finite verb or a preposition names do not have (heading_prepositions: not 'of', as in
    'Bank of America')."""
    if tok.tag_ in ("VBZ", "VBD", "VBP") and tok.ent_type_ not in ("PERSON", "ORG"):
        return True
    return tok.lower_ in lexicon.word_set("heading_prepositions")


@rule(
    "layout.colon_speaker.v5",
    stage="layout",
    order=10,
    purpose="""Paragraphs such as "WALLACE: Let's start..." or "Pat Caddell: Voters worried": a
    short name-like label before a colon near the start of a paragraph is the speaker. Labels of
    the colon_stoplist ("Update:", "Photo:", "Disclosure:", "Dear Abby:") and datelines ("NEW
    DELHI:") are not, nor is a lone capitalised label opening the article (a dateline the NER
    missed) (v3), nor a heading with a verb or a preposition ("The Gap Goes On:"), nor a label
    that names no one: a common noun not of a person, or a number ("Thunder: F Hamidou Diallo
    missed his third game", "6A: ...": a team's or a class's notes), unless the text names it as
    a person elsewhere ("Sanders:") or it is an outlet ("Politifact:") (v4). A label that is
    neither capitals, a person's name, a noun of a person or a document, nor an outlet ("Thunder",
    "Lakers", "Ascom") speaks only where its words do: "I", "we", "you", a question or a
    quotation mark in their first sentence ("Thunder: Host the Lakers on Friday" is a schedule)
    (v5).""",
    examples=[
        Example(
            "WALLACE: Let us start with the economy and the jobs report.\n\nTRUMP: The economy is doing very well.",
            content="Let us start with the economy and the jobs report",
            source="WALLACE",
        )
    ],
    counterexamples=[
        "Photo: A crowd gathers outside the court in the rain.",
        "NEW DELHI: Nearly 150 Indians returned home on Wednesday after being deported.",
        "Disclosure: ZDNet may earn a commission from some of the products featured here.",
        "DEAR ABBY: My husband and I have been married for ten years.",
        "NEW DELHI: Their American dream shattered, nearly 150 Indians returned home broke on Wednesday.",
        "The Gap Goes On: It was under his watch that the assembly set up a new agency for women.",
        "Thunder: F Hamidou Diallo missed his third straight game with a left knee sprain.\n\nLakers: Kyle Kuzma"
        " left the court in the second quarter with an eye abrasion.",
        "UP NEXT\n\nOklahoma City Thunder: Host the Lakers on Friday.\n\nLakers: Visit the Thunder on Friday.",
    ],
)
def colon_speakers(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    doc = ctx.doc
    out = []
    for p_start, p_end in ctx.paragraphs:
        span = doc.char_span(p_start, p_end, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        colon = next((t for t in span[:8] if t.text == ":"), None)
        if colon is None or colon.i == span.start:
            continue
        speaker = _speaker_before_colon(ctx, span, colon)
        if speaker is None:
            continue
        if speaker[-1].like_num or (colon.i + 1 < len(doc) and doc[colon.i + 1].like_num):
            continue
        rest = trim(doc, (colon.i + 1, span.end))
        if not rest or sum(1 for t in doc[rest[0] : rest[1]] if t.is_alpha) < 3:
            continue
        if not _a_speaker_label(speaker) and not _reads_as_speech(doc[rest[0] : rest[1]]):
            continue  # "Thunder: F Hamidou Diallo missed his third game": a team's notes
        out.append(_labelled(ctx, rest, colon.i, (speaker[0].i, speaker[-1].i + 1), "layout.colon_speaker.v5"))
    return _without_lone_dateline(ctx, out)


@rule(
    "layout.interview_answer.v1",
    stage="layout",
    order=12,
    purpose="""A question-and-answer interview ("Q: How do you prioritize your day?" / "A: I block
    time for meetings..."): in a text with both question and answer paragraphs, each "A:"
    paragraph is the interviewee's statement; the source is the "A", the person the text
    introduces before the first question (describe.interviewee.v1). The questions are the
    interviewer's, who is the publication: not reported.""",
    examples=[
        Example(
            "We asked our new chief executive, Junior Gaspard, about the year ahead.\n\nQ: How do you"
            " prioritize your day?\n\nA: I block time for meetings and separate time for emails.",
            content="I block time for meetings and separate time for emails",
            source_name="Junior Gaspard",
        )
    ],
    counterexamples=["A: the first letter of the alphabet, and the grade every student wants."],
)
def interview_answers(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    doc = ctx.doc
    out = []
    for start, end in sorted(layout.interview_answers(ctx.text)):
        label = doc.char_span(start, end, alignment_mode="expand")
        if label is None:
            continue
        cue = label.end  # the ":" or "." after the letter
        paragraph_end = next(e for s, e in ctx.paragraphs if s == start)
        last = doc.char_span(start, paragraph_end, alignment_mode="expand")
        rest = trim(doc, (cue + 1, last.end)) if last is not None and cue < len(doc) else None
        if rest is None:
            continue
        out.append(_labelled(ctx, rest, cue, (label.start, label.end), "layout.interview_answer.v1"))
    return out


def _labelled(ctx: DocContext, content: tuple[int, int], cue: int, label: tuple[int, int], rule_id: str) -> Candidate:
    """A paragraph's words after a speaker's label and its colon ("WALLACE: ...", "A: ...")."""
    doc = ctx.doc
    return Candidate(
        content=ranges(ctx, [content]),
        cue=chars(doc, (cue, cue + 1)),
        source=chars(doc, label),
        pattern="colon",
        cue_class="speech",
        stance="neutral",
        confidence=confidence(rule_id),
        rules=[],
        cue_head=cue,
        source_head=label[1] - 1,
    )


def _without_lone_dateline(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    """A single capitalised label opening the article ("NEW DELHI: Nearly 150...") is a dateline
    the NER did not know as a place: a transcript has more than one speaker's paragraph."""
    if len(found) != 1 or not ctx.paragraphs:
        return found
    (only,) = found
    label = ctx.doc.char_span(*only.source, alignment_mode="expand") if only.source else None
    first = only.source is not None and only.source[0] <= ctx.paragraphs[0][0] + 2
    if label is not None and first and label.text.isupper() and not any(t.ent_type_ == "PERSON" for t in label):
        return []
    return found


def _prose(toks: list[Token]) -> bool:
    """Whether tokens read as words, not a date or a number: three or more alphabetic tokens, or a verb."""
    if any(t.ent_type_ in ("DATE", "TIME") for t in toks) and sum(t.is_alpha for t in toks) < 4:
        return False
    return sum(t.is_alpha for t in toks) >= 3 or any(t.pos_ in ("VERB", "AUX") for t in toks)


def _title_case_line(ctx: DocContext, p_start: int, p_end: int, taken: Ranges) -> Span | None:
    if p_end - p_start > 220 or taken.overlaps(p_start, p_end):
        return None
    span = ctx.doc.char_span(p_start, p_end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.is_title or t.is_upper for t in words) < 0.7 * len(words):
        return None
    return span


def _headline_candidate(ctx: DocContext, span: Span) -> Candidate | None:
    doc = ctx.doc
    toks = [t for t in span if not is_space(t)]
    for k, tok in enumerate(toks[1:-1], start=1):
        lemma = verb_form_lemma(tok.lower_)
        if lemma is None or lemma not in ctx.verbs or not (tok.is_title or tok.is_upper):
            continue
        first = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text == ":"), 0)
        if first >= k:
            return None
        breaks = lexicon.word_set("headline_breaks")
        stop = next(
            (t.i for t in toks[k + 2 :] if t.lower_ in breaks and (t.is_title or t.is_upper)),
            toks[-1].i + 1,
        )
        content = trim(doc, (tok.i + 1, stop))
        source = trim(doc, (toks[first].i, tok.i), keep_marks=False)
        if content is None or source is None or not _prose(list(doc[content[0] : content[1]])):
            return None
        entry = ctx.verbs[lemma]
        return Candidate(
            content=ranges(ctx, [content]),
            cue=chars(doc, (tok.i, tok.i + 1)),
            source=chars(doc, source),
            pattern="headline",
            cue_class=entry.cls,
            stance=entry.stance,
            confidence=confidence("layout.headline.v1"),
            rules=[],
            cue_head=tok.i,
            source_head=source[1] - 1,
        )
    return None


@rule(
    "layout.headline.v1",
    stage="layout",
    order=20,
    purpose="""Title-case lines such as 'Conservative Icon Morton Blackwell Endorses Ted Cruz', which
    the parser reads badly: the first capitalised finite cue verb splits the line into source and
    content.""",
    examples=[
        Example(
            "Conservative Icon Morton Blackwell Endorses Ted Cruz For President\n\nThe endorsement came late.",
            content="Ted Cruz For President",
            cue="Endorses",
        )
    ],
    counterexamples=["The Long Road Home From The Border Town"],
)
def headlines(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    out = []
    taken = Ranges((c.start, c.end) for c in found)  # a long text has thousands of each
    for p_start, p_end in ctx.paragraphs:
        span = _title_case_line(ctx, p_start, p_end, taken)
        if span is None:
            continue
        cand = _headline_candidate(ctx, span)
        if cand is not None:
            out.append(cand)
    return out


def _signature(ctx: DocContext, dash_end: int) -> list[Token]:
    """The name after a signing dash: proper nouns and title-case words (and their full stops)."""
    name = ctx.doc.char_span(dash_end, min(len(ctx.text), dash_end + 60), alignment_mode="expand")
    if name is None:
        return []
    toks: list[Token] = []
    for t in name:
        if is_space(t) and not toks:
            continue
        if t.pos_ == "PROPN" or (t.is_title and t.is_alpha) or t.text == ".":
            toks.append(t)
        else:
            break
    while toks and toks[-1].text == ".":
        toks.pop()
    return toks if any(t.pos_ == "PROPN" for t in toks) else []


@rule(
    "layout.dash_signature.v1",
    stage="layout",
    order=30,
    purpose="""A quotation signed with a dash: '“...” — Donald J. Trump (@realDonaldTrump)'.""",
    examples=[
        Example(
            "“Maybe we can build a wall around the candidate.” ― Steve Quinlan",
            content="“Maybe we can build a wall around the candidate.”",
            source="Steve Quinlan",
        )
    ],
    counterexamples=["“We will win.” The crowd cheered — and then left."],
)
def dash_signatures(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    text = ctx.text
    out = []
    for quote in ctx.quotes:
        if not quote.closed:
            continue
        j = quote.end
        while j < len(text) and text[j] in " \t\u00a0\n":
            j += 1
        dash_end = j
        while dash_end < len(text) and text[dash_end] in "—–―-":
            dash_end += 1
        if dash_end == j:
            continue
        toks = _signature(ctx, dash_end)
        if not toks:
            continue
        out.append(
            Candidate(
                content=[(quote.start, quote.end)],
                cue=(j, dash_end),
                source=chars(ctx.doc, (toks[0].i, toks[-1].i + 1)),
                pattern="dash",
                cue_class="speech",
                stance="neutral",
                confidence=confidence("layout.dash_signature.v1"),
                rules=[],
                source_head=toks[-1].i,
                quote_chains={quote.chain},
            )
        )
    return out
