"""Loads all provinces and districts of Thailand from the geothai package (MIT / CC-BY-4.0)."""

from __future__ import annotations

import geothai
from sqlalchemy import select

from app.extensions import db
from app.org.models import District, Province


def sync_geography() -> tuple[int, int]:
    """Insert or update every province and district; idempotent. Returns the counts."""
    provinces = {p.code: p for p in db.session.scalars(select(Province))}
    districts = {d.code: d for d in db.session.scalars(select(District))}
    n_districts = 0
    for source in geothai.provinces():
        province = provinces.get(source.code)
        if province is None:
            province = Province(code=source.code)
            db.session.add(province)
        province.name_th, province.name_en = source.name_th, source.name_en
        db.session.flush()
        for d in geothai.districts(source.code):
            district = districts.get(d.code)
            if district is None:
                district = District(code=d.code)
                db.session.add(district)
            district.province_id = province.id
            district.name_th, district.name_en = d.name_th, d.name_en
            n_districts += 1
    db.session.flush()
    return len(geothai.provinces()), n_districts
