"""Reference geography, LAOs, units and transfers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import TimestampMixin, UTCDateTime, utcnow
from app.extensions import db

LAO_TYPES = ("pao", "city", "town", "subdistrict_municipality", "sao")
SIZE_CLASSES = ("S", "M", "L")


class Province(db.Model):
    __tablename__ = "province"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)  # DOPA code
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    districts: Mapped[list[District]] = relationship(
        back_populates="province", order_by="District.code"
    )


class District(db.Model):
    __tablename__ = "district"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)  # DOPA code, starts with province
    province_id: Mapped[int] = mapped_column(ForeignKey("province.id"), index=True)
    name_th: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    province: Mapped[Province] = relationship(back_populates="districts")


class Lao(TimestampMixin, db.Model):
    __tablename__ = "lao"
    __table_args__ = (
        CheckConstraint(f"type IN {LAO_TYPES!r}", name="type"),
        CheckConstraint(f"size_class IN {SIZE_CLASSES!r}", name="size_class"),
        CheckConstraint("length(code) = 7", name="code_length"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(7), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(30))
    size_class: Mapped[str] = mapped_column(String(1))
    district_id: Mapped[int] = mapped_column(ForeignKey("district.id"), index=True)
    district: Mapped[District] = relationship()
    units: Mapped[list[Unit]] = relationship(back_populates="lao", order_by="Unit.name")


class Unit(db.Model):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("lao_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    lao: Mapped[Lao] = relationship(back_populates="units")


class StaffTransfer(db.Model):
    """A move of one person between LAOs; the person keeps their whole history."""

    __tablename__ = "staff_transfer"
    __table_args__ = (CheckConstraint("from_lao_id <> to_lao_id", name="different_lao"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    from_lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"))
    to_lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
