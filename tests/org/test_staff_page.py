"""The staff list reads as one card per person on a phone (app.css `.grid.stack`): every
cell names its column, the name is the card's title, and no table scrolls sideways."""

import re

from tests.conftest import login


def test_the_staff_list_is_a_stack_of_named_cells(client, world):
    login(client, "hr.a")
    text = client.get(f"/laos/{world.a.id}/staff").get_data(as_text=True)
    table = text.split('id="staff"')[0].rsplit("<table", 1)[1] + text.split('id="staff"')[1]
    assert '<table class="grid stack"' in "<table" + table
    assert 'class="table-wrap"' not in text  # a phone no longer pans the whole table
    body = table.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert rows
    for row in rows:
        cells = re.findall(r"<td([^>]*)>", row)
        assert 'class="card-title"' in cells[0]
        labels = [re.search(r'data-label="([^"]*)"', c) for c in cells[1:6]]
        assert [m.group(1) for m in labels if m] == [
            "ชื่อผู้ใช้", "ตำแหน่ง", "สังกัด", "บทบาท", "เลขประจำตัวประชาชน"]
