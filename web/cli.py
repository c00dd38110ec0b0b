"""`flask --app app qr encode|decode`: the 申立書 QR codec from the command line (exit status 2 on
invalid input), for integrations and checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from web import qr_payload, qr_symbol

qr = AppGroup("qr", help="Encode and decode 申立書 QR payloads (shared/domain/qr-payload-v1.md).")
DEFAULT_PREFIX = "https://example.invalid/r#"


def fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


@qr.command("encode")
@click.option("--prefix", default=DEFAULT_PREFIX, show_default=True, help="The URL before the payload, ending in '#'.")
@click.option(
    "--svg", "svg_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the symbol as SVG."
)
@click.option(
    "--png", "png_path", type=click.Path(dir_okay=False, path_type=Path), help="Also write the symbol as PNG."
)
def encode(prefix: str, svg_path: Path | None, png_path: Path | None) -> None:
    """Read a JSON object with the spec's field keys on stdin; print the QR text."""
    try:
        record = json.loads(sys.stdin.read())
    except ValueError:
        fail("error: stdin is not JSON")
    if not isinstance(record, dict):
        fail("error: stdin must be a JSON object with the spec's field keys")
    values, problems = qr_payload.normalise(record)
    if problems:
        fail("\n".join(f"error: {problem.field}: {problem.code}" for problem in problems))
    text = qr_payload.encode(values, prefix)
    try:
        if svg_path:
            svg_path.write_text(qr_symbol.svg(text, "被保険者資格申立書のQRコード"), encoding="utf-8")
        if png_path:
            png_path.write_bytes(qr_symbol.png(text))
    except qr_symbol.SymbolTooLarge:
        fail("error: the record needs a QR above version 20; shorten a field")
    click.echo(text)


@qr.command("decode")
@click.argument("text")
def decode(text: str) -> None:
    """Print the fields of a QR text as JSON."""
    try:
        values = qr_payload.decode(text)
    except qr_payload.PayloadError as error:
        fail(f"error: cannot read this QR text ({error.code})")
    for problem in qr_payload.problems_in(values):
        click.echo(f"warning: {problem.field}: {problem.code}", err=True)
    click.echo(json.dumps(values, ensure_ascii=False, indent=2))


def init_app(app: Flask) -> None:
    app.cli.add_command(qr)
