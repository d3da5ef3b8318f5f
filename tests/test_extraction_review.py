"""Error kinds found in a review of real output (sentences written for these tests)."""

from __future__ import annotations

from pipelines.extraction import extract_document


def claims(nlp, text):
    return extract_document(nlp(text), "t", None).claims


def by_cue(nlp, text, cue):
    cs = claims(nlp, text)
    found = [c for c in cs if c.cue_text == cue]
    assert found, [(c.cue_text, c.content_text) for c in cs]
    return found[0]


# 1. leading "that"

def test_that_before_apostrophe_is_kept(nlp):
    c = by_cue(nlp, "The governor said that's a risky bet for the state.", "said")
    assert c.content_text.startswith("that's a risky bet")


def test_demonstrative_that_is_kept(nlp):
    c = by_cue(nlp, "The coach said: That game showed how far the team has come.", "said")
    assert c.content_text.startswith("That game showed")


def test_complementizer_that_is_dropped(nlp):
    c = by_cue(nlp, "The coach said that the team would win the cup.", "said")
    assert c.content_text == "the team would win the cup"


# 2. hedge adverbs on a speech verb

def test_hedge_on_speech_verb_is_one_claim(nlp):
    cs = claims(nlp, "The treasurer reportedly said the budget would be cut.")
    assert len(cs) == 1, [(c.cue_text, c.content_text) for c in cs]
    c = cs[0]
    assert c.cue_text == "reportedly said" and c.hedged
    assert c.source_text == "The treasurer"
    assert "reportedly" not in c.content_text and c.content_text == "the budget would be cut"


def test_hedge_on_adjective_is_not_a_claim(nlp):
    cs = claims(nlp, "The allegedly independent panel met on Friday.")
    assert not [c for c in cs if "allegedly" in c.cue_text]


def test_hedge_inside_quotation_is_not_a_claim(nlp):
    cs = claims(nlp, "\u201cHe allegedly took the money,\u201d the prosecutor said.")
    assert not [c for c in cs if "allegedly" in c.cue_text]
    assert [c for c in cs if c.cue_text == "said"]


# 3. uses of cue verbs that are not attributions

def test_modal_expletive_passive_is_not_a_claim(nlp):
    assert not claims(nlp, "It should be stressed that the results are preliminary.")


def test_generic_you_can_imagine_is_not_a_claim(nlp):
    assert not claims(nlp, "You can imagine that the fans were furious.")


def test_anyone_who_says_is_not_a_claim(nlp):
    cs = claims(nlp, "Anyone who says the river is clean has not seen it.")
    assert not [c for c in cs if c.cue_text == "says"]


def test_not_everyone_is_still_a_source(nlp):
    c = by_cue(nlp, "Not everyone agrees that the reform will help farmers.", "agrees")
    assert c.source_text == "Not everyone"


def test_asked_whether_does_not_make_the_asked_the_source(nlp):
    cs = claims(nlp, "Asked whether she would resign, Jones said she had no plans to leave.")
    assert all(c.source_text is None for c in cs if c.cue_text == "Asked")
    assert [c for c in cs if c.cue_text == "said" and c.source_text == "Jones"]


def test_complementizer_that_before_comma_is_dropped(nlp):
    c = by_cue(nlp, "He said that, if elected, he would cut taxes.", "said")
    assert c.content_text.startswith("if elected")


def test_misparsed_complementizer_that_is_dropped(nlp):
    c = by_cue(nlp, "A nurse told the paper that wages had not changed in years.", "told")
    assert c.content_text == "wages had not changed in years"


def test_article_question_is_not_a_claim(nlp):
    assert not claims(nlp, "Did the mayor say that the stadium would be rebuilt?")


def test_declined_to_answer_questions_is_not_a_claim(nlp):
    assert not claims(nlp, "The minister declined to answer questions from reporters.")


def test_negated_belief_is_kept(nlp):
    c = by_cue(nlp, "The mayor doesn't think the tax will pass.", "doesn't think")
    assert c.source_text == "The mayor"


# 4. pronouns and names

def test_she_skips_a_man_named_in_between(nlp):
    c = by_cue(nlp, "Mr. Lopez met Ms. Rivera on Monday. Mr. Lopez left early. "
                    "She said the talks went well.", "said")
    assert c.source_entity == "Rivera"


def test_honorific_picks_the_right_namesake(nlp):
    c = by_cue(nlp, "Tom Oakes opened the meeting. Ms. Anna Oakes spoke next. "
                    "Ms. Oakes said the school would stay open.", "said")
    assert c.source_entity == "Anna Oakes"


def test_short_name_goes_to_the_latest_namesake(nlp):
    c = by_cue(nlp, "Joe Carter and Hunter Carter own the shop. Hunter Carter said sales were "
                    "up. Carter added that prices would fall.", "added")
    assert c.source_entity == "Hunter Carter"


def test_titled_name_is_a_person(nlp):
    from pipelines.extraction.entities import EntityIndex
    doc = nlp("Rep. Jordan said the hearing was a sham.")
    ents = EntityIndex(doc, "t", [0] * len(doc))
    k = next(m.cluster for m in ents.mentions if m.text == "Jordan")
    assert ents.clusters[k].label == "PERSON" and ents.clusters[k].personal
