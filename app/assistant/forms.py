"""The question box."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from app.assistant.text import MAX_QUESTION_CHARS, tidy_question
from app.forms import Form


class AskForm(Form):
    question = StringField(
        _l("Your question"),
        filters=[lambda value: tidy_question(value) if isinstance(value, str) else value],
        validators=[DataRequired(_l("Please type a question.")),
                    Length(max=MAX_QUESTION_CHARS,
                           message=_l("A question can be at most %(max)d characters.",
                                      max=MAX_QUESTION_CHARS))])


class DismissForm(Form):
    """Marks a group of unanswered questions as handled (the FAQ now covers it)."""

    normalized = HiddenField(validators=[DataRequired(), Length(max=500)])
