"""The workload page as an LAO's HR officer reads it: tasks in the page's language only, every
figure named in plain Thai with what a good and a bad value look like, tables as cards on a
phone."""

from tests.conftest import login

TASK_TH = "บันทึกยุทธศาสตร์และโครงการในแผนพัฒนาท้องถิ่น"
TASK_EN = "Enter strategies and projects of the local development plan"


def _page(client, world, lang="th"):
    client.get(f"/lang/{lang}")
    login(client, "hr.a")
    response = client.get(f"/laos/{world.a.id}/workload")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _volumes(page):
    return page.split('id="volumes"')[1].split("</details>")[0]


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
