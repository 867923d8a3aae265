"""The one rule for a person's current level, as plain values."""

from datetime import UTC, datetime, timedelta

from app.register.competency import Evidence, current_levels

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def ev(level, source, days_ago, valid_days=365, subsystem="e-laas"):
    achieved = NOW - timedelta(days=days_ago)
    return Evidence(subsystem, level, source, achieved, achieved + timedelta(days=valid_days))


def test_a_newer_result_of_the_same_source_replaces_the_older_one():
    assert current_levels([ev(3, "placement", 100), ev(1, "placement", 10)], NOW)[
        "e-laas"].level == 1


def test_the_highest_valid_level_across_sources_counts():
    levels = current_levels([ev(1, "placement", 10), ev(2, "course", 50)], NOW)
    assert (levels["e-laas"].level, levels["e-laas"].source) == (2, "course")


def test_expired_evidence_counts_for_nothing():
    assert current_levels([ev(3, "placement", 400)], NOW) == {}
    assert current_levels([ev(3, "placement", 400), ev(1, "course", 5)], NOW)[
        "e-laas"].level == 1


def test_an_expired_newer_result_does_not_bring_back_the_older_one():
    assert current_levels([ev(3, "placement", 300), ev(2, "placement", 200, 10)], NOW) == {}


def test_ties_go_to_the_evidence_valid_longest():
    levels = current_levels([ev(2, "course", 0), ev(2, "certificate", 0, 730)], NOW)
    assert levels["e-laas"].source == "certificate"
