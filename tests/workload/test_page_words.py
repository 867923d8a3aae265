"""The workload page as an LAO's HR officer reads it: tasks in the page's language only, every
figure named in plain Thai with what a good and a bad value look like, tables as cards on a
phone."""

import re
from html.parser import HTMLParser

from tests.conftest import login
from tests.workload.test_api import _assign

TASK_TH = "บันทึกยุทธศาสตร์และโครงการในแผนพัฒนาท้องถิ่น"
TASK_EN = "Enter strategies and projects of the local development plan"
JARGON = ("WISN", "AWT", "CAF", "Gini", "จีนี")


def _page(client, world, lang="th"):
    client.get(f"/lang/{lang}")
    login(client, "hr.a")
    response = client.get(f"/laos/{world.a.id}/workload")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _volumes(page):
    return page.split('id="volumes"')[1].split("</details>")[0]


def _without_asides(page):
    """The page as read at a glance: no small print, no markup."""
    body = page.split("<main", 1)[-1]
    body = re.sub(r"<small\b.*?</small>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_thai_page_names_each_task_in_thai_only(client, world):
    volumes = _volumes(_page(client, world))
    assert TASK_TH in volumes
    assert "ต่อโครงการ" in volumes
    assert TASK_EN not in volumes
    assert "per project" not in volumes


def test_english_page_names_each_task_in_english(client, world):
    volumes = _volumes(_page(client, world, "en"))
    assert TASK_EN in volumes
    assert "per project" in volumes
    assert TASK_TH not in volumes


def test_every_figure_is_named_in_plain_thai_with_good_and_bad_values(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a)
    page = _page(client, world)
    people = page.split('id="people"')[1].split("</section>")[0]
    assert "เวลาทำงานที่มีต่อคนต่อปี: 1,568 ชั่วโมง" in page  # (260 - 36) days x 7 h, unchanged
    assert "คูณด้วย 1.087" in page  # 8% of working time for support work, the same CAF
    assert "ความไม่เท่ากันของภาระงาน: 0.00 (0 = เท่ากันทุกคน" in people
    assert "ต่ำกว่า 0.2 ถือว่าดี" in people
    assert "ต่ำกว่า 1 แปลว่าคนไม่พอกับงาน" in page
    glance = _without_asides(page)
    assert [word for word in JARGON if word in glance] == []
    assert "WISN" in page  # still there, small, for whoever checks against the method


class _Tables(HTMLParser):
    """Each table's class and, per body cell, its data-label or card-title."""

    def __init__(self):
        super().__init__()
        self.tables, self.in_body = [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"class": a.get("class", ""), "rows": []})
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.in_body and "colspan" not in a:
            self.tables[-1]["rows"][-1].append(
                "card-title" if a.get("class") == "card-title" else a.get("data-label"))

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False


def test_every_table_reads_as_cards_on_a_phone(client, factory, world):
    factory.evidence(world.officer_a, "e-laas", 2)
    _assign(client, world, world.officer_a)
    parser = _Tables()
    page = _page(client, world)
    parser.feed(page)
    assert len(parser.tables) == 8  # systems, people, and the volumes of the six systems
    for table in parser.tables:
        assert "grid stack" in table["class"]
        for row in table["rows"]:
            assert row[0] == "card-title"
            assert all(row[1:]), row  # every other cell names its column
    assert 'data-label="ความหมาย"' in page
    assert "table-wrap" not in page  # no box that scrolls sideways
