"""`flask --app app feedback report|upgrade|downgrade`: for the people who keep rules.yaml.

The report counts the answers per rule id over a period, the rules with the most "no" first, and
shows the latest masked texts with the kind of case each came from. There is no web page for it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup

group = AppGroup("feedback", help='"Was this right?" feedback: the report and the store\'s migrations.')
# Records without rule ids: from the 申立書 QR page (the only form not under a guide result, so it
# has no verdict either), or from a result whose rule ids were not ours.
DECLARATION, NO_RULE = "(申立書 QR)", "(no rule id)"
COLUMNS = ("no", "unclear", "yes")


@dataclass
class RuleLine:
    rule_id: str
    counts: Counter[str] = field(default_factory=Counter)
    texts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summarise(records: list[dict[str, Any]], texts_per_rule: int) -> list[RuleLine]:
    """One line per rule id (a record counts for every rule that produced its result), most "no"
    first, then most answers; `records` are newest first, so the texts kept are the latest."""
    lines: dict[str, RuleLine] = defaultdict(lambda: RuleLine(""))
    for record in records:
        rule_ids = record["rule_ids"].split() or [NO_RULE if record["verdict"] else DECLARATION]
        for rule_id in rule_ids:
            line = lines[rule_id]
            line.rule_id = rule_id
            line.counts[record["answer"]] += 1
            if record["text"] and len(line.texts) < texts_per_rule:
                line.texts.append(record)
    return sorted(lines.values(), key=lambda line: (-line.counts["no"], -line.total, line.rule_id))


def case_of(record: dict[str, Any]) -> str:
    parts = (
        record["received_on"].isoformat(),
        record["answer"],
        record["verdict"] or "-",
        record["visit_month"] or "-",
        record["insurance"] or "-",
        record["age_band"] or "-",
        record["lang"],
        record["rules_as_of"].isoformat() if record["rules_as_of"] else "-",
    )
    return " ".join(parts)


def as_text(lines: list[RuleLine], since: date | None) -> str:
    out = [f"Feedback since {since.isoformat() if since else 'the beginning'}, rule ids: {len(lines)}"]
    out.append(f"{'rule id':<32} {'no':>5} {'unclear':>7} {'yes':>5} {'total':>6}")
    for line in lines:
        c = line.counts
        out.append(f"{line.rule_id:<32} {c['no']:>5} {c['unclear']:>7} {c['yes']:>5} {line.total:>6}")
        for record in line.texts:
            out.append(f"    [{case_of(record)}] {record['text']}")
    return "\n".join(out)


def as_csv(lines: list[RuleLine]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["rule_id", "no", "unclear", "yes", "total", "latest_texts"])
    for line in lines:
        texts = "\n".join(f"[{case_of(record)}] {record['text']}" for record in line.texts)
        writer.writerow([line.rule_id, *(line.counts[answer] for answer in COLUMNS), line.total, texts])
    return buffer.getvalue()


@group.command("report")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only feedback received on or after this day.")
@click.option("--format", "output", type=click.Choice(["text", "csv"]), default="text", show_default=True)
@click.option("--texts", default=3, show_default=True, help="The latest masked texts shown per rule id.")
def report(since: datetime | None, output: str, texts: int) -> None:
    """Counts per rule id and answer, the rules with the most "no" first, and the latest texts."""
    day = since.date() if since else None
    lines = summarise(list(current_app.extensions["feedback"].since(day)), texts)
    click.echo(as_csv(lines) if output == "csv" else as_text(lines, day), nl=output != "csv")


@group.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Create or upgrade the feedback tables (the migration job runs this before a deploy)."""
    current_app.extensions["feedback"].upgrade(revision)
    click.echo(f"feedback store at {revision}")


@group.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Step the feedback tables back to REVISION ("base" removes them)."""
    current_app.extensions["feedback"].downgrade(revision)
    click.echo(f"feedback store at {revision}")


def init_app(app: Flask) -> None:
    app.cli.add_command(group)
