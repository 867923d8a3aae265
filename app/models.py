"""Imports every model so the metadata (and Alembic) sees all tables."""

from app.audit import AuditEvent
from app.auth.models import ApiToken, PasswordReset, User
from app.org.models import District, Lao, Province, StaffTransfer, Unit
from app.settings import Setting

__all__ = [
    "ApiToken", "AuditEvent", "District", "Lao", "PasswordReset", "Province", "Setting",
    "StaffTransfer", "Unit", "User",
]
