"""Pure functions: national ID, password rule, Buddhist Era dates."""

from datetime import date

import pytest

from app.auth.passwords import hash_password, password_problems, verify_password
from app.dates import thai_date
from app.org import national_id


@pytest.mark.parametrize("nid", ["3100600445635", "1234545678781", "3-1006-00445-63-5"])
def test_valid_national_ids_pass(nid):
    assert national_id.is_valid(nid)


@pytest.mark.parametrize("nid", ["1234545678789", "123454567878", "0234545678781",
                                 "9234545678781", "12345456787811", "abcdefghijklm", ""])
def test_invalid_national_ids_fail(nid):
    assert not national_id.is_valid(nid)


def test_national_id_hash_is_keyed_and_ignores_dashes():
    plain = national_id.keyed_hash("3100600445635", "k1")
    assert plain == national_id.keyed_hash("3-1006-00445-63-5", "k1")
    assert plain != national_id.keyed_hash("3100600445635", "k2")
    assert "3100600445635" not in plain


def test_masked_display_shows_only_the_last_digits():
    assert national_id.masked(national_id.last4("3100600445635")) == "x-xxxx-xxxxx-63-5"


@pytest.mark.parametrize(("password", "problem"), [
    ("short1", "too_short"),
    ("onlyletterslong", "needs_letter_and_digit"),
    ("somchai2569x", "contains_username"),
    ("1q2w3e4r5t", "too_common"),
])
def test_weak_passwords_are_named(password, problem):
    assert problem in password_problems(password, "somchai")


def test_reasonable_password_is_accepted():
    assert password_problems("ลำปาง-budget-2569", "somchai") == []


def test_hash_verifies_only_the_right_password():
    stored = hash_password("correct-horse-9")
    assert verify_password(stored, "correct-horse-9")
    assert not verify_password(stored, "wrong-horse-9")
    assert not verify_password(None, "anything-1")


def test_thai_dates_use_buddhist_era():
    assert thai_date(date(2026, 11, 26)) == "26 พฤศจิกายน พ.ศ. 2569"
    assert thai_date(date(2026, 11, 26), short=True) == "26 พ.ย. 2569"
    assert thai_date(date(2026, 1, 5), thai_digits=True) == "๕ มกราคม พ.ศ. ๒๕๖๙"


def test_dates_for_people_are_thai_dates_not_utc_dates():
    from datetime import UTC, datetime

    from app.dates import be_year, local_date

    # 18:00 UTC on 31 December is 01:00 on 1 January in Bangkok: a new Buddhist Era year
    new_year = local_date(datetime(2026, 12, 31, 18, 0, tzinfo=UTC))
    assert (new_year.isoformat(), be_year(new_year)) == ("2027-01-01", 2570)
    assert local_date(datetime(2026, 12, 31, 16, 59, tzinfo=UTC)).isoformat() == "2026-12-31"
