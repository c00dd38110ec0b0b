"""POST /<lang>/feedback: the "Was this right?" form under each result and the 申立書 QR.

With JavaScript the form is sent by static/js/feedback.js and the page stays; without it the
browser shows the thank-you page. What is kept is web/feedback/fields.py's Record and nothing
else: no address, no user agent, no cookie (the rate limit counts a keyed hash of the address,
in memory or in the shared limit store, and never writes it anywhere else).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from flask import current_app, g, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from web.feedback.fields import context_from, hidden_values, record_from
from web.forms import printable
from web.i18n import localized_blueprint
from web.timeutil import today_in_tokyo

log = logging.getLogger(__name__)
bp = localized_blueprint("feedback", __name__, "/feedback")
# A whole form is well under 2 KiB; the answer, the rule ids and 500 characters of text fit in this.
MAX_BYTES = 16 * 1024


def client_key() -> str:
    """Who a request counts against: a keyed hash of the address, so the limit store holds no IP."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, (request.remote_addr or "").encode(), hashlib.sha256).hexdigest()[:32]


@bp.url_value_preprocessor
def cap_size(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # Runs before any before_request hook (the CSRF check reads the form), so the cap holds first.
    request.max_content_length = MAX_BYTES


def render_page(status: int, **context: Any) -> Any:
    return render_template("pages/feedback.html", status=status, **context), status


@bp.post("")
def submit() -> Any:
    record = record_from(request.form, g.lang)
    if record is None:
        fields = hidden_values(context_from(request.form))
        return render_page(
            422, feedback_fields=fields, feedback_error=True, feedback_text=printable(request.form.get("text", ""))
        )
    try:
        current_app.extensions["feedback"].add(record, today_in_tokyo())
    except SQLAlchemyError as error:
        # The class only: the message could name the database host, and the record stays private.
        log.error("feedback not stored: %s", type(error).__name__)
        return render_page(503)
    return render_page(200)


@bp.errorhandler(429)
def too_many(error: Exception) -> Any:
    return render_page(429)


def page_titles() -> dict[int, str]:
    return {
        200: gettext("ありがとうございました"),
        422: gettext("答えを選んでください"),
        429: gettext("短い時間に多く送られました"),
        503: gettext("今は受け付けられませんでした"),
    }
