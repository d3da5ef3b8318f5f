"""The top_sources suite warns when the most quoted sources hold a split or a junk name."""

from __future__ import annotations

import duckdb

from pipelines import quality
from pipelines.warehouse import read_sql


def top_sources_report(sources: list[tuple[str, str, str, int]]):
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE entities (entity_id VARCHAR, canonical_name VARCHAR, label VARCHAR)")
        connection.execute("CREATE TABLE claims (source_entity_id VARCHAR, partition_key VARCHAR)")
        for entity_id, name, label, n_claims in sources:
            connection.execute("INSERT INTO entities VALUES (?, ?, ?)", [entity_id, name, label])
            connection.execute("INSERT INTO claims SELECT ?, '2026-12-01' FROM range(?)", [entity_id, n_claims])
        frame = connection.execute(read_sql("validate/top_sources.sql"), {"partition_key": "2026-12-01"}).df()
    return quality.validate("top_sources", frame)


def test_a_person_under_two_names_and_a_junk_name_warn_without_blocking():
    report = top_sources_report([("a", "Donald Trump", "PERSON", 9), ("b", "Trump", "PERSON", 3),
                                 ("c", "Trump University", "ORG", 2), ("d", "n't", "GPE", 2)])
    assert report.success and {f.severity for f in report.failures} == {"warn"}  # warns, does not block
    message = quality.summarise(report.failures)
    assert "Donald Trump / Trump" in message and "n't" in message and "University" not in message


def test_distinct_people_and_organisations_pass():
    report = top_sources_report([("a", "Donald Trump", "PERSON", 9), ("b", "Ivanka Trump", "PERSON", 3),
                                 ("c", "BBC", "ORG", 2)])
    assert report.success and not report.failures
