"""Reference geography, LAOs, units, transfers and role grants."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import TimestampMixin, UTCDateTime, utcnow
from app.extensions import db

LAO_TYPES = ("pao", "city", "town", "subdistrict_municipality", "sao")
SIZE_CLASSES = ("S", "M", "L")
GRANT_ROLES = ("hr", "executive")
# withdrawn: the person left the LAO before anyone decided (a transfer)
GRANT_STATUSES = ("pending", "confirmed", "refused", "withdrawn")
TRANSFER_STATUSES = ("requested", "released", "done", "cancelled")
OPEN_TRANSFER = ("requested", "released")


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


class RoleGrant(TimestampMixin, db.Model):
    """HR asking for a privileged role (hr, executive) for a person of its LAO. The person
    stays as they were until a second party decides: an executive of the LAO who is neither
    the person nor the one who asked, or an administrator (SPEC 3, separation of duties)."""

    __tablename__ = "role_grant"
    __table_args__ = (
        CheckConstraint(f"role IN {GRANT_ROLES!r}", name="role"),
        CheckConstraint(f"status IN {GRANT_STATUSES!r}", name="status"),
        # confirmed and refused name who decided; withdrawn has no decider, only a moment
        CheckConstraint("(status IN ('confirmed', 'refused')) = (decided_by_id IS NOT NULL)",
                        name="decided"),
        CheckConstraint("(status = 'pending') = (decided_at IS NULL)", name="decided_at"),
        # the schema itself refuses a grant decided by the person or the one who asked
        CheckConstraint("decided_by_id <> user_id AND decided_by_id <> requested_by_id",
                        name="second_party"),
        # one open request per person: asking again updates it
        Index("uq_role_grant_pending", "user_id", unique=True,
              sqlite_where=text("status = 'pending'"),
              postgresql_where=text("status = 'pending'")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="pending",
                                        server_default="pending")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user = relationship("User", foreign_keys=[user_id])
    requested_by = relationship("User", foreign_keys=[requested_by_id])


class TransferRequest(TimestampMixin, db.Model):
    """The destination's HR asks for a person by national ID; the source LAO's HR or the
    person releases them (an admin may do either); the move happens on effective_from.
    Until released the destination knows only a masked name (SPEC 3)."""

    __tablename__ = "transfer_request"
    __table_args__ = (
        CheckConstraint(f"status IN {TRANSFER_STATUSES!r}", name="status"),
        CheckConstraint("from_lao_id <> to_lao_id", name="different_lao"),
        CheckConstraint("(status IN ('released', 'done')) = (released_by_id IS NOT NULL)",
                        name="released"),
        CheckConstraint("(status = 'done') = (done_at IS NOT NULL)", name="done"),
        CheckConstraint("(status = 'cancelled') = (cancelled_by_id IS NOT NULL)",
                        name="cancelled"),
        # one open request per person and destination: asking again finds it
        Index("uq_transfer_request_open", "user_id", "to_lao_id", unique=True,
              sqlite_where=text("status IN ('requested', 'released')"),
              postgresql_where=text("status IN ('requested', 'released')")),
        Index("ix_transfer_request_due", "status", "effective_from"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    from_lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    to_lao_id: Mapped[int] = mapped_column(ForeignKey("lao.id"), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="requested",
                                        server_default="requested")
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user = relationship("User", foreign_keys=[user_id])
    from_lao: Mapped[Lao] = relationship(foreign_keys=[from_lao_id])
    to_lao: Mapped[Lao] = relationship(foreign_keys=[to_lao_id])
