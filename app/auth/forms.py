"""Web forms for signing in and resetting passwords."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from app.forms import Form


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=60)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class ForgotForm(Form):
    login = StringField(_l("Username or e-mail"), validators=[DataRequired(), Length(max=254)])


class NewPasswordForm(Form):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=200)])
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class CodeResetForm(NewPasswordForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=60)])
    code = StringField(_l("Reset code from HR"), validators=[DataRequired(), Length(max=20)])
