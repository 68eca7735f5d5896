"""Who the sources are: kinds, anonymity, counts, roles, affiliations, outlet chains."""

from __future__ import annotations

from collections.abc import Callable

from accordingto.models import Analysis, Source

Analyse = Callable[[str], Analysis]


def source_of(analysis: Analysis, containing: str) -> Source:
    attrs = [a for a in analysis.attributions if containing in a.content_text]
    assert len(attrs) == 1, [a.content_text for a in analysis.attributions]
    src = analysis.source(attrs[0].source)
    assert src is not None
    return src


def test_counted_anonymous_group(analyse: Analyse) -> None:
    src = source_of(analyse("Four US officials said the deal was close."), "deal was close")
    assert src.kind == "group"
    assert src.named is False
    assert src.count == 4
    assert src.affiliation == "US"


def test_vague_count_keeps_the_word(analyse: Analyse) -> None:
    src = source_of(analyse("Several officials said the talks would resume."), "talks would resume")
    assert src.count is None and src.count_text == "several"
    assert src.kind == "group"


def test_named_person_with_title(analyse: Analyse) -> None:
    src = source_of(analyse("Defense Minister Yoav Gallant said the operation would begin soon."), "operation")
    assert (src.kind, src.named, src.name, src.role) == ("person", True, "Yoav Gallant", "Defense Minister")


def test_role_and_affiliation_of_an_anonymous_official(analyse: Analyse) -> None:
    src = source_of(analyse("A Defense Department official said an offensive was not imminent."), "offensive")
    assert src.named is False
    assert src.role == "official"
    assert src.affiliation == "Defense Department"


def test_a_source_noun_that_says_who_gives_no_role_but_keeps_the_affiliation(analyse: Analyse) -> None:
    src = source_of(analyse("A White House source said the meeting was postponed."), "meeting was postponed")
    assert (src.role, src.affiliation) == (None, "White House")
    users = source_of(analyse("Other social media users said the photo was fake."), "photo was fake")
    assert users.role is None


def test_people_named_by_trade_or_standing_are_people_not_things(analyse: Analyse) -> None:
    tycoon = source_of(analyse("The tycoon said the deal was fair."), "deal was fair")
    assert (tycoon.kind, tycoon.named) == ("person", False)
    bystander = source_of(analyse("A bystander said the car had been speeding."), "had been speeding")
    assert (bystander.kind, bystander.named) == ("person", False)


def test_a_hyphened_role_keeps_its_proper_noun(analyse: Analyse) -> None:
    src = source_of(analyse("Oscar-winning actress Mara Lind said the song came to her in a dream."), "in a dream")
    assert (src.role, src.affiliation) == ("Oscar-winning actress", None)
    prize = source_of(analyse("Pulitzer Prize-winning journalist Ann Vole said the story held."), "story held")
    assert prize.role == "Pulitzer Prize-winning journalist"


def test_appositive_name_and_employer(analyse: Analyse) -> None:
    src = source_of(
        analyse("Halden Water’s chief executive, Martin Osei, denied that the company had hidden anything."),
        "hidden anything",
    )
    assert (src.name, src.role, src.affiliation) == ("Martin Osei", "chief executive", "Halden Water")


def test_outlet_from_the_list_and_from_its_name(analyse: Analyse) -> None:
    a = analyse(
        "The Washington Post reported that the sales were approved.\n\n"
        "The Harbour Ledger reported in October that the budget was cut."
    )
    assert source_of(a, "sales were approved").kind == "outlet"
    ledger = source_of(a, "budget was cut")
    assert (ledger.kind, ledger.name) == ("outlet", "Harbour Ledger")


def test_organization_and_document_and_unspecified(analyse: Analyse) -> None:
    a = analyse(
        "The Hamas-run Gaza health ministry says that at least 31,184 people have been killed.\n\n"
        "A new report shows that wages rose by 3 percent.\n\n"
        "Reports said the experts had pushed for smaller bombs."
    )
    assert source_of(a, "31,184").kind == "organization"
    assert source_of(a, "wages rose").kind == "document"
    assert source_of(a, "smaller bombs").kind == "unspecified"


def test_told_politico_makes_politico_the_medium(analyse: Analyse) -> None:
    a = analyse("Two Israeli officials told Politico that a plan was being developed.")
    attr = a.attributions[0]
    via = [a.source(v) for v in attr.via]
    assert [v.name for v in via if v] == ["Politico"]
    assert a.source(attr.source).kind == "group"  # type: ignore[union-attr]


def test_told_the_outlet_resolves_to_the_outlet_named_before(analyse: Analyse) -> None:
    a = analyse(
        "Two officials told Politico that talks were stalled.\n\n"
        "An Israeli official told the outlet that an offensive was inevitable."
    )
    attr = next(x for x in a.attributions if "inevitable" in x.content_text)
    assert [a.source(v).name for v in attr.via] == ["Politico"]  # type: ignore[union-attr]


def test_reported_citing_officials_chains_through_the_outlet(analyse: Analyse) -> None:
    a = analyse(
        "US officials have told Israel that Washington would back a limited operation, "
        "the Politico site reported Wednesday, citing four US officials."
    )
    assert len(a.attributions) == 1
    attr = a.attributions[0]
    src = a.source(attr.source)
    assert src is not None and src.name == "four US officials" and src.count == 4
    assert [a.source(v).name for v in attr.via] == ["Politico"]  # type: ignore[union-attr]


def test_cited_as_saying(analyse: Analyse) -> None:
    a = analyse("Earlier this week, Politico cited US officials as saying that aid could be conditioned.")
    attr = a.attributions[0]
    assert a.source(attr.source).name == "US officials"  # type: ignore[union-attr]
    assert [a.source(v).name for v in attr.via] == ["Politico"]  # type: ignore[union-attr]


def test_later_statements_of_an_anonymous_source_keep_its_medium(analyse: Analyse) -> None:
    a = analyse(
        "A Defense Department official told Politico that nothing was imminent.\n\n"
        "“They’d have to reposition forces,” the official said."
    )
    quote = next(x for x in a.attributions if "reposition" in x.content_text)
    assert [a.source(v).name for v in quote.via] == ["Politico"]  # type: ignore[union-attr]


def test_anonymity_marker_is_recorded_on_the_sources_it_covers(analyse: Analyse) -> None:
    a = analyse(
        "Two Israeli officials told Politico that a plan existed.\n\n"
        "Unnamed US officials told Politico that the US would back a strategy.\n\n"
        "All the officials spoke to Politico on condition of anonymity to discuss the sensitive matters."
    )
    officials = [s for s in a.sources if "officials" in s.name]
    assert len(officials) == 2
    assert all(any("condition of anonymity" in m.text for m in s.anonymity) for s in officials)


def test_named_sources_are_not_marked_anonymous(analyse: Analyse) -> None:
    a = analyse("Mayor Ines Calloway said the filters would arrive on Monday.")
    src = a.sources[0]
    assert src.named is True and src.anonymity == []


def test_entities_merge_all_their_mentions(analyse: Analyse) -> None:
    a = analyse(
        "Defense Minister Yoav Gallant hinted that an operation was near.\n\n"
        "“We will reach everyone,” Gallant said.\n\n"
        "He added that the army was ready."
    )
    gallant = [s for s in a.sources if s.name == "Yoav Gallant"]
    assert len(gallant) == 1
    assert [m.text for m in gallant[0].mentions] == ["Defense Minister Yoav Gallant", "Gallant", "He"]


def test_article_outlet_footer_is_metadata_not_a_source(analyse: Analyse) -> None:
    a = analyse("The minister said the budget was final.\n\nSource: TOI")
    assert a.article.outlet == "TOI"
    assert all(s.name != "TOI" for s in a.sources)


def test_share_of_a_group_is_a_group(analyse: Analyse) -> None:
    src = source_of(analyse("Only 48 percent of likely voters agreed that she was ready for the job."), "ready")
    assert (src.kind, src.named) == ("group", False)


def test_a_poll_by_an_outlet_is_a_document(analyse: Analyse) -> None:
    src = source_of(analyse("A Bloomberg poll shows that wealthy voters are leaving the party."), "wealthy voters")
    assert (src.kind, src.named) == ("document", True)


def test_short_outlet_name_refers_to_the_outlet_already_named(analyse: Analyse) -> None:
    a = analyse(
        "The New York Post reports that the campaign was worried.\n\n"
        "Staff were told to stay quiet, The Post has learned."
    )
    assert {s.name for s in a.sources} == {"New York Post"}


def test_the_senator_is_the_senator_named_before(analyse: Analyse) -> None:
    a = analyse("Sen. Ted Cruz introduced a bill on Monday.\n\nThe senator said he would try again next year.")
    src = source_of(a, "try again")
    assert (src.name, src.named) == ("Ted Cruz", True)


def test_coordinated_sources_are_one_source_of_their_kind(analyse: Analyse) -> None:
    src = source_of(analyse("Google and Yahoo said they would take the matter to court."), "to court")
    assert (src.kind, src.named, src.name) == ("organization", True, "Google and Yahoo")
    people = source_of(analyse("Kevin King and Timothy Weeks said they were treated well."), "treated well")
    assert (people.kind, people.named, people.name) == ("group", True, "Kevin King and Timothy Weeks")


def test_surname_alone_takes_the_full_name_from_the_text(analyse: Analyse) -> None:
    a = analyse("Bernie Sanders spoke in Iowa on Monday.\n\nSanders said the system was rigged.")
    src = source_of(a, "system was rigged")
    assert (src.name, src.kind, src.named) == ("Bernie Sanders", "person", True)


def test_a_word_of_a_role_inside_a_company_name_stays_in_the_name(analyse: Analyse) -> None:
    assert source_of(analyse("Home Depot said sales rose."), "sales rose").name == "Home Depot"
    src = source_of(analyse("Home Secretary Priti Patel said the law would pass."), "the law would pass")
    assert (src.name, src.kind) == ("Priti Patel", "person")


def test_a_body_whose_name_has_an_and_is_one_organisation(analyse: Analyse) -> None:
    a = analyse("Customs and Border Protection (CBP) said the rules changed. CBP said the guidelines were clear.")
    src = source_of(a, "the rules changed")
    assert (src.name, src.kind) == ("Customs and Border Protection", "organization")
    assert source_of(a, "the guidelines were clear") is src
    group = source_of(analyse("Procter & Gamble and Johnson & Johnson said prices would rise."), "prices")
    assert (group.name, group.kind) == ("Procter & Gamble and Johnson & Johnson", "group")


def test_a_person_s_name_in_a_company_s_is_the_company(analyse: Analyse) -> None:
    src = source_of(analyse("Dick Clark Productions said the show would go on."), "the show would go on")
    assert (src.name, src.kind) == ("Dick Clark Productions", "organization")
    assert source_of(analyse("Dick Clark said the show would go on."), "the show").kind == "person"


def test_the_title_a_name_was_given_in_an_appositive_leads_back_to_it(analyse: Analyse) -> None:
    text = "Police arrested Michael Webb, a suspect in the kidnapping, on Friday. The suspect said he was innocent."
    assert source_of(analyse(text), "he was innocent").name == "Michael Webb"


def test_a_family_name_written_first_joins_the_full_name(analyse: Analyse) -> None:
    a = analyse("Ambassador Liu Xiaming said the law was fair. Liu said the protests must stop.")
    assert source_of(a, "the protests must stop") is source_of(a, "the law was fair")
    b = analyse(
        "Liu Xiaming said the law was fair. Wang Liu said the protests must stop. Liu said the talks would go on."
    )
    assert source_of(b, "the talks would go on") is not source_of(b, "the law was fair")


def test_surname_the_tagger_took_for_a_noun_is_the_named_person(analyse: Analyse) -> None:
    a = analyse(
        "Dale Varga spoke to supporters in Ohio on Friday.\n\n"
        'To which she said, "Well, at least you still know who to blame." '
        "Varga knows there are voters all over this state who see things in these plain terms."
    )
    src = source_of(a, "plain terms")
    assert (src.kind, src.named, src.name) == ("person", True, "Dale Varga")


def test_a_hyphenated_name_in_an_appositive_names_the_person_and_joins_the_surname(analyse: Analyse) -> None:
    a = analyse(
        "Sweden's deputy director of public prosecutions, Eva-Marie Persson, said the case was closed. "
        "Persson said the evidence had weakened over time."
    )
    src = source_of(a, "the case was closed")
    assert (src.name, src.kind) == ("Eva-Marie Persson", "person")
    assert source_of(a, "the evidence had weakened") is src


def test_a_name_after_a_role_is_a_person_even_when_the_ner_calls_it_a_company(analyse: Analyse) -> None:
    a = analyse(
        "The We Company's recently named executive chair Marcelo Claure said the plan worked. "
        "Claure said the cuts would come this week. He said the firm needed to be leaner."
    )
    src = source_of(a, "the plan worked")
    assert (src.name, src.kind) == ("Marcelo Claure", "person")
    assert source_of(a, "the cuts would come") is src
    assert source_of(a, "needed to be leaner") is src


def test_a_place_before_a_person_s_name_is_not_part_of_it(analyse: Analyse) -> None:
    a = analyse("China's ambassador to Britain Liu Xiaming said the protests were illegal.")
    assert source_of(a, "the protests were illegal").name == "Liu Xiaming"


def test_she_is_the_woman_the_text_named_not_the_nearer_man_it_says_nothing_of(analyse: Analyse) -> None:
    a = analyse(
        "Taylor Swift said her new album was finished.\n\n"
        "Taylor Swift's first six albums were released through Big Machine, which was bought by a company "
        "owned by talent manager Scooter Braun.\n\n"
        'In a post at the time she described the sale as the "worst case scenario".'
    )
    assert source_of(a, "worst case scenario").name == "Taylor Swift"


def test_the_title_a_person_was_given_long_before_leads_back_to_them(analyse: Analyse) -> None:
    a = analyse(
        "Sweden has dropped an investigation into an allegation against Wikileaks co-founder Julian Assange.\n\n"
        "Prosecutors said the inquiry had been dropped. They said the witnesses' memories had faded. "
        "A judge said the hearing would go ahead. The court said it would sit in February.\n\n"
        "The Wikileaks founder always argued that his fear of extradition was why he had fled."
    )
    assert source_of(a, "his fear of extradition").name == "Julian Assange"


def test_the_source_is_the_insider_the_text_quoted_before(analyse: Analyse) -> None:
    a = analyse(
        "An insider told the magazine that the tour would go ahead. "
        "The source added that tickets had sold out within hours."
    )
    assert source_of(a, "tickets had sold out") is source_of(a, "the tour would go ahead")
    b = analyse("An insider said the tour would go ahead. A source said that tickets had sold out.")
    assert source_of(b, "tickets had sold out") is not source_of(b, "the tour would go ahead")


def test_the_production_company_is_the_company_whose_name_says_so(analyse: Analyse) -> None:
    a = analyse(
        "The show is run by Dick Clark Productions. Big Machine said on Monday that the singer could perform "
        "at the American Music Awards. The production company said no deal had been reached."
    )
    assert source_of(a, "no deal had been reached").name == "Dick Clark Productions"


def test_a_name_the_ner_ran_on_past_ends_where_the_sentence_goes_on(analyse: Analyse) -> None:
    a = analyse(
        "Taylor Swift spoke on Monday. Big Machine said she could perform at the American Music Awards "
        "after Swift publicly scolded her former label, accusing it of blocking her."
    )
    src = source_of(a, "blocking her")
    assert (src.name, src.kind) == ("Taylor Swift", "person")


def test_police_is_one_body_however_the_text_writes_it(analyse: Analyse) -> None:
    a = analyse(
        "Police said the demonstrators had no option but to surrender. Hong Kong police threatened to use "
        "live ammunition. The city's police deny accusations of brutality."
    )
    first = source_of(a, "no option but to surrender")
    assert source_of(a, "live ammunition") is first
    assert source_of(a, "accusations of brutality") is first
    b = analyse("Israeli courts said the law was valid. The European Union's top court said the labels must stay.")
    assert source_of(b, "the labels must stay") is not source_of(b, "the law was valid")


def test_a_body_written_before_its_officer_s_title_and_name_is_not_the_speaker(analyse: Analyse) -> None:
    a = analyse("In a letter calling for the meeting, CPUC President Marybel Batjer said that lives were at risk.")
    src = source_of(a, "lives were at risk")
    assert (src.name, src.kind, src.role) == ("Marybel Batjer", "person", "President")
    b = analyse(
        "A spokesperson who did not wish to be named because of agency policy said that the agency "
        "never gives vaccines."
    )
    assert source_of(b, "never gives vaccines").kind == "person"


def test_the_news_organization_is_the_outlet_named_before(analyse: Analyse) -> None:
    a = analyse(
        "Markets were mixed on Tuesday after CNBC reported that the mood in Beijing was gloomy. "
        "The news organization, citing an anonymous government source, reported that the talks had stalled."
    )
    cnbc = source_of(a, "the mood in Beijing")
    attr = next(x for x in a.attributions if "the talks had stalled" in x.content_text)
    assert cnbc.kind == "outlet"
    assert cnbc.id in attr.via


def test_an_acronym_takes_the_name_the_ner_did_not_label(analyse: Analyse) -> None:
    a = analyse(
        "Shoreline Amphitheatre hosts a hometown show. Bright Harbor Presents is producing the tour. "
        "According to BHP, fans can expect to hear the band's hits on the 2020 outing."
    )
    assert source_of(a, "expect to hear").name == "Bright Harbor Presents"


def test_the_company_named_after_its_relative_clause_is_that_company(analyse: Analyse) -> None:
    a = analyse("The company that runs the AMAs, Dick Clark Productions, denies that anything has been sorted.")
    src = source_of(a, "anything has been sorted")
    assert (src.name, src.kind, src.named) == ("Dick Clark Productions", "organization", True)


def test_a_surname_alone_takes_the_full_name_a_role_introduced(analyse: Analyse) -> None:
    a = analyse(
        "WeWork is in trouble, said the company's recently named executive chair Marcelo Claure on Monday. "
        "The board met on Tuesday. Claure said the cuts would come this week."
    )
    assert source_of(a, "the cuts would come").name == "Marcelo Claure"


def test_a_word_of_a_title_is_kept_in_a_name_where_no_title_follows_it(analyse: Analyse) -> None:
    a = analyse(
        "Home Depot said sales rose. One Home Depot refers to investments in the stores. "
        "Foreign Minister Wang Yi said the talks were useful."
    )
    assert source_of(a, "investments in the stores").name == "Home Depot"
    wang = source_of(a, "the talks were useful")
    assert (wang.name, wang.role) == ("Wang Yi", "Foreign Minister")


def test_a_share_with_nothing_after_it_and_those_described_are_groups_of_people(analyse: Analyse) -> None:
    a = analyse("Fifty-one percent said the offense was wrong. Those in favor of punishment say the team cheated.")
    assert source_of(a, "the offense was wrong").kind == "group"
    assert source_of(a, "the team cheated").kind == "group"


def test_unnamed_names_the_ner_did_not_label_are_people_only_when_shaped_like_them(analyse: Analyse) -> None:
    a = analyse(
        "Bright Harbor Presents said the tour would sell out. Schiff said the vote was fair. "
        "Breathing tests showed the lungs had scarred."
    )
    assert source_of(a, "the tour would sell out").kind == "organization"
    assert source_of(a, "the vote was fair").kind == "person"
    assert source_of(a, "the lungs had scarred").kind == "document"


def test_a_body_owned_by_a_name_keeps_the_owner_in_its_name(analyse: Analyse) -> None:
    a = analyse(
        "The woman was charged, according to the U.S. Attorney’s Office for the Western District of New York. "
        "Apple's Tim Cook said sales rose."
    )
    office = source_of(a, "The woman was charged")
    assert (office.name, office.kind) == ("U.S. Attorney’s Office for the Western District of New York", "organization")
    assert source_of(a, "sales rose").name == "Tim Cook"


def test_a_collective_named_by_its_members_is_the_members_later(analyse: Analyse) -> None:
    a = analyse(
        "A group of physicians asked to vaccinate the migrants. Officials refused. "
        "The physicians said the flu was spreading."
    )
    assert source_of(a, "the flu was spreading") is source_of(a, "to vaccinate the migrants")


def test_a_pronoun_continues_the_speaker_past_a_long_quotation(analyse: Analyse) -> None:
    text = (
        "Daniel Okoro, the club's manager, spoke after the match on Saturday. He said the referee had been unfair."
        ' "We played well. We had chances. We scored twice. We lost anyway. Nobody can explain it," he said.'
        " He also accused the league of ignoring the complaints of smaller clubs."
    )
    assert source_of(analyse(text), "ignoring the complaints").name == "Daniel Okoro"


def test_the_police_are_not_the_paper_named_before(analyse: Analyse) -> None:
    text = "The story was first reported by the Valley Courier. According to the police, the driver fled the scene."
    src = source_of(analyse(text), "the driver fled")
    assert src.name.lower() == "the police" or src.name.lower() == "police"
    assert "Courier" not in src.name


def test_a_one_word_name_after_the_is_no_person(analyse: Analyse) -> None:
    text = '"We need more officers on the street," he said, according to the Intelligencer.'
    analysis = analyse(text)
    outlet = [s for s in analysis.sources if s.name == "Intelligencer"]
    assert outlet and outlet[0].kind != "person"


def test_a_participle_after_a_medium_describes_the_speaker(analyse: Analyse) -> None:
    text = "Maya Lindqvist posted on Twitter accusing the label of blocking her concert."
    assert source_of(analyse(text), "blocking her concert").name == "Maya Lindqvist"


def test_the_appositive_of_an_according_to_source_is_not_content(analyse: Analyse) -> None:
    text = '"We need more officers," he said, according to the Intelligencer, the city\'s daily paper.'
    attrs = analyse(text).attributions
    assert attrs and all("daily paper" not in a.content_text for a in attrs)


def test_a_party_and_state_label_is_no_title(analyse: Analyse) -> None:
    src = source_of(analyse("Rep. Dana Whitfield, R-Ohio, said the bill would pass."), "bill would pass")
    assert (src.name, src.role, src.role_class) == ("Dana Whitfield", "Rep.", "politician_or_official")


def test_secretary_general_is_one_title(analyse: Analyse) -> None:
    src = source_of(analyse("U.N. Secretary General Amara Osei said the attack was a crime."), "attack")
    assert src.role == "Secretary General" and src.role_class == "politician_or_official"


def test_an_age_set_off_after_a_name_makes_an_ordinary_person_without_a_title(analyse: Analyse) -> None:
    src = source_of(analyse("“I was deported four times,” said Harjit Sandhu, 24, from Punjab."), "deported")
    assert src.role is None and src.role_class == "ordinary_person"


def test_a_possessive_pronoun_source_is_the_person_named_before(analyse: Analyse) -> None:
    text = "Senator Tom Briar spoke on Monday. His claim that the vote was rigged angered voters."
    src = source_of(analyse(text), "vote was rigged")
    assert (src.name, src.gender) == ("Tom Briar", "male")


def test_the_company_is_the_body_that_spoke_before_not_a_place_named_after_it(analyse: Analyse) -> None:
    text = (
        "The group that owns most of her music, Northway Music, says she will be allowed to play her old"
        " tracks at the American Music Awards on Sunday. But the company says she never needed its permission."
    )
    assert source_of(analyse(text), "never needed").name == "Northway Music"


def test_they_are_the_people_just_named_together_not_an_earlier_source(analyse: Analyse) -> None:
    text = (
        "The label said the singer could perform. Her post got the attention of two politicians:"
        " Senator Ann Lowe and congresswoman Rita Vance. They criticised the label for its conduct."
    )
    src = source_of(analyse(text), "for its conduct")
    assert (src.kind, src.name) == ("group", "Ann Lowe and Rita Vance")


def test_its_is_the_country_that_is_the_subject_before_it(analyse: Analyse) -> None:
    text = (
        "The United States faced stiff criticism on Tuesday over its decision to no longer consider"
        " the settlements illegal."
    )
    assert source_of(analyse(text), "settlements illegal").name == "United States"


def test_an_outlets_report_is_the_outlet_but_its_poll_is_a_document(analyse: Analyse) -> None:
    analysis = analyse(
        "Prices will rise, according to a Politico report. A new Bloomberg poll found that turnout was high."
    )
    report, poll = (source_of(analysis, c) for c in ("Prices will rise", "turnout"))
    assert (report.kind, report.name) == ("outlet", "Politico")
    assert (poll.kind, poll.name) == ("document", "Bloomberg poll")


def test_the_doctors_are_the_group_of_physicians_named_before(analyse: Analyse) -> None:
    text = (
        "A group of physicians offered to give free flu shots at the camps. The physicians said the camps"
        " were dangerous. The doctors said they would return next week."
    )
    analysis = analyse(text)
    assert source_of(analysis, "would return").id == source_of(analysis, "camps were dangerous").id


def test_president_morrow_is_not_the_first_lady_where_the_text_says_mr_morrow(analyse: Analyse) -> None:
    text = (
        "President Morrow said the race was close. The campaign will send Mr. Morrow and the first lady,"
        " Elena Morrow, to Florida. Mr. Morrow said turnout would decide it."
    )
    names = {source_of(analyse(text), c).name for c in ("race was close", "turnout would decide")}
    assert "Elena Morrow" not in names


def test_mrs_hale_is_not_paul_hale_where_the_text_names_two_hales(analyse: Analyse) -> None:
    text = (
        "Sam Ortiz, an aide to former governor Paul Hale, joined the talks. The mayor and Nora Hale met"
        " the leaders in Lisbon. Mrs. Hale said the meeting changed the deal."
    )
    assert source_of(analyse(text), "changed the deal").name != "Paul Hale"


def test_the_democratic_nominee_is_not_the_republican_one(analyse: Analyse) -> None:
    text = (
        "Republican presidential nominee Dan Mercer spoke first. Democratic presidential nominee Alma Ruiz"
        " spoke later. The Democratic presidential nominee said the plan would fail."
    )
    assert source_of(analyse(text), "plan would fail").name == "Alma Ruiz"


def test_a_surname_alone_is_the_person_the_ner_called_an_organisation_in_full(analyse: Analyse) -> None:
    # "Lester Holt"-shaped names are often ORG to the small NER; the lone surname is that person
    a = analyse(
        "The network chose KTV's Gordon Pell, Channel 4's Dana Rooke and the Herald's Amir Qadri.\n\n"
        "The candidate cannot mock the ratings if Pell asks him about his debts."
    )
    src = source_of(a, "his debts")
    assert (src.kind, src.name) == ("person", "Gordon Pell")


def test_a_later_she_said_continues_the_speaker_not_the_person_spoken_of(analyse: Analyse) -> None:
    a = analyse(
        "Two voters, Tanya Greer and Brian Olsen, watched the senator's running mate Tim Kaine speak.\n\n"
        "Greer said Clinton does not show consistency on race.\n\n"
        "“It is not something she keeps saying, only when a video goes around,” she said."
    )
    src = source_of(a, "video goes around")
    assert src.name == "Tanya Greer"
    assert a.source(source_of(a, "consistency on race").id) is not None
    assert all(s.name != "Tim Kaine" or s.gender != "female" for s in a.sources)


def test_delayed_identification_names_the_office_holder(analyse: Analyse) -> None:
    a = analyse(
        "Vermont’s tax commissioner says an internal review found no leak of the filings.\n\n"
        "Jane Okafor says she ordered staff to check who opened the records."
    )
    office, named = source_of(a, "found no leak"), source_of(a, "check who opened")
    assert office.id == named.id
    assert (named.name, named.role, named.gender) == ("Jane Okafor", "tax commissioner", "female")


def test_an_anonymous_official_is_not_the_next_person_named(analyse: Analyse) -> None:
    a = analyse(
        "A senior official says an internal review found no leak.\n\nJane Okafor says she ordered a second review."
    )
    assert source_of(a, "found no leak").id != source_of(a, "second review").id


def test_the_company_is_never_a_government_body_named_before_it(analyse: Analyse) -> None:
    a = analyse(
        "The Ohio State Attorney General (OSAG) is looking into Northwind Corp., two people close to the case said.\n\n"
        "The company confirmed that it had been contacted by the office."
    )
    assert "Northwind" in source_of(a, "had been contacted").name


def test_the_speaker_of_an_inverted_cue_is_the_person_a_possessive_introduces(analyse: Analyse) -> None:
    a = analyse(
        "Layoffs will be announced this week in teams that do not support the core business, said"
        " The Orbit Group’s recently named executive chair Lina Marsh in an email to staff."
    )
    src = source_of(a, "Layoffs will be announced")
    assert (src.kind, src.name) == ("person", "Lina Marsh")


def test_a_named_speakers_mention_leaves_out_where_they_spoke(analyse: Analyse) -> None:
    a = analyse("The plant will close in May, said the firm's chief executive Lina Marsh in an interview on Monday.")
    attr = next(x for x in a.attributions if "plant will close" in x.content_text)
    assert attr.source_mention is not None and "interview" not in attr.source_mention.text


def test_a_surname_is_completed_from_a_full_name_the_ner_missed(analyse: Analyse) -> None:
    a = analyse(
        "The Norwegian Prosecution Office said Deputy Director of Public Prosecution Anna-Lena Brekke had closed"
        ' the file. "I would like to thank the witness," Brekke said.'
    )
    assert source_of(a, "thank the witness").name == "Anna-Lena Brekke"


def test_a_country_before_a_name_is_no_first_name(analyse: Analyse) -> None:
    a = analyse(
        "China’s ambassador to Britain Liu Xiaming has said the unrest would end. Liu said the army could be deployed."
    )
    assert source_of(a, "army could be deployed").name == "Liu Xiaming"


def test_a_writers_adverb_is_no_part_of_the_source(analyse: Analyse) -> None:
    a = analyse("Even the policy manual of the immigration service says the children are citizens.")
    attr = next(x for x in a.attributions if "children are citizens" in x.content_text)
    assert attr.source_mention is not None and not attr.source_mention.text.startswith("Even")


def test_a_company_takes_the_fullest_name_the_article_gives_it(analyse: Analyse) -> None:
    a = analyse("The rescue was led by Orbis Holdings Ltd. on Monday. Orbis said the deal would close soon.")
    assert source_of(a, "deal would close").name == "Orbis Holdings Ltd."


def test_a_product_of_a_company_does_not_rename_it(analyse: Analyse) -> None:
    a = analyse("Orbis Music grew fast this year. Orbis said the deal would close soon.")
    assert source_of(a, "deal would close").name == "Orbis"


def test_prosecutors_are_the_prosecutors_office_the_article_names(analyse: Analyse) -> None:
    a = analyse(
        "A Vermont man admitted sending threats to a judge, prosecutors said.\n\n"
        "He faces up to ten years in prison, the U.S. Attorney's Office for the District of Vermont said.\n\n"
        "The man kept two rifles at his home, prosecutors said."
    )
    office = source_of(a, "ten years in prison")
    assert source_of(a, "sending threats").id == office.id == source_of(a, "two rifles").id
    assert office.kind == "organization"


def test_prosecutors_stay_a_group_where_two_offices_are_named(analyse: Analyse) -> None:
    a = analyse(
        "The Kent County Prosecutor's Office and the Ottawa County Prosecutor's Office opened inquiries.\n\n"
        "The man kept two rifles at his home, prosecutors said."
    )
    assert source_of(a, "two rifles").kind == "group"


def test_regulators_are_the_commission_whose_name_holds_their_words(analyse: Analyse) -> None:
    a = analyse(
        "Oregon's utilities regulators said the outages had cut off emergency calls.\n\n"
        "The Oregon Public Utilities Commission will hold a hearing on Friday.\n\n"
        "The utilities commission said carriers had failed to share information."
    )
    assert source_of(a, "emergency calls").id == source_of(a, "failed to share").id


def test_one_of_two_outlets_cited_together_is_that_outlet_alone(analyse: Analyse) -> None:
    a = analyse(
        "The director is in talks to make the film, according to reports from The Wrap and Deadline.\n\n"
        "Deadline reports that the studio is also working on a sequel."
    )
    assert source_of(a, "working on a sequel").name == "Deadline"


def test_an_office_for_a_district_keeps_the_whole_of_its_name(analyse: Analyse) -> None:
    a = analyse("The United Nations High Commissioner for Human Rights said the decision broke no law.")
    assert source_of(a, "broke no law").name == "United Nations High Commissioner for Human Rights"


def test_a_surname_with_an_honorific_takes_the_full_name_written_before(analyse: Analyse) -> None:
    a = analyse(
        "Deputy Director of Public Prosecution Eva-Marie Persson closed the case on Tuesday.\n\n"
        "Ms Persson said the evidence had weakened over the years."
    )
    assert source_of(a, "evidence had weakened").name == "Eva-Marie Persson"


def test_a_party_epithet_is_the_person_just_named(analyse: Analyse) -> None:
    a = analyse(
        "Sen. Ann Lowe (D-Ore.) said the bill was dead. Lowe said the votes were not there.\n\n"
        "The Oregon Democrat said she would try again next year."
    )
    assert source_of(a, "try again").id == source_of(a, "bill was dead").id
    assert source_of(a, "try again").name == "Ann Lowe"


def test_an_age_epithet_is_the_person_given_that_age(analyse: Analyse) -> None:
    a = analyse(
        "Tomas Berg, 45, said he saw the truck. Police arrived an hour later.\n\n"
        '"It was going fast," the 45-year-old said.'
    )
    assert source_of(a, "going fast").name == "Tomas Berg"


def test_the_democrats_are_not_one_person(analyse: Analyse) -> None:
    a = analyse("Sen. Ann Lowe said the bill was dead. The Democrats said they would try again.")
    assert source_of(a, "try again").name != "Ann Lowe"


def test_a_name_that_reports_on_its_own_things_is_a_body(analyse: Analyse) -> None:
    a = analyse("Dunmore said its stores would close at noon. The retailer said staff would be paid.")
    store = source_of(a, "stores would close")
    assert store.kind == "organization"
    assert source_of(a, "staff would be paid").id == store.id


def test_a_company_named_with_a_designator_keeps_a_first_word_that_spells_a_title(analyse: Analyse) -> None:
    a = analyse("General Dynamics Corp. said it would hire 500 workers. GD said the jobs would be in Ohio.")
    company = source_of(a, "hire 500 workers")
    assert company.name == "General Dynamics Corp."
    assert source_of(a, "jobs would be in Ohio").id == company.id


def test_an_acronym_in_capitals_after_the_is_a_name_not_a_pronoun(analyse: Analyse) -> None:
    a = analyse("The World Health Organization said the outbreak was contained. The WHO said no new cases were found.")
    assert source_of(a, "no new cases").id == source_of(a, "outbreak was contained").id


def test_the_chair_is_the_person_called_chairman(analyse: Analyse) -> None:
    a = analyse(
        "Jerome Powell, the Federal Reserve chairman, said rates would stay low. "
        "The Fed chair said inflation was muted."
    )
    assert source_of(a, "inflation was muted").name == "Jerome Powell"


def test_the_maker_of_a_product_is_the_company_not_the_product(analyse: Analyse) -> None:
    a = analyse("Apple Inc. said sales rose. The iPhone maker said demand was strong in China.")
    assert source_of(a, "demand was strong").name == "Apple Inc."


def test_a_player_s_position_before_the_name_is_no_part_of_it(analyse: Analyse) -> None:
    a = analyse('Striker Omar Haddad scored twice on Sunday. "Football is my life," Haddad said.')
    assert source_of(a, "my life").name == "Omar Haddad"


def test_why_an_unnamed_source_would_know_stays_in_its_mention(analyse: Analyse) -> None:
    a = analyse("According to a person briefed on the talks, the offer was rejected.")
    attr = next(x for x in a.attributions if "offer was rejected" in x.content_text)
    assert attr.source_mention is not None and attr.source_mention.text == "a person briefed on the talks"


def test_a_report_released_by_a_body_is_that_body_s_statement(analyse: Analyse) -> None:
    a = analyse("The report, released Tuesday by the Government Accountability Office, found that costs had doubled.")
    assert source_of(a, "costs had doubled").name == "Government Accountability Office"


def test_data_collected_by_an_instrument_stay_a_document(analyse: Analyse) -> None:
    a = analyse("Data collected by the Hubble Space Telescope suggest that the moon holds water.")
    assert source_of(a, "moon holds water").kind == "document"


def test_a_survey_after_a_poll_is_that_poll(analyse: Analyse) -> None:
    a = analyse("A CNN poll released Monday shows that most voters approve. The survey found that support had grown.")
    assert source_of(a, "support had grown").id == source_of(a, "most voters approve").id


def test_a_portfolio_title_is_the_whole_role_and_its_owner_pronoun_no_affiliation(analyse: Analyse) -> None:
    a = analyse(
        "Health Secretary Sajid Javid told MPs the service was under pressure.\n\n"
        "The Royal College of Nursing said staff were exhausted. Its general secretary, Pat Cullen, said nurses would"
        " strike."
    )
    assert source_of(a, "under pressure").role == "Health Secretary"
    cullen = source_of(a, "nurses would strike")
    assert cullen.role == "general secretary" and cullen.affiliation is None


def test_an_office_in_the_lede_is_the_person_named_later_with_it(analyse: Analyse) -> None:
    a = analyse(
        "The house where Hitler was born will become a police station, Austria's interior minister said on"
        " Tuesday.\n\nThe decision ends years of debate, Interior Minister Wolfgang Peschorn said in a statement."
    )
    assert source_of(a, "police station").name == "Wolfgang Peschorn"
    assert source_of(a, "police station").id == source_of(a, "years of debate").id


def test_someones_representative_is_not_the_person_a_rep_speaks_for(analyse: Analyse) -> None:
    a = analyse("Swift's rep told Fox News that this was not the whole truth. A rep for Braun did not respond.")
    assert source_of(a, "not the whole truth").name != "Braun"


def test_the_governor_is_the_governor_the_text_was_just_speaking_of(analyse: Analyse) -> None:
    a = analyse(
        "Gov. Eric Holcomb and leaders of the Legislature have avoided criticism of teachers. In Kentucky, Gov. Matt"
        " Bevin faces a close race.\n\nTeachers did not see Holcomb on Tuesday: he was at a conference of donors to"
        " Holcomb's campaign. The governor said he was waiting for a commission to report."
    )
    assert source_of(a, "waiting for a commission").name == "Eric Holcomb"


def test_a_body_takes_the_nation_its_full_name_holds(analyse: Analyse) -> None:
    a = analyse(
        "The protests degrade the Chinese Communist Party's claim to a right of power.\n\n"
        "The Communist Party said the protesters were rioters. The Trump White House was silent on Monday. The White"
        " House said it was watching."
    )
    assert source_of(a, "protesters were rioters").name == "Chinese Communist Party"
    assert source_of(a, "it was watching").name == "White House"


def test_both_men_are_the_two_people_named_together_before(analyse: Analyse) -> None:
    a = analyse(
        "American Kevin King and Australian Timothy Weeks, both professors in Kabul, were handed over to US forces.\n\n"
        "King and Weeks were abducted by gunmen in August 2016. The next year, the Taliban released two videos of them."
        "\n\nBoth men claimed at the time that they were being treated well."
    )
    pair = source_of(a, "being treated well")
    assert (pair.name, pair.kind, pair.named) == ("Kevin King and Timothy Weeks", "group", True)


def test_both_men_the_text_never_named_stay_unnamed(analyse: Analyse) -> None:
    a = analyse("Two men were freed on Tuesday. Both men said they had been treated well.")
    assert not source_of(a, "treated well").named


def test_an_outlet_written_with_its_noun_is_named_without_it(analyse: Analyse) -> None:
    a = analyse("The prince was a fool, the Independent newspaper reported. The Guardian paper added that it was late.")
    assert source_of(a, "prince was a fool").name == "The Independent"
    assert source_of(a, "it was late").name == "The Guardian"
    assert source_of(a, "it was late").kind == "outlet"


def test_a_paper_published_in_a_journal_is_a_document_and_the_paper_that_reports_an_outlet(analyse: Analyse) -> None:
    study = analyse("A paper published in the journal Nature Astronomy found that the moon holds water.")
    assert source_of(study, "moon holds water").kind == "document"
    newspaper = analyse("The paper reported that the mayor had resigned.")
    assert source_of(newspaper, "mayor had resigned").kind == "outlet"


def test_people_named_together_have_no_role_of_one_of_them(analyse: Analyse) -> None:
    a = analyse("Republican Gov. Eric Holcomb and leaders of the Legislature said they would raise teacher pay.")
    assert source_of(a, "raise teacher pay").role is None


def test_one_person_with_two_roles_keeps_both(analyse: Analyse) -> None:
    a = analyse("The president and chief executive said the deal was done.")
    assert source_of(a, "deal was done").role == "president and chief executive"


def test_a_state_university_is_a_body(analyse: Analyse) -> None:
    a = analyse("Ohio State said the coach would stay.")
    assert source_of(a, "coach would stay").kind == "organization"


def test_a_name_the_text_uses_for_a_thing_is_a_body_and_who_stands_for_someone(analyse: Analyse) -> None:
    text = (
        "The party renamed its Twitter account before the debate. "
        "Twitter pledged to take corrective action against similar tactics."
    )
    assert source_of(analyse(text), "corrective action").kind == "organization"
    assert source_of(analyse("Schiff said the testimony was damning."), "damning").kind == "person"
    assert source_of(analyse("The Lakers said the guard would miss two games."), "two games").kind == "organization"
    desk = source_of(
        analyse("Trump made 13,000 false claims, according to The Washington Post's Fact Checker."), "false"
    )
    assert (desk.kind, desk.name) == ("outlet", "The Washington Post's Fact Checker")
    text = (
        "He hoped the swap would pave the way for direct talks with the Taliban, who have said they will not "
        "negotiate with Kabul."
    )
    assert source_of(analyse(text), "will not negotiate").name == "Taliban"


def test_the_reporting_verb_said_again_starts_a_report_of_its_own(analyse: Analyse) -> None:
    text = "The ministry said it viewed the move as illegal and said it would raise tensions on the ground."
    assert source_of(analyse(text), "raise tensions").name == "The ministry"
    text = "During the call, he called her a liar and said, “somebody ought to stop her,” the prosecutor’s office said."
    quoted = source_of(analyse(text), "somebody ought to stop her")
    assert quoted.name != "prosecutor’s office"


def test_a_description_by_office_is_the_subject_named_just_before(analyse: Analyse) -> None:
    text = (
        "Hillary Clinton spoke out on Tuesday about the shooting. On a morning show, the former secretary of"
        " state said she wanted to speak directly to voters."
    )
    assert source_of(analyse(text), "speak directly to voters").name == "Hillary Clinton"
    text = (
        "Hillary Clinton spoke after Tim Kaine had left. On a morning show, the former secretary of state said"
        " she wanted to speak directly to voters."
    )
    assert source_of(analyse(text), "speak directly to voters").name != "Hillary Clinton"


def test_a_vice_presidential_nominee_is_not_the_presidential_nominee(analyse: Analyse) -> None:
    text = (
        "The Republican presidential nominee Donald Trump spoke first. "
        "The Republican vice presidential nominee said the race was close."
    )
    assert source_of(analyse(text), "the race was close").name != "Donald Trump"


def test_an_acronym_with_an_ampersand_is_the_company_spelled_out(analyse: Analyse) -> None:
    text = (
        "Pacific Gas & Electric Co. said it would cut power to 800,000 customers. "
        "PG&E said it would restore power by Friday."
    )
    assert source_of(analyse(text), "restore power").name == "Pacific Gas & Electric Co."
