"""Admin pages: item analysis per placement bank and per course, with a CSV of each."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import require_role
from app.content import item_stats
from app.content.models import Course, PlacementBank
from app.downloads import csv_bytes, file_response
from app.extensions import db
from app.subsystems import CODES, SYSTEM_NAMES

bp = Blueprint("content", __name__)

FLAG_NAMES = {
    "too_easy": _l("too easy"), "too_hard": _l("too hard"),
    "low_discrimination": _l("does not separate"),
    "negative_discrimination": _l("works backwards"),
    "dead_distractor": _l("an option nobody picks"),
    "distractor_beats_key": _l("a wrong option beats the key"),
}


@bp.get("/admin/items")
@login_required
def index() -> ResponseReturnValue:
    require_role(current_user, "admin")
    banks = [b.subsystem for b in db.session.scalars(
        select(PlacementBank).order_by(PlacementBank.subsystem))]
    courses = list(db.session.scalars(select(Course).order_by(Course.subsystem, Course.slug)))
    return render_template("content/items_index.html", banks=banks, courses=courses,
                           names=SYSTEM_NAMES)


def _page(stats: list[item_stats.ItemStat], title: str, csv_name: str) -> ResponseReturnValue:
    if request.args.get("format") == "csv":
        rows: list[list[object]] = [["ref", "topic", "level", "responses", "facility",
                                     "discrimination", "difficulty_logit", "flags", "text",
                                     "option_shares"]]
        rows += [[s.ref, s.topic, s.level, s.responses, s.facility, s.discrimination,
                  s.difficulty_logit, " ".join(s.flags), s.text,
                  " | ".join(f"{'*' if o['correct'] else ''}{o['share']:.2f} {o['text']}"
                             for o in s.options)] for s in stats]
        return file_response(csv_bytes(rows), "text/csv", csv_name)
    sort = request.args.get("sort", "position")
    if sort not in item_stats.SORT_KEYS:
        sort = "position"
    flagged = sum(1 for s in stats if s.flags)
    answers = sum(s.responses for s in stats)
    return render_template("content/items.html", stats=item_stats.sorted_stats(stats, sort),
                           title=title, sort=sort, flagged=flagged, answers=answers,
                           flag_names=FLAG_NAMES, min_responses=item_stats.MIN_RESPONSES)


@bp.get("/admin/items/placement/<code>")
@login_required
def placement(code: str) -> ResponseReturnValue:
    require_role(current_user, "admin")
    if code not in CODES:
        abort(404)
    return _page(item_stats.placement_stats(code), SYSTEM_NAMES[code],
                 f"item-stats-placement-{code}.csv")


@bp.get("/admin/items/course/<int:course_id>")
@login_required
def course(course_id: int) -> ResponseReturnValue:
    require_role(current_user, "admin")
    found = db.session.get(Course, course_id)
    if found is None:
        abort(404)
    return _page(item_stats.course_stats(course_id), found.title_th,
                 f"item-stats-{found.slug}.csv")
