"""What kind of source each one is: its role class.

Read after resolution and changing nothing it decided. ``role_classes.tsv`` is read over the
words of the source's role, head noun, mentions, name and affiliation; then over what the rest
of the text says of the person: its descriptors (a party label "(D-Calif.)" makes a politician),
the affiliation when it is an outlet ("NBC's Dante Chinni"), and every other place the text
names them ("Senate Minority Leader Harry Reid" three paragraphs before "Reid said", "the
Trump campaign"); last, what the NER says the name is. Outlets and documents are classed by
their kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.attrs import LOWER
from spacy.tokens import Span, Token

from accordingto.analyze import lexicon
from accordingto.analyze.ruleset import Example, rule
from accordingto.analyze.sources.acronyms import bodies_spelling, spelled_out
from accordingto.analyze.sources.coreference import key_words, pronouns_about
from accordingto.analyze.sources.mentions import Entity, SourceContext
from accordingto.analyze.sources.names import join_tokens, name_key, same_person

#: cut a role at these words: what follows says whose role it is ("spokesman for the police")
_ROLE_CUTS = frozenset({"for", "of", "at", "with", "in", "on", "from", "to", "and", ",", "who", "which"})
#: the cuts after which a leader title names the body it leads ("president of the union")
_BODY_PREPOSITIONS = frozenset({"for", "of", "at", "with", "in", "on", "from", "to"})
#: the organisation a leader title names ends here ("of the union, which represents...")
_TAIL_ENDS = frozenset({",", "who", "which", "that", "and"})
#: words of a name that name nothing ("Customs and Border Protection")
_FUNCTION_WORDS = frozenset({"the", "and", "of", "for", "&", "a", "an", "in", "on", "at"})
#: an age given as a person's only description ("Quina Jones, 25", "a 43-year-old")
_AGE = re.compile(r"^\s*\d{1,3}\s*$|\b\d{1,3}-year-old\b")
_WORD = re.compile(r"[a-z][a-z.\-]*[a-z.]|[a-z]")


@rule(
    "source.role_class.v3",
    stage="switch",
    order=0,
    purpose="""After resolution, every source's role class (role_classes.tsv: politician or official,
    spokesperson, police, legal or court, military or security, expert or academic, business,
    civil society, medical, ordinary person, celebrity, sports, journalist or outlet, document)
    from the words of its role, mentions, head noun, name and affiliation (a mention that does
    not name a named source, "the agency", after its name), read from the right
    (an acronym as the name the text spells out: "CBP", "Customs and Border Protection"; a
    leader title such as "president of the teachers' union" or "Wikileaks co-founder" takes the
    class of the body it leads (or that the text gives the body beside its name: "InfoNation, a
    provider of automobile data"), and a public body such as "the Swedish Prosecution Authority"
    that of the word before it); else from its descriptors (a party label "(R-Wis.)"), an
    affiliation that is an outlet, and the titles, appositives, "the Trump campaign" and "Taylor
    Swift's albums" wherever else the text names the person (a plural title before names joined
    by "and" is every one's: "Singer-guitarists Tom Johnston and Patrick Simmons", and so is a
    plural the names follow after a comma: "two first-time voters, Jo Reyes and Al Marsh"; a surname
    alone is the one person named in full with it before it, a relative named later aside; a
    full name the NER missed counts too), a present role after a former one ("a former aide now
    teaching at the university"), a name with only a hometown ("Jo Reyes, of Dayton, Ohio": an
    ordinary person), and after all those what the person does something as ("visited Brussels
    as Chile's foreign minister"), the plural they are named one of ("celebrities like..."), a
    campaign event they speak at ("said at a campaign stop", "she said in the debate":
    campaign_events), a campaign of theirs that has a manager ("Whitfield's campaign manager"),
    a name given only as a quotation's signature ('"..." ― Ana Ruiz': an ordinary person); a
    courtesy "Dr." yields to a role noun written before it ("CNN's medical correspondent Dr.
    Lena Marsh" is a journalist); a leader
    title of no body ("CEO") yields to one of a body the text names elsewhere ("SoftBank CEO");
    last, what the NER says a name is (a company: business; a country or city, or a body one
    owns: politician_or_official; a nationality's people, unnamed people the text says nothing
    more of ("a woman") and a poll's share ("Fifty-one percent say"): ordinary_person), and for
    a group of people named one by one, the class the text gives them all; and a person who is
    the subject of the sentence right after one whose subject is a definite plural of officials
    ("The candidates took questions. Whitfield said..."), one of them. An outlet, and a
    source whose name is an outlet's ("Politifact" taken for a person), is journalist_or_outlet,
    unless it is a thing published ("a paper published in the journal"); a document, and a
    source of no kind headed by a document noun ("Breathing tests showed"), a document. A person
    the text gives a player's numbers in a game ("Davis scored 34 points", "finished with 25
    points, 11 rebounds and 10 assists": sports_stats, scored_stats) is an athlete, and one the
    text gives nothing but a party ("one Democratic source on the panel": party_words) is in
    politics (v3).""",
    examples=[
        Example(
            "Senator Tim Kaine said the race was close.",
            content="the race was close",
            role_class="politician_or_official",
        ),
        Example(
            "A spokeswoman said the roads were closed.", content="the roads were closed", role_class="spokesperson"
        ),
        Example("Residents said the water smelled.", content="the water smelled", role_class="ordinary_person"),
        Example(
            "Senate Minority Leader Harry Reid spoke on Monday. Harry Reid said the vote was close.",
            content="the vote was close",
            role_class="politician_or_official",
        ),
        Example(
            "Maria Santos visited Brussels as Chile's foreign minister. Santos said the talks had gone well.",
            content="the talks had gone well",
            role_class="politician_or_official",
        ),
        Example(
            'Anthony Davis scored 34 points in the win. "We played well," Davis said.',
            content='"We played well,"',
            role_class="sports",
        ),
        Example(
            "Dale Kemper, of Dayton, Ohio, said he had waited three hours to vote.",
            content="he had waited three hours to vote",
            role_class="ordinary_person",
        ),
    ],
    counterexamples=["Okafor said the deal was close."],
)
@rule(
    "source.title_elsewhere.v3",
    stage="switch",
    order=0,
    purpose="""After resolution, a named person the attributions give no role or title, or only a
    description the lexicons do not read as one ("Corbyn, a stolid socialist,") (v3), takes the
    title the text writes before their name elsewhere ("Secretary of State Mike Pompeo" three
    paragraphs before "Pompeo said"), or in an appositive after it ("Kurt Volker, a former
    special envoy to Kyiv,"): the first one the role and title lexicons read as a title, never
    for a surname two people named in full share, unless one of them alone was named before the
    person ("Sen. Ted Cruz" before "Cruz said", his father named later). A courtesy title ("Dr.",
    "Mr.") is no title: the search goes on ("Dr. Harold Bornstein" ... "Bornstein, Trump's
    longtime physician,": longtime physician) and ends with none (v2). v3 also reads the words
    right before a name whatever the parse made of them, less a courtesy ("his longtime physician
    Dr. Harold Bornstein": longtime physician), the noun phrase a name is the appositive of
    ("WeWork's founder and former CEO, Adam Neumann,"), what a verb makes the person it names
    ("to have Junior Gaspard as our new President and CEO"), also where the NER missed the name.""",
    examples=[
        Example(
            "Secretary of State Mike Pompeo flew to Kabul. Mike Pompeo said the talks would resume.",
            content="the talks would resume",
            source_role="Secretary of State",
        ),
        Example(
            "Dr. Harold Bornstein said the president was healthy. Bornstein, the president's longtime"
            " physician, wrote a letter.",
            content="the president was healthy",
            source_role="longtime physician",
        ),
        Example(
            "Labour Party leader Jeremy Corbyn spoke last. Corbyn, a stolid socialist, said taxes would rise.",
            content="taxes would rise",
            source_role="Labour Party leader",
        ),
    ],
    counterexamples=["Mike Pompeo said the talks would resume."],
)
def mark_titles_elsewhere(sc: SourceContext) -> None:
    index = _TextIndex.of(sc)
    for entity in sc.entities:
        if entity.mentions and entity.kind == "person" and entity.named and not _has_title(entity):
            title = _title_elsewhere(sc, entity, index)
            if title is not None:
                entity.role = title
                entity.note("source.title_elsewhere.v3")


def _has_title(entity: Entity) -> bool:
    """A role the lexicons read as a title; a description ("Corbyn, a stolid socialist,",
    "Vindman's superior") gives way to a title the text writes for the person elsewhere."""
    return bool(entity.role) and _reads_as_title(entity.role or "")


def _title_elsewhere(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """The first title written right before the person's name somewhere in the text."""
    for ent in _named_in_full(sc, entity, index):
        before = [t for t in ent.root.subtree if t.i < ent.start and (not t.is_punct or _joins(t))]
        appositives = [list(c.subtree) for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end]
        # "Kurt Volker, a former special envoy to Kyiv,"; "his longtime physician Dr. Harold
        # Bornstein", whatever the parse; "WeWork's founder and former CEO, Adam Neumann,";
        # "to have Junior Gaspard as our new President and CEO"
        for tokens in (before, *appositives, _words_right_before(ent), _appositive_of(ent), _taken_as(ent)):
            title = _as_title(tokens)
            if title is not None and not _courtesy_only(title):
                return title
    return None


def _taken_as(ent: Span) -> list[Token]:
    """What a verb makes the person it names as its object ("to have Junior Gaspard as our new
    President and CEO", "named Jo Reyes as chief executive")."""
    root = ent.root
    if root.dep_ not in ("dobj", "oprd"):
        return []
    phrase = next((c for c in root.head.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > root.i), None)
    pobj = next((c for c in phrase.children if c.dep_ == "pobj"), None) if phrase is not None else None
    return list(pobj.subtree) if pobj is not None else []


def _appositive_of(ent: Span) -> list[Token]:
    """The noun phrase a name is the appositive of, before it ("WeWork's founder and former CEO,
    Adam Neumann")."""
    root = ent.root
    if root.dep_ != "appos" or root.head.i > root.i:
        return []
    tokens = [t for t in root.head.subtree if t.i < root.left_edge.i and (not t.is_punct or _joins(t))]
    while tokens and not _of_a_title(tokens[0]) and not _not_of_the_title(tokens[0]):
        tokens = tokens[1:]  # "whether" of "whether WeWork's founder..."
    return tokens


def _courtesy_only(title: str) -> bool:
    """ "Dr.", "Mr": a courtesy written before a name, no title of the person."""
    return all(w in lexicon.name_titles() and w.rstrip(".") in _courtesy_forms() for w in title.lower().split())


@cache
def _courtesy_forms() -> frozenset[str]:
    return frozenset(f.rstrip(".") for t in lexicon.titles() if t.cls == "courtesy" for f in t.forms)


def _as_title(tokens: list[Token]) -> str | None:
    """The words as a title, without articles, whose title it is and punctuation at the ends;
    None when the lexicons do not read them as one (or they are long, or count something)."""
    while tokens and (_not_of_the_title(tokens[0]) or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or _courtesy_only(tokens[-1].text)):
        tokens = tokens[:-1]  # "longtime physician Dr." before "Harold Bornstein": the courtesy is no title
    title = _text(tokens)
    if 0 < len(tokens) <= 8 and title.strip() and not any(t.like_num for t in tokens) and _reads_as_title(title):
        return title
    return None


def _joins(tok: Token) -> bool:
    """A hyphen inside a word ("co-founder"), kept with it."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _not_of_the_title(tok: Token) -> bool:
    """An article, or whose title it is ("Trump's" of "Trump's lawyer")."""
    return tok.lower_ in ("the", "a", "an") or tok.dep_ == "poss" or tok.tag_ == "POS"


def _reads_as_title(text: str) -> bool:
    """Whether the lexicons read the words as a title: a role class, a listed role, or the last
    word of one ("Secretary of State", "Prime Minister", "lawyer")."""
    low = text.lower()
    words = low.split()
    if not words:
        return False
    return class_of_text(text) is not None or low in lexicon.roles() or words[-1] in lexicon.role_words()


def mark_role_class(sc: SourceContext) -> None:
    index = _TextIndex.of(sc)
    for entity in sc.entities:
        if entity.mentions:
            entity.role_class = role_class_of(sc, entity, index)
            if entity.role_class != "unknown":
                entity.note("source.role_class.v3")


@dataclass(frozen=True, slots=True)
class _TextIndex:
    """What every source's role class reads of the text, found once per document."""

    #: the bodies the NER names, lowercased, with the class a leader title of one takes
    bodies: dict[str, _Body]
    #: surname -> the PERSON names of the text ending with it, with their words (a word the
    #: NER took into a name left out: :func:`_as_written_alone`)
    people: dict[str, list[tuple[Span, list[str]]]]
    #: lowercased word -> the indices of its tokens, in text order (made on first use)
    _positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, sc: SourceContext) -> _TextIndex:
        """The document's index, built once (titles and role classes both read it)."""
        if not isinstance(sc.role_index, cls):
            names = [(ent, name_key(ent.text).split()) for ent in sc.ner.ents if ent.label_ == "PERSON"]
            written = {tuple(words) for _, words in names if len(words) >= 2}
            people: dict[str, list[tuple[Span, list[str]]]] = {}
            for ent, words in names:
                words = _as_written_alone(words, written)
                if words:
                    people.setdefault(words[-1], []).append((ent, words))
            sc.role_index = cls(_named_bodies(sc), people)
        return sc.role_index

    def positions(self, sc: SourceContext, lower: str) -> list[int]:
        """The indices of the tokens that are ``lower`` in lower case, in text order: one pass
        over the text for every surname asked about, instead of one per surname."""
        if not self._positions:
            # by the words' string-store keys from the document's array, then named once per word
            by_key: dict[int, list[int]] = {}
            for i, key in enumerate(sc.doc.to_array(LOWER).tolist()):
                by_key.setdefault(key, []).append(i)
            strings = sc.doc.vocab.strings
            self._positions.update((strings[key], found) for key, found in by_key.items())
        return self._positions.get(lower, [])

    def first_names(self, surname: str) -> set[str]:
        """The first names of the people the text names in full with this surname."""
        return {words[0] for _, words in self.people.get(surname, []) if len(words) >= 2}


def _commoner_first_name(word: str, than: str) -> bool:
    """Whether the first-name table counts more bearers of ``word`` than of ``than``."""
    table = lexicon.first_names()
    return word in table and table[word][1] > table.get(than, (0.0, 0))[1]


def _as_written_alone(words: list[str], written: set[tuple[str, ...]]) -> list[str]:
    """A name's words without a word the NER took into it: one before a full name the text
    writes alone ("Crooked" of "Crooked Hillary Clinton", "Rip" of a headline's "Lawmakers Rip
    Donald Trump"), a participle ("Injecting Clinton's troubles"): no first name, no other person."""
    while len(words) >= 3 and tuple(words[1:]) in written and _commoner_first_name(words[1], words[0]):
        words = words[1:]  # not "Bill" of "Bill de Blasio", written "De Blasio" too
    if len(words) == 2 and len(words[0]) > 5 and words[0].endswith("ing") and words[0] not in lexicon.first_names():
        words = words[1:]
    return words


@dataclass(frozen=True, slots=True)
class _Body:
    """An organisation or place the NER names, as a leader title of it reads."""

    role_class: str
    #: the lexicon or the outlet list knows it; else the class is only the NER's label's
    known: bool


#: a class read, and how: "led" from a leader title and the body it leads ("InfoNation
#: President", "Wikileaks co-founder"), "unled" from a leader title whose body nothing names
#: ("President" of what?), "word" from any other word
_Reading = tuple[str, str]


def role_class_of(sc: SourceContext, entity: Entity, index: _TextIndex | None = None) -> str:
    """The role class of a source (``unknown`` when nothing says)."""
    if entity.kind == "outlet":
        return "document" if _published_in(sc, entity) else "journalist_or_outlet"
    if entity.kind == "document" or _a_document_noun(sc, entity):
        return "document"
    if entity.named and lexicon.outlet_for(entity.name):
        return "journalist_or_outlet"  # an outlet the NER took for a person ("Politifact said")
    index = index or _TextIndex.of(sc)
    unled: str | None = None
    for found, how in _readings(sc, entity, index):
        # a leader title of no body yields only to one of a body ("CEO", then "SoftBank CEO"),
        # not to any word ("CEO Masayoshi Son" is no one's son)
        if how == "led" or (how == "word" and unled is None):
            return found
        unled = unled or found
    last = unled or _by_what_it_is(sc, entity, index)
    said = last or _of_the_people_named(sc, entity, index) or _one_of_those_before(sc, entity, index)
    return said or _of_a_party(entity) or "unknown"


def _of_a_party(entity: Entity) -> str | None:
    """ "One Democratic source on the panel", "a Republican aide": someone the text gives only a
    party (party_words), where nothing else says what they are, is in politics."""
    parties = lexicon.word_set("party_words")
    said = [m.text for m in entity.mentions if not m.pronoun]
    if entity.kind in ("person", "group") and any(w in parties for t in said for w in t.lower().split()):
        return "politician_or_official"
    return None


def _readings(sc: SourceContext, entity: Entity, index: _TextIndex) -> Iterator[_Reading]:
    """What the source's own words say, then the rest of the text, in that order."""
    role, *words = _own_words(entity)
    # a present role after a former one ("a former aide now teaching at...") says more than
    # the former one the role keeps
    present = [t for t in [*words, *(sc.text[s:e] for s, e in entity.descriptors)] if _has_now(t)]
    # the name an acronym stands for says more than "the agency" does ("CBP", "the agency")
    for text in [*present, role, *spelled_out(sc, entity.name), *words]:
        found = _read(text, index.bodies)
        if found is not None:
            yield found
    yield from _from_the_rest_of_the_text(sc, entity, index)


def _published_in(sc: SourceContext, entity: Entity) -> bool:
    """An outlet noun that is a thing published, not a publisher ("a paper published in the
    journal Nature Astronomy")."""
    return not entity.named and any(
        re.match(r"\s*,?\s*published\s+(?:in|by)\b", sc.text[m.span[1] : m.span[1] + 20]) for m in entity.mentions
    )


def _a_document_noun(sc: SourceContext, entity: Entity) -> bool:
    """A source of no kind whose head is a document noun (source_nouns.tsv): "Breathing tests
    showed...", "Data collected by the telescope supported..." (a bare plural is no document
    kind, but it is a document's voice)."""
    heads = [sc.doc[m.head] for m in entity.mentions if not m.pronoun]
    return (
        entity.kind == "unspecified"
        and bool(heads)
        and all(sc.source_kinds.get(t.lemma_.lower()) == "document" for t in heads)
    )


def _of_the_people_named(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """A group that is people named one by one ("Kurt Volker and Tim Morrison") takes the class
    the text gives every one of them, when it gives them all one."""
    if entity.kind != "group" or " and " not in entity.name:
        return None
    names = [n.strip() for part in entity.name.split(" and ") for n in part.split(",") if n.strip()]
    if len(names) < 2 or not all(len(n.split()) >= 2 and n[0].isupper() for n in names):
        return None
    classes = set()
    for name in names:
        person = Entity(id="", name=name, kind="person", named=True, lemma="", plural=False)
        texts = [*_named_elsewhere(sc, person, index), *_named_elsewhere(sc, person, index, around=True)]
        classes.add(next((c for t in texts if (c := class_of_text(t, index.bodies))), None))
    return classes.pop() if len(classes) == 1 else None


def _one_of_those_before(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """A named person who is the subject of the sentence right after one whose subject is a
    plural of officials ("The candidates took questions. Trump said...", "the candidates'
    plans fall short. Hillary Clinton wants..."): the next sentence names one of them."""
    if entity.kind != "person" or not entity.named:
        return None
    heads = [sc.doc[m.head] for m in entity.mentions if not m.pronoun]
    heads += [span.root for span in _named_as(sc, entity, index)]
    for tok in heads:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT" or not _a_name(tok):
            continue
        here = sc.sentences.index_of(tok.i)
        if here == 0:
            continue
        before = sc.doc[sc.sentences.starts[here - 1] : sc.sentences.ends[here - 1]]
        if any(_officials_as_subject(t) for t in before):
            return "politician_or_official"
    return None


def _a_name(tok: Token) -> bool:
    """A proper noun, or a word the NER puts in a person's name (the tagger may call "Trump" a noun)."""
    return tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"


def _officials_as_subject(tok: Token) -> bool:
    """A definite plural of officials ("the candidates", "both nominees") that is the subject
    of its sentence, or whose the subject is ("the candidates' plans")."""
    if tok.tag_ != "NNS" or not any(c.lower_ in ("the", "both") or c.dep_ == "nummod" for c in tok.children):
        return False
    subject = tok.head if tok.dep_ == "poss" else tok
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.head.dep_ != "ROOT":
        return False
    return _lookup(tok.lemma_.lower()) == "politician_or_official"


def _by_what_it_is(sc: SourceContext, entity: Entity, index: _TextIndex) -> str | None:
    """Last, what the NER says the source's name is: a named organisation no word classes is a
    company ("InfoNation", "SoftBank", "Big Machine"), a country, state or city, or a body one
    owns, its government ("China", "Bolivia's public defender's office"); a group of a
    nationality or of a share of one ("44 percent of Americans"), and unnamed people the text
    says nothing more of, ordinary people."""
    heads = [sc.doc[m.head] for m in entity.mentions if not m.pronoun]
    if entity.kind == "organization" and entity.named:
        spelled = {ent.label_ for ent in bodies_spelling(sc, entity.name)}
        labels = spelled or {tok.ent_type_ for tok in heads}  # "LN" is Live Nation, no place
        owners = {owner.ent_type_ for tok in heads for owner in _owners(tok)}
        if labels & {"GPE", "NORP"} or "GPE" in owners:  # "Bolivia's public defender's office"
            return "politician_or_official"
        # a body no word of the lexicon classes (no ministry, agency, union, party...), when it
        # is a name ("data from MarketAxess"): "Clinton's team" or "the group" is no company,
        # nor a person's name the NER took for a body ("McAuliffe", when "Terry McAuliffe" is
        # a PERSON elsewhere)
        words = entity.name.split()
        key = name_key(entity.name).split()
        fuller = index.people.get(key[-1], []) if key else []
        person = any(len(full) > len(key) and full[-len(key) :] == key for _, full in fuller)
        return "business" if words and words[-1][:1].isupper() and not person else None
    if entity.kind == "group":
        for tok in heads:
            people = [tok, *(c for c in tok.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj")]
            if any(t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") for t in people):
                return "ordinary_person"
    return "ordinary_person" if _just_people(entity, heads) else None


def _just_people(entity: Entity, heads: list[Token]) -> bool:
    """Unnamed people the text says nothing more of: "a woman", "the man", "most people", a
    poll's share ("Fifty-one percent say..."); not "people familiar with the matter", whom a
    descriptor places."""
    if entity.named or entity.role or entity.descriptors or entity.kind not in ("person", "group", "unspecified"):
        return False
    shares = lexicon.word_set("share_heads")
    people = lexicon.word_set("ordinary_heads")
    return bool(heads) and all(
        t.lemma_.lower() in people or (t.lemma_.lower() in shares and not any(c.dep_ == "prep" for c in t.children))
        for t in heads
    )


def _owners(tok: Token) -> Iterator[Token]:
    """Whose the noun is, and whose that is ("Bolivia's public defender's office")."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    while owner is not None:
        yield owner
        owner = next((c for c in owner.children if c.dep_ == "poss"), None)


def class_of_text(text: str, bodies: dict[str, _Body] | None = None) -> str | None:
    """The role class the words of a role, title or name say ("police spokesman": spokesperson).
    ``bodies``: the organisations and places the text names, with the class a leader title of
    one takes when the lexicon does not know it ("president of InfoNation": business)."""
    found = _read(text, bodies)
    return found[0] if found is not None else None


def _read(text: str, bodies: dict[str, _Body] | None) -> _Reading | None:
    """The class the words say, and how they say it (see :data:`_Reading`)."""
    words = _words(text)
    found = _class_of_words(words)
    if found is not None and not found[1]:
        return found[0], "led"  # a leader title of a body the lexicon knows
    title = found[1] if found is not None else next((w for w in words if _leader(w)), None)
    if title is None or not _leader(title):
        return (found[0], "word") if found is not None else None
    body = _body_named_in(text, title, bodies) if bodies else None
    if body is not None:
        return body, "led"
    return (found[0], "unled") if found is not None else None


def _leader(word: str) -> bool:
    """A leader title, singular or plural ("director", "leaders")."""
    return any(form in lexicon.word_set("leader_titles") for form in _singulars(word))


def _named_bodies(sc: SourceContext) -> dict[str, _Body]:
    """The organisations and places the NER names, lowercased, with what a leader title of
    one is: an outlet's, journalist_or_outlet ("Wikileaks co-founder"); else the class the
    lexicon gives the name ("the Swedish Prosecution Authority"); else business for an
    organisation ("head of Platform Solutions for Ascom") and politician_or_official for a
    country, state or city ("president of Mexico")."""
    labels = {"ORG": "business", "GPE": "politician_or_official"}
    bodies: dict[str, _Body] = {}
    for ent in sc.ner.ents:
        name = ent.text
        if ent.label_ not in labels or len(name) <= 1:
            continue
        key = name.lower()
        if key in bodies and bodies[key].known:
            continue  # known from an earlier mention, which is kept: this one need not be read
        known = _known_body(name) or _appositive_class(ent) or _spelled_out_class(sc, name)
        bodies[key] = _Body(known or labels[ent.label_], known is not None)
    return bodies


def _spelled_out_class(sc: SourceContext, name: str) -> str | None:
    """The class the lexicon gives what an acronym stands for where the text spells it out."""
    return next((c for text in spelled_out(sc, name) if (c := _known_body(text))), None)


def _appositive_class(ent: Span) -> str | None:
    """The class of what the text says a body is beside its name ("InfoNation, a Sugar
    Land-based provider of automobile data")."""
    root = ent.root
    said = [_text(c.subtree) for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        said.append(_text(t for t in root.head.subtree if t.i < root.i and t.i not in range(ent.start, ent.end)))
    return next((c for text in said if (c := _known_body(text)) is not None), None)


@lru_cache(maxsize=65536)
def _known_body(name: str) -> str | None:
    """The class the outlet list or the lexicon gives a body's name; a company's legal
    designator ends a business's ("Pacific Gas & Electric Co."). A string in, a string out:
    kept, as every mention of a body asks again."""
    if lexicon.outlet_for(name):
        return "journalist_or_outlet"
    found = _class_of_words(_words(name))
    if found is not None:
        return found[0]
    words = name.split()
    designated = len(words) > 1 and words[-1].lower().rstrip(".") in lexicon.word_set("legal_designators")
    return "business" if designated else None


def _body_named_in(text: str, title: str, bodies: dict[str, _Body]) -> str | None:
    """The class of the body a leader title is of, when the text names it right after "of",
    "for" or "at" ("president of InfoNation") or as its possessor ("PG&E's senior director");
    or right before the title ("Wikileaks co-founder"), when the lexicon knows the body or
    the title is a company's ("SoftBank CEO": company_titles, since "Hamas leader" is no
    businessman); a place inside other words ("the London-based website") is not the body."""
    low = text.lower()
    company_title = any(form in lexicon.word_set("company_titles") for form in _singulars(title))
    for name, body in sorted(bodies.items(), key=lambda kv: -len(kv[0])):
        if name not in low:
            continue  # most bodies of the text are not in this title; no pattern to build for them
        named = re.escape(name)
        if re.search(rf"\b(?:of|for|at)\s+(?:the\s+)?{named}(?![\w-])", low) or re.match(rf"{named}['’]s?\s", low):
            return body.role_class
        if (body.known or company_title) and re.match(rf"(?:the\s+|an?\s+)?{named}\s", low):
            return body.role_class
    return None


def _own_words(entity: Entity) -> Iterator[str]:
    """The role, then the mentions as written (whose compounds say more than their head:
    "health care providers"), the head noun, the name and the affiliation."""
    yield entity.role or ""
    texts = [m.text for m in entity.mentions if not m.pronoun]
    if entity.named:
        # a mention that does not name it ("the agency") says less than the name does
        # ("Customs and Border Protection"): it is read after the name
        own = set(entity.name.lower().split()) - _FUNCTION_WORDS
        naming = [t for t in texts if own & set(t.lower().replace("’", " ").replace("'", " ").split())]
        yield from naming
        yield entity.name
        yield from (t for t in texts if t not in naming)
        yield entity.affiliation or ""
        return
    yield from texts
    yield from (entity.lemma, entity.name, entity.affiliation or "")


def _from_the_rest_of_the_text(sc: SourceContext, entity: Entity, index: _TextIndex) -> Iterator[_Reading]:
    descriptors = [sc.text[s:e] for s, e in entity.descriptors]
    if any(p.match(d) for d in descriptors for p in _party_labels()):
        yield "politician_or_official", "word"
    if entity.kind in ("person", "group") and entity.affiliation and lexicon.outlet_for(entity.affiliation):
        yield "journalist_or_outlet", "word"  # "NBC's Dante Chinni", "the fact checkers at Politifact"
    person = entity.kind == "person"
    elsewhere = []
    if person:  # what the sentences say they do comes after every title, appositive and "his campaign"
        elsewhere = [*_named_elsewhere(sc, entity, index), *_what_their_pronouns_own(sc, entity)]
        elsewhere += _named_elsewhere(sc, entity, index, around=True)
    for text in [*descriptors, *elsewhere]:
        found = _read(text, index.bodies)
        if found is not None:
            yield found
        elif lexicon.outlet_for(text):
            yield "journalist_or_outlet", "word"  # "NBC's Dante Chinni"
    ages = [entity.role or "", *descriptors, *_appositive_numbers(sc, entity)]
    if entity.kind == "person" and any(_AGE.search(t) for t in ages):
        yield "ordinary_person", "word"  # "Quina Jones, 25": a name, an age and nothing else
    if entity.kind == "person" and entity.descriptors and all(_a_hometown(sc, d) for d in entity.descriptors):
        yield "ordinary_person", "word"  # "Jo Reyes, of Dayton, Ohio": a name, a hometown and nothing else
    if _signed_only(sc, entity):
        yield "ordinary_person", "word"  # '"I am afraid." ― Ana Ruiz': a reader or passer-by signs their words


def _signed_only(sc: SourceContext, entity: Entity) -> bool:
    """A name the text gives only as the signature of a quotation ('"..." ― Ana Ruiz'), with no
    role or description: a voice of the public, as letters and vox pops are signed (the NER
    may take the name for an organisation)."""
    names = [m for m in entity.mentions if not m.pronoun]
    return (
        entity.named
        and entity.kind in ("person", "organization")
        and not entity.role
        and not entity.descriptors
        and bool(names)
        and all(_SIGNATURE.search(sc.text, max(0, m.span[0] - 6), m.span[0]) for m in names)
    )


#: a closing quotation mark and a dash right before a name: the quotation's signature
_SIGNATURE = re.compile(r"[”\"]\s*[―—–]\s*$")


def _a_hometown(sc: SourceContext, span: tuple[int, int]) -> bool:
    """ "of Dayton, Ohio": "of" and the places the NER names, nothing else."""
    words = sc.doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or len(words) < 2 or words[0].lower_ != "of":
        return False
    rest = [t for t in words[1:] if not t.is_punct and t.lower_ != "the"]
    return bool(rest) and all(t.ent_type_ == "GPE" for t in rest)


def _appositive_numbers(sc: SourceContext, entity: Entity) -> Iterator[str]:
    """ "Singh Jabarjung, 24, from Punjab": a number set off right after a mention (an age; no
    role, so it is not the source's title)."""
    for m in entity.mentions:
        match = _NUMBER_SET_OFF.search(sc.text, m.span[0], min(len(sc.text), m.span[1] + 3))
        if match:
            yield match.group(1)


_NUMBER_SET_OFF = re.compile(r"\w,\s*(\d{1,3})\s*(?:[,.;]|$)")


def _named_elsewhere(sc: SourceContext, entity: Entity, index: _TextIndex, *, around: bool = False) -> Iterator[str]:
    """What the text says the person is wherever it names them: the title before the name
    ("Senate Minority Leader Harry Reid"), an appositive either way ("Reid, the Senate leader",
    "the Republican nominee, Donald Trump"), a predicate ("the candidate is Donald Trump",
    "Trump was a novice politician"), and a noun the name modifies that says it ("the Trump
    campaign", "Trump's running mate")."""
    if not entity.named:
        return
    spans = [*_named_in_full(sc, entity, index), *_full_names_the_ner_missed(sc, entity, index)]
    if not around:
        for span in spans:
            yield from _said_of(span)
        return
    # what they do it as and where, wherever the text names them and in their own mentions
    roots = {span.root.i: span.root for span in spans}
    roots |= {m.head: sc.doc[m.head] for m in entity.mentions if not m.pronoun}
    for _, root in sorted(roots.items()):
        yield from _said_around(root)
    # a pronoun resolved to them speaks at the event as much as the name does ("she said in the debate")
    for m in entity.mentions:
        if m.pronoun and m.head not in roots:
            yield from _where_they_campaign(sc.doc[m.head])


def _full_names_the_ner_missed(sc: SourceContext, entity: Entity, index: _TextIndex) -> list[Span]:
    """For a person the attributions name by surname alone ("Ms Persson said"), the places the
    text writes a first name before that surname where the NER found no person ("Deputy
    Director of Public Prosecution Eva-Marie Persson took the decision"): when the NER names no
    one in full with the surname and those places give it one first name."""
    own = key_words(entity)
    if len(own) != 1 or index.first_names(own[0]):
        return []
    doc = sc.doc
    spans = [doc[i - 1 : i + 1] for i in index.positions(sc, own[0]) if _after_a_first_name(doc[i], own[0])]
    return spans if len({span[0].lower_ for span in spans}) == 1 else []


def _after_a_first_name(tok: Token, surname: str) -> bool:
    """The surname, outside the NER's names, right after a capitalised name that is no title."""
    if tok.lower_ != surname or tok.pos_ != "PROPN" or tok.ent_type_ or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return before.pos_ == "PROPN" and before.is_title and not _a_title_word(before.lower_)


def _a_title_word(word: str) -> bool:
    """A courtesy title or a word of a role ("Ms", "Director"): no first name."""
    return word in lexicon.name_titles() or word.rstrip(".") in lexicon.name_titles() or word in lexicon.role_words()


def names_of(sc: SourceContext, entity: Entity) -> Iterator[Span]:
    """The names the NER finds in the text that are this person's, with the document's index."""
    return _named_as(sc, entity, _TextIndex.of(sc))


def _named_as(sc: SourceContext, entity: Entity, index: _TextIndex) -> Iterator[Span]:
    """The names the NER finds in the text that are this person's (:func:`.names.same_person`)."""
    own = key_words(entity)
    if not own:
        return
    firsts = index.first_names(own[-1])
    if len(own) == 1 and len(firsts) >= 2:
        first = _named_in_full_before(sc, entity, index, own[-1])
        if first is not None:
            own, firsts = [first, own[-1]], {first}
    for ent, words in index.people.get(own[-1], []):
        if same_person(own, words, firsts):
            yield ent


def _named_in_full_before(sc: SourceContext, entity: Entity, index: _TextIndex, surname: str) -> str | None:
    """The first name of the one person named in full with the surname before the first of
    the entity's mentions that follows any such full name: a surname alone is the person
    introduced so far ("Sen. Ted Cruz ... Cruz said", his father "Rafael Cruz" named later)."""
    full = sorted((ent.start_char, words[0]) for ent, words in index.people.get(surname, []) if len(words) >= 2)
    for start in sorted(m.span[0] for m in entity.mentions if not m.pronoun):
        before = {first for at, first in full if at < start}
        if before:
            return before.pop() if len(before) == 1 else None
    return None


def _named_in_full(sc: SourceContext, entity: Entity, index: _TextIndex) -> list[Span]:
    """Where the text names the person: as the NER names them, then the other places it writes
    their full name ("University of Pennsylvania biologist Andrew Vaughan", no PERSON)."""
    spans = list(_named_as(sc, entity, index))
    seen = {ent.start for ent in spans}
    return spans + [span for span in _written_in_full(sc, entity) if span.start not in seen]


def _written_in_full(sc: SourceContext, entity: Entity) -> Iterator[Span]:
    """Every place the text writes the person's full name, whatever the NER made of it."""
    name = entity.name
    if len(name.split()) < 2:
        return
    for start in whole_word_occurrences(sc.text, name):
        span = sc.doc.char_span(start, start + len(name), alignment_mode="expand")
        if span is not None:
            yield span


def whole_word_occurrences(text: str, phrase: str) -> Iterator[int]:
    r"""Where ``phrase`` stands in ``text`` with no word character on either side, left to right
    and not overlapping: what ``(?<!\w)phrase(?!\w)`` finds, by ``str.find``, which jumps to
    each occurrence where a pattern that starts with a lookbehind tries every position."""
    size, n = len(phrase), len(text)
    pos = text.find(phrase)
    while pos != -1:
        end = pos + size
        if (pos == 0 or not _word_char(text[pos - 1])) and (end == n or not _word_char(text[end])):
            yield pos
            pos = text.find(phrase, end)
        else:
            pos = text.find(phrase, pos + 1)


def _word_char(ch: str) -> bool:
    r"""What ``\w`` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


def _said_of(ent: Span) -> Iterator[str]:
    yield from _written_before(ent)
    root = ent.root
    for child in root.children:
        if child.dep_ == "poss" and child.i < ent.start:
            yield _text(t for t in child.subtree if t.dep_ != "case")  # "NBC's": whose the person is
    for child in root.children:
        if child.dep_ == "appos":
            yield _text(child.subtree)
    head = root.head
    voted = head.lemma_ in ("for", "against") and head.head.lemma_ == "vote"
    if (root.dep_ == "dobj" and head.lemma_ in lexicon.word_set("electoral_verbs")) or (root.dep_ == "pobj" and voted):
        yield "candidate"  # "voters elected Okafor", "a vote for Okafor": someone stood for office
    if root.dep_ == "appos":
        yield _text(t for t in head.subtree if t.i < root.i and t.i not in range(ent.start, ent.end))
    if head.lemma_ == "be" and root.dep_ in ("nsubj", "attr"):
        other = "attr" if root.dep_ == "nsubj" else "nsubj"
        yield from (_text(c.subtree) for c in head.children if c.dep_ == other)
    yield from _what_the_name_modifies(root)
    if root.dep_ == "conj":
        yield from _title_of_them_all(root)
    if _plays(root):
        yield "athlete"


def _plays(root: Token) -> bool:
    """ "Davis scored 34 points", "James finished with 25 points, 11 rebounds and 10 assists": the
    person's own numbers in a game (sports_stats, counted; a triple-double needs no number) say
    they play, where the text gives no title."""
    if root.dep_ != "nsubj" or root.head.pos_ != "VERB":
        return False
    verb = root.head
    said = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod", "prep")]
    scoring = verb.lemma_.lower() in lexicon.word_set("scoring_verbs")
    return any(_a_game_number(t, scoring) for c in said for t in c.subtree)


def _a_game_number(tok: Token, scoring: bool) -> bool:
    """A player's number: a feat, a counted stat, or counted points or goals scored (a poll's
    "leads by 5 points" is no game)."""
    lemma = tok.lemma_.lower()
    if lemma in lexicon.word_set("sports_feats"):
        return True
    if not any(c.dep_ == "nummod" or c.like_num for c in tok.children):
        return False
    return lemma in lexicon.word_set("sports_stats") or (scoring and lemma in lexicon.word_set("scored_stats"))


def _said_around(root: Token) -> Iterator[str]:
    """What the sentence says the person is as it tells what they do: what they do it as, the
    plural they are one of, a campaign's event where they do it."""
    yield from _as_what(root)
    yield from _one_of_them(root)
    yield from _where_they_campaign(root)


def _as_what(root: Token) -> Iterator[str]:
    """What the person does something as ("visited Washington as the country's leader", "who
    served as ambassador", "was named as the new coach"): not what they call someone else
    ("praised the mayor as a leader") or themselves ("cast himself as a champion")."""
    clauses = [c for c in root.children if c.dep_ == "relcl"]  # "Kurt Volker, who served as envoy"
    if root.dep_ in ("nsubj", "nsubjpass"):
        clauses.append(root.head)
    for verb in clauses:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects and verb.lemma_.lower() in lexicon.word_set("predicative_as_verbs"):
            continue
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and not any(c.lower_ == "such" for c in prep.children):
                yield from (_noun_phrase(c) for c in prep.children if c.dep_ == "pobj" and _plain_noun(c))


def _plain_noun(noun: Token) -> bool:
    """A common noun not in quotation marks (a label quoted is someone's word, no role: "as a
    “con artist”")."""
    return noun.pos_ == "NOUN" and not any(t.is_quote for t in noun.subtree)


def _noun_phrase(noun: Token) -> str:
    """A noun with its modifiers and the phrases after it ("the country's envoy to Kyiv"),
    without a clause or another noun joined to it."""
    kept = [t for t in noun.subtree if t.i <= noun.i]
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i:
            kept += list(child.subtree)
    return _text(sorted(kept, key=lambda t: t.i))


def _where_they_campaign(root: Token) -> Iterator[str]:
    """A campaign's event where the person does something ("said at a campaign stop", "spoke
    on the campaign trail"): someone standing for office (campaign_events)."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return
    for prep in root.head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("at", "on", "during", "in"):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if _a_campaign_event(noun) or any(_a_campaign_event(n) for n in _of_what(noun)):
                    yield "candidate"  # "during a portion of the debate": the debate's


def _a_campaign_event(noun: Token) -> bool:
    words = " ".join([*(c.lower_ for c in noun.children if c.dep_ == "compound"), noun.lemma_.lower()])
    return words in lexicon.word_set("campaign_events")


def _of_what(noun: Token) -> Iterator[Token]:
    """The noun after "of" ("a portion of the debate")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _one_of_them(root: Token) -> Iterator[str]:
    """The plural noun a person is named as one of ("celebrities like Ava Marsh, Tom Gale and
    Lu Ortiz", "dignitaries, including a former president", "lawmakers such as Jo Reyes")."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in ("like", "including", "as"):
        return
    if prep.lower_ == "as" and not any(t.lower_ == "such" for t in prep.doc[max(0, prep.i - 1) : prep.i + 1]):
        return
    noun = prep.head
    if noun.tag_ == "NN":  # "a panoply of dignitaries, including": the plural that says who
        noun = next((c for p in noun.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"), noun)
    if noun.tag_ in ("NNS", "NNPS") and noun.i < prep.i:
        yield _text(t for t in noun.subtree if t.i <= noun.i)


def _written_before(ent: Span) -> Iterator[str]:
    """The title before the name, as parsed and as written ("against Wikileaks co-founder
    Julian Assange", which the parser made three objects)."""
    before = [t for t in ent.root.subtree if t.i < ent.start]
    if before:
        yield _text(before)
    run = _words_right_before(ent)
    if run and run != before[-len(run) :]:
        yield _text(run)


def _what_the_name_modifies(root: Token) -> Iterator[str]:
    """A noun the name modifies that says what the person is: "the Trump campaign"
    (name_modified_roles), "Taylor Swift's albums" (artist_works: a celebrity)."""
    head = root.head
    if root.dep_ in ("compound", "poss"):
        compounds = [c.lower_ for c in head.children if c.dep_ == "compound" and c.i > root.i]
        noun = " ".join([*compounds, head.lemma_])
        if noun.lower() in lexicon.word_set("name_modified_roles"):
            yield noun.lower()
        elif compounds and compounds[0] in lexicon.word_set("name_modified_roles"):
            yield compounds[0]  # "Clinton's campaign manager": the campaign is Clinton's
    if root.dep_ == "poss" and head.lemma_.lower() in lexicon.word_set("artist_works"):
        yield "celebrity"


def _what_their_pronouns_own(sc: SourceContext, entity: Entity) -> Iterator[str]:
    """ "he and his campaign", "her administration": a noun that says what the person is
    (name_modified_roles) owned by a pronoun that means them (their source mentions, and the
    pronouns elsewhere only they can be: coreference.pronouns_about)."""
    starts = [m.span[0] for m in entity.mentions if m.pronoun]
    starts += [start for (start, _), _ in pronouns_about(sc).get(entity.id, [])]
    for start in starts:
        tok = sc.doc.char_span(start, start + 1, alignment_mode="expand")
        if tok is not None and tok.root.dep_ == "poss":
            yield from _what_the_name_modifies(tok.root)


def _title_of_them_all(conjunct: Token) -> Iterator[str]:
    """A plural title before the first of names joined by "and" is every one's
    ("Singer-guitarists Tom Johnston and Patrick Simmons", "two voters, Jo Reyes and Al Marsh")."""
    first = conjunct
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.tag_ == "NNS" and first.i < conjunct.i and first.i + 1 < len(first.doc) and first.nbor().text == ",":
        # "two first-time voters, Tyresha McClenney and Bryan Anderson": the parser made the
        # names conjuncts of the plural they are
        yield _text(t for t in first.subtree if t.i <= first.i)
        return
    names = [first.i, *(c.i for c in first.children if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS"))]
    before = [t for t in first.subtree if t.i < min(names)]
    if before and before[-1].tag_ in ("NNS", "NNPS"):
        yield _text(before)


def _words_right_before(ent: Span) -> list[Token]:
    """The nouns, names and adjectives written right before a name, whatever the parse made
    of them: a title before it ("Wikileaks co-founder")."""
    start = ent.start
    while start > max(ent.start - 6, ent.sent.start) and _of_a_title(ent.doc[start - 1]):
        start -= 1
    run = list(ent.doc[start : ent.start])
    while run and not run[0].is_alpha:
        run = run[1:]
    return run


def _of_a_title(tok: Token) -> bool:
    """A word a title is made of; a title word the parser took for a verb too ("research team
    head Jennifer Ngo-Anh says")."""
    return tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.tag_ == "POS" or _joins(tok) or _leader(tok.lower_)


def _text(tokens: Iterable[Token]) -> str:
    """The tokens' words as the text spaces them ("co-founder" one word, not "co - founder"),
    with a space where tokens between them were left out ("Tulsa Okla. police officer")."""
    return join_tokens(list(tokens))


@cache
def _party_labels() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.pattern) for p in lexicon.patterns("party_labels.txt"))


def _words(text: str) -> list[str]:
    """The lowercase words of ``text``; a title abbreviated with a capital ("Rep.", "Sen")
    as the title it stands for, while the same letters in lowercase are read as written ("a
    rep for Braun" is a publicist, "Rep. Schiff" a representative)."""
    table = lexicon.role_classes()
    abbreviations = _abbreviations()
    words: list[str] = []
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if text[match.start()].isupper() and word in abbreviations:
            title = abbreviations[word]
            if title in _courtesy_titles() and any(_lookup(w) for w in words):
                continue  # "CNN's medical correspondent Dr. Gupta": the courtesy title is no role
            words.append(title)
        else:
            words.append(word.rstrip(".") if word.rstrip(".") in table else word)
    return words


def _class_of_words(words: list[str]) -> tuple[str, str] | None:
    """The class, and the listed word that gave it, of the rightmost listed word of the head
    part (before "for", "of"...), then of the rest. A leader title ("president", "director")
    takes the class of the body it leads when the lexicon knows it ("president of the
    teachers' union": civil society)."""
    words = _as_now(words)
    cut = next((n for n, w in enumerate(words) if w in _ROLE_CUTS), len(words))
    head = _rightmost(words[:cut])
    if head is not None and _leader(head[1]):
        body = _body(_after_the_titles(words, cut)) or _body_before(words[:cut], head[1])
        if body is not None:
            return body, ""
    return head if head is not None else _rightmost(words[cut:])


def _as_now(words: list[str]) -> list[str]:
    """The words without a former role that a present one follows ("a former tax aide now
    teaching at the university" is an academic)."""
    if "former" in words and "now" in words[words.index("former") :]:
        start = words.index("former")
        return words[:start] + words[words.index("now", start) + 1 :]
    return words


def _has_now(text: str) -> bool:
    """Whether a text gives a former role and then a present one ("a former aide now teaching")."""
    words = _words(text)
    return _as_now(words) != words


def _is(words: list[str], title: str) -> bool:
    """Whether the words are the title, the last one plural or not ("civil rights leaders")."""
    return bool(words) and any(" ".join([*words[:-1], form]) == title for form in _singulars(words[-1]))


def _after_the_titles(words: list[str], cut: int) -> list[str]:
    """The words after the preposition that ends the titles ("president of", "founder and CEO
    at"): the body they lead; none after "who", a comma or an "and" that adds someone else
    ("President Obama and his wife")."""
    while cut < len(words) and words[cut] == "and":
        end = next((n for n in range(cut + 1, len(words)) if words[n] in _ROLE_CUTS), len(words))
        if not all(_leader(w) or _lookup(w) for w in words[cut + 1 : end]):
            return []
        cut = end
    return words[cut + 1 :] if cut < len(words) and words[cut] in _BODY_PREPOSITIONS else []


def _body_before(words: list[str], title: str) -> str | None:
    """The class of a listed body right before a leader title ("Wikileaks co-founder", "the
    university president")."""
    size = len(title.split())
    start = next((n for n in range(len(words) - size, -1, -1) if _is(words[n : n + size], title)), 0)
    found = _rightmost(words[:start])
    return found[0] if found is not None else None


def _body(words: list[str]) -> str | None:
    """The class the lexicon gives the organisation a leader title is of: its first noun phrase."""
    end = next((n for n, w in enumerate(words) if w in _TAIL_ENDS or w in _ROLE_CUTS), len(words))
    found = _rightmost(words[:end])
    if found is None and any(w in lexicon.word_set("outlet_nouns") for w in words[:end]):
        return "journalist_or_outlet"  # "chief executive of the fact-checking website Full Fact"
    return found[0] if found is not None else None


def _rightmost(part: list[str]) -> tuple[str, str] | None:
    """The class and the listed word or phrase of the rightmost one in ``part``; a body noun
    ("authority", "department") takes the class of a listed word right before it ("the Swedish
    Prosecution Authority", "the Justice Department", "the sheriff's office")."""
    for n in range(len(part) - 1, -1, -1):
        if n > 0:
            phrase = f"{part[n - 1]} {part[n]}"
            found = _lookup(phrase)
            if found is not None:
                return found, phrase
        bodies = lexicon.word_set("body_nouns")
        body = _of_the_body(part[:n]) if any(form in bodies for form in _singulars(part[n])) else None
        if body is not None:
            return body
        found = _lookup(part[n])
        if found is not None:
            return found, part[n]
    return None


def _of_the_body(before: list[str]) -> tuple[str, str] | None:
    """The class a body noun takes from the listed word right before it (a possessive "s"
    between: "the governor's office"), when that word has one."""
    if before and before[-1] == "s":
        before = before[:-1]
    if not before:
        return None
    found = _lookup(before[-1])
    # people are no body's kind: "local officials", "the consumer agency" are officials
    return (found, before[-1]) if found is not None and found != "ordinary_person" else None


def _lookup(word: str) -> str | None:
    table = lexicon.role_classes()
    abbreviations = _abbreviations()
    for form in _singulars(word):
        if form in table:
            return table[form]
        title = abbreviations.get(form)
        if title is not None and title in table:
            return table[title]
    if " " in word:
        return None  # a phrase is listed or not; its words are read one by one
    found = next((cls for suffix, cls in _suffixes() if word.endswith(suffix) and len(word) > len(suffix)), None)
    if found is None and "-" in word.strip("-"):  # "singer-guitarist": its parts, the last first
        # a part of three letters or fewer is a name's syllable as often as a word ("Ngo-Anh")
        parts = [part for part in reversed(word.split("-")) if len(part) > 3]
        found = next((c for part in parts if (c := _lookup(part))), None)
    return found


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    return tuple((w[1:], cls) for w, cls in lexicon.role_classes().items() if w.startswith("-"))


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("people"):
        forms.append(word[:-6] + "person")
    return forms


@cache
def _courtesy_titles() -> frozenset[str]:
    """Titles written before a name as courtesy ("Dr."): a role noun written before one is
    the source's role."""
    return frozenset(t.title for t in lexicon.titles() if t.cls == "courtesy")


@cache
def _abbreviations() -> dict[str, str]:
    """An abbreviated title before a name -> the title ("sen." -> "senator"; titles.tsv), the
    first title listed for a form ("rep." is "representative" before "congressman")."""
    found: dict[str, str] = {}
    for title, forms in lexicon.title_abbreviations().items():
        for form in sorted(forms):
            found.setdefault(form, title)
    return found
