"""Entities across documents: the linking rules on aliases written for the test."""

from __future__ import annotations

from pipelines.linking import Alias, Link, Linker, Merge, name_key


def link(new, known=(), aliases=()):
    linker = Linker(known, aliases)
    return {lnk.alias_id: (lnk.entity_id, lnk.link) for lnk in linker.link_new(new)}, linker


def test_names_fold_case_accents_punctuation_and_a_leading_the():
    assert name_key("The Wall Street Journal") == "wall street journal"
    assert name_key("José Martí") == "jose marti"


def test_a_surname_joins_the_dominant_full_name_and_the_initial_form_joins_too():
    links, _ = link([Alias("a1", "Donald Trump", "PERSON", 40), Alias("a2", "Trump", "PERSON", 16),
                     Alias("a3", "Donald J. Trump", "PERSON", 3), Alias("a4", "Ivanka Trump", "PERSON", 2)])
    assert links["a2"] == ("a1", "surname")
    assert links["a3"] == ("a1", "middle_initial")
    assert links["a4"] == ("a4", "new")


def test_an_ambiguous_surname_stays_apart():
    links, _ = link([Alias("b", "Barack Obama", "PERSON", 5), Alias("m", "Michelle Obama", "PERSON", 3),
                     Alias("o", "Obama", "PERSON", 4)])
    assert links["o"] == ("o", "new")


def test_a_person_never_joins_an_organisation_named_after_them():
    links, _ = link([Alias("u", "Trump University", "ORG"), Alias("t", "Trump", "ORG"),
                     Alias("d", "Donald Trump", "PERSON")])
    assert links["t"] == ("t", "new") and links["u"] == ("u", "new")


def test_an_alias_linked_before_keeps_its_entity_and_a_later_full_name_merges_a_surname():
    day1, linker = link([Alias("t", "Trump", "PERSON", 2)])
    assert day1["t"] == ("t", "new")
    known = [Link("t", "t", "new")]
    day2, linker = link([Alias("d", "Donald Trump", "PERSON", 9), Alias("t", "Trump", "PERSON", 4)],
                        known, [Alias("t", "Trump", "PERSON", 2)])
    assert "t" not in day2 and day2["d"] == ("d", "new")
    assert linker.merges() == [Merge("t", "d")]


def test_a_middle_name_or_a_headline_word_before_a_name_does_not_split_a_person():
    links, _ = link([Alias("s", "Sarah Huckabee Sanders", "PERSON", 9), Alias("s2", "Sarah Sanders", "PERSON", 4),
                     Alias("d", "Donald Trump", "PERSON", 9), Alias("x", "Add Donald Trump", "PERSON", 1),
                     Alias("j", "Joshua Donald Trump", "PERSON", 1)])
    assert links["s2"] == ("s", "middle_name")
    assert links["x"] == ("d", "extra_word")
    assert links["j"] == ("j", "new")  # "Joshua" is a first name: another person


def test_a_name_in_capitals_founds_an_entity_only_when_no_other_spelling_does():
    links, _ = link([Alias("caps", "HILLARY CLINTON", "PERSON", 30), Alias("h", "Hillary Clinton", "PERSON", 5)])
    assert links["caps"] == ("h", "exact")


def test_two_names_that_differ_in_their_middle_initials_stay_two_people():
    links, _ = link([Alias("hw", "George H.W. Bush", "PERSON", 9), Alias("w", "George W. Bush", "PERSON", 8)])
    assert links["w"] == ("w", "new")
