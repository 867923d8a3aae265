"""The six e-systems: fixed codes used in URLs, files and the API."""

from __future__ import annotations

from typing import NamedTuple


class Subsystem(NamedTuple):
    code: str
    name_th: str
    name_en: str
    about_en: str = ""  # what the system is, for English pages (name_th says it in Thai)


SUBSYSTEMS = (
    Subsystem("e-plan", "ระบบสารสนเทศเพื่อการวางแผนและประเมินผล (e-Plan)", "e-Plan",
              "Planning and evaluation information system (e-Plan)"),
    Subsystem("e-laas", "ระบบบัญชีคอมพิวเตอร์ขององค์กรปกครองส่วนท้องถิ่น (e-LAAS)", "e-LAAS",
              "Electronic Local Administrative Accounting System (e-LAAS)"),
    Subsystem("e-gp", "ระบบการจัดซื้อจัดจ้างภาครัฐ (e-GP)", "e-GP",
              "Thai Government Procurement system (e-GP)"),
    Subsystem("e-bidding", "การประกวดราคาอิเล็กทรอนิกส์ (e-Bidding)", "e-Bidding",
              "Electronic bidding, the open tender inside e-GP (e-Bidding)"),
    Subsystem("info", "ระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (Info)", "Info",
              "Central information system of local administrative organizations (Info)"),
    Subsystem("e-office", "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Office)", "e-Office",
              "Electronic official correspondence (e-Office)"),
)
CODES = tuple(s.code for s in SUBSYSTEMS)
# the short name people know a system by, in both languages (e-LAAS, not e-laas)
SYSTEM_NAMES = {s.code: s.name_en for s in SUBSYSTEMS}
