"""POST /api/v1/guide: the engine's public face (shared/domain/guide-api-v1.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_babel import get_locale, gettext

from web.answers import MIN_AGE, FieldError, parse_answers
from web.engine import make_guide
from web.guide_text import FIELD_ERRORS
from web.present import guide_document
from web.questions import FIELDS_BY_KEY, Field
from web.ruby import base_text, base_text_deep
from web.security import csrf
from web.timeutil import today_in_tokyo

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_BODY = 16 * 1024
MAX_PEOPLE = 10  # a family, or a carer with the people they look after
OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"errors": [{"field": "", "code": code, "message": base_text(message)}]}), status


@bp.after_request
def say_the_language(response: Response) -> Response:
    """Every text in a guide or an error follows Accept-Language (web/i18n.select_locale picks the
    best match among the app's locales, Japanese when none matches); say which one was used."""
    if response.mimetype == "application/json" and request.endpoint in ("api.post_guide", "api.post_guides"):
        response.headers["Content-Language"] = str(get_locale())
        response.vary.add("Accept-Language")
    return response


def read_json_body() -> tuple[Any, tuple[Response, int] | None]:
    """The request's JSON body, or the transport error to answer with (size, type, syntax)."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        return None, error(413, "too_large", gettext("リクエストが大きすぎます（16 KiB まで）。"))
    if request.mimetype != "application/json":
        return None, error(415, "unsupported_media_type", gettext("Content-Type は application/json にしてください。"))
    body = request.get_data(cache=False)
    if len(body) > MAX_BODY:
        return None, error(413, "too_large", gettext("リクエストが大きすぎます（16 KiB まで）。"))
    try:
        return json.loads(body), None
    except (ValueError, RecursionError):
        return None, error(400, "invalid_json", gettext("JSON として読めません。"))


def field_errors(problems: list[FieldError], prefix: str = "") -> list[dict[str, str]]:
    return [
        {
            "field": prefix + problem.field,
            "code": problem.code,
            "message": base_text(gettext(FIELD_ERRORS[problem.code])),
        }
        for problem in problems
    ]


@bp.post("/guide")
@csrf.exempt
def post_guide() -> Any:
    """Answers in, guide out. Other apps call this without a browser session, hence no CSRF token;
    it changes nothing and stores nothing, so there is nothing to forge."""
    data, failure = read_json_body()
    if failure:
        return failure
    parsed = parse_answers(data, today_in_tokyo())
    if parsed.answers is None:
        return jsonify({"errors": field_errors(parsed.errors)}), 422
    return jsonify(base_text_deep(guide_document(make_guide(parsed.answers))))


@bp.post("/guides")
@csrf.exempt
def post_guides() -> Any:
    """Several people in one go (a carer and the children): a list of requests in, the list of
    their guides out, in the same order. Each entry is checked by the same validator as
    /guide; if any is invalid nothing is answered but the errors, each field named `[i].key`."""
    data, failure = read_json_body()
    if failure:
        return failure
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_PEOPLE:
        message = gettext("本文は 1〜%(max)s 人分の JSON 配列にしてください。", max=MAX_PEOPLE)
        return jsonify({"errors": [{"field": "", "code": "not_a_list", "message": base_text(message)}]}), 422
    today = today_in_tokyo()
    parsed = [parse_answers(entry, today) for entry in data]
    errors = [error for index, one in enumerate(parsed) for error in field_errors(one.errors, f"[{index}].")]
    if errors:
        return jsonify({"errors": errors}), 422
    return jsonify(
        base_text_deep({"guides": [guide_document(make_guide(one.answers)) for one in parsed if one.answers]})
    )


def request_property(f: Field) -> dict[str, Any]:
    """A request key's schema, from its question's declaration."""
    if f.kind == "date":
        return {"$ref": "#/components/schemas/Date"}
    if f.kind == "number":
        return {"type": "integer", "minimum": MIN_AGE, "maximum": f.maximum}
    if f.kind == "checkboxes":
        return {"type": "array", "items": {"type": "string", "enum": list(f.api_values)}}
    return {"type": "string", "enum": list(f.api_values)}


@cache
def openapi_document() -> bytes:
    """The hand-written document, with the request's keys and enums taken from the questions."""
    document = json.loads(OPENAPI_PATH.read_bytes())
    request_schema = document["components"]["schemas"]["GuideRequest"]
    request_schema["properties"] = {key: request_property(f) for key, f in FIELDS_BY_KEY.items()}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@bp.get("/openapi.json")
def openapi() -> Response:
    return Response(openapi_document(), mimetype="application/json")
