"""Web forms of the reporting calendar."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import Form, choices


class DoneForm(Form):
    reference = StringField(_l("Document number in the e-system"),
                            validators=[DataRequired(), Length(max=100)])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])


class LeadDaysForm(Form):
    lead_days = IntegerField(_l("Start reminders this many days before the due date"),
                             validators=[DataRequired(), NumberRange(min=1, max=60)])


class DutyDateForm(Form):
    duty = SelectField(_l("Duty"), validators=[DataRequired()])
    month = SelectField(_l("Month (yearly duties)"), coerce=int,
                        choices=choices((m, str(m) if m else "—") for m in range(0, 13)))
    day = IntegerField(_l("Day"), validators=[DataRequired(), NumberRange(min=1, max=31)])
