"""Attribution forms the extractor must cover (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

from pipelines.extraction import extract_document
from pipelines.extraction.records import QUOTE_TYPES, SOURCE_KINDS

from .conftest import assert_claim_spans_match


def run(nlp, text, published=None):
    ex = extract_document(nlp(text), "t", published)
    for c in ex.claims:
        assert_claim_spans_match(text, c)
        assert c.source_kind in SOURCE_KINDS
        assert c.quote_type in QUOTE_TYPES
        assert 0.0 <= c.confidence <= 1.0
    return ex


def one(nlp, text, cue, published=None):
    ex = run(nlp, text, published)
    found = [c for c in ex.claims if c.cue_text == cue]
    assert found, [(c.cue_text, c.content_text) for c in ex.claims]
    return found[0], ex


def test_said_that(nlp):
    c, _ = one(nlp, "The mayor said that the bridge would reopen next spring.", "said")
    assert c.source_text == "The mayor"
    assert c.content_text == "the bridge would reopen next spring"
    assert c.quote_type == "indirect" and not c.hedged
    assert c.source_kind == "anonymous"


def test_said_without_that(nlp):
    c, _ = one(nlp, "Helen Carter said the budget was balanced.", "said")
    assert c.source_text == "Helen Carter"
    assert c.source_entity == "Helen Carter" and c.source_kind == "person"
    assert c.content_text == "the budget was balanced"


def test_inverted_x_said(nlp):
    c, _ = one(nlp, "The factory will close in March, the company said.", "said")
    assert c.source_text == "the company"
    assert c.content_text == "The factory will close in March"


def test_inverted_said_x(nlp):
    c, _ = one(nlp, "Prices will keep rising, said Maria Lopez, an economist at the bank.", "said")
    assert c.source_text.startswith("Maria Lopez")
    assert c.content_text == "Prices will keep rising"


def test_told_media_is_via(nlp):
    text = ("The Daily Ledger covered the strike. A worker told the newspaper that "
            "wages had not changed in years.")
    c, _ = one(nlp, text, "told")
    assert c.source_text == "A worker" and c.source_kind == "anonymous"
    assert c.via_text == "the newspaper" and c.via_entity == "Daily Ledger"
    assert c.content_text == "wages had not changed in years"


def test_told_person_is_not_via(nlp):
    c, _ = one(nlp, "The coach told his players that the season was not over.", "told")
    assert c.via_text is None
    assert c.content_text == "the season was not over"


def test_according_to(nlp):
    c, _ = one(nlp, "According to the agency, exports fell by a third last year.", "According to")
    assert c.source_text == "the agency"
    assert c.content_text == "exports fell by a third last year"
    assert c.has_number


def test_according_to_at_end(nlp):
    c, _ = one(nlp, "Exports fell sharply, according to official figures.", "according to")
    assert c.source_text == "official figures"
    assert c.content_text == "Exports fell sharply"


def test_quoted_as_saying_nested(nlp):
    text = ("The Evening Courier quoted a local farmer as saying that the harvest "
            "was the worst in a decade.")
    c, _ = one(nlp, text, "quoted … as saying")
    assert c.source_text == "a local farmer"
    assert c.via_text == "The Evening Courier"
    assert c.content_text == "the harvest was the worst in a decade"
    assert len(c.cue_spans) == 2


def test_cited_as_saying(nlp):
    c, _ = one(nlp, "The agency cited an official as saying the talks had stalled.",
               "cited … as saying")
    assert c.source_text == "an official"
    assert c.via_text == "The agency"


def test_direct_quote_first(nlp):
    c, _ = one(nlp, "“We are not going anywhere,” he said.", "said")
    assert c.source_text == "he"
    assert c.content_text == "“We are not going anywhere,”"
    assert c.quote_type == "direct"


def test_direct_quote_continues(nlp):
    text = "“We will win,” she said. “Nobody can stop us now.” The crowd cheered."
    c, _ = one(nlp, text, "said")
    assert c.content_text == "“We will win,” … “Nobody can stop us now.”"
    assert c.quote_type == "direct"


def test_quote_continues_over_paragraphs(nlp):
    text = "The minister said: “We have a plan.\n\n“And we will carry it out.”"
    c, _ = one(nlp, text, "said")
    assert "We have a plan" in c.content_text and "carry it out" in c.content_text


def test_colon_introduction(nlp):
    c, _ = one(nlp, "The senator said: “The vote is a mistake.”", "said")
    assert c.source_text == "The senator"
    assert c.content_text == "“The vote is a mistake.”"
    assert c.quote_type == "direct"


def test_mixed_quote(nlp):
    c, _ = one(nlp, "The judge said the ruling was “final and binding” for all parties.", "said")
    assert c.quote_type == "mixed"


def test_hedge_reportedly(nlp):
    c, _ = one(nlp, "The singer is reportedly planning a world tour.", "reportedly")
    assert c.source_text is None and c.source_spans == []
    assert c.source_kind == "none" and c.hedged
    assert "planning a world tour" in c.content_text


def test_hedge_allegedly(nlp):
    c, _ = one(nlp, "The suspects allegedly stole three cars.", "allegedly")
    assert c.hedged and c.source_kind == "none"


def test_it_is_said(nlp):
    c, _ = one(nlp, "It is said that the castle is haunted.", "is said")
    assert c.source_spans == [] and c.hedged and c.source_kind == "none"
    assert c.content_text == "the castle is haunted"


def test_passive_it_was_reported(nlp):
    c, _ = one(nlp, "The talks collapsed, it was reported.", "was reported")
    assert c.source_spans == [] and c.hedged
    assert c.content_text == "The talks collapsed"


def test_report_document_source(nlp):
    c, _ = one(nlp, "A report by the health ministry found that smoking rates had halved.", "found")
    assert c.source_text == "A report by the health ministry"
    assert c.source_kind == "document"
    assert c.content_text == "smoking rates had halved"


def test_belief_verb(nlp):
    c, _ = one(nlp, "The governor believes the reform will pass.", "believes")
    assert c.content_text == "the reform will pass"


def test_expects(nlp):
    c, _ = one(nlp, "The central bank expects that inflation will ease.", "expects")
    assert c.source_text == "The central bank"
    assert c.content_text == "inflation will ease"


def test_expressing_hope(nlp):
    text = "The talks ended, with both sides expressing hope that a deal was near."
    c, _ = one(nlp, text, "expressing hope")
    assert c.source_text == "both sides"
    assert c.content_text == "a deal was near"


def test_pronoun_resolves_to_previous_source(nlp):
    text = ("Anna Berg, the new chief executive, said sales were up. "
            "She added that costs had fallen.")
    c, _ = one(nlp, text, "added")
    assert c.source_text == "She"
    assert c.source_entity == "Anna Berg" and c.source_kind == "person"


def test_short_name_and_title(nlp):
    text = ("Finance Minister Peter Hall presented the plan on Monday. "
            "Hall said the deficit would shrink.")
    _, ex = one(nlp, text, "said")
    c = [c for c in ex.claims if c.cue_text == "said"][0]
    assert c.source_entity == "Peter Hall"
    names = {e.canonical_name for e in ex.entities}
    assert "Peter Hall" in names and "Finance Minister Peter Hall" not in names


def test_acronym_and_description(nlp):
    text = ("The National Broadcasting Corporation reported that the mine would close. "
            "The NBC said the decision was final. The publication added that "
            "hundreds of jobs were at risk.")
    ex = run(nlp, text)
    by_cue = {c.cue_text: c for c in ex.claims}
    assert by_cue["said"].source_entity == "National Broadcasting Corporation"
    assert by_cue["added"].source_entity == "National Broadcasting Corporation"
    assert by_cue["added"].source_kind == "organization"


def test_time_and_claim_date(nlp):
    c, _ = one(nlp, "On Monday, the ministry said that the border was open.", "said",
               published=date(2024, 5, 9))  # a Thursday
    assert c.time_text == "On Monday"
    assert c.claim_date == date(2024, 5, 6)


def test_time_this_month(nlp):
    c, _ = one(nlp, "The president said this month that taxes would rise.", "said",
               published=date(2024, 5, 9))
    assert c.time_text == "this month"
    assert c.claim_date == date(2024, 5, 1)


def test_no_date_without_publication(nlp):
    c, _ = one(nlp, "Yesterday the union said the strike was over.", "said")
    assert c.claim_date is None


def test_declined_to_comment_is_not_a_claim(nlp):
    ex = run(nlp, "The company declined to comment.")
    assert ex.claims == []


def test_mentions_link_to_entities(nlp):
    ex = run(nlp, "Lena Fischer said that Berlin would host the summit.")
    ids = {e.entity_id for e in ex.entities}
    assert ex.mentions and all(m.entity_id in ids for m in ex.mentions)
    c = ex.claims[0]
    texts = {m.text for m in ex.mentions if m.mention_id in c.mention_ids}
    assert "Berlin" in texts and "Lena Fischer" not in texts


# -- forms added in 0.2 (PolNeAR-style coverage; sentences written for these tests) -------


def test_quote_resumes_after_cue(nlp):
    text = "“We will rebuild the pier,” Mayor Ana Ruiz said, “and we will do it this year.”"
    c, _ = one(nlp, text, "said")
    assert c.source_text == "Mayor Ana Ruiz"
    assert len(c.content_spans) == 2
    assert c.content_text.endswith("“and we will do it this year.”")
    assert c.quote_type == "direct"


def test_cue_interjected_mid_sentence(nlp):
    text = "The new rules, the inspector said, will apply to every kitchen in town."
    c, _ = one(nlp, text, "said")
    assert c.source_text == "the inspector"
    assert c.content_text == "The new rules … will apply to every kitchen in town"


def test_only_outermost_attribution(nlp):
    text = "The coach said that the players believe the league is unfair."
    ex = run(nlp, text)
    assert [c.cue_text for c in ex.claims] == ["said"]
    assert ex.claims[0].content_text == "the players believe the league is unfair"


def test_object_as_content(nlp):
    c, _ = one(nlp, "The senator criticized the new tax on fuel.", "criticized")
    assert c.source_text == "The senator"
    assert c.content_text == "the new tax on fuel"


def test_object_with_secondary_complement(nlp):
    c, _ = one(nlp, "Councillor Grant called the budget a disgrace.", "called")
    assert c.source_text == "Councillor Grant"
    assert c.content_text == "the budget a disgrace"
    c, _ = one(nlp, "The union accused the firm of hiding its profits.", "accused")
    assert c.content_text == "the firm of hiding its profits"


def test_intention_infinitive(nlp):
    c, _ = one(nlp, "The governor vowed to veto the bill.", "vowed")
    assert c.source_text == "The governor"
    assert c.content_text == "to veto the bill"


def test_prepositional_object(nlp):
    c, _ = one(nlp, "The activists called for a ban on plastic bags.", "called for")
    assert c.source_text == "The activists"
    assert c.content_text == "a ban on plastic bags"


def test_passive_expectation_has_no_source(nlp):
    c, _ = one(nlp, "The senator is expected to announce her bid next week.", "is expected")
    assert c.source_text is None and c.hedged
    assert c.content_text == "The senator … to announce her bid next week"


def test_in_a_poll(nlp):
    c, _ = one(nlp, "In a new Gallup poll, the mayor leads her rival by ten points.", "In")
    assert c.source_text == "a new Gallup poll"
    assert c.content_text == "the mayor leads her rival by ten points"


def test_possessive_claim_noun(nlp):
    c, _ = one(nlp, "Nobody believed the minister's claim that the tunnel was safe.", "claim")
    assert c.source_text == "the minister"
    assert c.content_text == "the tunnel was safe"


def test_object_needs_an_actor(nlp):
    # a bare infinitive object and an imperative are not claims
    ex = run(nlp, "Remember the plan. It is hard to see whether the bridge will open.")
    assert ex.claims == []


def test_light_verb_with_stance_noun(nlp):
    c, _ = one(nlp, "The governor made the case that the levy was fair.", "made the case")
    assert c.source_text == "The governor"
    assert c.content_text == "the levy was fair"
    c, _ = one(nlp, "The union expressed support for the new contract.", "expressed support for")
    assert c.content_text == "the new contract"


def test_impression_seems(nlp):
    c, _ = one(nlp, "The mayor seems ready for a long campaign.", "seems")
    assert c.source_text is None and c.hedged
    assert c.content_text == "The mayor … ready for a long campaign"


def test_hoping_is_a_cue(nlp):
    c, _ = one(nlp, "The coach is hoping to sign two new players.", "is hoping")
    assert c.source_text == "The coach"
    assert c.content_text == "to sign two new players"


def test_document_colon_headline(nlp):
    c, _ = one(nlp, "Poll: Most residents back the new park\n\nThe council meets today.", ":")
    assert c.source_text == "Poll"
    assert c.content_text == "Most residents back the new park"


def test_trailing_participle_is_its_own_claim(nlp):
    text = "The mayor insisted that the budget was sound, adding that taxes would not rise."
    c, ex = one(nlp, text, "insisted")
    assert c.content_text == "the budget was sound"
    assert any(x.cue_text == "adding" and x.content_text == "taxes would not rise"
               for x in ex.claims)


def test_phrasal_speech_verb(nlp):
    c, _ = one(nlp, "Aides to the governor point out that she won the last two counties.", "point out")
    assert c.source_text == "Aides to the governor"
    assert c.content_text == "she won the last two counties"


def test_particle_verb_needs_its_particle(nlp):
    ex = run(nlp, "The farmer set the fence posts in concrete.")
    assert not ex.claims


def test_request_with_object_and_infinitive(nlp):
    c, _ = one(nlp, "The pastor asked the congregation to stand for a minute of silence.", "asked")
    assert c.source_text == "The pastor"
    assert "to stand for a minute of silence" in c.content_text


def test_calling_for_with_subordinate_for(nlp):
    c, _ = one(nlp, "Senator Alma Reyes is calling for the state to hire more teachers.",
               "is calling for")
    assert c.content_text == "the state to hire more teachers"


def test_speaker_with_appositive_after_quotation(nlp):
    text = "“We were wrong not to act sooner,” Ramos, 58, told reporters in Mexico City on Monday."
    c, _ = one(nlp, text, "told")
    assert c.source_text.startswith("Ramos")
    assert c.content_text == "“We were wrong not to act sooner,”"


def test_name_colon_quotation_mid_sentence(nlp):
    text = "More from the pollster Ann Selzer: “The race has tightened in the last week.”"
    c, _ = one(nlp, text, ":")
    assert c.source_text == "Ann Selzer"
    assert c.content_text == "“The race has tightened in the last week.”"


def test_title_case_headline_name_colon(nlp):
    text = ("Okafor: The Budget Will Not Pass This Year\n\n"
            "Senator Grace Okafor said on Monday that talks had failed.")
    c, _ = one(nlp, text, ":")
    assert c.source_text == "Okafor"


def test_semicolon_is_not_an_inverted_cue(nlp):
    text = "He calls for a single-payer health system; Mrs. Lane aims to build on the current law."
    c, ex = one(nlp, text, "calls for")
    assert c.content_text == "a single-payer health system"
    assert not any("calls for" in x.content_text for x in ex.claims)


def test_interview_letters_are_not_sources(nlp):
    ex = run(nlp, "Q: Will you run again?\nA: Not this year, I think.")
    assert not [c for c in ex.claims if c.cue_text == ":"]


def test_relative_clause_cue_is_cut_from_content(nlp):
    text = "The tax cuts, which economists said would cost billions, were passed in June."
    c, _ = one(nlp, text, "said")
    assert c.source_text == "economists"
    assert c.content_text == "which … would cost billions"


def test_complement_is_taken_from_the_cue_paragraph(nlp):
    text = ("“That is what the founders intended, that most choices be made by the states.”\n\n"
            "Mayor Ortiz said he would be careful in cutting the school budget.")
    c, _ = one(nlp, text, "said")
    assert c.source_text == "Mayor Ortiz"
    assert c.content_text == "he would be careful in cutting the school budget"


def test_of_two_parsed_subjects_the_nearest_before_the_verb_is_taken(nlp):
    """A misparse seen in real copy, built by hand: both names hang on 'said' as nsubj."""
    from spacy.tokens import Doc

    from pipelines.extraction.syntax import subject_of

    words = ["“", "I", "admire", "Senator", "Ruiz", ",", "”", "Lopez", "said", "."]
    heads = [8, 2, 8, 4, 8, 8, 8, 8, 8, 8]
    deps = ["punct", "nsubj", "ccomp", "compound", "nsubj", "punct", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * 9)
    assert subject_of(doc[8]).text == "Lopez"


def test_clause_after_a_semicolon_is_not_the_content(nlp):
    text = 'Nine of 10 voters in Ohio were worried about jobs; most said they were "very worried."'
    c, _ = one(nlp, text, "said")
    assert c.source_text == "most"
    assert c.content_text == 'they were "very worried."'


def test_responded_to(nlp):
    c, _ = one(nlp, "The minister responded to accusations that she had misled parliament.",
               "responded to")
    assert c.source_text == "The minister"
    assert c.content_text == "accusations that she had misled parliament"


def test_object_content_stops_before_a_describing_clause(nlp):
    c, _ = one(nlp, "The senator praised the pastor Ann Lee, who had vowed to fight the plan.",
               "praised")
    assert c.content_text == "the pastor Ann Lee"


def test_page_labels_are_not_sources(nlp):
    text = ("FILE PHOTO: The governor speaks in Albany.\n\nSEE ALSO: Ten facts about the budget\n\n"
            "The governor said the budget was late.")
    ex = run(nlp, text)
    assert [c.cue_text for c in ex.claims] == ["said"]


def test_no_reply_to_a_request_for_comment_is_not_a_claim(nlp):
    ex = run(nlp, "A spokesman for the company did not respond to a request for comment.")
    assert not ex.claims


def test_sentence_initial_asked_has_no_named_asker(nlp):
    text = "Asked whether she would run again, Senator Ortiz said she had not decided."
    c, _ = one(nlp, text, "Asked")
    assert c.source_text is None


def test_colon_after_the_listener(nlp):
    text = "She tells the crowd: “We will not stop until the plant is closed.”"
    c, _ = one(nlp, text, "tells")
    assert c.source_text == "She"
    assert c.content_text == "“We will not stop until the plant is closed.”"


def test_told_someone_to(nlp):
    c, _ = one(nlp, "The mayor told the protesters to go home.", "told")
    assert c.source_text == "The mayor"
    assert "to go home" in c.content_text


def test_double_space_after_a_quotation(nlp):
    text = '"For the party, this is a moment of reckoning,"  Berkman said.'
    c, _ = one(nlp, text, "said")
    assert c.source_text == "Berkman"
    assert c.content_text == '"For the party, this is a moment of reckoning,"'


def test_asked_participle_does_not_repeat_the_quote(nlp):
    text = "“We will rebuild the bridge,” the mayor told reporters, when asked about the flood."
    ex = run(nlp, text)
    assert [c.cue_text for c in ex.claims] == ["told"]


def test_all_told_is_not_a_cue(nlp):
    ex = run(nlp, "All told, the storm destroyed forty homes in the valley.")
    assert not ex.claims


def test_as_clause_reported(nlp):
    c, _ = one(nlp, "As the agency's chief economist reported, prices rose sharply in the spring.",
               "reported")
    assert c.source_text == "the agency's chief economist"
    assert c.content_text == "prices rose sharply in the spring"


def test_as_clause_put_it(nlp):
    c, _ = one(nlp, "Prices rose sharply in the spring, as the agency's chief economist put it.",
               "put it")
    assert c.content_text == "Prices rose sharply in the spring"


def test_as_clause_with_its_own_object_is_not_an_attribution_of_the_clause(nlp):
    ex = run(nlp, "As he announced his bid, the crowd cheered.")
    assert not any(c.content_text.startswith("the crowd") for c in ex.claims)


def test_pronoun_skips_names_inside_quotations(nlp):
    text = ("Maria Keller spoke at the rally. “Nobody listens to Senator Paul Brandt anymore,” "
            "the crowd chanted.\n\nShe said the vote would be close.")
    c, _ = one(nlp, text, "said")
    assert c.source_text == "She"
    assert c.source_entity == "Maria Keller"


def test_hyphenated_name_is_kept_whole(nlp):
    c, _ = one(nlp, "Wal-Mart said it would raise wages for its workers.", "said")
    assert c.source_text == "Wal-Mart"


def test_name_colon_quotation_is_the_content(nlp):
    c, _ = one(nlp, "ORTIZ: “We will rebuild the bridge.” The crowd cheered loudly.", ":")
    assert c.content_text == "“We will rebuild the bridge.”"
    assert c.quote_type == "direct"


def test_data_state_things_through_their_objects(nlp):
    c, _ = one(nlp, "Several recent polls show the governor with a narrow lead over her rival.", "show")
    assert c.source_text == "Several recent polls" and c.source_kind == "document"
    assert c.content_text == "the governor with a narrow lead over her rival"
    c, _ = one(nlp, "A survey that showed the mayor with a ten-point lead was published on Monday.", "showed")
    assert c.source_text == "that" and c.content_text == "the mayor with a ten-point lead"
    c, _ = one(nlp, "Polling showed the senator down by double digits.", "showed")
    assert c.content_text == "the senator down by double digits"
    ex = run(nlp, "The gardener found the keys under the mat.")
    assert not ex.claims  # a person finding things reports nothing
    assert not run(nlp, "History suggests a tense relationship.").claims  # not a source
    assert not run(nlp, "That, too, suggests problems for the plan.").claims
    assert not run(nlp, "That suggests the weeks after the election may be chaotic.").claims  # the article's inference


def test_inverted_cue_whose_parse_reaches_into_the_content(nlp):
    # the small model hangs "for", "voters" and "if bogus" under "said": Y is still all of
    # the text before the cue clause
    text = ("Television has also made it possible for voters with like-minded, if bogus, beliefs "
            "and theories to organize into movements and reach others, he said.")
    c, _ = one(nlp, text, "said")
    assert c.source_text == "he"
    assert c.content_text == text[:text.index(", he said")]
    assert len(c.content_spans) == 1
    c, _ = one(nlp, "Prices will keep rising this year, however, officials said.", "said")
    assert c.content_text == "Prices will keep rising this year"  # the set-off adverb is not Y
    assert not run(nlp, "RELATED: Senator Says Tax Plan Is Dead").claims  # a page label, not Y


def test_stance_adjectives_with_what_the_stance_is_about(nlp):
    c, _ = one(nlp, "The senator was critical of the new trade agreement.", "was critical of")
    assert c.source_text == "The senator" and c.content_text == "the new trade agreement"
    c, _ = one(nlp, "Local farmers are confident that the harvest will recover.", "are confident")
    assert c.content_text == "the harvest will recover"
    c, _ = one(nlp, "The mayor is eager to reopen the library.", "is eager")
    assert c.content_text == "to reopen the library"
    c, _ = one(nlp, "The senators, who are wary of the deal, met on Friday.", "are wary of")
    assert c.source_text == "who" and c.content_text == "the deal"
    assert not run(nlp, "The report is clear about its methods.").claims  # not an actor
    assert not run(nlp, "She was happy.").claims  # no stated position
    assert not run(nlp, "They are sure to win.").claims  # the writer's prediction
    assert not run(nlp, "You should be wary of scams.").claims  # advice to the reader
    for not_a_stance in ("Volunteers try to make sure they got their ballots in.",  # no copula
                         "The address will be critical to the party's message.",  # not "critical of"
                         "Senators may also be reluctant to embrace big changes.",  # speculation
                         "Why is the president so eager to embrace the deal?",  # the article asks
                         "Few experts are sure of his position.",  # nobody takes it
                         "I'm sure he would like a bigger audience."):  # the writer's own voice
        assert not run(nlp, not_a_stance).claims, not_a_stance


def test_wanting_to_is_an_intention(nlp):
    c, _ = one(nlp, "The coalition wants to cut the payroll tax next year.", "wants")
    assert c.source_text == "The coalition"
    assert c.content_text == "to cut the payroll tax next year"


def test_light_verb_idioms_state_a_position(nlp):
    c, _ = one(nlp, "The union took issue with the new schedule.", "took issue with")
    assert c.source_text == "The union" and c.content_text == "the new schedule"
    c, _ = one(nlp, "The governor has made no secret of her plans for the port.", "made no secret of")
    assert c.content_text == "her plans for the port"
    assert not run(nlp, "The defendant took the stand on Tuesday.").claims  # not the idiom
    assert not run(nlp, "She raised the issue with the prime minister.").claims
    assert not run(nlp, "The senators have not taken firm positions on the nominee.").claims
    assert not run(nlp, "He has made no statement about the deal.").claims


def test_complement_hung_on_an_adjunct_noun(nlp):
    # the parser attaches "that …" to "statement" or "report" as a relative clause
    for text, content in (
            ("She said in a statement that the agency was reviewing the footage.",
             "the agency was reviewing the footage"),
            ("They said in a report released Tuesday that emissions rose.", "emissions rose")):
        c, _ = one(nlp, text, "said")
        assert c.content_text == content, text
    c, _ = one(nlp, "He said in the statement that was released on Friday that taxes would rise.", "said")
    assert c.content_text == "taxes would rise"  # the real relative clause is not the content
    for relative in ("She spoke at the conference that the party held in May.",
                     "He wrote at a time that the country was divided.",  # "that" = when
                     "He said in the same way that his father had spoken."):  # "that" = how
        assert not run(nlp, relative).claims, relative
    text = ("There were many critics who argued on the day that we opened the office, on "
            "Election Day, that the project would fail.")
    assert "we opened the office" not in " ".join(c.content_text for c in run(nlp, text).claims)


def test_y_x_said_when_the_verb_has_no_complement(nlp):
    c, _ = one(nlp, "The hashtag #FindThem, Ms. Okafor said, accompanied pictures of the missing "
                    "and news when someone was found alive.", "said")
    assert c.source_text == "Ms. Okafor"
    assert c.content_text.startswith("The hashtag #FindThem") and "accompanied pictures" in c.content_text
    c, _ = one(nlp, "As the mayor prepared to speak on Tuesday, a man outside the hall was "
                    "arrested by officers, police said.", "said")
    assert c.source_text == "police"
    assert c.content_text.startswith("As the mayor prepared") and c.content_text.endswith("by officers")
    assert not run(nlp, "In 2010, he said.").claims  # no clause, no claim


def test_make_it_clear_states_a_position(nlp):
    c, _ = one(nlp, "The senator has made clear that she will not support the bill.", "made clear")
    assert c.source_text == "The senator" and c.content_text == "she will not support the bill"
    c, _ = one(nlp, "The governor made it clear that the others should drop out.", "made it clear")
    assert c.content_text == "the others should drop out"
    for inference in ("That made it clear that the plan had failed.",
                      "The attack made it clear that the city is vulnerable."):
        assert not run(nlp, inference).claims, inference  # the article's own inference


def test_seeing_something_as_something_is_a_view(nlp):
    c, _ = one(nlp, "Most voters in the state see the governor as the stronger candidate.", "see")
    assert c.source_text == "Most voters in the state"
    assert c.content_text == "the governor as the stronger candidate"
    c, _ = one(nlp, "The Trump campaign casts Clinton as a liar.", "casts")
    assert c.content_text == "Clinton as a liar"
    c, _ = one(nlp, "The campaign painted her as a career politician.", "painted")
    assert c.content_text == "her as a career politician"
    c, _ = one(nlp, "Democrats paint the administration as incompetent.", "paint")
    assert c.content_text == "the administration as incompetent"
    for not_a_view in ("He saw the ad on Monday.", "She cast a vote as a delegate.",
                       "The campaign saw its lead shrink.",
                       "Officers along the border were already seeing a surge in illegal crossings as a result.",
                       "If you see the deal as a failure, vote no.",
                       "She saw the city as a teenager.",  # her age, not a view
                       "He painted the house as a student.",
                       "Nearly 3 million votes were cast as of Tuesday.",  # literal passives
                       "The walls were painted as part of the renovation.",
                       "The bronze statue was cast as a single piece in 1901."):
        assert not run(nlp, not_a_view).claims, not_a_view


def test_criticism_drawn_from_someone(nlp):
    c, _ = one(nlp, "The proposal has drawn harsh criticism from fellow candidates.", "drawn harsh criticism")
    assert c.source_text == "fellow candidates" and c.content_text == "The proposal"
    c, _ = one(nlp, "She drew praise from critics for her performance.", "drew praise")
    assert c.source_text == "critics" and c.content_text == "She … her performance"
    c, _ = one(nlp, "The minister has faced criticism for closing the hospital.", "faced criticism")
    assert c.source_text is None and c.hedged and c.source_kind == "none"
    assert c.content_text == "The minister … closing the hospital"
    for not_received in ("The plan drew no criticism from Democrats.",
                         "We faced criticism from readers.",
                         "The program attracted criticism for a number of reasons.",
                         "Obama faced criticism for years.",  # when, not why
                         "The mayor faced criticism over the weekend.",
                         "The film drew praise from the start."):  # not a source
        assert not run(nlp, not_received).claims, not_received


def test_expected_in_a_relative_clause(nlp):
    c, _ = one(nlp, "The final, which is expected to draw a large audience, airs on Sunday.", "is expected")
    assert c.source_text is None and c.content_text == "which … to draw a large audience"
    c, _ = one(nlp, "The plant, which is expected to hire engineers, designers and managers, opens "
                    "next year.", "is expected")
    assert c.content_text == "which … to hire engineers, designers and managers"  # the list kept whole
    assert not run(nlp, "A deal expected to pass on Friday was delayed.").claims
    assert not run(nlp, "The senator, who is known as a moderate, voted no.").claims


def test_a_second_cue_clause_does_not_take_the_speakers_source(nlp):
    # the parser reads "the Herald reports" as a compound noun under "said"; the outlet's verb
    # must not borrow the mayor as its source
    text = "The budget will not pass, the mayor said on Monday, the Herald reports."
    claims = run(nlp, text).claims
    assert [(c.cue_text, c.source_text) for c in claims] == [("said", "the mayor")]
    assert claims[0].content_text == "The budget will not pass"
    c, _ = one(nlp, "“The new wing will add capacity,” said Director Tom Reyes, the Gazette reports.", "said")
    assert c.source_text == "Director Tom Reyes"  # the outlet's clause is not part of the name


def test_texts_read_what_they_say(nlp):
    c, _ = one(nlp, "“The plant will close in May,” the statement read.", "read")
    assert c.source_text == "the statement" and c.quote_type == "direct"
    c, _ = one(nlp, "The sign reads: “No entry after dark.”", "reads")
    assert c.source_text == "The sign" and c.content_text == "“No entry after dark.”"
    c, _ = one(nlp, "“The right to speak includes the right not to speak,” read its ruling.", "read")
    assert c.source_text == "its ruling"
    for reader in ("She read the book on Monday.", "He read that the plant would close."):
        assert not run(nlp, reader).claims, reader  # people who read are not texts
