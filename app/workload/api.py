"""API: the workload analysis of an LAO, its yearly volumes and working-time settings."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from app.access import get_lao_or_404, require_lao_manager, require_staff_reader
from app.api import actor, route
from app.api.shapes import BOOL, INT, NUMBER, OBJECT, STR, array, nullable, obj
from app.api.validation import json_body, parse
from app.dates import today
from app.db import utcnow
from app.downloads import file_response
from app.extensions import db
from app.org.models import Lao
from app.workload import services, wisn
from app.workload.catalog import MAX_VOLUME, activity_index, load_catalog
from app.workload.present import csv_bytes, workload_body

READERS = {200: "OK", 403: "role not allowed", 404: "not found"}
WRITERS = {200: "saved", 403: "not HR of this LAO", 404: "not found",
           422: "invalid: details list every problem; nothing changed"}
VOLUMES_BODY = {"volumes": ("object", True, {"schema": lambda: {
    # checked entry by entry by services.update_volumes, which names each bad activity
    "propertyNames": {"enum": sorted(activity_index(load_catalog()))},
    "additionalProperties": {"anyOf": [
        {"type": "integer", "minimum": 0, "maximum": MAX_VOLUME}, {"type": "null"}]}}})}
# day counts and hours may also be decimals (e.g. 7.5 hours a day); fields left out keep
# their value; cas = {"allowance name": percent}, ias_hours = {"system code": hours a year}
# the document's account of what wisn.settings_from checks, with its own messages
SETTINGS_BODY = {**dict.fromkeys(wisn.DAY_FIELDS, ("number", False,
                                                  {"minimum": 0, "maximum": wisn.MAX_DAYS})),
                 "hours_per_day": ("number", False, {"minimum": 1, "maximum": 24}),
                 "cas": ("object:number", False, {"value_minimum": 0}),
                 "ias_hours": ("object:number", False, {"value_minimum": 0})}


def _reader_lao(lao_id: int) -> Lao:
    lao = get_lao_or_404(lao_id, actor())
    require_staff_reader(actor(), lao.id)
    return lao


def _manager_lao(lao_id: int) -> Lao:
    lao = get_lao_or_404(lao_id, actor())
    require_lao_manager(actor(), lao.id)
    return lao


@route("/laos/<int:lao_id>/workload", "GET",
       "Workload analysis (WISN): people, systems, Gini, suggestions", tag="workload",
       responses=READERS,
       returns=obj(people=array(obj(user_id=INT, hours_per_year=NUMBER)), systems=OBJECT,
                   gini=nullable(NUMBER)))
def workload(lao_id: int) -> ResponseReturnValue:
    lao = _reader_lao(lao_id)
    return jsonify(workload_body(services.analyse_lao(lao, utcnow())))


@route("/laos/<int:lao_id>/workload.csv", "GET", "Workload analysis as CSV (UTF-8)",
       tag="workload", responses=READERS, media="text/csv")
def workload_csv(lao_id: int) -> ResponseReturnValue:
    lao = _reader_lao(lao_id)
    filename = f"workload-{lao.code}-{today().isoformat()}.csv"
    return file_response(csv_bytes(services.analyse_lao(lao, utcnow())),
                         "text/csv; charset=utf-8", filename)


VOLUMES = array(obj(subsystem=STR, activity=STR, unit_minutes=NUMBER,
                   default_volume=nullable(INT), volume=nullable(INT), overridden=BOOL))
SETTINGS = obj(**dict.fromkeys(wisn.NUMBER_FIELDS, NUMBER), cas=OBJECT, ias_hours=OBJECT,
               awt_hours=NUMBER, defaults=OBJECT)


def _volumes(lao: Lao) -> list[dict[str, object]]:
    return [{"subsystem": r.activity.subsystem, "activity": r.activity.code,
             "name_th": r.activity.name_th, "name_en": r.activity.name_en,
             "unit_th": r.activity.unit_th, "unit_en": r.activity.unit_en,
             "unit_minutes": r.activity.minutes, "default_volume": r.default,
             "volume": r.volume, "overridden": r.overridden}
            for r in services.volume_rows(lao)]


@route("/laos/<int:lao_id>/workload/volumes", "GET",
       "Yearly volume of every catalog activity (own or default)", tag="workload",
       responses=READERS, returns=VOLUMES)
def volumes(lao_id: int) -> ResponseReturnValue:
    return jsonify(_volumes(_reader_lao(lao_id)))


@route("/laos/<int:lao_id>/workload/volumes", "PUT",
       "Set yearly volumes: {activity code: whole number, or null for the default}",
       tag="workload", body=VOLUMES_BODY, responses=WRITERS, returns=VOLUMES)
def put_volumes(lao_id: int) -> ResponseReturnValue:
    lao = _manager_lao(lao_id)
    data = parse(VOLUMES_BODY)
    services.update_volumes(actor(), lao, data["volumes"])
    db.session.commit()
    return jsonify(_volumes(lao))


def _settings(lao: Lao) -> dict[str, object]:
    current = services.current_settings(lao)
    return {**services.settings_dict(current),
            "awt_hours": round(wisn.available_working_time(current), 2),
            "defaults": services.settings_dict(wisn.Settings())}


@route("/laos/<int:lao_id>/workload/settings", "GET",
       "Working-time settings and allowances, with the national defaults", tag="workload",
       responses=READERS, returns=SETTINGS)
def settings(lao_id: int) -> ResponseReturnValue:
    return jsonify(_settings(_reader_lao(lao_id)))


@route("/laos/<int:lao_id>/workload/settings", "PUT",
       "Change working-time settings (numbers may be decimals; omitted fields are kept)",
       tag="workload", body=SETTINGS_BODY, responses=WRITERS,
       returns=SETTINGS)
def put_settings(lao_id: int) -> ResponseReturnValue:
    lao = _manager_lao(lao_id)
    services.update_settings(actor(), lao, json_body())
    db.session.commit()
    return jsonify(_settings(lao))
