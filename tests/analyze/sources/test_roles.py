"""The role class of sources (analyze/sources/roles.py, source.role_class.v3): what kind of
source the text says each one is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accordingto.models import Analysis
from tests.analyze.test_sources import source_of

Analyse = Callable[[str], Analysis]


def role_class(analyse: Analyse, text: str, content: str) -> str:
    return source_of(analyse(text), content).role_class


# ----------------------------------------------------------------------------- the lexicon
@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("The Arab League said the move broke international law.", "broke international law", "politician_or_official"),
        ("The NFL said the game would start at 1 p.m.", "the game would start", "sports"),
        ("Wall Street predicted that earnings would rise.", "earnings would rise", "business"),
        ("Businesses and residents said the outages were too broad.", "outages were too broad", "business"),
        ("Browns DL Sheldon Richardson said the quarterback should be suspended.", "should be suspended", "sports"),
        ("Customs and Border Protection said the shipment had been seized.", "shipment had been seized", "police"),
        ("The FBI said the inquiry was closed.", "the inquiry was closed", "police"),
        (
            "The Congressional Budget Office said the deficit would grow.",
            "the deficit would grow",
            "politician_or_official",
        ),
        ("The International Monetary Fund said growth would slow.", "growth would slow", "politician_or_official"),
        ("The NAACP said the law was unfair.", "the law was unfair", "civil_society"),
        (
            "Christian News Service reported that the refugees had arrived.",
            "the refugees had arrived",
            "journalist_or_outlet",
        ),
        ("E.U. leaders said the sanctions would stay.", "the sanctions would stay", "politician_or_official"),
        ("The World Health Organization said the outbreak was over.", "the outbreak was over", "medical"),
        ("The organization said the grant would fund new schools.", "the grant would fund", "civil_society"),
        ("NATO said the exercise would go ahead.", "the exercise would go ahead", "military_or_security"),
        ("Several environmental groups said the permit was illegal.", "the permit was illegal", "civil_society"),
        ("The debate moderators said the rules were fair.", "the rules were fair", "journalist_or_outlet"),
        (
            "Two Democratic speechwriters said the speech was rewritten.",
            "the speech was rewritten",
            "politician_or_official",
        ),
        ("Islamic State said it carried out the attack.", "it carried out the attack", "military_or_security"),
        ("The drugmaker said the trial had failed.", "the trial had failed", "business"),
        ("The Chinese e-commerce giant said the figures were accurate.", "the figures were accurate", "business"),
        ("Policymakers said rates would stay low.", "rates would stay low", "politician_or_official"),
        ("Pop star Ariana Grande said the show would go on.", "the show would go on", "celebrity"),
        ("The medical examiner said the death was accidental.", "the death was accidental", "medical"),
        ("Demonstrators said the police had fired tear gas.", "the police had fired tear gas", "civil_society"),
        (
            "Many European countries said the sanctions should stay.",
            "the sanctions should stay",
            "politician_or_official",
        ),
        ("Dale Horvath, a financial adviser in Duluth, said rates would rise.", "rates would rise", "business"),
        (
            "More than 450,000 people were cut off, according to a group representing rural counties in California.",
            "450,000 people were cut off",
            "politician_or_official",
        ),
        ("The Rev. Al Sharpton said the march would go on.", "the march would go on", "civil_society"),
        ("The news organization said the story was accurate.", "the story was accurate", "journalist_or_outlet"),
        (
            "Jennifer Palmieri, the Clinton communications director, said the email was fake.",
            "the email was fake",
            "spokesperson",
        ),
        (
            "Donna Brazile, interim chairwoman of the Democratic National Committee, said the leak was a crime.",
            "the leak was a crime",
            "politician_or_official",
        ),
    ],
)
def test_the_lexicon_classes_bodies_and_words_news_names(
    analyse: Analyse, text: str, content: str, expected: str
) -> None:
    assert role_class(analyse, text, content) == expected


def test_a_lowercase_rep_is_a_publicist_and_a_capital_rep_a_representative(analyse: Analyse) -> None:
    text = "Swift's rep told Fox News that the claim was not true."
    assert role_class(analyse, text, "the claim was not true") == "spokesperson"
    text = "A rep for Braun said the deal was fair."
    assert role_class(analyse, text, "the deal was fair") == "spokesperson"
    text = "Rep. Adam Schiff said the hearing would go on."
    assert role_class(analyse, text, "the hearing would go on") == "politician_or_official"


# ----------------------------------------------------------------------------- bodies and leaders
@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        (
            "The Swedish Prosecution Authority said the case had been dropped.",
            "case had been dropped",
            "legal_or_court",
        ),
        ("The Tulsa Police Department said the officer was on leave.", "the officer was on leave", "police"),
        ("The Health Ministry said the hospital was full.", "the hospital was full", "politician_or_official"),
        ("Police officials said the road would reopen.", "the road would reopen", "police"),
        ("Union officials said the strike would go on.", "the strike would go on", "civil_society"),
        ("Local officials said the road would reopen.", "the road would reopen", "politician_or_official"),
    ],
)
def test_a_public_body_takes_the_class_of_the_word_before_it(
    analyse: Analyse, text: str, content: str, expected: str
) -> None:
    assert role_class(analyse, text, content) == expected


def test_a_leader_of_a_body_the_lexicon_knows_written_before_the_title_takes_its_class(analyse: Analyse) -> None:
    text = "Prosecutors dropped a case against Wikileaks co-founder Julian Assange. Assange said it was false."
    src = source_of(analyse(text), "it was false")
    assert (src.role, src.role_class) == ("Wikileaks co-founder", "journalist_or_outlet")
    text = "Pat Hale, president of the University of Iowa, said classes would resume."
    assert role_class(analyse, text, "classes would resume") == "expert_or_academic"


def test_a_leader_title_of_no_body_yields_to_one_of_a_named_body_not_to_a_name(analyse: Analyse) -> None:
    text = "Julian Assange, the founder, spoke in London. Wikileaks co-founder Julian Assange said it was a lie."
    assert role_class(analyse, text, "it was a lie") == "journalist_or_outlet"
    text = "SoftBank CEO Masayoshi Son said the fund would grow."  # no one's son
    assert role_class(analyse, text, "the fund would grow") == "business"


def test_the_leader_of_an_outlet_is_journalist_or_outlet(analyse: Analyse) -> None:
    text = "Kim Lee, founder of the news site Axis, said the leak was real."
    assert role_class(analyse, text, "the leak was real") == "journalist_or_outlet"


def test_a_name_is_not_read_for_the_words_its_syllables_spell(analyse: Analyse) -> None:
    src = source_of(analyse("Jennifer Ngo-Anh said the idea was not so crazy."), "the idea was not so crazy")
    assert src.role_class == "unknown"  # "Ngo" is no NGO


def test_an_unnamed_body_no_word_classes_is_no_company(analyse: Analyse) -> None:
    assert (
        role_class(analyse, "Clinton's team said the speech would go ahead.", "the speech would go ahead") == "unknown"
    )
    text = "The bond weakened, according to data from MarketAxess."
    assert role_class(analyse, text, "The bond weakened") == "business"
    text = "Bolivia's public defender's office said another 30 people had been injured."
    assert role_class(analyse, text, "30 people had been injured") == "politician_or_official"


# ----------------------------------------------------------------------------- documents
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Breathing tests showed that his lungs could not hold much air.", "his lungs could not hold much air"),
        ("Data collected by the Hubble Space Telescope supported the existence of the plumes.", "the existence of"),
        ("According to a paper published in the journal Nature Astronomy, the moon releases water.", "the moon"),
        ("The agreement said that the show could be streamed.", "the show could be streamed"),
    ],
)
def test_what_a_document_noun_heads_or_a_journal_publishes_is_a_document(
    analyse: Analyse, text: str, content: str
) -> None:
    assert role_class(analyse, text, content) == "document"


# ----------------------------------------------------------------------------- what else the text says
def test_a_name_whose_albums_or_music_the_text_mentions_is_a_celebrity(analyse: Analyse) -> None:
    text = "Taylor Swift's first six albums were released by Big Machine. Taylor Swift said the label had blocked her."
    assert role_class(analyse, text, "the label had blocked her") == "celebrity"
    text = "Big Machine owns Taylor Swift's music. Taylor Swift said the label had blocked her."
    assert role_class(analyse, text, "the label had blocked her") == "celebrity"


def test_a_plural_title_before_names_joined_by_and_is_every_ones(analyse: Analyse) -> None:
    text = 'Singer-guitarists Tom Johnston and Patrick Simmons are in the lineup. "It was great," Simmons said.'
    src = source_of(analyse(text), "It was great")
    assert (src.name, src.role_class) == ("Patrick Simmons", "celebrity")


def test_a_title_the_text_writes_with_left_out_commas_keeps_its_spaces(analyse: Analyse) -> None:
    text = "Tulsa, Okla., police officer Betty Shelby was charged. Betty Shelby said she feared for her life."
    src = source_of(analyse(text), "she feared for her life")
    assert src.role_class == "police"
    assert src.role is None or "TulsaOkla" not in src.role


def test_unnamed_people_the_text_says_nothing_more_of_are_ordinary_people(analyse: Analyse) -> None:
    text = "A new poll shows majority support for impeachment. Fifty-one percent say the president should be removed."
    assert role_class(analyse, text, "the president should be removed") == "ordinary_person"
    text = "A woman said the bus had not stopped."
    assert role_class(analyse, text, "the bus had not stopped") == "ordinary_person"
    text = "Two people familiar with the matter said the deal was close."
    assert role_class(analyse, text, "the deal was close") == "unknown"


def test_a_persons_surname_the_ner_took_for_a_body_is_no_company(analyse: Analyse) -> None:
    text = "Terry McAuliffe restored voting rights. According to McAuliffe, 200,000 people can vote."
    assert role_class(analyse, text, "200,000 people can vote") == "unknown"
    text = "Lawyer Mark MacDougall filed the motion. MacDougall said his client would testify."
    assert role_class(analyse, text, "his client would testify") != "business"


def test_a_representative_of_a_body_takes_its_class(analyse: Analyse) -> None:
    text = "A Taliban representative said the prisoners had been freed."
    assert role_class(analyse, text, "the prisoners had been freed") == "military_or_security"
    text = "Rep. Adam Schiff said the hearing would go on."
    assert role_class(analyse, text, "the hearing would go on") == "politician_or_official"


def test_an_outlet_the_ner_took_for_a_person_is_an_outlet(analyse: Analyse) -> None:
    text = "Politifact: Donald Trump Is Right.  Politifact seized on the claim that there were thousands of shootings."
    assert role_class(analyse, text, "there were thousands of shootings") == "journalist_or_outlet"
    text = "The fact checkers at Politifact said that the figures were old."
    assert role_class(analyse, text, "the figures were old") == "journalist_or_outlet"


def test_leaders_are_officials_unless_the_word_before_says_whose(analyse: Analyse) -> None:
    text = "Central European leaders said the pipeline was a threat."
    assert role_class(analyse, text, "the pipeline was a threat") == "politician_or_official"
    text = "Civil rights leaders said the verdict was unjust."
    assert role_class(analyse, text, "the verdict was unjust") == "civil_society"
    text = "Business leaders said the tariffs would hurt."
    assert role_class(analyse, text, "the tariffs would hurt") == "business"


def test_a_leader_of_a_body_the_text_describes_beside_its_name_takes_that_class(analyse: Analyse) -> None:
    text = (
        "Sales fell, according to InfoNation, a Sugar Land-based provider of automobile data. "
        "InfoNation President Dan McDowell said buyers were cautious."
    )
    assert role_class(analyse, text, "buyers were cautious") == "business"


def test_a_mention_written_in_full_says_more_than_its_head_noun(analyse: Analyse) -> None:
    text = "Health care providers said the vaccine clinic was needed."
    assert role_class(analyse, text, "the vaccine clinic was needed") == "medical"


def test_an_acronym_reads_as_the_name_the_text_spells_out(analyse: Analyse) -> None:
    text = (
        "Customs and Border Protection, part of Homeland Security, did not accept the offer. "
        "CBP said the clinic was not needed."
    )
    assert role_class(analyse, text, "the clinic was not needed") == "police"
    text = (
        "The Alliance to Reclaim Our Schools held a rally. "
        "Keron Blair, executive director of AROS, said the schools were underfunded."
    )
    assert role_class(analyse, text, "the schools were underfunded") == "civil_society"


def test_a_title_word_the_parser_took_for_a_verb_still_titles_the_name(analyse: Analyse) -> None:
    text = "Hibernation is not possible yet, research team head Jennifer Ngo-Anh says the idea is not so crazy."
    assert role_class(analyse, text, "the idea is not so crazy") == "expert_or_academic"


def test_words_that_are_only_spaces_are_no_title() -> None:
    import spacy

    from accordingto.analyze.sources.roles import _as_title, _reads_as_title

    doc = spacy.blank("en")("Mayor \n\n  Ines Calloway")
    spaces = [t for t in doc if t.is_space]
    assert spaces, "the tokenizer keeps the blank lines as tokens"
    assert _as_title(spaces) is None
    assert _reads_as_title("  \n ") is False
    assert _as_title([doc[0], *spaces]) == "Mayor"


# ----------------------------------------------------------------------------- what the rest of the text says
def test_a_word_the_ner_took_into_a_name_makes_no_second_person() -> None:
    from accordingto.analyze.sources.roles import _as_written_alone

    written: set[tuple[str, ...]] = {("marta", "olsen")}
    assert _as_written_alone(["slam", "marta", "olsen"], written) == ["marta", "olsen"]
    assert _as_written_alone(["blaming", "olsen"], written) == ["olsen"]
    assert _as_written_alone(["sterling", "olsen"], written) == ["sterling", "olsen"]  # a first name
    assert _as_written_alone(["ana", "marta", "olsen"], set()) == ["ana", "marta", "olsen"]


def test_a_surname_alone_is_the_person_named_in_full_so_far(analyse: Analyse) -> None:
    text = (
        "Sen. Tomas Reyes (R-Ariz.) backed the water bill on Monday. "
        "Reyes said the bill would pass by the end of the month. "
        "His father, Alberto Reyes, runs a hardware store in Tucson."
    )
    assert role_class(analyse, text, "the bill would pass") == "politician_or_official"


def test_what_a_person_does_something_as_is_their_role(analyse: Analyse) -> None:
    text = "Maria Santos visited Brussels on Tuesday as Chile's foreign minister. Santos said the talks had gone well."
    assert role_class(analyse, text, "the talks had gone well") == "politician_or_official"
    text = "Ivo Lind praised the mayor as a true leader. Lind said the park would reopen in May."
    assert role_class(analyse, text, "the park would reopen") == "unknown"


def test_a_person_named_as_one_of_a_plural_takes_its_class(analyse: Analyse) -> None:
    text = (
        "The gala drew celebrities like Nina Park, Leo Grant and Tara Bell. "
        "Tara Bell said the night had raised money for the shelter."
    )
    assert role_class(analyse, text, "the night had raised money") == "celebrity"
    text = "The ceremony drew a crowd of dignitaries, including Omar Haddad. Haddad said the memorial was long overdue."
    assert role_class(analyse, text, "the memorial was long overdue") == "politician_or_official"


def test_a_name_and_a_hometown_only_is_an_ordinary_person(analyse: Analyse) -> None:
    text = "Dale Kemper, of Dayton, Ohio, said he had waited three hours to vote."
    assert role_class(analyse, text, "he had waited three hours") == "ordinary_person"


def test_a_present_role_wins_over_a_former_one(analyse: Analyse) -> None:
    text = (
        "Rita Vance, a former Senate aide now teaching at Ohio State University, "
        "said the tax cut would mostly help the rich."
    )
    assert role_class(analyse, text, "the tax cut would mostly help") == "expert_or_academic"


def test_a_justice_advocacy_body_is_civil_society(analyse: Analyse) -> None:
    text = "Lena Ortiz, the executive director at the Center for Racial Justice, said the bill was a step back."
    assert role_class(analyse, text, "the bill was a step back") == "civil_society"


def test_whose_surrogates_they_are_is_a_candidate(analyse: Analyse) -> None:
    text = "Marta Olsen said on Friday that the state needed new roads. Her surrogates called her unbeatable."
    assert role_class(analyse, text, "the state needed new roads") == "politician_or_official"


def test_a_full_name_the_ner_missed_still_titles_the_surname(analyse: Analyse) -> None:
    text = (
        "Deputy Chief of Public Prosecution Anna-Lena Berggren closed the case on Tuesday. "
        'Ms Berggren said: "The evidence has weakened over the years."'
    )
    assert role_class(analyse, text, "The evidence has weakened") == "legal_or_court"


def test_someone_speaking_at_a_campaign_stop_stands_for_office(analyse: Analyse) -> None:
    text = (
        "Gordon Pike has promised to cut the sales tax. "
        '"The tax is a burden on every family," Pike said at a campaign stop in Reno.'
    )
    assert role_class(analyse, text, "The tax is a burden") == "politician_or_official"


def test_a_team_captain_is_sports(analyse: Analyse) -> None:
    text = "Rams defensive captain Dion Walker said the fine was unfair."
    assert role_class(analyse, text, "the fine was unfair") == "sports"


def test_a_quoted_label_after_as_is_no_role(analyse: Analyse) -> None:
    text = 'Ivo Lind, who once branded the governor as "a reckless politician", said the bridge was unsafe.'
    assert role_class(analyse, text, "the bridge was unsafe") != "politician_or_official"


def test_a_courtesy_doctor_yields_to_the_role_noun_written_before_it(analyse: Analyse) -> None:
    text = "ABC's chief health correspondent Dr. Lena Marsh said the vaccine was safe."
    assert role_class(analyse, text, "the vaccine was safe") == "journalist_or_outlet"
    assert role_class(analyse, "Dr. Lena Marsh said the vaccine was safe.", "the vaccine was safe") == "medical"


def test_a_person_speaking_in_a_debate_stands_for_office(analyse: Analyse) -> None:
    text = 'Dana Whitfield faced Tom Ruiz. "We will cut taxes for everyone," Whitfield said in the second debate.'
    assert role_class(analyse, text, "We will cut taxes for everyone") == "politician_or_official"
    text = "Dana Whitfield faced Tom Ruiz on Tuesday. Dana Whitfield said the economy was strong."
    assert role_class(analyse, text, "the economy was strong") == "unknown"


def test_a_person_whose_campaign_has_a_manager_stands_for_office(analyse: Analyse) -> None:
    text = (
        "Dana Whitfield faced Tom Ruiz on Tuesday. Whitfield's campaign manager Joe Brill flew in. "
        "Dana Whitfield said the economy was strong."
    )
    assert role_class(analyse, text, "the economy was strong") == "politician_or_official"


def test_names_given_only_as_signatures_of_quotations_are_ordinary_people(analyse: Analyse) -> None:
    text = (
        "“The buses never come on time. I have given up on them.” ― Marisol Vega “The rent keeps going up.” ― Dale Hunt"
    )
    assert role_class(analyse, text, "The rent keeps going up") == "ordinary_person"


def test_a_person_named_right_after_the_candidates_is_one_of_them(analyse: Analyse) -> None:
    text = "The candidates met voters in Ohio on Tuesday. Dana Whitfield said the economy was strong."
    assert role_class(analyse, text, "the economy was strong") == "politician_or_official"
    text = "The nurses met voters in Ohio on Tuesday. Dana Whitfield said the economy was strong."
    assert role_class(analyse, text, "the economy was strong") == "unknown"


def test_a_name_says_more_than_a_mention_that_does_not_name_it(analyse: Analyse) -> None:
    text = (
        "Customs and Border Protection, part of Homeland Security, declined the offer. In August, CBP announced "
        "that it would not vaccinate families. At the time, the agency said the stays were short."
    )
    assert role_class(analyse, text, "the stays were short") == "police"


def test_a_player_is_known_by_their_numbers_in_the_game(analyse: Analyse) -> None:
    text = 'Jordan Mills finished with 25 points, 11 rebounds and 10 assists. "We kept moving," Mills said.'
    assert role_class(analyse, text, "We kept moving") == "sports"
    text = 'Dana Whitfield gained 5 points in the latest poll. "We kept moving," Whitfield said.'
    assert role_class(analyse, text, "We kept moving") == "unknown"


def test_a_description_gives_way_to_a_title_written_elsewhere(analyse: Analyse) -> None:
    text = "Labour Party leader Jeremy Corbyn spoke last. Corbyn, a stolid socialist, said taxes would rise."
    assert source_of(analyse(text), "taxes would rise").role == "Labour Party leader"


def test_names_after_a_plural_are_what_the_plural_says(analyse: Analyse) -> None:
    text = (
        "The mood was caught by two first-time voters, Tyresha McClenney and Bryan Anderson, who saw the rally. "
        "Anderson said he would vote anyway."
    )
    assert role_class(analyse, text, "he would vote anyway") == "ordinary_person"


@pytest.mark.parametrize(
    ("text", "content", "title"),
    [
        (
            "Trump released a letter from his longtime physician Dr. Harold Bornstein. "
            "Bornstein told CNN that Trump dictated the letter.",
            "Trump dictated the letter",
            "longtime physician",
        ),
        (
            "The question is whether WeWork’s founder and former CEO, Adam Neumann, profited. "
            "Neumann said he had resigned.",
            "he had resigned",
            "founder and former CEO",
        ),
        (
            "The board named Jo Reyes as chief executive on Monday. Reyes said the company would grow.",
            "the company would grow",
            "chief executive",
        ),
    ],
)
def test_a_title_written_before_the_name_elsewhere_whatever_the_parse(
    analyse: Analyse, text: str, content: str, title: str
) -> None:
    assert source_of(analyse(text), content).role == title


def test_a_source_given_only_a_party_is_in_politics(analyse: Analyse) -> None:
    text = "The panel met on Tuesday. One Democratic source on the panel said the vote would be close."
    assert role_class(analyse, text, "the vote would be close") == "politician_or_official"
    assert role_class(analyse, "A woman said the vote would be close.", "the vote would be close") != (
        "politician_or_official"
    )
