"""
Rendering for the terminal: safe text, clipped cells, tables, JSON and CSV.

Everything printed goes through :func:`safe`: controls and bidi overrides in claim
text never reach the terminal raw. Tables align by display width (Arabic, CJK).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
from tabulate import tabulate
from wcwidth import wcswidth

from factreg.convert import escape_json
from factreg.model import Claim, Event, Judgement, Match, Source, Suggestion

F = TypeVar("F", bound=Callable[..., Any])

#: Widest a text cell is drawn in a table, in terminal columns.
TEXT_WIDTH = 60


# What never reaches the terminal raw: C0/C1 controls (escape sequences start there),
# bidi embeddings, overrides and isolates (they reorder the rest of the line), and lone
# surrogates (undecodable bytes in argv or a file name; they cannot even be encoded).
# Marks such as LRM/RLM and ZWJ/ZWNJ are legitimate in Arabic and Persian text and stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: str) -> str:
    """
    ``text`` with control and bidi-override characters shown as ``<U+XXXX>``.
    """
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _width(text: str) -> int:
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def clip(text: str, width: int = TEXT_WIDTH) -> str:
    """
    One line of at most ``width`` terminal columns, cut with "…" at a character edge.
    """
    text = " ".join(safe(text).split())
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    # Never leave a combining mark (tashkeel) without its base letter's neighbour cut off.
    while out and unicodedata.combining(out[-1]):
        out = out[:-1]
    return out + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return safe(json.dumps(value, ensure_ascii=False))
    return safe(str(value))


def dumps(value: Any) -> str:
    """
    Indented JSON for the terminal: UTF-8 as is, controls and bidi overrides escaped.
    """
    return escape_json(json.dumps(value, indent=2, ensure_ascii=False))


def output_options(fn: F) -> F:
    """
    ``--table`` (default), ``--json`` and ``--csv``: one choice for every listing.
    """
    fn = click.option("--csv", "fmt", flag_value="csv", help="Output CSV.")(fn)
    fn = click.option(
        "--json", "fmt", flag_value="json", help="Output JSON (the interchange field names)."
    )(fn)
    return click.option(
        "--table", "fmt", flag_value="table", default=True, help="Output a table (default)."
    )(fn)


class Stacked(tuple[Any, ...]):
    """
    Values shown one above the other in one table cell (a pair's two claims); in JSON
    and CSV rows, give the values apart instead.
    """


def _lines(value: Any) -> list[str]:
    # A table cell's lines: one, or one per value of a Stacked cell.
    return [_cell(v) for v in value] if isinstance(value, Stacked) else [_cell(value)]


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    *,
    clip_keys: Sequence[str] = ("text",),
    empty: str = "Nothing to show.",
) -> None:
    """
    Print ``rows`` as a table, JSON or CSV.
    """
    if fmt == "json":
        click.echo(dumps(list(rows)))
        return
    if fmt == "csv":
        out = sys.stdout
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else _cell(v) for k, v in r.items()} for r in rows)
        return
    if not rows:
        click.echo(empty)
        return
    table = [
        {k: _lines(v) if k in clip_keys else [clip(x, 40) for x in _lines(v)] for k, v in r.items()}
        for r in rows
    ]
    width = _clip_width(table, clip_keys)
    for row in table:
        for key in clip_keys:
            if key in row:
                row[key] = [clip(x, width) for x in row[key]]
    cells = [{k: "\n".join(v) for k, v in row.items()} for row in table]
    click.echo(tabulate(cells, headers="keys", disable_numparse=True))


def _clip_width(table: Sequence[dict[str, list[str]]], clip_keys: Sequence[str]) -> int:
    """
    How wide the long text columns may be: what a terminal leaves beside the others.

    On a terminal the table fits its width (at least 20 columns of text, shared evenly
    by the long text columns); into a pipe or a file each gets TEXT_WIDTH columns.
    """
    if not sys.stdout.isatty():
        return TEXT_WIDTH
    columns = shutil.get_terminal_size((80 + TEXT_WIDTH, 24)).columns
    others = [key for key in table[0] if key not in clip_keys]
    # tabulate makes a column at least its header plus 2 wide (its MIN_PADDING)
    used = sum(
        max(_width(key) + 2, *(_width(line) for row in table for line in row[key]))
        for key in others
    )
    gaps = 2 * (len(table[0]) - 1)
    shared = max(1, len(table[0]) - len(others))  # the text columns share what is left
    return max(20, min(TEXT_WIDTH, (columns - used - gaps - 1) // shared))


def _chain(claim: Claim) -> str:
    return " → ".join(safe(step) for step in claim.attribution) or "—"


def _source_line(source: Source | None) -> str:
    if source is None:
        return "—"
    parts = [p for p in (source.publisher, source.title) if p]
    if source.published:
        parts.append(source.published.isoformat())
    if source.url:
        parts.append(source.url)
    return safe(" · ".join(parts))


def _match_row(m: Match) -> dict[str, Any]:
    return {
        "id": m.claim_id,
        "score": m.score,
        "relation": m.relation.value,
        "reasons": list(m.reasons),
        "text": m.claim.text,
        "publisher": m.claim.source.publisher if m.claim.source else None,
        "status": m.claim.status.value,
    }


def _event_row(e: Event) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(timespec="seconds"),
        "claim": e.claim_id,
        "action": e.action,
        "actor": e.actor,
        "version": e.version,
        "before": e.before,
        "after": e.after,
    }


def _change(e: Event) -> str:
    """
    One readable line for an audit event.
    """
    after, before = e.after or {}, e.before or {}
    if e.action in ("add", "import", "ingest"):
        place = ":".join(str(after[k]) for k in ("file", "line") if k in after)
        where = " ".join(p for p in (place, str(after.get("item", ""))) if p)
        where = where or str(after.get("source") or "")
        return f"registered{f' from {where}' if where else ''}"
    if e.action == "link":
        moved = (
            f"; cluster {before.get('cluster')} → {after.get('cluster')}"
            if before.get("cluster") != after.get("cluster")
            else ""
        )
        return f"same as {after.get('linked')} ({after.get('origin')}){moved}"
    if e.action == "unlink":
        return f"cluster {before.get('cluster')} → {after.get('cluster')}"
    if e.action == "judge":
        note = f": {after['note']}" if after.get("note") else ""
        return f"{after.get('verdict')} vs {after.get('other')}{note}"
    return "; ".join(
        f"{k}: {_cell(before.get(k)) or '—'} → {_cell(v) or '—'}" for k, v in after.items()
    )


def _heading(text: str) -> str:
    return click.style(text, bold=True)


def _suggestion_rows(
    claim: Claim,
    pairs: Sequence[tuple[Suggestion, Claim, Claim]],
) -> list[dict[str, Any]]:
    """
    One row per pair suggested for ``claim``: the other claim, score, relation, reasons.
    """
    rows = []
    for suggestion, new, old in pairs:
        other = old if new.id == claim.id else new
        rows.append(
            {
                "id": other.id,
                "score": suggestion.score,
                "relation": suggestion.relation.value,
                "reasons": list(suggestion.reasons),
                "text": other.text,
            }
        )
    return rows


def _show_claim(
    claim: Claim,
    *,
    cluster: Sequence[Claim] | None = None,
    verdict: Claim | None = None,
    contradicts: Sequence[Judgement] = (),
) -> None:
    """
    A claim as a reviewer reads it: status, text, source, chain, cluster, verdict and
    the claims it is confirmed to contradict.
    """
    status = claim.status.value + (
        f" ({claim.confidence:g})" if claim.confidence is not None else ""
    )
    click.echo(f"{_heading(claim.id)}  [{status}]  {claim.lang or '?'}  v{claim.version}")
    click.echo(f"  {safe(claim.text)}")
    fields = [
        ("Source", _source_line(claim.source)),
        ("Claimant", safe(claim.claimant or "—")),
        ("Attribution", _chain(claim)),
    ]
    if claim.note:
        fields.append(("Note", safe(claim.note)))
    if claim.evidence:
        fields.append(("Evidence", safe(" ".join(claim.evidence))))
    if claim.tags:
        fields.append(("Tags", safe(", ".join(claim.tags))))
    others = [c for c in cluster or () if c.id != claim.id]
    if others:
        articles = len({c.source.key for c in cluster or () if c.source})
        fields.append(("Cluster", f"{len(others) + 1} claims in {articles} articles:"))
    if verdict is not None and verdict.id != claim.id:
        fields.append(("Verdict", f"{verdict.status.value} (given on {verdict.id})"))
    for j in contradicts:
        note = f": {j.note}" if j.note else ""
        judged = f"judged by {j.reviewer} on {j.at:%Y-%m-%d}{note}"
        fields.append(("Contradicts", safe(f"{j.b if j.a == claim.id else j.a} ({judged})")))
    for label, value in fields:
        click.echo(f"  {label + ':':<13}{value}")
    for other in others:
        publisher = other.source.publisher if other.source and other.source.publisher else "—"
        click.echo(f"    {other.id}  {safe(publisher)}: {clip(other.text)}")
