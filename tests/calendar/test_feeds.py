"""iCalendar feeds: a secret address per person, resettable; all-day events with stable
UIDs and Thai titles that a standard parser reads; an LAO-wide feed for executives."""

from icalendar import Calendar

from tests.conftest import login, token


def _new_feed(client, who, **body):
    answer = client.post("/api/v1/me/calendar-feed", headers=token(client, who),
                         **({"json": body} if body else {}))
    return answer


def _events(client, url):
    answer = client.get(url.replace("http://lao.test", ""))
    assert answer.status_code == 200
    assert answer.mimetype == "text/calendar"
    cal = Calendar.from_ical(answer.data)
    return list(cal.walk("VEVENT"))


def test_a_person_subscribes_to_their_own_duties(client, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    answer = _new_feed(client, "officer.a")
    assert answer.status_code == 201
    url = answer.get_json()["url"]
    assert url.startswith("http://lao.test/calendar/feed/")
    events = _events(client, url)
    assert events
    assert all("e-LAAS" in str(e["SUMMARY"]) for e in events)
    report = next(e for e in events if "รายงานการเงินประจำเดือน" in str(e["SUMMARY"]))
    assert report["DTSTART"].params.get("VALUE") == "DATE" or \
        type(report.decoded("DTSTART")).__name__ == "date"  # all-day: a date, not a time
    assert (report.decoded("DTEND") - report.decoded("DTSTART")).days == 1
    # each event links to its page, where it is marked done, and that page opens
    link = str(report["URL"])
    assert link.startswith("http://lao.test/calendar/")
    login(client, "officer.a")
    assert client.get(link.replace("http://lao.test", "")).status_code == 200
    # UIDs are stable from one fetch to the next, and unique
    again = _events(client, url)
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_new_address_kills_the_old_one(client, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    old = _new_feed(client, "officer.a").get_json()["url"]
    uids = [str(e["UID"]) for e in _events(client, old)]
    new = _new_feed(client, "officer.a").get_json()["url"]
    assert new != old
    assert client.get(old.replace("http://lao.test", "")).status_code == 404
    assert [str(e["UID"]) for e in _events(client, new)] == uids  # same events, same UIDs
    assert client.get("/calendar/feed/not-a-real-secret.ics").status_code == 404


def test_the_lao_wide_feed_is_for_executives(client, world, assign):
    assign(world.a, world.officer_a, "e-laas")
    assert _new_feed(client, "officer.a", scope="lao").status_code == 403
    url = _new_feed(client, "executive.a", scope="lao").get_json()["url"]
    events = _events(client, url)
    systems = {str(e["SUMMARY"]).rsplit("(", 1)[1] for e in events}
    assert {"e-LAAS)", "e-Plan)", "e-GP)", "Info)"} <= systems
    # a feed dies with the role it was made for
    own = _new_feed(client, "executive.a").get_json()["url"]
    assert client.get(own.replace("http://lao.test", "")).status_code == 200


def test_a_person_who_left_has_no_feed(app, client, world, assign):
    from tests.conftest import login

    assign(world.a, world.officer_a, "e-laas")
    url = _new_feed(client, "officer.a").get_json()["url"]
    login(client, "hr.a")
    assert client.post(f"/users/{world.officer_a.id}/deactivate").status_code == 302
    assert client.get(url.replace("http://lao.test", "")).status_code == 404


def test_the_feed_keeps_to_rfc_5545_framing(client, world, assign):
    """Checked by hand, not by the library that wrote it: CRLF line ends, lines folded at
    75 octets (Thai is 3 octets a letter), the calendar's required properties."""
    assign(world.a, world.officer_a, "e-plan")
    url = _new_feed(client, "officer.a").get_json()["url"]
    raw = client.get(url.replace("http://lao.test", "")).data
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-1] == b"END:VCALENDAR"
    assert b"VERSION:2.0" in lines
    assert any(line.startswith(b"PRODID:") for line in lines)
    assert any(line.startswith(b"DTSTART;VALUE=DATE:") for line in lines)
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:เสนอผลการติดตามและประเมินผลแผนพัฒนาท้องถิ่น" in unfolded
