"""Web form for an assignment."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import choices
from app.subsystems import SUBSYSTEMS


class AssignmentForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=int)
    subsystem = SelectField(_l("System"), choices=choices((s.code, s.name_en) for s in SUBSYSTEMS))
    role = SelectField(_l("Role"), choices=choices([("primary", _l("Primary")),
                                                    ("backup", _l("Backup"))]))
    share_percent = IntegerField(_l("Share of the system's work (%)"),
                                 validators=[DataRequired(), NumberRange(1, 100)])
    effective_from = DateField(_l("Effective from"), validators=[DataRequired()])
    order_ref = StringField(_l("Order reference (เลขที่คำสั่ง)"),
                            validators=[DataRequired(), Length(max=100)])
    override_reason = StringField(_l("Override reason (only if the person is below the level)"),
                                  validators=[Optional(), Length(max=500)])
