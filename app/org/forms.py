"""Web forms for LAOs and staff."""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import Field, SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.forms import Form, ThaiDateField, choices
from app.org import national_id
from app.web import SIZE_NAMES


class ImportForm(Form):
    file = FileField(_l("Staff file (CSV UTF-8 or XLSX, 2 MB at most)"),
                     validators=[FileRequired()])


class EmptyForm(Form):
    """Protects a POST button with a CSRF token."""


class LaoForm(Form):
    code = StringField(_l("LAO code (7 digits)"), validators=[DataRequired(), Length(7, 7)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    type = SelectField(_l("Type"), choices=choices([
        ("pao", _l("Provincial administrative organization")),
        ("city", _l("City municipality")),
        ("town", _l("Town municipality")),
        ("subdistrict_municipality", _l("Subdistrict municipality")),
        ("sao", _l("Subdistrict administrative organization")),
    ]))
    size_class = SelectField(_l("Size"), choices=choices(SIZE_NAMES.items()))
    # grouped by province; the choices are filled by the view (928 districts)
    district_id = SelectField(_l("District"), coerce=int, validators=[DataRequired()])


class TransferForm(Form):
    to_lao_id = SelectField(_l("Move to LAO"), coerce=int)
    effective_from = ThaiDateField(_l("Effective from"), validators=[DataRequired(
        _l("Type the day the move takes effect."))])


def _national_id(form: Form, field: Field) -> None:
    """At the field, before anything is looked up: a typo, not a miss."""
    wrong = national_id.problem(field.data or "")
    if wrong is not None:
        raise ValidationError(gettext(wrong[0], **wrong[1]))


class TransferRequestForm(Form):
    national_id = StringField(_l("National ID of the person (from the transfer order)"),
                              validators=[DataRequired(), Length(max=20), _national_id])
    effective_from = ThaiDateField(_l("Effective from"), validators=[DataRequired(
        _l("Type the day the move takes effect."))])
