"""Web form for an assignment."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import Form, ThaiDateField, choices
from app.subsystems import SUBSYSTEMS

SHARE = _l("Type the share of the system's work as a whole number from 1 to 100.")


class AssignmentForm(Form):
    user_id = SelectField(_l("Person"), coerce=int)
    subsystem = SelectField(_l("System"), choices=choices((s.code, s.name_en) for s in SUBSYSTEMS))
    role = SelectField(_l("Role"), choices=choices([("primary", _l("Primary")),
                                                    ("backup", _l("Backup"))]))
    share_percent = IntegerField(_l("Share of the system's work (%)"),
                                 validators=[DataRequired(SHARE), NumberRange(1, 100, SHARE)])
    effective_from = ThaiDateField(_l("Effective from"), validators=[DataRequired(
        _l("Type the day the duty starts."))])
    order_ref = StringField(_l("Order reference (เลขที่คำสั่ง)"),
                            validators=[DataRequired(_l("Type the number of the LAO's order.")),
                                        Length(max=100)])
    override_reason = StringField(_l("Override reason (only if the person is below the level)"),
                                  validators=[Optional(), Length(max=500)])
