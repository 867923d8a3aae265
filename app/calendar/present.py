"""The API's shape of an occurrence, shared by the JSON API and the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.calendar import services
from app.calendar.models import CalendarOccurrence


def occurrence_dict(occ: CalendarOccurrence, held: dict[str, services.Holders],
                    today: date) -> dict[str, Any]:
    h = held.get(occ.subsystem, services.Holders(None, None))
    return {
        "id": occ.id, "duty": occ.duty, "subsystem": occ.subsystem,
        "title": services.title(occ), "title_en": services.title(occ, english=True),
        "due": occ.due.isoformat(), "owner_id": h.owner_id, "backup_id": h.backup_id,
        "needs_approval": occ.needs_approval, "status": occ.status,
        "late": services.is_late(occ), "overdue": services.is_overdue(occ, today),
        "done_at": occ.marked_at.isoformat() if occ.marked_at else None,
        "approved_at": occ.approved_at.isoformat() if occ.approved_at else None,
        "completed_on": occ.completed_on.isoformat() if occ.completed_on else None,
        "reference": occ.reference, "note": occ.note,
        "marked_by_id": occ.marked_by_id, "approved_by_id": occ.approved_by_id,
    }
