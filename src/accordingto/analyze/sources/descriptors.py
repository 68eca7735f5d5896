"""Why a source is in a position to know, in the article's own words (source.descriptors.v1).

A descriptor is a phrase the article adds to a source's mention to say who the source is or
how they would know: an appositive ("Jane Doe, a traffic engineer at the state university,"),
a relative clause ("an official who chairs the transport committee"), a post-modifier of access
("officials familiar with the negotiations", "people briefed on the talks") or of position ("a
spokeswoman for the ministry"). Editors check exactly this for anonymous sources.

The convention, one span per phrase, in character offsets of the text:

* an appositive is the whole appositive noun phrase, commas left out ("a traffic engineer at
  the state university"); when the appositive is the name ("a traffic engineer, Jane Doe,"),
  the descriptor is the noun phrase the name is set against ("a traffic engineer");
* a relative clause is the whole clause with its relative pronoun ("who witnessed the crash");
* the post-modifiers after a head noun (prepositional, adjectival, participial) are one span,
  the modifier part after the head ("for the ministry", "of economics at Yale", "familiar with
  the negotiations"), the head itself left out;
* a short bracket right after a name is its content ("Dianne Feinstein (D-Calif.)": "D-Calif.").

When a phrase is refused whole, a shorter form of it is tried: a relative clause up to its
second verb ("who was involved in the talks" of "... and spoke on condition of anonymity"), an
appositive without its clause, a modifier up to a comma. A phrase inside an attribution's
content is refused unless it is a modifier of a source mentioned inside that content.

Words before the head ("State Department spokesman John Kirby") are the mention's own and are
read as its role and affiliation (:mod:`.describe`), not as descriptors. Never a descriptor:
the name, a bare determiner, anything of an attribution's cue or content ("officials said that
..."), quoted speech, how or when the source spoke ("in a statement", "at a rally", "on
Monday"), and anonymity markers ("speaking on condition of anonymity": ``Source.anonymity``).

Only the tokens of the mentions' parses are read: no extra parsing, a few dozen tokens per
mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.describe import RELATIVE_PRONOUNS, appositive_person, proper_name
from accordingto.analyze.sources.mentions import Entity, Mention, SourceContext
from accordingto.analyze.sources.names import longest_first
from accordingto.analyze.state import AttributionRecord
from accordingto.analyze.syntax import CharRange, TokRange, chars, contains, mention_range, overlap

RULE_ID = "source.descriptors.v1"
#: a descriptor longer than this is a clause of the story, not a description of the source
MAX_TOKENS = 25
#: parts of speech that say nothing of the source on their own
_FUNCTION_POS = frozenset({"DET", "PUNCT", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "SPACE"})
#: entity labels of a number or a time ("56", "last year"): an age or a date is no position
_WHEN_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})
#: the most tokens of a bracketed note after a name ("(D-N.Y.)", "(R-Utah)")
_MAX_BRACKETED = 6
#: labels of an appositive that is no description of a source: "LOS ANGELES, Sept. 28", "a
#: majority of voters, the first of the..." (misparses)
_NOT_WHO_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
#: labels of a proper name that can be a source ("Yale", "the State Department")
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
#: dependents that are clauses on a noun ("who oversees the program", "briefed on the talks")
_CLAUSE_DEPS = frozenset({"relcl", "acl"})
#: punctuation that sets a descriptor off and is not part of it
_EDGE = frozenset({",", ";", ":", "—", "–", "-", "--", "(", ")", "[", "]", "."})


@rule(
    RULE_ID,
    stage="switch",
    order=0,
    purpose="""After resolution, a source's descriptors: the text's words that say who the source
    is and why they would know, one span per phrase on any of its mentions. An appositive is the
    whole appositive noun phrase without its commas ("Jane Doe, a traffic engineer at the state
    university,"), or, when the appositive is the name, the noun phrase before it ("a traffic
    engineer, Jane Doe,"); a short bracket after a name is its content ("D-Calif."); a relative
    clause is the clause with its pronoun ("who witnessed the crash"); the post-modifiers of the
    head noun are one span, the modifier part after the head ("familiar with the negotiations",
    "briefed on the talks", "for the ministry", "of economics at Yale"). Words before the head
    are the role, not descriptors. Never: the name, an attribution's cue or content, quoted
    speech, how or when the source spoke ("in a statement", "at a rally", "who spoke to
    reporters"), anonymity markers, an age or a date, a span over 25 words or outside the
    mention's sentence.""",
    examples=[
        Example(
            "Jane Doe, a traffic engineer at the state university, said the bridge was unsafe.",
            content="the bridge was unsafe",
            descriptor="a traffic engineer at the state university",
        ),
        Example(
            "Officials familiar with the negotiations said a deal was close.",
            content="a deal was close",
            descriptor="familiar with the negotiations",
        ),
        Example(
            "A resident who witnessed the crash said the car was speeding.",
            content="the car was speeding",
            descriptor="who witnessed the crash",
        ),
    ],
    counterexamples=[
        "Jane Doe said the bridge was unsafe.",
        "Two officials, speaking on condition of anonymity, said the talks had stalled.",
        "The minister said in a statement on Monday that the roads were closed.",
    ],
)
def mark_descriptors(sc: SourceContext, attributions: Sequence[AttributionRecord]) -> None:
    blocked = _attribution_ranges(attributions)
    for entity in sc.entities:
        if entity.mentions:
            _describe_entity(sc, entity, blocked)


def _describe_entity(sc: SourceContext, entity: Entity, blocked: list[CharRange]) -> None:
    found = [span for m in entity.mentions for span in descriptors_of(sc, m, blocked)]
    if entity.named:  # "documents from Diane D. Blair": a phrase that holds the name is no description
        found = [s for s in found if entity.name not in sc.text[s[0] : s[1]]]
    if not found:
        return
    # two mentions can give nested phrases ("a traffic engineer at the state university" and
    # "at the state university"): the longer says all the shorter does; the same words written
    # again ("attorneys for the family" ... "attorneys for the family") say nothing new
    kept: list[CharRange] = []
    for span in longest_first(sorted(set(found) | set(entity.descriptors))):
        if all(_words(sc, span) != _words(sc, k) for k in kept):
            kept.append(span)
    entity.descriptors = kept
    entity.note(RULE_ID)


def _words(sc: SourceContext, span: CharRange) -> str:
    return " ".join(sc.text[span[0] : span[1]].lower().split())


def _attribution_ranges(attributions: Sequence[AttributionRecord]) -> list[CharRange]:
    """What the attributions claim: their cues and content, which describe what was said."""
    found: list[CharRange] = []
    for attr in attributions:
        found.extend(attr.content)
        if attr.cue is not None:
            found.append(attr.cue)
    return found


def descriptors_of(sc: SourceContext, m: Mention, blocked: Iterable[CharRange] = ()) -> list[CharRange]:
    """The descriptor spans of one mention (``blocked``: character ranges a descriptor must not
    touch, such as the content of attributions)."""
    noun = _described_noun(sc, m)
    if noun is None:
        return []
    blocked = list(blocked)
    kept: list[CharRange] = []
    for alternatives in _candidates(sc, noun):
        span = next((s for s in (_acceptable(sc, noun, r, blocked) for r in alternatives) if s is not None), None)
        if span is not None:
            kept.append(span)
    return kept


def _described_noun(sc: SourceContext, m: Mention) -> Token | None:
    """The noun whose dependents describe the source: the mention's head, or for a relative
    pronoun ("..., who said") the noun its clause is on."""
    tok = sc.doc[m.head]
    if m.pronoun is None:
        return tok if tok.pos_ in ("NOUN", "PROPN") else None
    if m.pronoun in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.head
    return None  # "he", "they": a pronoun carries no description of its own


def _candidates(sc: SourceContext, noun: Token, *, outer: bool = True) -> list[tuple[TokRange, ...]]:
    """The phrases on ``noun`` that may describe it, before any filter: for each, its token
    range and shorter alternatives to try when a filter refuses it, fullest first (``outer``:
    also the noun phrase ``noun`` is the appositive name of)."""
    found: list[tuple[TokRange, ...]] = []
    brackets = _parenthetical(sc, noun)
    if brackets is not None:
        found.append((brackets,))
    if outer and noun.dep_ == "appos" and noun.pos_ == "PROPN" and _role_noun(noun.head):
        found.append((_without(noun.head, noun),))  # "the mayor, John Smith": the mention is the name
    modifiers: list[TokRange] = []
    # "the financial help of states": a phrase the parser took for a source says nothing of one
    source_like = _source_word(sc, noun) or noun.pos_ == "PROPN" or noun.ent_type_ in _SOURCE_ENTS
    name_at = -1  # where a name set on the noun begins, if one is
    for child in noun.children:
        if brackets is not None and brackets[0] <= child.i < brackets[1]:
            continue  # "(D-Calif.)": the parser splits it into appositives; it is read whole above
        if child.dep_ == "appos" and _names_the_source(sc, noun, child):
            name_at = max(name_at, child.left_edge.i)
            if _set_off(child) and _role_noun(noun):
                found.append((_without(noun, child),))  # "a traffic engineer, Jane Doe"
            # "the chief executive, Martin Osei, who founded the firm": the name's own phrases
            found.extend(_candidates(sc, child, outer=False))
        elif child.dep_ == "appos" and _describes(sc, noun, child):
            found.append(_appositive(child))
        elif child.dep_ == "relcl" and not _writer_clause(child) and not _speaking(child):
            found.append(_clause(child))
        elif child.i > noun.i and source_like and _post_modifier(sc, noun, child):
            modifiers.append(_before_a_name(child))
    # "Supervisor of Elections Susan Bucher": what comes before the name is its title
    modifiers = [r for r in modifiers if r[0] > name_at]  # (all of them when no name is set on it)
    return found + [_up_to_a_comma(sc, r) for r in _joined(modifiers)]


def _role_noun(tok: Token) -> bool:
    """A common noun a name can be set against as its role: not "the election" of "until the
    election, Minyon Moore," (a misparse)."""
    if tok.pos_ != "NOUN" or tok.ent_type_ in _NOT_WHO_ENTS:
        return False
    return not (tok.dep_ == "pobj" and tok.head.lower_ in lexicon.word_set("time_prepositions"))


def _names_the_source(sc: SourceContext, noun: Token, appos: Token) -> bool:
    """An appositive that is the source's name ("a traffic engineer, Jane Doe"): never a
    descriptor itself."""
    return appos.pos_ == "PROPN" and (appos.ent_type_ == "PERSON" or appositive_person(sc, noun) is not None)


def _set_off(appos: Token) -> bool:
    """An appositive after a comma or a dash, not a name run on from a title."""
    before = appos.left_edge.i - 1
    return before >= 0 and appos.doc[before].text in (",", "—", "–", "--", "(")


def _parenthetical(sc: SourceContext, noun: Token) -> TokRange | None:
    """ "Dianne Feinstein (D-Calif.)": a short bracketed note right after the name, without a
    verb (a longer one, "(a view echoed by everyone I interviewed)", is a remark)."""
    doc = sc.doc
    name = proper_name(sc, noun)
    after = max(noun.i + 1, name[1] if name is not None else 0)
    if after >= len(doc) or doc[after].text != "(":
        return None
    for k in range(after + 1, min(after + 1 + _MAX_BRACKETED, len(doc))):
        if doc[k].text == ")":
            inside = doc[after + 1 : k]
            return (after + 1, k) if len(inside) and not any(t.pos_ in ("VERB", "AUX") for t in inside) else None
    return None


def _up_to_a_comma(sc: SourceContext, rng: TokRange) -> tuple[TokRange, ...]:
    """A modifier and, should it be refused, its part before a comma: "with knowledge of the
    governor's dilemma" of "..., who spoke on the condition of anonymity"."""
    comma = next((i for i in range(rng[0] + 1, rng[1]) if sc.doc[i].text == ","), None)
    return (rng, (rng[0], comma)) if comma is not None else (rng,)


def _appositive(appos: Token) -> tuple[TokRange, ...]:
    """An appositive; then with its relative clause cut to the first conjunct ("a chemist who
    ran the state water laboratory for a decade", when all of it is too long); then
    without its own clause ("a corporate attorney", when the clause reports what she
    considers); then up to the first clause inside it."""
    whole = _subtree(appos)
    shorter = [whole]
    for child in appos.children:
        if child.dep_ == "relcl":
            clause = _clause(child)
            if len(clause) > 1:
                shorter.append((whole[0], clause[1][1]))
    shorter.append(mention_range(appos))
    # "a lawyer for the River Trust, who has been suing the mill": a clause on a
    # word inside the appositive ("Club"), cut with the rest
    clauses = [t.left_edge.i for t in appos.doc[whole[0] : whole[1]] if t.dep_ in _CLAUSE_DEPS and t.i != appos.i]
    if clauses:
        shorter.append((whole[0], min(clauses)))
    return tuple(shorter)


def _clause(verb: Token) -> tuple[TokRange, ...]:
    """A relative clause, and its first conjunct alone: "who led the transition team and
    considers Kaine her mentor" reports what she considers (an attribution's content), but
    "who led the transition team" still says who she is; "who was involved in the talks and
    spoke on condition of anonymity" keeps the position without the anonymity."""
    whole = _subtree(verb)
    later = [c.left_edge.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i > verb.i]
    return (whole, (whole[0], min(later))) if later else (whole,)


def _source_word(sc: SourceContext, tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in sc.source_kinds or lemma in lexicon.role_words() or tok.lower_ in lexicon.role_words()


def _person_word(sc: SourceContext, tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return sc.source_kinds.get(lemma) in ("person", "group") or lemma in lexicon.role_words()


def _before_a_name(modifier: Token) -> TokRange:
    """A post-modifier up to a name set off after it: "for Pagliano" of "An attorney for
    Pagliano, Mark MacDougall," (the parser hangs the attorney's name on "Pagliano")."""
    start, end = _subtree(modifier)
    doc = modifier.doc
    for i in range(start + 1, end - 1):
        if doc[i].text == "," and doc[i + 1].ent_type_ == "PERSON":
            return start, i
    return start, end


def _describes(sc: SourceContext, noun: Token, appos: Token) -> bool:
    """An appositive that can describe the noun: not a remark, a date or a number, and, after
    another appositive, one that names a person ("Ada Holm, the treasurer of
    Halden, one of the towns suing the utility": the second is on "Halden")."""
    if _comment(appos) or appos.ent_type_ in _NOT_WHO_ENTS:
        return False
    earlier = [c for c in noun.children if c.dep_ == "appos" and c.i < appos.i and _set_off(c)]
    earlier = [c for c in earlier if sc.doc[c.left_edge.i - 1].text != "(" and not _names_the_source(sc, noun, c)]
    return not earlier or _person_noun(sc, _counted(appos))


def _person_noun(sc: SourceContext, tok: Token) -> bool:
    """A noun for a person: "aides", "advocate", "senator" (not "state", a word of the role
    "secretary of state")."""
    lemma = tok.lemma_.lower()
    return (
        sc.source_kinds.get(lemma) in ("person", "group")
        or lemma in _role_phrases()
        or lemma in lexicon.descriptor_words()
    )


def _counted(tok: Token) -> Token:
    """What "one of X" counts: X ("one of the states" -> "states"); else the token itself."""
    if not (tok.like_num or tok.lower_ in ("one", "some", "many", "each")):
        return tok
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj if pobj is not None else tok


def _comment(appos: Token) -> bool:
    """ "Ms. Quist (a view shared by every grower I asked)": a remark on what was said."""
    return appos.lemma_.lower() in lexicon.cue_nouns()


def _writer_clause(relcl: Token) -> bool:
    """ "the experts I interviewed": what the writer did, not who the source is."""
    writer = lexicon.word_set("writer_pronouns")
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in writer for c in relcl.children)


def _post_modifier(sc: SourceContext, noun: Token, child: Token) -> bool:
    """A dependent after the head that can say where the source stands: "for the ministry",
    "familiar with the talks", "briefed on the talks"."""
    if child.dep_ == "prep":
        return _position_prep(sc, noun, child)
    if child.dep_ == "amod":
        return child.pos_ == "ADJ" and child.lower_ not in lexicon.word_set("anonymity_adjectives")
    if child.dep_ == "acl":
        return child.pos_ == "VERB" and not _speaking(child)
    return False


def _position_prep(sc: SourceContext, noun: Token, prep: Token) -> bool:
    if prep.lower_ not in lexicon.word_set("descriptor_prepositions"):
        return False
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ == "PRON":
        return False  # "of them": a part of a group, not a position
    if f"{noun.lemma_.lower()} {prep.lower_} {pobj.lower_}" in _role_phrases():
        return False  # "the former secretary of state": the role's own words
    if prep.lower_ == "to" and not _person_word(sc, noun):
        return False  # "an adviser to the president" says where one stands; "her submission to the court" does not
    if prep.lower_ == "of" and (noun.like_num or noun.lemma_.lower() in lexicon.word_set("collective_heads")):
        return False  # "one of the officials", "a majority of voters": who, counted
    if pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in lexicon.word_set("occasion_nouns"):
        return False  # "on Monday", "at a rally": when and where the source spoke
    if pobj.lemma_.lower() in lexicon.cue_nouns():
        return False  # "in a statement", "in an interview": how the source spoke
    return not (prep.lower_ == "on" and sc.source_kinds.get(pobj.lemma_.lower()) == "outlet")


@cache
def _role_phrases() -> frozenset[str]:
    return frozenset(lexicon.roles())


def _speaking(verb: Token) -> bool:
    """ "who spoke to reporters", "an official quoted by Reuters": how the source spoke."""
    return verb.lemma_.lower() in lexicon.word_set("speaking_verbs")


def _acceptable(sc: SourceContext, noun: Token, rng: TokRange, blocked: list[CharRange]) -> CharRange | None:
    """The characters of a candidate, trimmed, when it passes every filter; else None."""
    trimmed = _trim(sc, rng)
    if trimmed is None or not _a_description(sc, noun, trimmed):
        return None
    span = chars(sc.doc, trimmed)
    if _said(noun, sc.doc[trimmed[0] : trimmed[1]], span, blocked) or _in_other_quote(sc, noun, span):
        return None
    if _anonymity(sc.text[span[0] : span[1]]):
        return None  # Source.anonymity records it
    return span


def _a_description(sc: SourceContext, noun: Token, rng: TokRange) -> bool:
    """Whether the tokens can describe the source: short, in the mention's sentence, with
    words of their own that are not its name, an age or a date."""
    start, end = rng
    sent = sc.sentences.of_token(noun.i)
    if end - start > MAX_TOKENS or start < sent.start or end > sent.end:
        return False
    tokens = sc.doc[start:end]
    words = [t for t in tokens if t.pos_ not in _FUNCTION_POS]
    others = [t for t in words if t.pos_ not in ("VERB", "AUX")]
    if not words or (others and all(t.like_num or t.ent_type_ in _WHEN_ENTS for t in others)):
        return False  # nothing but function words; "Schiff, 56,", "a report released last year"
    name = proper_name(sc, noun)
    if name is not None and start < name[1] and name[0] < end:
        return False  # "The Committee for a Responsible Federal Budget": part of the name
    if any(t.dep_ in _CLAUSE_DEPS and _speaking(t) for t in tokens):
        return False  # "..., the mayor's opponent in the election, called Friday for...": a misparse
    return not _unbalanced(tokens)  # "Sept. 28 (UPI": a piece cut out of a bracket is no phrase


def _said(noun: Token, tokens: Span, span: CharRange, blocked: list[CharRange]) -> bool:
    """Whether the phrase is part of what was said (an attribution's cue or content). A
    modifier of a source mentioned inside another's content ("he said three people briefed on
    the talks believe") describes that source there; a clause or appositive inside content
    ("the senator she has accused of...") is the content's own words."""
    touched = [b for b in blocked if overlap(span, b) > 0]
    if not touched:
        return False
    roots = [t for t in tokens if not (tokens.start <= t.head.i < tokens.end)]
    if any(t.dep_ in ("relcl", "appos") for t in roots):
        return True
    head = (noun.idx, noun.idx + len(noun.text))
    return any(not contains(b, head) for b in touched)


def _unbalanced(tokens: Iterable[Token]) -> bool:
    """Brackets that open without closing, or close without opening."""
    depth = 0
    for t in tokens:
        depth += (t.text in ("(", "[")) - (t.text in (")", "]"))
        if depth < 0:
            return True
    return depth != 0


def _in_other_quote(sc: SourceContext, noun: Token, span: CharRange) -> bool:
    """Quoted speech is what was said; a mention inside a quotation may be described there."""
    head = (noun.idx, noun.idx + len(noun.text))
    return any(overlap(span, q) > 0 and not contains(q, head) for q in sc.quoted)


def _anonymity(text: str) -> bool:
    return lexicon.matches_any("anonymity.txt", text)


# ----------------------------------------------------------------------------- token ranges
def _subtree(tok: Token) -> TokRange:
    return tok.left_edge.i, tok.right_edge.i + 1


def _without(head: Token, part: Token) -> TokRange:
    """The noun phrase of ``head`` up to the dependent ``part`` ("a traffic engineer" of "a
    traffic engineer, Jane Doe"), or after it when ``part`` comes first."""
    start, end = mention_range(head)
    if part.i > head.i:
        return start, min(end, part.left_edge.i)
    return max(start, part.right_edge.i + 1), end


def _joined(ranges: list[TokRange]) -> list[TokRange]:
    """Adjacent post-modifiers are one modifier part ("of economics" + "at Yale")."""
    merged: list[TokRange] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _trim(sc: SourceContext, rng: TokRange) -> TokRange | None:
    """Without the commas, dashes, brackets and spaces that set the phrase off."""
    start, end = rng
    doc = sc.doc
    while start < end and (doc[start].text in _EDGE or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE or doc[end - 1].is_space):
        end -= 1
    return (start, end) if start < end else None
