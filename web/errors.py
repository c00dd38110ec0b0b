"""Error pages: generic words in the user's language, never a stack trace, and JSON for the API."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def titles() -> dict[int, tuple[str, str]]:
    return {
        400: (gettext("送信された内容を読み取れませんでした"), gettext("もう一度、はじめのページからお試しください。")),
        404: (gettext("ページが見つかりません"), gettext("アドレスを確かめるか、はじめのページから進んでください。")),
        405: (gettext("この操作はできません"), gettext("はじめのページから進んでください。")),
        413: (gettext("送信された内容が大きすぎます"), gettext("入力を短くして、もう一度お試しください。")),
        500: (gettext("問題が発生しました"), gettext("しばらくしてから、もう一度お試しください。")),
    }


def render_error(status: int) -> Any:
    status = status if status in titles() else (500 if status >= 500 else 400)
    title, message = titles()[status]
    if request.path.startswith("/api/"):
        return jsonify({"errors": [{"field": "", "code": str(status), "message": title}]}), status
    return render_template("pages/error.html", title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Any:
        log.info("csrf rejected: %s", error.description)
        title = gettext("ページの有効期限が切れました")
        message = gettext("安全のため、送信できませんでした。お手数ですが、最初からやり直してください。")
        return render_template("pages/error.html", title=title, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.endpoint)
        return render_error(InternalServerError.code)
