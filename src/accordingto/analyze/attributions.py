"""Content / cue / source linking: direct, mixed and indirect quotes, "according to",
noun cues, colon and dash attributions, and quotations carried across sentences and
paragraphs.

The linker works in passes over the parsed document:

1. verbal cues from the lexicon ("said", "told", "hinted", "plans", "denied"): content is
   the clausal complement, infinitive or object the verb's frames allow; the source is the
   verb's subject (or a passive's "by" phrase, or the subject it shares with a governing
   verb);
2. "according to X", "in X's view", and noun cues ("his claim that...");
3. colon and dash attributions ("WALLACE: ...", a quotation followed by "— Name");
4. quotations nothing claimed yet: attached to a cue right after or right before them,
   or continuing the last quotation's speaker when no cue intervenes;
5. nested attributions are dropped (only the outermost is kept, as PolNeAR annotates).

The output is a list of plain :class:`Candidate` records in character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from accordingto.analyze import lexicon
from accordingto.analyze.layout import paragraphs
from accordingto.analyze.quotes import Quote
from accordingto.analyze.syntax import (
    CharRange,
    Sentences,
    TokRange,
    chars,
    find_subject,
    is_quote_mark,
    is_space,
    mention_range,
    overlap,
    runs,
    subtree_range,
    trim,
    verb_group,
)

CONFIDENCE = {
    "speech": 0.9,
    "report": 0.85,
    "according_to": 0.9,
    "belief": 0.7,
    "intention": 0.65,
    "evidence": 0.75,
    "endorsement": 0.55,
    "decree": 0.6,
    "manner": 0.7,
    "perception": 0.6,
}
COLON_STOPLIST = lexicon.word_set("colon_stoplist")
SAID_STAND_INS = lexicon.word_set("said_stand_ins")
CONTRAST_MARKERS = lexicon.word_set("contrast_markers")
HEADLINE_BREAKS = lexicon.word_set("headline_breaks")
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it"})
NON_ATTRIBUTIVE_CLAUSAL = lexicon.word_set("non_attributive_clausal")
DASHES = frozenset({"—", "–", "―", "--", "-"})
MIN_QUOTE_WORDS = 4


@dataclass(slots=True)
class Candidate:
    """One attribution found in the text, in character offsets of ``doc.text``."""

    content: list[CharRange]
    cue: CharRange | None
    source: CharRange | None
    pattern: str
    cue_class: str
    stance: str
    confidence: float
    cue_head: int | None = None
    source_head: int | None = None
    recipient_head: int | None = None
    cited_head: int | None = None
    quote_chains: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    def covers(self, rng: CharRange) -> bool:
        return any(s <= rng[0] and rng[1] <= e for s, e in self.content)

    def content_chars(self) -> int:
        return sum(e - s for s, e in self.content)

    def to_plain(self) -> dict[str, Any]:
        return {
            "content": [list(c) for c in sorted(self.content)],
            "cue": list(self.cue) if self.cue else None,
            "source": list(self.source) if self.source else None,
            "pattern": self.pattern,
            "cue_class": self.cue_class,
            "stance": self.stance,
            "confidence": self.confidence,
            "cue_head": self.cue_head,
            "source_head": self.source_head,
            "recipient_head": self.recipient_head,
            "cited_head": self.cited_head,
        }


class Linker:
    """Finds the attributions of one parsed document."""

    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.doc = doc
        self.text = doc.text
        self.quotes = quotes
        self.verbs = lexicon.cue_verbs()
        self.nouns = lexicon.cue_nouns()
        self.source_nouns = lexicon.source_nouns()
        self.paragraphs = paragraphs(self.text)
        self.sentences = Sentences(doc)
        self.by_cue: dict[int, Candidate] = {}
        self.bare_cues: list[Token] = []

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Candidate]:
        found: list[Candidate] = []
        quoted = self._quoted_tokens()
        for tok in self.doc:
            if tok.i in quoted:
                continue  # a cue inside a quotation is nested in the quotation's attribution
            if self._is_verb_cue(tok):
                cand = self._verb_candidate(tok)
                if cand is not None:
                    found.append(cand)
                    self.by_cue[tok.i] = cand
                else:
                    self.bare_cues.append(tok)
            elif tok.lemma_ in ("seem", "appear") and tok.pos_ in ("VERB", "AUX"):
                cand = self._seeming(tok)
                if cand is not None:
                    found.append(cand)
            elif self._is_clausal_verb(tok):
                cand = self._clausal_candidate(tok)
                if cand is not None:
                    found.append(cand)
                    self.by_cue[tok.i] = cand
            elif tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                cand = self._according_to(tok)
                if cand is not None:
                    found.append(cand)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.nouns:
                cand = self._noun_candidate(tok)
                if cand is not None:
                    found.append(cand)
        found.extend(self._colon_candidates())
        found.extend(self._headline_candidates(found))
        found.extend(self._dash_candidates(found))
        found = self._snap_to_quotes(found)
        found = self._attach_quotes(found)
        found = self._drop_nested(found)
        found = [c for c in found if not self._is_anonymity_request(c)]
        found.sort(key=lambda c: (c.start, c.end))
        return found

    def _is_anonymity_request(self, cand: Candidate) -> bool:
        """'who asked not to be named': a request for anonymity, recorded on the source,
        is not a statement of its own."""
        if cand.cue is None:
            return False
        window = self.text[cand.cue[0] : cand.end]
        return any(
            p.fullmatch(window.strip()) or (p.search(window) and len(window) < 60)
            for p in lexicon.patterns("anonymity.txt")
        )

    def _quoted_tokens(self) -> set[int]:
        """Tokens inside quotations of more than a few words (not titles or scare quotes)."""
        inside: set[int] = set()
        for q in self.quotes:
            if len(self.text[q.start : q.end].split()) < MIN_QUOTE_WORDS:
                continue
            span = self.doc.char_span(q.start, q.end, alignment_mode="contract")
            if span is not None:
                inside.update(range(span.start, span.end))
        return inside

    # ------------------------------------------------------------------ verbs
    def _is_verb_cue(self, tok: Token) -> bool:
        if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return False
        lemma = cue_lemma(tok)
        if lemma not in self.verbs:
            return False
        if lemma == "point":
            return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
        return True

    def _cited_as_saying(self, verb: Token) -> Token | None:
        """For 'saying' in 'X cited Y as saying Z': the verb 'cited'."""
        head = verb.head
        if verb.dep_ == "pcomp" and head.lower_ == "as" and cue_lemma(head.head) == "cite":
            return head.head
        return None

    def _cite_as_saying(self, verb: Token) -> Candidate | None:
        """'Politico cited US officials as saying that Z': Z comes from the officials,
        through Politico."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        saying = next((c for c in as_prep.children if c.dep_ == "pcomp"), None) if as_prep is not None else None
        if obj is None or saying is None or cue_lemma(saying) not in self.verbs:
            return None
        content, _ = self._verb_content(saying, self.verbs[cue_lemma(saying)].frames)
        subject = find_subject(verb)
        if not content or subject is None:
            return None
        return Candidate(
            content=content,
            cue=chars(self.doc, (verb_group(verb)[0], saying.i + 1)),
            source=self._mention(subject),
            pattern="verb",
            cue_class="report",
            stance="neutral",
            confidence=CONFIDENCE["report"],
            cue_head=verb.i,
            source_head=subject.i,
            cited_head=obj.i,
        )

    def _seeming(self, verb: Token) -> Candidate | None:
        """'Melania seems to have vanished from the campaign': an impression reported
        with no one to hold it; the content is the subject and what it seems to be."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        complement = next(
            (c for c in verb.rights if c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd")),
            None,
        )
        if subject is None or complement is None or subject.lower_ in ("it", "there"):
            return None
        if complement.dep_ == "xcomp" and not any(g.lower_ == "to" for g in complement.children):
            return None
        subject_rng = trim(self.doc, subtree_range(subject))
        complement_rng = trim(self.doc, subtree_range(complement))
        if subject_rng is None or complement_rng is None:
            return None
        return Candidate(
            content=self._ranges([subject_rng, complement_rng]),
            cue=chars(self.doc, verb_group(verb)),
            source=None,
            pattern="verb",
            cue_class="perception",
            stance="tentative",
            confidence=0.4,
            cue_head=verb.i,
        )

    def _is_clausal_verb(self, tok: Token) -> bool:
        """A verb outside the lexicon that takes a that-clause and has a subject ('made it
        clear that', 'intimated that'): such verbs are almost always verbs of saying,
        thinking or showing. Verbs that embed clauses for other reasons are excluded."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() in NON_ATTRIBUTIVE_CLAUSAL:
            return False
        if not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "there", "this", "that") for c in tok.children
        ):
            return False
        return any(
            c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in tok.children
        )

    def _clausal_candidate(self, verb: Token) -> Candidate | None:
        clause = next(
            c
            for c in verb.children
            if c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        )
        rng = self._clause_range(verb, clause)
        subject = find_subject(verb)
        if rng is None or subject is None:
            return None
        cue_rng = verb_group(verb)
        # 'made it clear that': the object and complement belong to the cue
        last_before = max([c.right_edge.i for c in verb.rights if c.i < clause.left_edge.i] + [cue_rng[1] - 1])
        if last_before - cue_rng[1] < 4:
            cue_rng = (cue_rng[0], last_before + 1)
        return Candidate(
            content=self._ranges([rng]),
            cue=chars(self.doc, cue_rng),
            source=self._mention(subject),
            pattern="verb",
            cue_class="speech",
            stance="neutral",
            confidence=0.5,
            cue_head=verb.i,
            source_head=subject.i,
        )

    def _verb_candidate(self, verb: Token) -> Candidate | None:
        if self._cited_as_saying(verb) is not None:
            return None  # 'cited US officials as saying': the citing verb carries it
        if cue_lemma(verb) == "cite":
            found = self._cite_as_saying(verb)
            if found is not None:
                return found
            if verb.dep_ == "advcl" and self._cited_source(verb.head) is not None:
                return None  # 'reported, citing four US officials': the link of a chain, not a statement
        entry = self.verbs[cue_lemma(verb)]
        content, cue_end = self._verb_content(verb, entry.frames)
        if not content:
            return None
        subject = self._sentient(find_subject(verb))
        cited = self._cited_source(verb)
        cue_rng = verb_group(verb)
        if cue_end is not None and cue_end == cue_rng[1] + 1:  # "called for", "spoke about"
            cue_rng = (cue_rng[0], cue_end)
        source = self._mention(subject) if subject is not None else None
        if subject is not None and _overlaps_any(source, content):
            source = None
        confidence = CONFIDENCE.get(entry.cls, 0.6)
        if source is None:
            confidence -= 0.15
        return Candidate(
            content=content,
            cue=chars(self.doc, cue_rng),
            source=source,
            pattern="verb",
            cue_class=entry.cls,
            stance=entry.stance,
            confidence=confidence,
            cue_head=verb.i,
            source_head=subject.i if subject is not None else None,
            recipient_head=self._recipient(verb),
            cited_head=cited.i if cited is not None else None,
        )

    def _verb_content(self, verb: Token, frames: frozenset[str]) -> tuple[list[CharRange], int | None]:
        """Content ranges of a verbal cue and, when a preposition joins the cue ("called for"),
        the token where the cue ends."""
        lemma = cue_lemma(verb)
        kids = list(verb.children)
        if lemma == "call":
            return self._call_content(verb)
        if "x" in frames and self.verbs[lemma].cls in ("speech", "decree"):
            found = self._object_and_infinitive(kids)
            if found is not None:
                return found
        if "c" in frames or "q" in frames:
            clauses = [c for c in kids if c.dep_ == "ccomp"]
            clauses += [c for c in kids if c.dep_ == "parataxis" and self._is_clause(c) and c.i < verb.i]
            if not clauses and "c" in frames:
                clauses = self._stranded_that_clauses(verb)
            if not clauses and "c" in frames and self.verbs[lemma].cls in ("speech", "report"):
                # 'He said legalizing it could put thousands to work': a clause parsed as xcomp
                clauses = [
                    c
                    for c in kids
                    if c.dep_ == "xcomp"
                    and c.i > verb.i
                    and (c.tag_ == "VBG" or any(g.dep_ == "nsubj" for g in c.children))
                ]
            if clauses:
                clause = self._reported_clause(verb, clauses)
                rng = self._clause_range(verb, clause)
                if rng and ("c" in frames or self._in_quote(rng)):
                    rng = self._with_that_conjuncts(verb, rng)
                    return self._ranges([rng, *self._topic_of(verb, rng)]), None
        if "x" in frames:
            for c in kids:
                if c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children):
                    rng = trim(self.doc, subtree_range(c))
                    if rng:
                        return self._ranges([rng]), None
        if lemma in ("say", "tell"):
            # 'he said so', 'said the same', 'neither side would say so'
            stand_ins = [c for c in kids if c.dep_ in ("dobj", "advmod", "intj") and c.lower_ in SAID_STAND_INS]
            stand_in = next((c for c in stand_ins if c.i > verb.i), None)
            if stand_in is not None:
                rng = trim(self.doc, subtree_range(stand_in))
                if rng:
                    return self._ranges([rng]), None
        if "o" in frames:
            objs = [c for c in kids if c.dep_ in ("dobj",) and c.lower_ not in ("what", "which", "that")]
            if objs:
                obj = objs[0]
                rng = trim(self.doc, (obj.left_edge.i, self._object_end(verb, obj)))
                if rng:
                    return self._ranges([rng]), None
        if "p" in frames:
            found = self._prepositional_content(verb, kids)
            if found is not None:
                return found
        if "c" in frames or "q" in frames:
            inverted = self._inverted_content(verb)
            if inverted:
                return self._ranges(inverted), None
        return [], None

    def _reported_clause(self, verb: Token, clauses: list[Token]) -> Token:
        """The clause a cue reports, of those the parse gives it: the longest after the cue
        ('he said she should call'), since a clause before it that the parse also hangs
        on the cue ('Keyworth was fired up about it, and he said...') is often the
        writer's; the longest before it when there is none after ('..., he said')."""
        after = [c for c in clauses if c.i > verb.i]
        return max(after or clauses, key=lambda c: c.right_edge.i - c.left_edge.i)

    def _topic_of(self, verb: Token, content: TokRange) -> list[TokRange]:
        """'... ,'' the city manager said of the championship course': what it was said of
        belongs to the content."""
        if cue_lemma(verb) != "say":
            return []
        of = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == verb.i + 1), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or content[0] <= obj.i < content[1]:
            return []
        rng = trim(self.doc, subtree_range(obj))
        return [rng] if rng else []

    def _object_end(self, verb: Token, obj: Token) -> int:
        """Where object content ends: the object with what the parser hung on the verb
        after it ('the organization against recent attacks', 'his amendments to expand
        immigration', 'X for Y'), up to a comma or a clause of its own."""
        end = obj.right_edge.i + 1
        for c in verb.rights:
            if c.i <= obj.i:
                continue
            if any(self.doc[k].text in (",", ";", ":", "—") for k in range(end, c.left_edge.i)):
                break
            if c.dep_ in ("oprd", "ccomp", "xcomp", "dative") or (
                c.dep_ == "prep" and c.lower_ not in ("at", "during", "after", "before", "since", "until")
            ):
                end = max(end, c.right_edge.i + 1)
            elif c.dep_ in ("npadvmod", "advmod", "punct", "cc", "conj", "advcl"):
                break
        return end

    def _object_and_infinitive(self, kids: list[Token]) -> tuple[list[CharRange], int | None] | None:
        """'told residents not to drink the water', 'urged Congress to act'."""
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
        rng = trim(self.doc, (obj.left_edge.i, inf.right_edge.i + 1))
        return (self._ranges([rng]), None) if rng else None

    def _prepositional_content(self, verb: Token, kids: list[Token]) -> tuple[list[CharRange], int | None] | None:
        """'spoke about X', 'pointed to X', 'voted for X', 'voted in favor of X'."""
        preps = self.verbs[cue_lemma(verb)].preps
        for c in kids:
            if c.dep_ not in ("prep", "dative") or c.i < verb.i:
                continue
            obj_parent = c
            if c.lower_ == "in" and "in favor of" in preps:
                favor = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ in ("favor", "favour")), None)
                of = next((g for g in favor.children if g.lower_ == "of"), None) if favor is not None else None
                if of is None:
                    continue
                obj_parent = of
            elif c.lower_ not in preps:
                continue
            objs = [g for g in obj_parent.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                end = objs[0].right_edge.i + 1
                # 'referred to Rubio as “a bright, charismatic leader”'
                for sib in verb.rights:
                    if sib.i >= end and sib.dep_ == "prep" and sib.lower_ == "as" and sib.left_edge.i == end:
                        end = sib.right_edge.i + 1
                rng = trim(self.doc, (objs[0].left_edge.i, end))
                if rng:
                    return self._ranges([rng]), obj_parent.i + 1
        return None

    def _call_content(self, verb: Token) -> tuple[list[CharRange], int | None]:
        """'called for X', 'called on X to...', 'called to ban X', 'called X Y', 'calling
        the protester “a very obnoxious guy”' (but not 'called the police')."""
        kids = list(verb.children)
        found = self._prepositional_content(verb, [c for c in kids if c.i == verb.i + 1])
        if found is not None:
            ranges, cue_end = found
            for k in kids:
                if k.dep_ in ("xcomp", "ccomp") and k.i > verb.i:
                    ranges = _merge([*ranges, chars(self.doc, subtree_range(k))])
            return ranges, cue_end
        infinitive = next((c for c in kids if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)), None)
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if infinitive is not None and obj is None:
            rng = trim(self.doc, subtree_range(infinitive))
            return (self._ranges([rng]), None) if rng else ([], None)
        if obj is None:
            return [], None
        preds = [c for c in kids if c.dep_ in ("oprd", "ccomp", "xcomp", "dobj") and c.i > obj.i]
        # 'called his actions “a crucial step”': the quoted name parsed as the object's apposition
        preds += [c for c in obj.children if c.dep_ == "appos" and is_quote_mark(self.doc[c.left_edge.i - 1])]
        quoted_after = self.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(self.doc) else None
        if not preds and not (quoted_after is not None and is_quote_mark(quoted_after)):
            return [], None
        end = max([p.right_edge.i for p in preds] + [obj.right_edge.i]) + 1
        end = self._end_at_quoted_name(obj, preds, end)
        if not preds and quoted_after is not None:
            for q in self.quotes:
                if q.start == quoted_after.idx:
                    span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
                    if span is not None:
                        end = span.end
        rng = trim(self.doc, (obj.left_edge.i, end))
        return (self._ranges([rng]), None) if rng else ([], None)

    def _end_at_quoted_name(self, obj: Token, preds: list[Token], end: int) -> int:
        """'called Cruz the “ultimate hypocrite,” linking to a story...': a quoted name
        followed by a participle ends the content; the participle is the writer's."""
        if not preds:
            return end
        name_head = self.doc[min(p.i for p in preds)]
        for q in self.quotes:
            if q.closed and obj.idx < q.start <= name_head.idx:
                span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
                after = self._next_word(span.end) if span is not None else None
                if span is not None and span.end < end and after is not None and after.tag_ == "VBG":
                    return span.end
        return end

    def _stranded_that_clauses(self, verb: Token) -> list[Token]:
        """'said Friday during a news conference that...': a that-clause the parser hung
        on a noun inside one of the verb's own adjuncts."""
        found = []
        for child in verb.rights:
            if child.dep_ not in ("prep", "npadvmod", "advmod"):
                continue
            for tok in child.subtree:
                if tok.dep_ in ("acl", "ccomp", "relcl") and any(
                    g.dep_ == "mark" and g.lower_ == "that" and g.i == tok.left_edge.i for g in tok.children
                ):
                    found.append(tok)
        return found

    def _with_that_conjuncts(self, verb: Token, rng: TokRange) -> TokRange:
        """'said that X, and that Y': the second that-clause, hung on the verb, joins the content."""
        start, end = rng
        for child in verb.rights:
            if (
                child.dep_ == "conj"
                and child.i >= end
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
            ):
                trimmed = trim(self.doc, (start, child.right_edge.i + 1))
                if trimmed:
                    start, end = trimmed
        return start, end

    def _is_clause(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)

    def _clause_range(self, verb: Token, clause: Token) -> TokRange | None:
        start, end = subtree_range(clause)
        # the reporting clause never belongs to the content, even when the parse says so
        if start <= verb.i < end:
            if clause.i < verb.i:
                end = verb.i
            else:
                start = verb.i + 1
        start = self._skip_reduced_relative(clause, start, end)
        start = self._skip_dateline(start, end)
        end = self._cut_according_to(start, end)
        end = self._cut_attached_cues(clause, start, end)
        end = self._cut_dash_gloss(start, end)
        end = self._cut_trailing_aside(clause, start, end)
        if clause.i < verb.i:
            end = self._clip_to_head_quote(clause, start, end)
            start = self._start_at_introduced_quote(start, end)
        return trim(self.doc, (start, end))

    def _cut_according_to(self, start: int, end: int) -> int:
        """'...said that X, according to exit polls': the 'according to' phrase is an
        attribution of its own, around this one."""
        for i in range(start + 1, end - 1):
            if (
                self.doc[i].lower_ == "according"
                and self.doc[i + 1].lower_ == "to"
                and not self._inside_quote(self.doc[i].idx)
            ):
                return i
        return end

    def _skip_dateline(self, start: int, end: int) -> int:
        """'WASHINGTON (AP) — Donald Trump has...': the dateline is not content."""
        for i in range(start, min(end, start + 12)):
            tok = self.doc[i]
            if tok.text in ("—", "–", "--", "-") and i > start:
                words = [t for t in self.doc[start:i] if t.is_alpha]
                if words and all(t.is_upper or t.text in ("AP", "UPI") for t in words):
                    return i + 1
                return start
            lowercase_word = tok.is_alpha and not tok.is_upper and tok.text not in ("AP", "UPI")
            if lowercase_word and not any(t.text == "(" for t in self.doc[start:i]):
                return start
        return start

    def _skip_reduced_relative(self, clause: Token, start: int, end: int) -> int:
        """'said ... to AIPAC delegates gathered in Washington that Israel must...': a
        subjectless verb the parser took for the complement; the content starts at 'that'."""
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in clause.children):
            return start
        for i in range(start, min(end, start + 12)):
            tok = self.doc[i]
            if tok.dep_ == "mark" and tok.lower_ == "that":
                return i
        return start

    def _cut_trailing_aside(self, clause: Token, start: int, end: int) -> int:
        """'...helped Clinton, who does not need to...', '..., which is spread by
        mosquitoes': a non-restrictive relative clause after a comma is the writer's
        description, not the source's words; so is a contrast the writer adds ('they prefer
        an outsider, while about 4 in 10 want experience'). (Trailing participles and adverbials after a
        comma were measured too: PolNeAR keeps about as many as it drops.)"""
        for i in range(max(start + 2, clause.i + 1), end - 1):
            comma = self.doc[i]
            if comma.text != "," or self._inside_quote(comma.idx) or self._in_brackets(start, i):
                continue
            nxt = self.doc[i + 1]
            if nxt.lower_ in ("which", "who", "whom", "whose") and nxt.head.dep_ == "relcl":
                return i
            if (
                nxt.lower_ in CONTRAST_MARKERS
                and nxt.dep_ == "mark"
                and nxt.head.i != clause.i
                and nxt.head.head.i == clause.i
            ):
                return i
        return end

    def _in_brackets(self, start: int, i: int) -> bool:
        depth = 0
        for tok in self.doc[start:i]:
            depth += tok.text in ("(", "[")
            depth -= tok.text in (")", "]")
        return depth > 0

    def _cut_dash_gloss(self, start: int, end: int) -> int:
        """'... the “anchor (not) baby” — a play on words with ...': a dash followed by a
        noun phrase is the writer's gloss, not the source's words."""
        for i in range(start + 2, end - 2):
            tok = self.doc[i]
            if tok.text in ("—", "–", "--") and not self._inside_quote(tok.idx):
                nxt = self.doc[i + 1]
                if (
                    nxt.pos_ == "DET"
                    and nxt.dep_ == "det"
                    and nxt.head.dep_ in ("appos", "npadvmod", "dep", "attr", "dobj", "conj")
                ):
                    return i
        return end

    def _start_at_introduced_quote(self, start: int, end: int) -> int:
        """'Rhimes declared the need for drive: “Change the world,” she said.': content
        before its cue that ends with a quotation introduced by a colon is the quotation."""
        last = end - 1
        while last > start and (is_space(self.doc[last]) or self.doc[last].text in ",."):
            last -= 1
        if not is_quote_mark(self.doc[last]):
            return start
        quote = next(
            (q for q in self.quotes if q.closed and q.end == self.doc[last].idx + len(self.doc[last].text)), None
        )
        if quote is None:
            return start
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or span.start <= start:
            return start
        prev = span.start - 1
        while prev > start and is_space(self.doc[prev]):
            prev -= 1
        return span.start if self.doc[prev].text in (":", ".") else start

    def _clip_to_head_quote(self, clause: Token, start: int, end: int) -> int:
        """Content before its cue whose head is quoted ends with the quotation:
        '“Yes, I support Ted Cruz,” Brent Bozell III, founder of..., tells...'"""
        for q in self.quotes:
            if q.start < clause.idx < q.end and q.closed:
                last = end
                while last > start + 1 and self.doc[last - 1].idx >= q.end:
                    last -= 1
                return last
        return end

    def _cut_attached_cues(self, clause: Token, start: int, end: int) -> int:
        """Content stops before what the reporting clause, not the source, adds:
        a participle after a comma ('..., calling them...', '..., referring to...'), a
        coordinated clause with another subject ('they prefer X, and about the same
        numbers would rather see Y'), or a coordinated cue of the source's own ('he
        respects Clinton and calls her...'). Second that-clauses stay."""
        subject = next((c.lower_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        complementizer = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        for tok in self.doc[start:end]:
            if tok.i <= clause.i or self._inside_quote(tok.idx) or tok.pos_ not in ("VERB", "AUX"):
                continue
            before = self.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
            if before is None:
                continue
            if any(c.dep_ == "mark" for c in tok.children):
                continue
            own_subject = next((c.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            participle = (
                tok.tag_ == "VBG"
                and tok.dep_ in ("advcl", "xcomp", "conj")
                and before.text == ","
                and self._is_verb_cue(tok)
            )
            coordinated = (
                tok.dep_ == "conj"
                and before.dep_ == "cc"
                and own_subject is not None
                and own_subject != subject
                and own_subject not in PERSONAL_PRONOUNS  # 'said X and he feels Y': still the source speaking
                and not complementizer  # 'says that 31,184 were killed, and some 72,899 injured'
            )
            own_cue = (
                tok.dep_ == "conj"
                and before.dep_ == "cc"
                and own_subject is None
                and tok.tag_ in ("VBD", "VBZ", "VBP")
                and self._is_verb_cue(tok)
                and self.verbs[cue_lemma(tok)].cls in ("speech", "report", "endorsement")
            )
            # 'said X but did not detail Y': what the source left out is the writer's remark
            omission = (
                tok.dep_ == "conj"
                and before.dep_ == "cc"
                and own_subject is None
                and any(c.dep_ == "aux" and c.lower_ in ("did", "does", "do") for c in tok.children)
            )
            if not (participle or coordinated or own_cue or omission):
                continue
            boundary = tok.left_edge.i
            while boundary > start and (
                self.doc[boundary - 1].dep_ == "cc" or self.doc[boundary - 1].text in (",", ";", "—")
            ):
                boundary -= 1
            if boundary > clause.i:
                return boundary
        return end

    def _next_word(self, i: int) -> Token | None:
        """The first token from ``i`` on that is neither space nor a comma or colon."""
        while i < len(self.doc) and (is_space(self.doc[i]) or self.doc[i].text in (",", ":")):
            i += 1
        return self.doc[i] if i < len(self.doc) else None

    def _inside_quote(self, char: int) -> bool:
        return any(q.start < char < q.end for q in self.quotes)

    def _inverted_content(self, verb: Token) -> list[TokRange]:
        """'The plan, he said, is flawed.' / 'It is flawed, he said.' / 'It is under
        pressure, said its chief executive.' where the parser made the reporting verb a
        dependent of the content's main verb."""
        head = verb.head
        if head.i == verb.i or verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj"):
            return []
        if verb.dep_ == "conj" and not any(c.dep_ == "nsubj" and c.i > verb.i for c in verb.children):
            return []  # '..., said the company's chief executive' only: the subject after its verb
        nxt = self._next_word(verb_group(verb)[1])
        if nxt is not None and is_quote_mark(nxt) and self.doc[nxt.i - 1].text in (",", ":"):
            return []  # 'Adelson said, “...”': the quotation after the verb is the content
        if not any(c.dep_ in ("nsubj",) for c in verb.children):
            return []
        if verb.dep_ != "parataxis":
            # only a reporting clause set off by a comma after its content
            prev = self.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
            if prev is None or prev.text not in (",", "—", "–") or verb.i < head.i:
                return []
        own = set(range(verb.left_edge.i, verb.right_edge.i + 1))
        keep = [i for i in range(head.left_edge.i, head.right_edge.i + 1) if i not in own]
        ranges = [r for r in (trim(self.doc, rng) for rng in runs(keep)) if r]
        return ranges

    def _sentient(self, subject: Token | None) -> Token | None:
        """'She issued a statement saying...': the source is whoever produced the
        statement (the guidelines' sentient source), when the text names them."""
        if subject is None or self.source_nouns.get(subject.lemma_.lower()) != "document":
            return subject
        if subject.dep_ in ("dobj", "pobj") and not any(c.dep_ == "poss" for c in subject.children):
            producer = subject.head if subject.dep_ == "dobj" else subject.head.head
            if producer.pos_ in ("VERB", "AUX"):
                found = find_subject(producer)
                if found is not None and self.source_nouns.get(found.lemma_.lower()) != "document":
                    return found
        return subject

    def _cited_source(self, verb: Token) -> Token | None:
        """ "reported, citing four US officials": the officials are where it came from."""
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() == "cite":
                for obj in child.children:
                    if obj.dep_ == "dobj" and self._source_like(obj):
                        return obj
        return None

    def _source_like(self, tok: Token) -> bool:
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        return self.source_nouns.get(tok.lemma_.lower()) in ("person", "group", "organization", "outlet", "document")

    def _recipient(self, verb: Token) -> int | None:
        """Who was told: "told Politico", "spoke to the outlet", "said to reporters"."""
        for child in verb.children:
            if child.dep_ in ("dative", "dobj") and verb.lemma_.lower() in ("tell", "inform", "brief", "assure"):
                return child.i
            if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj.i
        return None

    # --------------------------------------------------------- according to
    def _according_to(self, according: Token) -> Candidate | None:
        """'According to X, Y.' / 'Y, according to X.' / 'Y, according to X, Z.': the
        content is the rest of the sentence, read linearly (the parser often hangs the
        phrase on one conjunct only), within the colon- or semicolon-separated segment
        next to the phrase, without an introductory participle ('Entering June, ...')."""
        to = self.doc[according.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in according.children if c.dep_ == "pobj"]
        if not objs:
            return None
        source_tok = objs[0]
        sent = self.sentences.of_token(according.i)
        pp_end = self._phrase_end(to.i + 1, sent.end)
        pp_start = according.i
        if pp_start > sent.start and self.doc[pp_start - 1].text == ",":
            pp_start -= 1
        before = self._segment(sent.start, pp_start, last=True)
        after = self._segment(pp_end, sent.end, last=False)
        ranges = [r for r in (before, after) if r and any(self.doc[i].is_alpha for i in range(*r))]
        if not ranges:
            return None
        return Candidate(
            content=self._ranges(ranges),
            cue=chars(self.doc, (according.i, to.i + 1)),
            source=self._mention(source_tok),
            pattern="according_to",
            cue_class="according_to",
            stance="neutral",
            confidence=CONFIDENCE["according_to"],
            cue_head=according.i,
            source_head=source_tok.i,
        )

    def _phrase_end(self, start: int, limit: int) -> int:
        """End of a phrase: the next comma, colon or semicolon outside quotes and brackets."""
        depth = 0
        for i in range(start, limit):
            text = self.doc[i].text
            if text in ("(", "["):
                depth += 1
            elif text in (")", "]"):
                depth = max(0, depth - 1)
            elif depth == 0 and text in (",", ";", ":", "—") and not self._inside_quote(self.doc[i].idx):
                return i
        return limit

    def _segment(self, start: int, end: int, *, last: bool) -> TokRange | None:
        """The part of tokens [start, end) next to a cut: after the last (or before the
        first) colon or semicolon, without an introductory participial phrase."""
        seps = [
            i for i in range(start, end) if self.doc[i].text in (":", ";") and not self._inside_quote(self.doc[i].idx)
        ]
        if seps:
            start, end = (seps[-1] + 1, end) if last else (start, seps[0])
        first = next((self.doc[i] for i in range(start, end) if not is_space(self.doc[i])), None)
        if first is not None and first.tag_ in ("VBG", "VBN") and first.dep_ in ("advcl", "csubj", "ROOT", "acl"):
            comma = next((i for i in range(first.i, end) if self.doc[i].text == "," and i >= first.right_edge.i), None)
            if comma is not None:
                start = comma + 1
        return trim(self.doc, (start, end)) if end > start else None

    # ------------------------------------------------------------ noun cues
    def _noun_candidate(self, noun: Token) -> Candidate | None:
        entry = self.nouns[noun.lemma_.lower()]
        content_tok = None
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp") and any(
                (g.dep_ == "mark" and g.lower_ == "that") or (g.lower_ == "to" and g.dep_ == "aux")
                for g in child.children
            ):
                content_tok = child
        if content_tok is None and noun.dep_ == "dobj":
            # 'faced growing calls from his fellow Democrats to push Israel...': the
            # infinitive hangs on the verb, right after the noun's phrase
            content_tok = next(
                (
                    c
                    for c in noun.head.rights
                    if c.dep_ == "xcomp"
                    and c.left_edge.i == noun.right_edge.i + 1
                    and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
                ),
                None,
            )
        if content_tok is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            for sib in noun.head.children:
                if sib.dep_ in ("ccomp", "attr") and sib.i > noun.i and self._is_clause(sib):
                    content_tok = sib
        if content_tok is None:
            return self._noun_prep_candidate(noun, entry)
        rng = trim(self.doc, subtree_range(content_tok))
        if not rng:
            return None
        possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
        if possessor is None:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    possessor = next((g for g in child.children if g.dep_ == "pobj"), None)
        if possessor is None:
            return None  # 'without a plan to protect...': nobody is said to hold it
        return Candidate(
            content=self._ranges([rng]),
            cue=chars(self.doc, (noun.i, noun.i + 1)),
            source=self._mention(possessor),
            pattern="noun",
            cue_class=entry.cls,
            stance=entry.stance,
            confidence=0.55,
            cue_head=noun.i,
            source_head=possessor.i,
        )

    def _noun_prep_candidate(self, noun: Token, entry: lexicon.CueEntry) -> Candidate | None:
        """'her attacks on Sanders' record', 'his support for the bill', 'made no mention
        of God': the preposition's object is the content; the possessor, or the subject of
        the verb the noun is the object of, is the source."""
        if noun.dep_ == "dobj" and self._is_verb_cue(noun.head):
            return None  # 'called Trump's remarks about a judge “racist”': the verb's attribution holds it
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in entry.preps), None)
        if prep is None:
            return None
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None:
            return None
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            source = find_subject(noun.head)
        if source is None or source.lower_ in ("it", "there"):
            return None
        rng = trim(self.doc, subtree_range(obj))
        if rng is None:
            return None
        return Candidate(
            content=self._ranges([rng]),
            cue=chars(self.doc, (noun.i, prep.i + 1)),
            source=self._mention(source),
            pattern="noun",
            cue_class=entry.cls,
            stance=entry.stance,
            confidence=0.45,
            cue_head=noun.i,
            source_head=source.i,
        )

    # --------------------------------------------------- colon and dash cues
    def _colon_candidates(self) -> list[Candidate]:
        """Paragraphs such as "WALLACE: Let's start..." or "Pat Caddell: Voters worried"."""
        found = []
        for p_start, p_end in self.paragraphs:
            span = self.doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            colon = next((t for t in span[:8] if t.text == ":"), None)
            if colon is None or colon.i == span.start:
                continue
            speaker = [t for t in self.doc[span.start : colon.i] if not is_space(t)]
            dash = next((k for k, t in enumerate(speaker) if t.text in DASHES), None)
            if dash is not None and dash < len(speaker) - 1:
                speaker = speaker[dash + 1 :]  # "EXCLUSIVE – Roger Stone: ..."
            if not speaker or len(speaker) > 5:
                continue
            if any(t.lower_ in COLON_STOPLIST for t in speaker):
                continue
            if not all(
                t.pos_ == "PROPN" or t.is_title or t.is_upper or t.lower_ in ("the", "of", "mr.", "ms.")
                for t in speaker
            ):
                continue
            if speaker[-1].like_num or (colon.i + 1 < len(self.doc) and self.doc[colon.i + 1].like_num):
                continue
            rest = trim(self.doc, (colon.i + 1, span.end))
            if not rest or sum(1 for t in self.doc[rest[0] : rest[1]] if t.is_alpha) < 3:
                continue
            found.append(
                Candidate(
                    content=self._ranges([rest]),
                    cue=chars(self.doc, (colon.i, colon.i + 1)),
                    source=chars(self.doc, (speaker[0].i, speaker[-1].i + 1)),
                    pattern="colon",
                    cue_class="speech",
                    stance="neutral",
                    confidence=0.6,
                    cue_head=colon.i,
                    source_head=speaker[-1].i,
                )
            )
        return found

    def _headline_candidates(self, found: list[Candidate]) -> list[Candidate]:
        """Title-case lines such as 'Conservative Icon Morton Blackwell Endorses Ted Cruz',
        which the parser reads badly: the first capitalised finite cue verb splits the line
        into source and content."""
        extra = []
        for p_start, p_end in self.paragraphs:
            if p_end - p_start > 220 or any(c.start < p_end and p_start < c.end for c in found):
                continue
            span = self.doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None:
                continue
            words = [t for t in span if t.is_alpha and len(t) > 3]
            if len(words) < 3 or sum(t.is_title or t.is_upper for t in words) < 0.7 * len(words):
                continue
            toks = [t for t in span if not is_space(t)]
            for k, tok in enumerate(toks[1:-1], start=1):
                lemma = verb_form_lemma(tok.lower_)
                if lemma is None or lemma not in self.verbs or not (tok.is_title or tok.is_upper):
                    continue
                first = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text == ":"), 0)
                if first >= k:
                    break
                stop = next(
                    (t.i for t in toks[k + 2 :] if t.lower_ in HEADLINE_BREAKS and (t.is_title or t.is_upper)),
                    toks[-1].i + 1,
                )
                content = trim(self.doc, (tok.i + 1, stop))
                source = trim(self.doc, (toks[first].i, tok.i), keep_marks=False)
                if content is None or source is None or not _prose(self.doc[content[0] : content[1]]):
                    break
                entry = self.verbs[lemma]
                extra.append(
                    Candidate(
                        content=self._ranges([content]),
                        cue=chars(self.doc, (tok.i, tok.i + 1)),
                        source=chars(self.doc, source),
                        pattern="headline",
                        cue_class=entry.cls,
                        stance=entry.stance,
                        confidence=0.5,
                        cue_head=tok.i,
                        source_head=source[1] - 1,
                    )
                )
                break
        return extra

    def _dash_candidates(self, found: list[Candidate]) -> list[Candidate]:
        """A quotation signed with a dash: '“...” — Donald J. Trump (@realDonaldTrump)'."""
        extra = []
        for quote in self.quotes:
            if not quote.closed:
                continue
            j = quote.end
            while j < len(self.text) and self.text[j] in " \t\u00a0\n":
                j += 1
            dash_end = j
            while dash_end < len(self.text) and self.text[dash_end] in "—–―-":
                dash_end += 1
            if dash_end == j:
                continue
            name = self.doc.char_span(dash_end, min(len(self.text), dash_end + 60), alignment_mode="expand")
            if name is None:
                continue
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
            if not toks or not any(t.pos_ == "PROPN" for t in toks):
                continue
            extra.append(
                Candidate(
                    content=[(quote.start, quote.end)],
                    cue=(j, dash_end),
                    source=chars(self.doc, (toks[0].i, toks[-1].i + 1)),
                    pattern="dash",
                    cue_class="speech",
                    stance="neutral",
                    confidence=0.6,
                    source_head=toks[-1].i,
                    quote_chains={quote.chain},
                )
            )
        return extra

    # -------------------------------------------------------------- quotes
    def _snap_to_quotes(self, found: list[Candidate]) -> list[Candidate]:
        """Content that reaches into a quotation takes all of it, marks included."""
        for cand in found:
            spans = []
            for s, e in cand.content:
                for q in self.quotes:
                    if overlap((s, e), (q.start, q.end)) > 0:
                        s, e = min(s, q.start), max(e, q.end)
                        cand.quote_chains.add(q.chain)
                spans.append((s, e))
            cand.content = _merge(spans)
        return found

    def _attach_quotes(self, found: list[Candidate]) -> list[Candidate]:
        """Quotations no cue claimed: a cue right after or before them, the chain of a
        quotation already attributed, or the last speaker continuing."""
        ordered = sorted(found, key=lambda c: c.start)
        for quote in self.quotes:
            qr = (quote.start, quote.end)
            if any(_mostly_inside(qr, c.content) for c in found):
                continue
            words = len(self.text[quote.start : quote.end].split())
            if words < MIN_QUOTE_WORDS and not self._stands_alone(quote):
                continue
            cand = self._cue_after(quote) or self._cue_before(quote)
            if cand is not None:
                if cand not in found:
                    found.append(cand)
                    ordered = sorted(found, key=lambda c: c.start)
                continue
            owner = self._continued_speaker(quote, ordered)
            if owner is not None:
                owner.content = _merge([*owner.content, qr])
                owner.quote_chains.add(quote.chain)
        return found

    def _stands_alone(self, quote: Quote) -> bool:
        """Whether a quotation is a sentence or paragraph of its own."""
        before = self.text[: quote.start].rstrip(" \t\u00a0•*-–—")
        return not before or before[-1] in "\n.!?:"

    def _cue_after(self, quote: Quote) -> Candidate | None:
        """'“...,” the official said.' / '“...,” said Dr. Talcott.'"""
        span = self.doc.char_span(quote.end, min(len(self.text), quote.end + 120), alignment_mode="expand")
        if span is None:
            return None
        first = span.start
        for seen, tok in enumerate(self.doc[first : min(len(self.doc), first + 12)]):
            if tok.text == "\n" or "\n" in tok.text or (is_quote_mark(tok) and tok.i > first):
                break
            if tok.is_punct and tok.text in ".!?" and seen:
                break
            if self._is_verb_cue(tok):
                return self._quote_candidate(tok, quote)
        return None

    def _cue_before(self, quote: Quote) -> Candidate | None:
        """'He said: “...”' / 'Sullivan told reporters at the White House, “...'"""
        before = self.text[: quote.start].rstrip()
        if not before or before[-1] not in ",:—–":
            return None
        span = self.doc.char_span(max(0, quote.start - 200), quote.start, alignment_mode="expand")
        if span is None:
            return None
        toks = list(span)
        while toks and is_space(toks[-1]):
            toks.pop()
        for tok in reversed(toks[-14:]):
            if "\n" in tok.text or is_quote_mark(tok):
                break
            if self._is_verb_cue(tok):
                return self._quote_candidate(tok, quote)
        if toks and toks[-1].text == ":":
            return self._colon_quote(toks[-1], quote)
        return None

    def _colon_quote(self, colon: Token, quote: Quote) -> Candidate | None:
        """'More from the report: “...”', 'She then addressed the supporters again: “...”':
        the colon is the cue; the source is the noun phrase before it or the subject of
        the clause it ends."""
        prev = self.doc[colon.i - 1] if colon.i > 0 else None
        if prev is None or prev.is_space:
            return None
        source = None
        if prev.pos_ in ("PROPN", "NOUN", "PRON") and (
            prev.pos_ == "PROPN" or prev.lemma_.lower() in self.source_nouns
        ):
            source = prev
            while source.dep_ in ("compound", "flat") and source.head.i > source.i:
                source = source.head
        else:
            verb = (
                prev
                if prev.pos_ in ("VERB", "AUX")
                else next((a for a in prev.ancestors if a.pos_ in ("VERB", "AUX")), None)
            )
            source = find_subject(verb) if verb is not None else None
        if source is None or source.i >= colon.i:
            return None
        return Candidate(
            content=[(quote.start, quote.end)],
            cue=chars(self.doc, (colon.i, colon.i + 1)),
            source=self._mention(source),
            pattern="colon",
            cue_class="speech",
            stance="neutral",
            confidence=0.55,
            cue_head=colon.i,
            source_head=source.i,
            quote_chains={quote.chain},
        )

    def _quote_candidate(self, verb: Token, quote: Quote) -> Candidate | None:
        subject = find_subject(verb)
        if subject is not None and quote.start <= subject.idx < quote.end:
            outside = [c for c in verb.children if c.dep_ == "nsubj" and not quote.start <= c.idx < quote.end]
            subject = outside[0] if outside else None
        if subject is None:
            subject = self._inverted_subject(verb)
        if subject is not None and quote.start <= subject.idx < quote.end:
            return None
        existing = self.by_cue.get(verb.i)
        qr = (quote.start, quote.end)
        if existing is not None:
            existing.content = _merge([*existing.content, qr])
            existing.quote_chains.add(quote.chain)
            return existing
        entry = self.verbs[cue_lemma(verb)]
        cand = Candidate(
            content=[qr],
            cue=chars(self.doc, verb_group(verb)),
            source=self._mention(subject) if subject is not None else None,
            pattern="quote",
            cue_class=entry.cls,
            stance=entry.stance,
            confidence=CONFIDENCE.get(entry.cls, 0.6) - (0 if subject is not None else 0.2),
            cue_head=verb.i,
            source_head=subject.i if subject is not None else None,
            recipient_head=self._recipient(verb),
            quote_chains={quote.chain},
        )
        self.by_cue[verb.i] = cand
        return cand

    def _inverted_subject(self, verb: Token) -> Token | None:
        """'said Dr. Talcott': a noun right after the verb, parsed as its object."""
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and (child.pos_ in ("PROPN", "NOUN", "PRON")):
                return child
        return None

    def _continued_speaker(self, quote: Quote, ordered: list[Candidate]) -> Candidate | None:
        """The attribution a cue-less quotation continues: the same multi-paragraph
        chain, or the last quotation-bearing attribution before it, when only short
        paraphrase ('she said, adding that ...') or a paragraph break lies between."""
        for cand in ordered:
            if quote.chain in cand.quote_chains:
                return cand
        previous = [c for c in ordered if c.end <= quote.start]
        quoted = [c for c in previous if c.quote_chains and c.source is not None]
        if not quoted:
            return None
        last = max(quoted, key=lambda c: c.end)
        gap = self.text[last.end : quote.start]
        if gap.count("\n\n") > 1 or len(gap) > 400:
            return None
        if not self._stands_alone(quote) and len(gap.split()) > 8:
            return None
        return last

    # -------------------------------------------------------------- nesting
    def _drop_nested(self, found: list[Candidate]) -> list[Candidate]:
        """Only the outermost attribution counts; identical content keeps the surest cue."""
        kept: list[Candidate] = []
        for cand in sorted(found, key=lambda c: (-c.content_chars(), -c.confidence)):
            cue = cand.cue
            nested = False
            for outer in kept:
                if cue is not None and outer.covers(cue) and not (outer.cue and cand.covers(outer.cue)):
                    nested = True
                    break
                if _same_content(outer.content, cand.content):
                    nested = True
                    break
            if not nested:
                kept.append(cand)
        return kept

    # -------------------------------------------------------------- helpers
    def _ranges(self, token_ranges: list[TokRange]) -> list[CharRange]:
        return _merge([chars(self.doc, r) for r in token_ranges])

    def _mention(self, tok: Token) -> CharRange:
        return chars(self.doc, mention_range(tok))

    def _in_quote(self, rng: TokRange) -> bool:
        s, e = chars(self.doc, rng)
        return any(overlap((s, e), (q.start, q.end)) > (e - s) // 2 for q in self.quotes)


def cue_lemma(tok: Token) -> str:
    """The token's lemma, corrected where the pipeline's lemmatizer is known to err."""
    return lexicon.lemma_fixes().get(tok.lower_) or tok.lemma_.lower()


def _prose(span: object) -> bool:
    """Whether tokens read as words, not a date or a number: three or more alphabetic
    tokens, or a verb."""
    toks = list(span)  # type: ignore[call-overload]
    if any(t.ent_type_ in ("DATE", "TIME") for t in toks) and sum(t.is_alpha for t in toks) < 4:
        return False
    return sum(t.is_alpha for t in toks) >= 3 or any(t.pos_ in ("VERB", "AUX") for t in toks)


def verb_form_lemma(word: str) -> str | None:
    """The lemma of a finite verb form in a lexicon-free way: says -> say, praises ->
    praise, denies -> deny, blasted -> blast, said/told/took... -> None unless listed."""
    irregular = lexicon.irregular_forms()
    if word in irregular:
        return irregular[word]
    verbs = lexicon.cue_verbs()
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("es", "e"),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            if stem in verbs:
                return stem
    return None


def _merge(spans: list[CharRange]) -> list[CharRange]:
    merged: list[CharRange] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _overlaps_any(rng: CharRange | None, spans: list[CharRange]) -> bool:
    return rng is not None and any(overlap(rng, s) > 0 for s in spans)


def _mostly_inside(rng: CharRange, spans: list[CharRange]) -> bool:
    inside = sum(overlap(rng, s) for s in spans)
    return inside * 2 >= rng[1] - rng[0]


def _same_content(a: list[CharRange], b: list[CharRange]) -> bool:
    sa = sum(e - s for s, e in a)
    sb = sum(e - s for s, e in b)
    shared = sum(overlap(x, y) for x in a for y in b)
    return shared * 10 >= 9 * max(sa, sb)
