"""Boilerplate removal on page furniture and datelines written here."""

from __future__ import annotations

import pytest

from pipelines.cleaning import strip_boilerplate


def test_furniture_lines_are_dropped_and_prose_kept():
    text = "\n".join([
        "The senator said on Monday that the bill would pass.",
        "ADVERTISEMENT",
        "Story Continued Below",
        "She added that the vote was fair.",
        "JOHN SMITH/AFP/Getty Images",
        "Sign up for our daily newsletter and get the news in your inbox",
        "READ MORE: Senate passes budget",
        "Copyright © 2019 The Daily Planet. All rights reserved.",
    ])
    assert strip_boilerplate(text) == "The senator said on Monday that the bill would pass.\nShe added that the vote was fair."


@pytest.mark.parametrize("line", [
    "The yes/no vote was close, the clerk said.",
    "Read more about it, she said, in the report.",
    "A - B testing is hard, engineers said.",
    "NATO said on Monday that troops would stay.",
])
def test_prose_that_looks_a_little_like_furniture_stays(line):
    assert strip_boilerplate(line) == line


@pytest.mark.parametrize("text, expected", [
    ("WASHINGTON (AP) — The senator said the bill would pass.", "The senator said the bill would pass."),
    ("NEW YORK, Feb 26 - Cocoa prices rose, traders said.", "Cocoa prices rose, traders said."),
    ("(CNN)President Smith said the talks had failed.", "President Smith said the talks had failed."),
])
def test_leading_wire_datelines_are_removed(text, expected):
    assert strip_boilerplate(text) == expected


def test_a_repeated_paragraph_is_kept_once():
    paragraph = "The company said its profits had doubled in the third quarter of the year."
    assert strip_boilerplate(f"{paragraph}\n\n{paragraph}\n\nShares rose.") == f"{paragraph}\n\nShares rose."
