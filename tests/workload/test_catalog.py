"""The task catalog file: the shipped one is valid; a bad one is refused with clear reasons."""

import pytest

from app.subsystems import CODES
from app.workload.catalog import CATALOG_PATH, CatalogError, load_catalog, parse_catalog


def test_the_shipped_catalog_covers_every_system_and_names_its_source():
    catalog = load_catalog()
    assert set(catalog) == set(CODES)
    codes = [a.code for acts in catalog.values() for a in acts]
    assert len(codes) == len(set(codes))
    for acts in catalog.values():
        assert acts
        for a in acts:
            assert a.minutes > 0
            assert a.name_th
            assert a.name_en
            assert set(a.volume) == {"S", "M", "L"}
            assert a.volume["S"] <= a.volume["M"] <= a.volume["L"]
    header = CATALOG_PATH.read_text(encoding="utf-8").split("\nversion:")[0]
    assert "not an official" in header
    assert "Licence" in header


def _system(code, body):
    return f"  {code}:\n{body}"


ONE = """    - code: {code}
      name_th: งาน
      name_en: Task
      unit_th: ครั้ง
      unit_en: time
      minutes: {minutes}
      volume: {volume}
"""


def _catalog(**override):
    parts = []
    for i, code in enumerate(CODES):
        body = ONE.format(code=f"task-{i}", minutes=5, volume="{S: 1, M: 2, L: 3}")
        parts.append(_system(code, override.get(code.replace("-", "_"), body)))
    return "systems:\n" + "".join(parts)


def test_a_valid_small_catalog_loads():
    catalog = parse_catalog(_catalog())
    assert catalog["e-gp"][0].volume == {"S": 1, "M": 2, "L": 3}


def test_every_problem_is_named_with_line_system_and_activity():
    text = _catalog(
        e_laas=ONE.format(code="task-x", minutes=0, volume="{S: 1, M: -2}"),
        e_gp=ONE.format(code="task-x", minutes="ten", volume="{S: 1, M: 2, L: 3}"),
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "task_catalog.yaml")
    problems = caught.value.problems
    assert "task_catalog.yaml:11: e-laas/task-x: minutes must be a number above 0" in problems
    assert "task_catalog.yaml:11: e-laas/task-x: volume needs exactly S, M and L" in problems
    assert "task_catalog.yaml:19: e-gp/task-x: code is used twice" in problems
    assert "task_catalog.yaml:19: e-gp/task-x: minutes must be a number above 0" in problems
    assert str(caught.value).startswith("invalid task catalog:\n")


def test_negative_or_fractional_volumes_and_missing_names_are_refused():
    text = _catalog(info=ONE.format(code="task-9", minutes=5, volume="{S: -1, M: 2.5, L: 3}")
                    .replace("      name_en: Task\n", ""))
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text)
    joined = "\n".join(caught.value.problems)
    assert "info/task-9: volume S must be a whole number from 0 to 1000000" in joined
    assert "info/task-9: volume M must be a whole number" in joined
    assert "info/task-9: name_en is required text" in joined


def test_unknown_or_missing_systems_are_refused():
    text = _catalog().replace("  e-office:", "  e-mail:")
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text)
    joined = "\n".join(caught.value.problems)
    assert "unknown system 'e-mail'" in joined
    assert "system 'e-office' needs a list of activities" in joined


def test_broken_yaml_is_refused_with_its_line():
    with pytest.raises(CatalogError) as caught:
        parse_catalog("systems:\n  a: 1\n  a b: c: d\n", "task_catalog.yaml")
    assert caught.value.problems == [
        "task_catalog.yaml:3: not valid YAML: mapping values are not allowed here"]
