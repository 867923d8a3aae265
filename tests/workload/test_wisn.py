"""The WISN method and fairness measures as pure functions, checked against hand arithmetic."""

import pytest

from app.workload import wisn
from app.workload.wisn import Activity, Duty, Settings

# The worked example, by hand:
#   AWT = (260 - (19 + 10 + 5 + 2)) days x 7 h = 224 x 7 = 1568 h a year
#   e-LAAS: 4704 receipts x 5 min + 768 vouchers x 25 min + 18 month-ends x 240 min
#         = 23520 + 19200 + 4320 = 47040 min = 784 h
#   standard workload of receipts = 1568 h x 60 / 5 min = 18816 a year (vouchers 3763.2,
#   month-ends 392), so activity staff = 4704/18816 + 768/3763.2 + 18/392
#                                      = 0.25 + 0.2040816 + 0.0459184 = 0.5 (= 784 / 1568)
#   CAS 12% + 8% = 20%  ->  CAF = 1 / (1 - 0.20) = 1.25
#   IAS 392 h for e-LAAS ->  IAF = 392 / 1568 = 0.25
#   required = 0.5 x 1.25 + 0.25 = 0.875; assigned 2 -> difference 1.125, ratio 2.2857143
SETTINGS = Settings(cas={"ประชุม": 12, "อบรม": 8}, ias_hours={"e-laas": 392})
LAAS = [Activity("laas-receipt", 4704, 5), Activity("laas-voucher", 768, 25),
        Activity("laas-month-end", 18, 240)]
# e-Office: 2500 letters x 5 min + 1200 x 6 min = 12500 + 7200 = 19700 min = 328.333 h
OFFICE = [Activity("office-incoming", 2500, 5), Activity("office-outgoing", 1200, 6)]
# e-GP: 1000 procurements x 72 min = 72000 min = 1200 h
GP = [Activity("gp-specific", 1000, 72)]
ACTIVITIES = {"e-laas": LAAS, "e-office": OFFICE, "e-gp": GP}


def test_available_working_time_and_allowance_factors_by_hand():
    assert wisn.available_working_time(Settings()) == 1568.0
    assert wisn.standard_workload(1568, 5) == pytest.approx(18816.0)
    assert wisn.standard_workload(1568, 25) == pytest.approx(3763.2)
    assert wisn.category_allowance_factor([12, 8]) == pytest.approx(1.25)
    assert wisn.category_allowance_factor(Settings().cas.values()) == pytest.approx(1 / 0.92)
    assert wisn.category_allowance_factor([]) == 1.0
    assert wisn.individual_allowance_factor(392, 1568) == pytest.approx(0.25)


def test_required_staff_difference_and_ratio_by_hand():
    need = wisn.system_need(LAAS, assigned=2, share_percent=100, awt_hours=1568, caf=1.25,
                            iaf=0.25)
    assert need.workload_hours == pytest.approx(784.0)
    assert need.activity_staff == pytest.approx(0.5)
    assert need.required_staff == pytest.approx(0.875)
    assert need.difference == pytest.approx(1.125)
    assert need.ratio == pytest.approx(2.2857142857)
    assert need.reading == "surplus"


def test_worked_example_people_flags_and_gini_by_hand():
    duties = [Duty(1, "e-laas", 75), Duty(2, "e-laas", 25),
              Duty(1, "e-gp", 100), Duty(3, "e-office", 60), Duty(3, "e-gp", 0),
              Duty(3, "e-laas", 0)]
    levels = {1: {"e-laas": 3, "e-gp": 2}, 2: {"e-laas": 2}, 3: {"e-office": 2},
              4: {"e-gp": 2}}
    a = wisn.analyse(SETTINGS, ACTIVITIES, duties, levels)
    assert a.awt_hours == 1568.0
    assert a.caf == pytest.approx(1.25)
    laas = a.systems["e-laas"]
    # three people hold e-LAAS (one at 0%): 3 / 0.875
    assert (laas.assigned_staff, laas.required_staff) == (3, pytest.approx(0.875))
    assert laas.ratio == pytest.approx(3.4285714)
    # e-GP: 1200 h / 1568 x 1.25 + 0 = 0.9566327; 2 assigned
    assert a.systems["e-gp"].required_staff == pytest.approx(0.9566327, abs=1e-7)
    assert a.systems["e-gp"].ratio == pytest.approx(2.0906666, abs=1e-6)
    # e-Office: 328.333 h / 1568 x 1.25 = 0.2617454; 1 assigned -> ratio 3.8205, difference
    # 0.738 (less than one whole person more): about right
    office = a.systems["e-office"]
    assert office.required_staff == pytest.approx(0.2617454, abs=1e-7)
    assert office.reading == "balanced"
    assert a.systems["info"].reading == "no_workload"
    # person 1: 784 x 75% + 1200 x 100% = 588 + 1200 = 1788 h; 1788 / 1568 = 1.1403061
    # person 2: 784 x 25% = 196 h (0.125); person 3: 328.333 x 60% = 197 h (0.1256378)
    by_id = {p.user_id: p for p in a.people}
    assert [p.user_id for p in a.people] == [1, 3, 2]  # heaviest first
    assert by_id[1].hours == pytest.approx(1788.0)
    assert by_id[1].load_ratio == pytest.approx(1.1403061, abs=1e-7)
    assert by_id[1].flags == ("overloaded",)
    assert by_id[2].hours == pytest.approx(196.0)
    assert by_id[3].hours == pytest.approx(197.0)
    # person 3 holds three systems and is the only competent e-Office person
    assert by_id[3].systems == ("e-laas", "e-gp", "e-office")
    assert by_id[3].flags == ("three_or_more_systems", "only_competent")
    assert by_id[3].only_competent_in == ("e-office",)
    # Gini of [196, 197, 1788]: sum (2i - n - 1) x_i / (n sum x)
    #   = (-2 x 196 + 0 x 197 + 2 x 1788) / (3 x 2181) = 3184 / 6543 = 0.4866269
    assert a.gini == pytest.approx(0.4866269, abs=1e-7)
    assert (a.max_hours, a.median_hours) == (pytest.approx(1788.0), pytest.approx(197.0))
    assert a.max_to_median == pytest.approx(9.0761421, abs=1e-6)


def test_gini_by_the_double_sum():
    # |196-588| counted both ways = 784; 2 n^2 mean = 2 x 4 x 392 = 3136; 784 / 3136 = 0.25
    assert wisn.gini([196, 588]) == pytest.approx(0.25)
    assert wisn.gini([100, 100, 100]) == 0.0
    assert wisn.gini([0, 0, 0, 50]) == pytest.approx(0.75)  # one of four carries all: (n-1)/n
    assert wisn.gini([42]) == 0.0
    assert wisn.gini([]) is None


def test_zero_volumes_need_nobody_and_have_no_ratio():
    zero = [Activity("laas-receipt", 0, 5), Activity("laas-voucher", 0, 25)]
    need = wisn.system_need(zero, assigned=1, share_percent=100, awt_hours=1568, caf=1.25,
                            iaf=0)
    assert (need.workload_hours, need.required_staff, need.ratio) == (0, 0, None)
    assert need.reading == "no_workload"
    a = wisn.analyse(Settings(), {"e-laas": zero}, [Duty(7, "e-laas", 100)], {7: {}})
    assert a.people[0].hours == 0
    assert a.people[0].load_ratio == 0
    assert (a.gini, a.max_hours, a.suggestions) == (None, None, [])


def test_zero_volumes_with_committee_hours_still_need_the_allowance():
    need = wisn.system_need([Activity("x", 0, 5)], 0, 0, 1568, 1.25,
                            wisn.individual_allowance_factor(156.8, 1568))
    assert need.required_staff == pytest.approx(0.1)
    assert need.ratio == 0
    assert need.reading == "serious_shortage"


def test_an_lao_with_no_assignments():
    a = wisn.analyse(Settings(), ACTIVITIES, [], {1: {"e-laas": 2}})
    assert a.people == []
    assert a.suggestions == []
    assert (a.gini, a.max_hours, a.median_hours, a.max_to_median) == (None, None, None, None)
    assert all(s.assigned_staff == 0 for s in a.systems.values())
    assert a.systems["e-laas"].ratio == 0.0
    assert a.systems["e-laas"].reading == "serious_shortage"


def test_a_person_at_zero_share_carries_no_hours_and_stays_out_of_the_gini():
    a = wisn.analyse(Settings(), ACTIVITIES, [Duty(1, "e-laas", 100), Duty(2, "e-laas", 0)],
                     {1: {}, 2: {}})
    zero = next(p for p in a.people if p.user_id == 2)
    assert (zero.hours, zero.load_ratio, zero.systems, zero.flags) == (0, 0, ("e-laas",), ())
    assert a.gini == 0.0  # only person 1 carries any
    assert a.systems["e-laas"].assigned_staff == 2


def test_a_load_of_exactly_one_is_not_overloaded():
    loads = wisn.person_loads([Duty(1, "e-gp", 50)], {"e-gp": 3136}, 1568, {})
    assert loads[0].load_ratio == 1.0
    assert "overloaded" not in loads[0].flags


def test_only_competent_means_the_single_competent_one_and_the_single_assignee():
    duties = [Duty(1, "info", 50), Duty(2, "info", 50)]
    both = wisn.person_loads(duties, {"info": 10}, 1568, {"info": {1, 2}})
    assert all("only_competent" not in p.flags for p in both)
    # person 1 is the only competent one, but person 2 shares the duty: SPEC 4.4 flags a
    # system whose only competent person is also its only assignee
    shared = wisn.person_loads(duties, {"info": 10}, 1568, {"info": {1}})
    assert all("only_competent" not in p.flags for p in shared)
    alone = wisn.person_loads([Duty(1, "info", 100)], {"info": 10}, 1568, {"info": {1}})
    assert alone[0].flags == ("only_competent",)


def test_reading_bands():
    assert wisn.reading(2.0, 0.9) == "serious_shortage"  # ratio 0.45
    assert wisn.reading(1.0, 0.99) == "shortage"
    assert wisn.reading(1.0, 1) == "balanced"
    assert wisn.reading(1.2, 2) == "balanced"  # 0.8 person more: not a whole person
    assert wisn.reading(1.0, 2) == "surplus"
    assert wisn.reading(0, 3) == "no_workload"


def test_suggestions_pick_competent_colleagues_with_the_most_spare_time():
    # person 1: 2000 h of e-GP at 100% -> 432 h over the 1568 available
    duties = [Duty(1, "e-gp", 90), Duty(2, "e-office", 100), Duty(3, "e-gp", 10)]
    hours = {"e-gp": 2000 / 0.9, "e-office": 1400}
    levels = {1: {"e-gp": 3}, 2: {"e-gp": 2}, 3: {"e-gp": 2}, 4: {"e-gp": 1}, 5: {}}
    people = wisn.person_loads(duties, hours, 1568, {"e-gp": {1, 2, 3}})
    found = wisn.suggestions(people, hours, 1568, levels)
    # person 3 has 1568 - 222.2 = 1345.8 spare hours, person 2 only 168: person 3 first
    assert [(s.user_id, s.subsystem, s.candidate_id) for s in found] == [(1, "e-gp", 3)]
    assert found[0].hours == pytest.approx(432.0)
    assert found[0].share_percent == pytest.approx(432 / (2000 / 0.9) * 100)  # 19.44%


def test_suggestions_never_overload_the_helper_and_name_who_could_be_trained():
    duties = [Duty(1, "e-gp", 100), Duty(2, "e-office", 100)]
    hours = {"e-gp": 2568.0, "e-office": 1468.0}  # person 1 is 1000 h over; 2 has 100 spare
    levels = {1: {"e-gp": 2}, 2: {"e-gp": 2}, 3: {"e-gp": 1}, 4: {}}
    people = wisn.person_loads(duties, hours, 1568, {"e-gp": {1, 2}})
    found = wisn.suggestions(people, hours, 1568, levels)
    assert [(s.candidate_id, round(s.hours, 6)) for s in found] == [(2, 100.0), (None, 900.0)]
    assert found[1].trainable == (3,)
    assert found[1].share_percent == pytest.approx(900 / 2568 * 100)


def test_default_settings_are_valid():
    s = Settings()
    assert wisn.validate_settings({n: getattr(s, n) for n in wisn.SETTING_FIELDS}) == []
    assert s.days_off == 36


@pytest.mark.parametrize(("changes", "expected"), [
    ({"sick_leave": -1}, [("sick_leave", "negative")]),
    ({"working_days": -5}, [("working_days", "negative")]),
    ({"annual_leave": 200, "public_holidays": 60},
     [("leave", "no_working_time")]),
    ({"working_days": 36}, [("leave", "no_working_time")]),  # equal: no time left at all
    ({"working_days": 400}, [("working_days", "too_many_days")]),
    ({"hours_per_day": 0}, [("hours_per_day", "hours_range")]),
    ({"hours_per_day": 25}, [("hours_per_day", "hours_range")]),
    ({"hours_per_day": "seven"}, [("hours_per_day", "not_a_number")]),
    ({"other_leave": True}, [("other_leave", "not_a_number")]),
    ({"other_leave": float("nan")}, [("other_leave", "not_a_number")]),
    ({"cas": {"ประชุม": 60, "อบรม": 40}}, [("cas", "cas_total")]),
    ({"cas": {"": 5}}, [("cas", "empty_name")]),
    ({"cas": [5]}, [("cas", "not_a_mapping")]),
    ({"ias_hours": {"e-nope": 10, "e-gp": -1}},
     [("ias_hours", "unknown_system"), ("ias_hours", "negative")]),
    ({"workingdays": 250}, [("workingdays", "unknown_field")]),
])
def test_invalid_settings_are_refused_with_every_problem_named(changes, expected):
    with pytest.raises(wisn.SettingsError) as caught:
        wisn.settings_from(changes)
    assert [(p.field, p.code) for p in caught.value.problems] == expected
    assert all(p.message for p in caught.value.problems)


def test_several_problems_are_all_reported_with_a_clear_message():
    with pytest.raises(wisn.SettingsError) as caught:
        wisn.settings_from({"working_days": 20, "sick_leave": -2, "hours_per_day": 30})
    assert str(caught.value) == (
        "sick_leave: must not be negative; hours_per_day: must be from 1 to 24 hours")
    # with no negative day count, leave beyond the working days is named with both totals
    with pytest.raises(wisn.SettingsError) as caught:
        wisn.settings_from({"working_days": 30})
    assert str(caught.value) == ("leave: public holidays and leave (36 days) must be fewer "
                                 "than the working days (30)")


def test_a_partial_change_keeps_the_other_settings():
    base = Settings(hours_per_day=7.5, ias_hours={"e-gp": 40})
    new = wisn.settings_from({"annual_leave": 12}, base)
    assert (new.annual_leave, new.hours_per_day, dict(new.ias_hours)) == (12, 7.5,
                                                                          {"e-gp": 40})
    assert wisn.available_working_time(new) == pytest.approx((260 - 38) * 7.5)
