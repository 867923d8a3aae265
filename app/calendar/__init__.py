"""Reporting calendar (SPEC 4.8): duties from a data file, each LAO's occurrences, follow-up,
reminders and iCalendar feeds."""
