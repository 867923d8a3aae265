"""The six e-systems: fixed codes used in URLs, files and the API."""

from __future__ import annotations

from typing import NamedTuple


class Subsystem(NamedTuple):
    code: str
    name_th: str
    name_en: str


SUBSYSTEMS = (
    Subsystem("e-plan", "ระบบสารสนเทศเพื่อการวางแผนและประเมินผล (e-Plan)", "e-Plan"),
    Subsystem("e-laas", "ระบบบัญชีคอมพิวเตอร์ขององค์กรปกครองส่วนท้องถิ่น (e-LAAS)", "e-LAAS"),
    Subsystem("e-gp", "ระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)", "e-GP"),
    Subsystem("e-bidding", "การประกวดราคาอิเล็กทรอนิกส์ (e-Bidding)", "e-Bidding"),
    Subsystem("info", "ระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (Info)", "Info"),
    Subsystem("e-office", "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Office)", "e-Office"),
)
CODES = tuple(s.code for s in SUBSYSTEMS)
# the short name people know a system by, in both languages (e-LAAS, not e-laas)
SYSTEM_NAMES = {s.code: s.name_en for s in SUBSYSTEMS}
