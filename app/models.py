"""Imports every model so the metadata (and Alembic) sees all tables."""

from app.assistant.models import AssistantIndex, UnansweredQuestion
from app.audit import AuditEvent
from app.auth.models import ApiToken, PasswordReset, User
from app.calendar.models import (
    CalendarDutyDate,
    CalendarFeed,
    CalendarOccurrence,
    CalendarReminder,
    CalendarSettings,
)
from app.certification.models import BulkJob, Certificate, SerialCounter
from app.content.models import Course, Module, PlacementBank, Question, QuestionOption, Topic
from app.learning.models import Enrollment, ModuleProgress
from app.org.models import District, Lao, Province, StaffTransfer, Unit
from app.placement.models import Attempt, AttemptItem
from app.register.models import Assignment, CompetencyEvent, CompetencyLatest
from app.settings import Setting
from app.workload.models import WorkloadSettings, WorkloadVolume

__all__ = [
    "ApiToken",
    "Assignment",
    "AssistantIndex",
    "Attempt",
    "AttemptItem",
    "AuditEvent",
    "BulkJob",
    "CalendarDutyDate",
    "CalendarFeed",
    "CalendarOccurrence",
    "CalendarReminder",
    "CalendarSettings",
    "Certificate",
    "CompetencyEvent",
    "CompetencyLatest",
    "Course",
    "District",
    "Enrollment",
    "Lao",
    "Module",
    "ModuleProgress",
    "PasswordReset",
    "PlacementBank",
    "Province",
    "Question",
    "QuestionOption",
    "SerialCounter",
    "Setting",
    "StaffTransfer",
    "Topic",
    "UnansweredQuestion",
    "Unit",
    "User",
    "WorkloadSettings",
    "WorkloadVolume",
]
