"""POST /api/v1/guide: the engine's public face (shared/domain/guide-api-v1.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext

from web.answers import MIN_AGE, parse_answers
from web.engine import make_guide
from web.guide_text import FIELD_ERRORS
from web.present import guide_document
from web.questions import FIELDS_BY_KEY, Field
from web.ruby import base_text, base_text_deep
from web.security import csrf
from web.timeutil import today_in_tokyo

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_BODY = 16 * 1024
OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def error(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"errors": [{"field": "", "code": code, "message": base_text(message)}]}), status


@bp.post("/guide")
@csrf.exempt
def post_guide() -> Any:
    """Answers in, guide out. Other apps call this without a browser session, hence no CSRF token;
    it changes nothing and stores nothing, so there is nothing to forge."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        return error(413, "too_large", gettext("リクエストが大きすぎます（16 KiB まで）。"))
    if request.mimetype != "application/json":
        return error(415, "unsupported_media_type", gettext("Content-Type は application/json にしてください。"))
    body = request.get_data(cache=False)
    if len(body) > MAX_BODY:
        return error(413, "too_large", gettext("リクエストが大きすぎます（16 KiB まで）。"))
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return error(400, "invalid_json", gettext("JSON として読めません。"))
    parsed = parse_answers(data, today_in_tokyo())
    if parsed.answers is None:
        errors = [
            {"field": problem.field, "code": problem.code, "message": base_text(gettext(FIELD_ERRORS[problem.code]))}
            for problem in parsed.errors
        ]
        return jsonify({"errors": errors}), 422
    guide = make_guide(parsed.answers)
    response = jsonify(base_text_deep(guide_document(guide, parsed.answers)))
    response.headers["Vary"] = "Accept-Language"
    return response


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
