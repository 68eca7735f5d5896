"""Who gets quoted: a person's gender as the text states it, with the spans that decided it,
and every source's role class (source.gender.v3, source.role_class.v3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from accordingto.models import Analysis, Source
from accordingto.query import Corpus
from accordingto.store.rows import analysis_to_rows, rows_to_analysis
from tests.analyze.test_sources import source_of

Analyse = Callable[[str], Analysis]


def evidence(src: Source) -> list[str]:
    return [e.text for e in src.gender_evidence]


# ----------------------------------------------------------------------------- gender
def test_a_pronoun_resolved_to_a_named_person_states_her_gender(analyse: Analyse) -> None:
    text = "Maria Lopez spoke first. She said the water was unsafe."
    src = source_of(analyse(text), "water was unsafe")
    assert (src.name, src.gender, src.gender_basis) == ("Maria Lopez", "female", "text")
    assert evidence(src) == ["She"]
    (span,) = src.gender_evidence
    assert text[span.start : span.end] == "She"


def test_an_honorific_before_the_name_states_his_gender(analyse: Analyse) -> None:
    src = source_of(analyse("Mr. Okafor said the deal was close."), "deal was close")
    assert (src.gender, src.gender_basis, evidence(src)) == ("male", "text", ["Mr."])


def test_a_gendered_role_noun_states_the_gender_of_an_unnamed_source(analyse: Analyse) -> None:
    src = source_of(analyse("A spokeswoman said the roads were closed."), "roads were closed")
    assert (src.gender, src.gender_basis, evidence(src)) == ("female", "text", ["spokeswoman"])


def test_a_gendered_noun_of_the_role_counts_too(analyse: Analyse) -> None:
    src = source_of(analyse("Pat Reyes, the chairwoman of the board, said the vote was set."), "vote was set")
    assert (src.gender, evidence(src)) == ("female", ["chairwoman"])


def test_an_honorific_and_a_role_noun_that_disagree_give_unknown_and_keep_both(analyse: Analyse) -> None:
    src = source_of(analyse("Ms. Jordan, a spokesman for the city, said the roads were closed."), "roads")
    assert (src.gender, src.gender_basis) == ("unknown", "text")
    assert evidence(src) == ["Ms.", "spokesman"]


def test_a_pronoun_and_a_role_noun_that_disagree_give_unknown_and_keep_both(analyse: Analyse) -> None:
    text = (
        "Lee said the plan was sound. He said it would pass. Lee, the chairwoman of the board, said the vote was set."
    )
    analysis = analyse(text)
    src = source_of(analysis, "vote was set")
    assert src is source_of(analysis, "it would pass")
    assert (src.gender, src.gender_basis) == ("unknown", "text")
    assert evidence(src) == ["He", "chairwoman"]


def test_a_name_alone_says_nothing_of_gender(analyse: Analyse) -> None:
    src = source_of(analyse("Okafor said the deal was close."), "deal was close")
    assert (src.gender, src.gender_basis, src.gender_evidence) == ("unknown", "none", [])
    assert "source.gender.v3" not in src.rules


def test_she_still_does_not_resolve_to_a_man(analyse: Analyse) -> None:
    analysis = analyse("Mr. Okafor met Ms. Lund on Monday. She said the deal was close.")
    src = source_of(analysis, "deal was close")
    assert (src.name, src.gender) == ("Lund", "female")
    assert set(evidence(src)) == {"Ms.", "She"}
    assert all(s.gender != "male" or "She" not in evidence(s) for s in analysis.sources)


def test_a_stated_they_them_is_nonbinary_and_a_plural_they_is_no_evidence(analyse: Analyse) -> None:
    src = source_of(analyse("Alex Kim, who uses they/them pronouns, said the park was closed."), "park")
    assert (src.gender, src.gender_basis) == ("nonbinary", "text")
    assert len(src.gender_evidence) == 1 and "they/them" in src.gender_evidence[0].text
    group = source_of(analyse("Residents met on Monday. They said the water smelled."), "water smelled")
    assert (group.gender, group.gender_basis, group.gender_evidence) == ("unknown", "none", [])


def test_groups_organizations_and_outlets_have_no_gender(analyse: Analyse) -> None:
    """A group has no single gender: where the text counts its members by gender, the counts
    say it (source.group_gender.v1); an outlet has neither."""
    analysis = analyse("Two policewomen said the road was shut. Reuters reported that the talks had stalled.")
    group = source_of(analysis, "the road was shut")
    outlet = source_of(analysis, "the talks had stalled")
    for src in analysis.sources:
        assert src.kind != "person" and src.gender == "unknown"
    assert (group.gender_counts, [e.text for e in group.gender_evidence]) == ({"female": 2}, ["policewomen"])
    assert (outlet.gender_basis, outlet.gender_evidence, outlet.gender_counts) == ("none", [], {})


# ----------------------------------------------------------------------------- the rest of the text
def test_a_pronoun_outside_the_attributions_that_can_only_mean_the_source_counts(analyse: Analyse) -> None:
    text = "Jeh Johnson said the threat was real. Johnson did not name a city in his remarks."
    src = source_of(analyse(text), "the threat was real")
    assert (src.gender, src.gender_basis, evidence(src)) == ("male", "text", ["his"])
    (span,) = src.gender_evidence
    assert text[span.start : span.end] == "his" and span.start > text.index("remarks") - 5


def test_a_pronoun_in_the_content_of_its_own_source_counts(analyse: Analyse) -> None:
    src = source_of(analyse("Ted Cruz said he had doubts about his chances."), "doubts")
    assert (src.gender, evidence(src)) == ("male", ["he", "his"])


def test_his_or_her_right_after_the_surname_and_and_is_the_persons(analyse: Analyse) -> None:
    """ "Ortiz and her students": the "her" is Ortiz's."""
    text = "Lena Ortiz said the results were clear. Ortiz and her students wrote that the plumes were rare."
    src = source_of(analyse(text), "the results were clear")
    assert (src.gender, evidence(src)) == ("female", ["her"])
    text = "Lena Ortiz said the results were clear. The students wrote that the plumes were rare."
    assert source_of(analyse(text), "the results were clear").gender == "unknown"


def test_the_speaker_set_in_the_sentence_before_is_the_pronouns_lead(analyse: Analyse) -> None:
    """ "..., Hollis said, is ...": Hollis leads the "he" of the next sentence, and "Border" of
    "Border agents" (written "the border" elsewhere) is no person between them."""
    text = (
        "In October, Rep. Dan Hollis visited the border near Laredo and argued that the country needs more "
        "agents. A major part of the reason that more agents are needed, Hollis said, is the flow of drugs across "
        'the border. Border agents "say you have to watch this — $20 million a week is coming across," he said, '
        "according to the Wheeling Courier."
    )
    src = source_of(analyse(text), "the flow of drugs")
    assert (src.name, src.gender, evidence(src)) == ("Dan Hollis", "male", ["he"])


def test_a_pronoun_two_people_could_be_is_no_evidence(analyse: Analyse) -> None:
    analysis = analyse("Dana Reyes called Robin Hale on Monday. Reyes told Hale that the talks went well for her.")
    src = source_of(analysis, "the talks went well")
    assert (src.gender, src.gender_evidence) == ("unknown", [])


def test_an_object_pronoun_never_means_the_subject_of_its_clause(analyse: Analyse) -> None:
    """ "McConnell met with her": she is someone else, not McConnell."""
    text = "Suu Kyi invited him to visit. McConnell met with her in January. McConnell said the talks helped."
    src = source_of(analyse(text), "the talks helped")
    assert (src.name, src.gender, src.gender_evidence) == ("McConnell", "unknown", [])


def test_a_sentence_that_is_all_quotation_is_passed_over_to_its_speaker(analyse: Analyse) -> None:
    text = (
        'Analyst Jonathan Matuszewski said the market was wrong. "Sales were light," wrote Matuszewski. '
        '"We see a buying opportunity." He is not the only one who is calm.'
    )
    src = source_of(analyse(text), "the market was wrong")
    assert (src.gender, [e.text for e in src.gender_evidence]) == ("male", ["He"])


def test_a_pronoun_in_the_appositive_of_a_name_is_someone_else(analyse: Analyse) -> None:
    text = "Donald Trump, her Republican opponent, said the polls were wrong."
    assert source_of(analyse(text), "the polls were wrong").gender_evidence == []


def test_a_pronoun_that_may_point_forward_is_no_evidence(analyse: Analyse) -> None:
    src = source_of(analyse("Pat Okafor said the plan was sound. After her speech, Lund said it would pass."), "sound")
    assert (src.gender, src.gender_evidence) == ("unknown", [])


def test_a_pronoun_inside_a_quotation_is_no_evidence(analyse: Analyse) -> None:
    src = source_of(analyse('Pat Okafor said: "She told me the plan was sound."'), "plan was sound")
    assert src.name == "Pat Okafor"
    assert src.gender == "unknown"


def test_a_pronoun_after_another_of_its_gender_earlier_in_the_sentence_is_no_evidence(analyse: Analyse) -> None:
    text = (
        "Melanie Hart said on Monday that the count was fair.\n\n"
        "“It never crossed my mind,” she said, and a reason for this was the rise of Dan Corso, "
        "who had talked about the things she had come to believe. Dan Corso said the race was over."
    )
    assert source_of(analyse(text), "the race was over").gender == "unknown"


def test_a_pronoun_in_a_relative_clause_of_another_person_s_noun_is_theirs(analyse: Analyse) -> None:
    text = (
        "Corso walked onto the stage. “That is right, Dan,” Melanie said to the Republican nominee, who "
        "began his speech by thanking all the voters who had got him there. “I would,” Melanie said."
    )
    assert source_of(analyse(text), "I would").gender == "unknown"


def test_a_name_the_text_calls_he_is_passed_over_by_a_she(analyse: Analyse) -> None:
    text = (
        "Dan Corso walked onto the stage. “I love you,” he said to the crowd.\n\n"
        "Kim watched Dan Corso on television. “It is finished,” she said."
    )
    src = source_of(analyse(text), "It is finished")
    assert src.name != "Dan Corso"


def test_a_gendered_word_of_whose_role_it_is_says_nothing_of_the_person(analyse: Analyse) -> None:
    src = source_of(analyse("Andrew, Queen Elizabeth II's third child, said he did not remember."), "remember")
    assert "Queen" not in evidence(src)
    assert src.gender != "female"


def test_an_honorific_given_the_surname_elsewhere_counts_when_nobody_else_has_it(analyse: Analyse) -> None:
    text = "Anna Petrova said the channel would stay. Critics disagreed with Ms. Petrova on Friday."
    src = source_of(analyse(text), "the channel would stay")
    assert (src.gender, evidence(src)) == ("female", ["Ms."])
    two = analyse("Barack Obama said the deal was fair. Michelle Obama spoke later. Mr. Obama left.")
    assert source_of(two, "the deal was fair").gender_evidence == []


def test_gender_adds_fields_and_changes_no_attribution(analyse: Analyse, analyzer) -> None:  # type: ignore[no-untyped-def]
    from accordingto.analyze.analyzer import Job
    from accordingto.analyze.components import Accordingto
    from accordingto.clean import CleanArticle

    text = "Mr. Okafor met Ms. Lund on Monday. She said the deal was close. He said it was not."
    ((job, doc),) = list(analyzer.parse_many([Job(CleanArticle(text=text), "t")]))
    on = analyzer.finish(job, doc, [Accordingto([])])
    off = analyzer.finish(job, doc, [Accordingto(["source.gender.v3", "source.role_class.v3"])])
    assert [a.to_dict() | {"rules": None} for a in on.attributions] == [
        a.to_dict() | {"rules": None} for a in off.attributions
    ]
    assert [(s.id, s.name, s.kind) for s in on.sources] == [(s.id, s.name, s.kind) for s in off.sources]
    assert all(s.gender == "unknown" and s.role_class == "unknown" for s in off.sources)


# ----------------------------------------------------------------------------- role class
def test_role_classes_of_common_sources(analyse: Analyse) -> None:
    cases = {
        "Senator Tim Kaine said the race was close.": "politician_or_official",
        "A spokeswoman said the roads were closed.": "spokesperson",
        "Professor Ann Hale said the data were clear.": "expert_or_academic",
        "A resident said the water smelled.": "ordinary_person",
        "Reuters reported that the talks had stalled.": "journalist_or_outlet",
        "A new report said growth would slow.": "document",
        "Police said the road was closed.": "police",
        "The company's chief executive said sales would rise.": "business",
    }
    for text, expected in cases.items():
        analysis = analyse(text)
        (attr,) = analysis.attributions
        src = analysis.source(attr.source)
        assert src is not None, text
        assert src.role_class == expected, (text, src)


def test_the_head_of_the_role_decides_the_class(analyse: Analyse) -> None:
    src = source_of(analyse("Nick Merrill, a spokesman for the police department, said the road was shut."), "road")
    assert src.role_class == "spokesperson"


def test_a_name_alone_has_no_role_class(analyse: Analyse) -> None:
    src = source_of(analyse("Okafor said the deal was close."), "deal was close")
    assert src.role_class == "unknown"
    assert "source.role_class.v3" not in src.rules


def test_the_title_the_text_gives_the_name_elsewhere_decides_the_class(analyse: Analyse) -> None:
    text = "Senate Minority Leader Harry Reid spoke on Monday. Later, Harry Reid said the vote was close."
    assert source_of(analyse(text), "the vote was close").role_class == "politician_or_official"
    text = (
        "University of Pennsylvania biologist Andrew Vaughan led the study. Andrew Vaughan said the mice lived longer."
    )
    assert source_of(analyse(text), "the mice lived longer").role_class == "expert_or_academic"


def test_an_appositive_a_predicate_or_a_campaign_elsewhere_decides_the_class(analyse: Analyse) -> None:
    text = "The Republican nominee, Donald Trump, held a rally. Donald Trump said the polls were wrong."
    assert source_of(analyse(text), "the polls were wrong").role_class == "politician_or_official"
    text = "The Okafor campaign raised money. Dana Okafor said the polls were wrong."
    assert source_of(analyse(text), "the polls were wrong").role_class == "politician_or_official"


def test_a_party_label_or_an_outlet_affiliation_decides_the_class(analyse: Analyse) -> None:
    src = source_of(analyse("Rep. Dana Okafor (D-Calif.) said the bill would pass."), "the bill would pass")
    assert src.role_class == "politician_or_official"
    src = source_of(analyse("NBC's Dante Chinni said turnout would be high."), "turnout would be high")
    assert src.role_class == "journalist_or_outlet"


def test_a_leader_title_takes_the_class_of_the_body_it_leads(analyse: Analyse) -> None:
    text = "Pat Okafor, president of the teachers' union, said the schools would close."
    assert source_of(analyse(text), "the schools would close").role_class == "civil_society"
    text = "Pat Okafor, president of the United States, said the schools would close."
    assert source_of(analyse(text), "the schools would close").role_class == "politician_or_official"
    text = "Lee Hale, a planetary geologist, said the lava was young."
    assert source_of(analyse(text), "the lava was young").role_class == "expert_or_academic"


def test_a_leader_title_of_a_company_the_text_names_is_business(analyse: Analyse) -> None:
    text = "Dan Hale, president of InfoNation, said the cars were safe."
    assert source_of(analyse(text), "the cars were safe").role_class == "business"
    text = "Olivier Bosc, General Manager of Life Care Solutions at GE Healthcare, said sales rose."
    assert source_of(analyse(text), "sales rose").role_class == "business"


def test_someone_voted_for_stood_for_office_and_a_bare_age_is_an_ordinary_person(analyse: Analyse) -> None:
    text = "Many said they would vote for Dana Okafor. Dana Okafor said the count was fair."
    assert source_of(analyse(text), "the count was fair").role_class == "politician_or_official"
    text = "Quina Jones, 25, said the march was peaceful."
    assert source_of(analyse(text), "the march was peaceful").role_class == "ordinary_person"


def test_what_the_ner_says_a_name_is_classes_organisations_and_nationalities(analyse: Analyse) -> None:
    assert source_of(analyse("SoftBank said the deal would close."), "the deal would close").role_class == "business"
    text = "Forty-four percent of Americans said the economy was strong."
    assert source_of(analyse(text), "the economy was strong").role_class == "ordinary_person"


def test_a_place_inside_other_words_is_not_the_body_a_title_leads(analyse: Analyse) -> None:
    text = "Will Moy, chief executive of the London-based website Full Fact, said the claim was false."
    assert source_of(analyse(text), "the claim was false").role_class == "journalist_or_outlet"  # a website's
    text = "Pat Hale, the chairman of the Conservative Party, said the vote was close."
    assert source_of(analyse(text), "the vote was close").role_class == "politician_or_official"
    text = "Patrick Simmons, the band's singer-guitarist, said the tour would go on."
    assert source_of(analyse(text), "the tour would go on").role_class == "celebrity"


def test_a_group_of_people_named_one_by_one_takes_the_class_they_share(analyse: Analyse) -> None:
    text = (
        "Ambassador Kurt Volker resigned in May. Senator Tim Morrison left in June. "
        "Kurt Volker and Tim Morrison said the call was proper."
    )
    assert source_of(analyse(text), "the call was proper").role_class == "politician_or_official"


def test_a_named_person_without_a_role_takes_the_title_written_before_the_name_elsewhere(analyse: Analyse) -> None:
    src = source_of(analyse("Prime Minister Boris Johnson spoke. Johnson said the vote was set."), "the vote was set")
    assert (src.role, src.role_class) == ("Prime Minister", "politician_or_official")
    two = analyse("Senator Barack Obama spoke. Michelle Obama said the school was good.")
    assert source_of(two, "the school was good").role is None


def test_a_title_elsewhere_is_not_read_for_a_second_person_of_the_surname(analyse: Analyse) -> None:
    text = "Senator Barack Obama spoke. Michelle Obama said the school was good."
    assert source_of(analyse(text), "the school was good").role_class == "unknown"


# ----------------------------------------------------------------------------- records and storage
def test_the_json_and_the_corpus_keep_gender_and_role_class(analyse: Analyse, tmp_path: Path) -> None:
    analysis = analyse("Mr. Okafor met Ms. Lund on Monday. She said the deal was close.")
    src = source_of(analysis, "deal was close")
    data = json.loads(json.dumps(analysis.to_dict()))
    (row,) = [s for s in data["sources"] if s["id"] == src.id]
    assert row["gender"] == "female" and row["gender_basis"] == "text"
    assert {e["text"] for e in row["gender_evidence"]} == {"Ms.", "She"}
    assert Analysis.from_dict(data).sources == analysis.sources
    assert rows_to_analysis(json.loads(json.dumps(analysis_to_rows(analysis)))).sources == analysis.sources
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(analysis)
        stored = corpus.get(analysis.article.id)
    assert stored is not None
    assert stored.sources == analysis.sources


def test_an_old_record_without_the_fields_reads_as_unknown() -> None:
    old = {"id": "S1", "name": "Dalia Ferrante", "kind": "person", "named": True, "mentions": []}
    src = Source.from_dict(old)
    assert (src.gender, src.gender_basis, src.gender_evidence, src.role_class) == ("unknown", "none", [], "unknown")


def test_a_university_the_ner_calls_a_person_leaves_the_pronoun_to_the_speaker(analyse: Analyse) -> None:
    a = analyse("Penn State quarterback Sean Clifford said he received death threats on social media.")
    clifford = source_of(a, "death threats")
    assert (clifford.name, clifford.gender, evidence(clifford)) == ("Sean Clifford", "male", ["he"])


def test_a_named_person_of_a_state_university_keeps_unknown_without_evidence(analyse: Analyse) -> None:
    a = analyse("Penn State quarterback Sean Clifford said the team would recover.")
    assert source_of(a, "team would recover").gender == "unknown"
