"""Who "he" and "she" can be: the people a text mentions, where, and what it says of their gender.

For a personal pronoun, the people mentioned before it are ranked by salience, sentence by
sentence going back: in its own sentence first (the subject before others), then the
subject of each earlier sentence before the other people in it, nearest first, up to
``LOOKBACK_SENTENCES``. The first person whose gender, as the text states it (an honorific,
a gendered role noun, a pronoun already resolved to them), agrees with the pronoun is its
antecedent. Where several people of that rank agree and nothing tells them apart, the
choice is marked uncertain (the attribution's confidence is lowered) rather than made
silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from spacy.attrs import IS_LOWER, LOWER, POS
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.mentions import SourceContext
from accordingto.analyze.sources.names import ends_like_a_body
from accordingto.analyze.syntax import Ranges

#: sentences before the pronoun's own that are searched for its antecedent
LOOKBACK_SENTENCES = 4
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One mention of a person: the token that heads it, its sentence, whether it is a subject,
    and the gender the text gives it there (None when it says nothing)."""

    head: int
    sentence: int
    subject: bool
    gender: str | None
    surname: str | None
    #: inside quotation marks: someone the quoted speaker talks about, rarely the speaker
    quoted: bool = False


def _with_first_name_genders(sc: SourceContext, people: list[PersonMention], genders: dict[str, str]) -> dict[str, str]:
    """With --gender-from-names, a surname the text gives no gender gets the one the first-name
    table calls for the one person the text names in full with it ("John Okafor"), so that
    "she" does not resolve to him either; the text's own evidence comes first."""
    from accordingto.analyze.sources.first_names import gender_of_first_name

    found = dict(genders)
    for p in people:
        surname = p.surname.lower() if p.surname else None
        if surname is None or surname in found:
            continue
        firsts = full_names_with_surname(sc, surname)
        gender = gender_of_first_name(next(iter(firsts))) if len(firsts) == 1 else None
        if gender is not None:
            found[surname] = gender
    return found


def gendered_tokens(doc_tokens: list[Token]) -> list[Token]:
    """The honorifics and gendered role nouns among ``doc_tokens`` (gendered_words.tsv; pronouns
    are not read here: they are resolved)."""
    words = lexicon.gendered_words()
    return [t for t in doc_tokens if t.lower_ in words and t.pos_ != "PRON"]


def honorific_gender(doc_tokens: list[Token]) -> str | None:
    """The gender an honorific or a gendered role noun among ``doc_tokens`` states."""
    words = lexicon.gendered_words()
    found = {words[t.lower_] for t in gendered_tokens(doc_tokens)}
    return found.pop() if len(found) == 1 else None


def surname_genders(sc: SourceContext, surname: str) -> set[str]:
    """The genders honorifics give a surname across the text ({"male", "female"} for "Mr. Obama"
    and "Mrs. Obama")."""
    words = lexicon.gendered_words()
    return {words[sc.doc[i].lower_] for i in honorifics_before(sc, surname)}


def honorifics_before(sc: SourceContext, word: str) -> list[int]:
    """The honorifics and gendered nouns right before a word anywhere in the text ("Ms." of "Ms.
    Simonyan"), whatever its case. The text is read once per document: a long one asks for
    hundreds of names."""
    return scan_words(sc).get(word.lower(), [])


def scan_words(sc: SourceContext) -> dict[str, list[int]]:
    """One pass over the words of the text for what salience and coreference read of them: the
    honorifics and gendered nouns before each word (returned, and kept as ``sc.honorifics``),
    the gendered pronouns outside quotations, the proper nouns that are words of people's
    names, and the singular person nouns. A long text is read once, not once per question."""
    if sc.honorifics is not None:
        return sc.honorifics
    doc, kinds, gendered_keys = sc.doc, sc.source_kinds, _gendered_word_keys()
    honorifics: dict[str, list[int]] = {}
    pronouns: list[Token] = []
    names: list[Token] = []
    nouns: list[Token] = []
    previous = None
    # each token's lower-case word (as its string-store key) and part of speech from the
    # document's arrays; a Token is made only for the few words kept
    lower_keys, pos_ids = doc.to_array(LOWER).tolist(), doc.to_array(POS).tolist()
    for i, (key, pos) in enumerate(zip(lower_keys, pos_ids, strict=True)):
        if previous is not None:
            honorifics.setdefault(doc.vocab.strings[key], []).append(previous)
        gendered = key in gendered_keys
        previous = i if gendered and pos != PRON else None
        if gendered and pos == PRON and not quoted_at(sc, doc[i].idx):
            pronouns.append(doc[i])
        elif pos == PROPN and doc[i].text in sc.person_words:
            names.append(doc[i])
        elif pos == NOUN and doc[i].tag_ == "NN" and (gendered or kinds.get(doc[i].lemma_.lower()) == "person"):
            nouns.append(doc[i])
    sc.honorifics, sc.gendered_pronouns, sc.name_words, sc.person_nouns = honorifics, pronouns, names, nouns
    return honorifics


@cache
def _gendered_word_keys() -> frozenset[int]:
    """The string-store keys of the gendered words (``tok.lower`` of a token that is one)."""
    return frozenset(get_string_id(w) for w in lexicon.gendered_words())


def quoted_at(sc: SourceContext, char: int) -> bool:
    """Whether a character of the text is inside one of its quotations (a search over the
    quotations in order: a long text asks for every pronoun)."""
    if sc.quoted_index is None:
        sc.quoted_index = Ranges(sc.quoted)
    return sc.quoted_index.covers(char)


def _name_genders(sc: SourceContext) -> dict[str, str | None]:
    """Surname -> the gender honorifics before it state anywhere in the article ("Mr. Obama");
    None for a surname given both ("Mr. Obama" and "Mrs. Obama")."""
    words = lexicon.gendered_words()
    found: dict[str, set[str]] = {}
    for ent in sc.ner.ents:
        if ent.label_ != "PERSON":
            continue
        before = sc.doc[max(0, ent.start - 1) : ent.start]
        titles = [words[t.lower_] for t in [*before, ent[0]] if t.lower_ in words and t.pos_ != "PRON"]
        if titles:
            found.setdefault(ent[-1].text, set()).update(titles)
    return {k: (next(iter(v)) if len(v) == 1 else None) for k, v in found.items()}


def person_mentions(sc: SourceContext) -> list[PersonMention]:
    """Every mention of a person in text order: names the NER calls PERSON (not a sentence's
    first word the text writes elsewhere as a common noun, "Border agents", nor a name after
    "the", "the Intelligencer") and singular person nouns ("the official", "a spokeswoman").
    Built once per document."""
    if sc.people is not None:
        return sc.people
    name_gender = _name_genders(sc)
    found: dict[int, PersonMention] = {}
    common = _lowercase_nouns(sc.doc)
    for ent in sc.ner.ents:
        if (
            ent.label_ == "PERSON"
            and not _a_common_noun_capitalised(ent, common)
            and not _a_title_of_a_thing(ent)
            and not ends_like_a_body(ent[-1].text)  # "Penn State", "Big Machine Records": a body
        ):
            found[ent.root.i] = _of_name(sc, ent, name_gender)
    gendered = lexicon.gendered_words()
    scan_words(sc)
    for tok in sc.person_nouns or []:
        if tok.i not in found:
            found[tok.i] = PersonMention(
                tok.i, _sentence(sc, tok.i), tok.dep_ in SUBJECT_DEPS, gendered.get(tok.lower_), None
            )
    if sc.rules.enabled("resolve.pronoun.v3"):
        for tok in _names_the_ner_missed(sc, sc.name_words or [], found):
            found[tok.i] = PersonMention(
                tok.i, _sentence(sc, tok.i), tok.dep_ in SUBJECT_DEPS, name_gender.get(tok.text), tok.text
            )
    quoted = [(s, e) for s, e in sc.quoted]
    sc.people = [_marked(found[i], sc, quoted) for i in sorted(found)]
    if sc.rules.enabled("resolve.pronoun.v3"):
        sc.people = _with_pronoun_genders(sc, sc.people)
    return sc.people


def _lowercase_nouns(doc: Doc) -> set[int]:
    """The common nouns the text writes in lower case, as the string-store keys of their words,
    read from one array of the document rather than one Token object per token."""
    table = doc.to_array([POS, IS_LOWER, LOWER]).reshape(len(doc), 3)
    return set(table[(table[:, 0] == NOUN) & (table[:, 1] != 0), 2].tolist())


def _a_common_noun_capitalised(ent: Span, common: set[int]) -> bool:
    """A one-word "name" first in its sentence that the text writes elsewhere as a common noun
    ("Border agents say...", with "the border" later): a capital the sentence gave it, no person.
    (``common``: the keys of the lower-case nouns' words, :func:`_lowercase_nouns`.)"""
    return len(ent) == 1 and ent.start == ent.sent.start and get_string_id(ent.text.lower()) in common


def capitalised_common_noun(tok: Token) -> bool:
    """A word first in its sentence that the text writes elsewhere in lowercase as a common noun."""
    return tok.is_sent_start is True and any(
        t.lower_ == tok.lower_ and t.is_lower and t.pos_ == "NOUN" for t in tok.doc
    )


def _a_title_of_a_thing(ent: Span) -> bool:
    """A singular "name" right after "the" ("according to the Intelligencer"): a paper's or a
    ship's name, no person."""
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" and ent.root.tag_ == "NNP"


def _names_the_ner_missed(sc: SourceContext, names: list[Token], found: dict[int, PersonMention]) -> list[Token]:
    """Of the proper nouns that are words of people's names (``names``), the surnames the NER calls
    a person elsewhere in the text but not here ("Mariano wrote a memoir of her time", with this
    "Mariano" taken for an organisation); a name inside another kind of entity ("Johnson &
    Johnson") is not one."""
    candidates = [t for t in names if t.dep_ != "compound" and t.i not in found]
    if not candidates:
        return []
    covered = {
        t.i for e in sc.ner.ents if e.label_ == "PERSON" or any(w.text not in sc.person_words for w in e) for t in e
    }
    return [t for t in candidates if t.i not in covered]


def _with_pronoun_genders(sc: SourceContext, people: list[PersonMention]) -> list[PersonMention]:
    """The people, a name the text gives no gender getting the one the pronouns that can only
    mean that name state (:func:`.coreference.name_genders`): "Clinton now says she opposes
    it" and a later "he" no longer resolves to Clinton."""
    from accordingto.analyze.sources.coreference import name_genders  # it reads these people

    genders = name_genders(sc, people)
    if sc.rules.enabled("source.gender_from_names.v1"):
        genders = _with_first_name_genders(sc, people, genders)
    return [
        replace(p, gender=genders[p.surname.lower()])
        if p.gender is None and p.surname and p.surname.lower() in genders
        else p
        for p in people
    ]


def _marked(person: PersonMention, sc: SourceContext, quoted: list[tuple[int, int]]) -> PersonMention:
    at = sc.doc[person.head].idx
    inside = any(s < at < e for s, e in quoted)
    return PersonMention(person.head, person.sentence, person.subject, person.gender, person.surname, inside)


def _of_name(sc: SourceContext, ent: Span, name_gender: dict[str, str | None]) -> PersonMention:
    root = ent.root
    before = list(sc.doc[max(0, ent.start - 3) : ent.start])
    # what "Mr. Obama" says of the lone surname, not of "Michelle Obama"
    gender = honorific_gender([*before, ent[0]]) or (name_gender.get(ent[-1].text) if len(ent) == 1 else None)
    return PersonMention(root.i, _sentence(sc, root.i), root.dep_ in SUBJECT_DEPS, gender, ent[-1].text)


def mention_gender(sc: SourceContext, head: int, span: tuple[int, int]) -> str | None:
    """The gender a source mention states: an honorific or gendered noun in it or just before it."""
    return honorific_gender(_mention_window(sc, head, span))


def mention_gender_tokens(sc: SourceContext, head: int, span: tuple[int, int]) -> list[Token]:
    """The honorifics and gendered nouns :func:`mention_gender` reads for a mention: its evidence."""
    return gendered_tokens(_mention_window(sc, head, span))


def _mention_window(sc: SourceContext, head: int, span: tuple[int, int]) -> list[Token]:
    return [t for t in sc.doc[max(0, head - 3) : head + 1] if t.idx + len(t.text) > span[0] - 6]


def full_names_with_surname(sc: SourceContext, surname: str) -> set[str]:
    """The first names of the people the text names in full with this surname ("Michelle" and
    "Barack" for "obama"): two or more make the lone surname ambiguous."""
    if sc.full_names is None:
        gendered = lexicon.gendered_words()
        found: dict[str, set[str]] = {}
        for ent in sc.ner.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t.lower_ for t in ent if t.is_alpha and t.lower_ not in gendered]
            if len(words) >= 2:
                found.setdefault(words[-1], set()).add(words[0])
        sc.full_names = found
    return set(sc.full_names.get(surname, ()))


def _sentence(sc: SourceContext, i: int) -> int:
    return sc.sentences.index_of(i)


def ranked_antecedents(sc: SourceContext, pronoun: Token) -> list[list[PersonMention]]:
    """The people before ``pronoun``, in tiers of salience (its sentence, then each earlier one)."""
    here = _sentence(sc, pronoun.i)
    pronoun_quoted = any(s < pronoun.idx < e for s, e in sc.quoted)
    people = [
        p
        for p in [*person_mentions(sc), *_sources_the_ner_missed(sc)]
        if p.head < pronoun.i and here - p.sentence <= LOOKBACK_SENTENCES and (pronoun_quoted or not p.quoted)
    ]
    speaker_first = sc.rules.enabled("resolve.speaker_before_reported.v1")
    tiers: list[list[PersonMention]] = []
    for sentence in range(here, max(-1, here - LOOKBACK_SENTENCES - 1), -1):
        tier = [p for p in people if p.sentence == sentence]
        # the subject first (a speaker before the people their speech is about), then the others, nearest first
        tier.sort(key=lambda p: (not p.subject, -p.head))
        if speaker_first and len(tier) > 1:
            reordered = sorted(tier, key=lambda p: (not p.subject, talked_about(sc.doc[p.head]), -p.head))
            if reordered[0] is not tier[0] and not tiers:
                sc.switches.append("resolve.speaker_before_reported.v1")  # it decides this tier's first
            tier = reordered
        if tier:
            tiers.append(tier)
    return tiers


@rule(
    "resolve.speaker_before_reported.v1",
    stage="switch",
    order=0,
    purpose="""'Okafor said Lund had broken her promise. "It keeps happening," she said.': of two
    subjects of an earlier sentence, the one whose speech is reported comes before the one inside
    what they are reported to say: a later "she said" continues the speaker, not the person the
    speaker talked about.""",
    examples=[
        Example(
            'Dana Okafor said Clinton does not show consistency on the issue. "It is not something she keeps'
            ' saying," she said.',
            content='"It is not something she keeps saying,"',
            source_name="Dana Okafor",
        )
    ],
    counterexamples=['Dana Okafor spoke first. Then Clinton arrived. "It is not something I say," she said.'],
)
def talked_about(tok: Token) -> bool:
    """A subject inside the reported speech of a cue verb that has a subject of its own ("Clinton"
    of "Okafor said Clinton does not show...")."""
    if tok.dep_ not in SUBJECT_DEPS:
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp":
        return False
    cue = verb.head
    return cue.lemma_.lower() in lexicon.cue_verbs() and any(
        c.dep_ in SUBJECT_DEPS and c.i != tok.i for c in cue.children
    )


ORGANIZATION_ENTS = frozenset({"ORG"})


def salient_body(sc: SourceContext, mention_head: Token, accept: Callable[[Token], bool] | None = None) -> int | None:
    """The head of the most salient organisation the NER named before ``mention_head`` ("the
    company" after "WeWork said..."): its sentence, then each earlier one, subjects first; of
    those ``accept`` takes, when given."""
    here = _sentence(sc, mention_head.i)
    bodies = [
        e
        for e in sc.ner.ents
        if e.label_ in ORGANIZATION_ENTS
        and e.end <= mention_head.left_edge.i  # not the mention's own words ("the iPhone maker")
        and here - _sentence(sc, e.root.i) <= LOOKBACK_SENTENCES
    ]
    best: tuple[int, bool, int] | None = None
    for ent in bodies:
        if accept is not None and not accept(ent.root):
            continue
        rank = salience_rank(sc, mention_head, ent.root)
        if best is None or rank < best:
            best = rank
    return -best[2] if best is not None else None


def salience_rank(sc: SourceContext, mention_head: Token, earlier: Token) -> tuple[int, bool, int]:
    """How salient an earlier word is for a mention, smallest first: sentences back, then not a
    subject, then words back."""
    distance = _sentence(sc, mention_head.i) - _sentence(sc, earlier.i)
    return (distance, not _subject_or_its_appositive(earlier), -earlier.i)


def _subject_or_its_appositive(tok: Token) -> bool:
    """A subject, or the name set beside one ("The group that owns her music, Big Machine, says")."""
    return tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)


def _sources_the_ner_missed(sc: SourceContext) -> list[PersonMention]:
    """Named people already sources whose mention is no person mention ("McLenney said...", a
    name the NER does not know): a person the text has just quoted is a person a "she" can mean."""
    known = {p.head for p in person_mentions(sc)}
    found = []
    for entity in sc.entities:
        if entity.kind != "person" or entity.plural or not entity.named:
            continue
        for m in entity.mentions:
            if not m.pronoun and m.head not in known:
                tok = sc.doc[m.head]
                subject = tok.dep_ in SUBJECT_DEPS
                found.append(
                    PersonMention(m.head, _sentence(sc, m.head), subject, m.gender, None, quoted_at(sc, tok.idx))
                )
    return found
