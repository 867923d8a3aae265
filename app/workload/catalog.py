"""The task catalog: recurring activities per e-system, read from a reviewable data file.

Pure: no database. Every problem names the file, the line, the system and the activity, and a
catalog with any problem is refused whole (CatalogError), so a bad edit never half-loads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.content.files import LineDict, _LineLoader
from app.org.models import SIZE_CLASSES
from app.subsystems import CODES

CATALOG_PATH = Path(__file__).with_name("task_catalog.yaml")
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{2,59}$")
MAX_VOLUME = 1_000_000  # units a year; more is a typing slip, not an LAO
TEXT_FIELDS = ("name_th", "name_en", "unit_th", "unit_en")


@dataclass(frozen=True)
class CatalogActivity:
    code: str
    subsystem: str
    name_th: str
    name_en: str
    unit_th: str
    unit_en: str
    minutes: float
    volume: dict[str, int]


class CatalogError(Exception):
    """The task catalog file is invalid; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid task catalog:\n" + "\n".join(problems))
        self.problems = problems


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def check_code(code: Any, label: str, seen: set[str], problems: list[str]) -> None:
    """A data file's entry code: the same shape everywhere, and used once in its file."""
    if not isinstance(code, str) or not CODE_RE.match(code):
        problems.append(f"{label}: code must be 3-60 characters of a-z, 0-9 and '-'")
    elif code in seen:
        problems.append(f"{label}: code is used twice")
    else:
        seen.add(code)



def _activity(raw: Any, system: str, where: str, seen: set[str],
              problems: list[str]) -> CatalogActivity | None:
    line = raw.line if isinstance(raw, LineDict) else 0
    if not isinstance(raw, dict):
        problems.append(f"{where}:{line}: {system}: each activity must be a mapping")
        return None
    code: Any = raw.get("code")
    label = f"{where}:{line}: {system}/{code}"
    before = len(problems)
    check_code(code, label, seen, problems)
    for name in TEXT_FIELDS:
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            problems.append(f"{label}: {name} is required text")
    minutes: Any = raw.get("minutes")
    if not _is_number(minutes) or minutes <= 0:
        problems.append(f"{label}: minutes must be a number above 0")
    volume: Any = raw.get("volume")
    if not isinstance(volume, dict) or set(volume) != set(SIZE_CLASSES):
        problems.append(f"{label}: volume needs exactly S, M and L")
    else:
        for size in SIZE_CLASSES:
            value: Any = volume[size]
            if isinstance(value, bool) or not isinstance(value, int) \
                    or not 0 <= value <= MAX_VOLUME:
                problems.append(f"{label}: volume {size} must be a whole number "
                                f"from 0 to {MAX_VOLUME}")
    unknown = set(raw) - {"code", "minutes", "volume", *TEXT_FIELDS}
    if unknown:
        problems.append(f"{label}: unknown keys {', '.join(sorted(unknown))}")
    if len(problems) > before:
        return None
    return CatalogActivity(code, system, raw["name_th"].strip(), raw["name_en"].strip(),
                           raw["unit_th"].strip(), raw["unit_en"].strip(), float(minutes),
                           {s: int(volume[s]) for s in SIZE_CLASSES})


def parse_catalog(text: str, where: str = "task_catalog.yaml",
                  ) -> dict[str, tuple[CatalogActivity, ...]]:
    """Activities per system code (every system present), or CatalogError."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        why = getattr(exc, "problem", None) or "unreadable"
        raise CatalogError([f"{where}:{line}: not valid YAML: {why}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("systems"), dict):
        raise CatalogError([f"{where}:1: a mapping with 'systems' is required"])
    problems: list[str] = []
    systems = data["systems"]
    for code in systems:
        if code not in CODES:
            problems.append(f"{where}:{systems.line}: unknown system '{code}'")
    seen: set[str] = set()
    out: dict[str, tuple[CatalogActivity, ...]] = {}
    for code in CODES:
        raw_list = systems.get(code)
        if not isinstance(raw_list, list) or not raw_list:
            problems.append(f"{where}:{systems.line}: system '{code}' needs a list of activities")
            continue
        found = [_activity(raw, code, where, seen, problems) for raw in raw_list]
        out[code] = tuple(a for a in found if a is not None)
    if problems:
        raise CatalogError(problems)
    return out


@lru_cache(maxsize=4)
def load_catalog(path: Path = CATALOG_PATH) -> dict[str, tuple[CatalogActivity, ...]]:
    """The catalog file, read and checked once per process."""
    return parse_catalog(path.read_text(encoding="utf-8"), path.name)


def activity_index(catalog: dict[str, tuple[CatalogActivity, ...]],
                   ) -> dict[str, CatalogActivity]:
    return {a.code: a for acts in catalog.values() for a in acts}
