"""Per-LAO workload data: its own yearly volumes and its working-time settings.

Both fall back to national values: volumes to the task catalog's default for the LAO's size
class, settings to app.workload.wisn.Settings()."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UTCDateTime, utcnow
from app.extensions import db


class WorkloadVolume(db.Model):
    """An LAO's own yearly volume of one catalog activity (absent = the catalog default)."""

    __tablename__ = "workload_volume"
    __table_args__ = (
        UniqueConstraint("lao_id", "activity", name="uq_workload_volume_lao_activity"),
        CheckConstraint("volume >= 0", name="volume"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    subsystem: Mapped[str] = mapped_column(String(20))
    activity: Mapped[str] = mapped_column(String(60))
    volume: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow,
                                                 onupdate=utcnow)


class WorkloadSettings(db.Model):
    """An LAO's available working time and WISN allowances (absent = national defaults)."""

    __tablename__ = "workload_settings"
    __table_args__ = (
        CheckConstraint("working_days >= 0 AND working_days <= 366", name="working_days"),
        CheckConstraint("public_holidays >= 0 AND annual_leave >= 0 AND sick_leave >= 0 "
                        "AND other_leave >= 0", name="leave"),
        CheckConstraint("public_holidays + annual_leave + sick_leave + other_leave "
                        "< working_days", name="working_time"),
        CheckConstraint("hours_per_day >= 1 AND hours_per_day <= 24", name="hours_per_day"),
    )
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), primary_key=True)
    working_days: Mapped[float]
    public_holidays: Mapped[float]
    annual_leave: Mapped[float]
    sick_leave: Mapped[float]
    other_leave: Mapped[float]
    hours_per_day: Mapped[float]
    # {"allowance name": percent of working time}: support work everyone does
    cas: Mapped[dict[str, Any]] = mapped_column(JSON)
    # {"system code": hours a year}: work only some of that system's staff do
    ias_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow,
                                                 onupdate=utcnow)
