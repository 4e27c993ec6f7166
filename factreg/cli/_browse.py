"""
Commands that add and look: add, show, list, match, queue, history, stats.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from factreg.cli._group import COUNT, STATUS, Settings, cli, json_option, published_option
from factreg.cli._render import (
    Stacked,
    _change,
    _event_row,
    _heading,
    _match_row,
    _show_claim,
    _suggestion_rows,
    dumps,
    emit,
    output_options,
)
from factreg.convert import claim_to_row
from factreg.model import Source, Status


@cli.command()
@click.argument("text")
@click.option("--lang", help="ISO 639-1 code; detected from the script when omitted.")
@click.option("--claimant", help="Who made the claim (default: the last --attribution).")
@click.option(
    "-a",
    "--attribution",
    multiple=True,
    metavar="NAME",
    help="One step of the attribution chain, outermost first; repeat it.",
)
@click.option("--url", help="Address of the article the claim appeared in.")
@click.option("--publisher", help="Who published the article.")
@click.option("--title", help="The article's title.")
@published_option
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@click.option("--no-match", is_flag=True, help="Do not match against earlier claims.")
@json_option
@click.pass_obj
def add(
    settings: Settings,
    text: str,
    lang: str | None,
    claimant: str | None,
    attribution: tuple[str, ...],
    url: str | None,
    publisher: str | None,
    title: str | None,
    published: date | datetime | None,
    tags: tuple[str, ...],
    no_match: bool,
    as_json: bool,
) -> None:
    """
    Register one claim and show what it matches.

    \b
    Example:
        factreg add "الوفد المرافق لحفتر يضم 11 من كبار مساعديه" \\
            --url https://arabi21.com/story/1 --publisher عربي21 \\
            -a "صدى البلد" -a "مصادر مطلعة"
    """
    source = None
    if url or publisher or title or published:
        source = Source(url=url, publisher=publisher, title=title, published=published)
    registry = settings.open(create=True)
    result = registry.add(
        text,
        source=source,
        lang=lang,
        match=not no_match,
        claimant=claimant or (attribution[-1] if attribution else None),
        attribution=attribution,
        tags=tags,
    )
    if as_json:
        click.echo(
            dumps(
                {
                    **claim_to_row(result.claim),
                    "existing": result.existing,
                    "matches": [_match_row(m) for m in result.matches],
                    "linked": list(result.linked),
                    "suggested": list(result.suggested),
                }
            )
        )
        return
    if result.existing:
        click.echo(f"Already registered as {result.claim.id}.")
        return
    click.echo(f"Added {result.claim.id}.")
    if result.matches:
        click.echo()
        emit([_match_row(m) for m in result.matches], "table")
    for other in result.linked:
        click.echo(f"Joined the cluster of {other} (same claim).")
    if result.suggested:
        click.echo(f"Queued for review with {', '.join(result.suggested)}.")


@cli.command()
@click.argument("claim_id", metavar="ID")
@json_option
@click.pass_obj
def show(settings: Settings, claim_id: str, as_json: bool) -> None:
    """
    Show one claim: source, claimant, chain, status, cluster, suggested matches, history.

    ID may be any unique prefix of a claim id.

    \b
    Example:
        factreg show c-7k2
    """
    registry = settings.open()
    claim = registry.get(claim_id)
    cluster = registry.cluster(claim.id)
    verdict = registry.cluster_verdict(claim)
    pairs = registry.suggestions(claim.id)
    judgements = registry.judgements(claim.id)
    contradicts = registry.contradictions(claim.id)
    events = registry.history(claim.id, limit=10)
    if as_json:
        click.echo(
            dumps(
                {
                    **claim_to_row(claim),
                    "cluster_members": [c.id for c in cluster],
                    "cluster_verdict": None
                    if verdict is None
                    else {"id": verdict.id, "status": verdict.status.value},
                    "suggestions": [
                        {k: v for k, v in row.items() if k != "text"}
                        for row in _suggestion_rows(claim, pairs)
                    ],
                    "judgements": [
                        {
                            "a": j.a,
                            "b": j.b,
                            "verdict": j.verdict.value,
                            "reviewer": j.reviewer,
                            "at": j.at.isoformat(),
                        }
                        for j in judgements
                    ],
                    "contradicts": [
                        {
                            "id": j.b if j.a == claim.id else j.a,
                            "reviewer": j.reviewer,
                            "at": j.at.isoformat(),
                            "note": j.note,
                        }
                        for j in contradicts
                    ],
                    "history": [_event_row(e) for e in events],
                }
            )
        )
        return
    _show_claim(claim, cluster=cluster, verdict=verdict, contradicts=contradicts)
    if pairs:
        click.echo()
        click.echo(_heading("Suggested matches"))
        emit(_suggestion_rows(claim, pairs), "table")
    if judgements:
        click.echo()
        click.echo(_heading("Judgements"))
        emit(
            [
                {
                    "other": j.b if j.a == claim.id else j.a,
                    "verdict": j.verdict.value,
                    "reviewer": j.reviewer,
                    "at": j.at.isoformat(timespec="seconds"),
                    "note": j.note,
                }
                for j in judgements
            ],
            "table",
        )
    click.echo()
    click.echo(_heading("History"))
    emit(
        [
            {
                "at": e.at.isoformat(timespec="seconds"),
                "action": e.action,
                "actor": e.actor,
                "change": _change(e),
            }
            for e in events
        ],
        "table",
        clip_keys=("change",),
    )


@cli.command("list")
@click.option("--status", type=STATUS, help="Only claims with this status.")
@click.option(
    "--limit", type=COUNT, default=100, show_default=True, help="Show at most this many claims."
)
@output_options
@click.pass_obj
def list_(settings: Settings, status: str | None, limit: int, fmt: str) -> None:
    """
    List claims, oldest first.

    \b
    Example:
        factreg list --status false --csv
    """
    wanted = Status.parse(status) if status else None
    rows = []
    for claim in settings.open().claims():
        if wanted is not None and claim.status is not wanted:
            continue
        rows.append(
            {
                "id": claim.id,
                "status": claim.status.value,
                "lang": claim.lang,
                "publisher": claim.source.publisher if claim.source else None,
                "claimant": claim.claimant,
                "text": claim.text,
            }
        )
        if len(rows) >= limit:
            break
    emit(rows, fmt, empty="No claims.")


@cli.command()
@click.argument("text")
@click.option("--lang", help="Only match claims in this language (ISO 639-1).")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=100),
    default=5,
    show_default=True,
    help="Show at most this many matches.",
)
@click.option(
    "--semantic/--no-semantic",
    default=None,
    help="Re-rank with claim vectors and list claims in other languages (the semantic "
    "extra). Default: on when the extra is installed and the registry has vectors.",
)
@output_options
@click.pass_obj
def match(
    settings: Settings, text: str, lang: str | None, limit: int, semantic: bool | None, fmt: str
) -> None:
    """
    Find registered claims like TEXT, with relation (same/conflict/related) and reasons.

    With the semantic extra, claims in other languages follow (never more than three),
    the first reason naming the language and similarity.

    \b
    Example:
        factreg match "Haftar's delegation included 15 aides" --json
    """
    found = settings.open().match(text, limit=limit, lang=lang, semantic=semantic)
    emit([_match_row(m) for m in found], fmt, empty="No matching claims.")


@cli.command()
@click.option(
    "--limit", type=COUNT, default=50, show_default=True, help="Show at most this many items."
)
@output_options
@click.pass_obj
def queue(settings: Settings, limit: int, fmt: str) -> None:
    """
    The review queue: confirmed contradictions and conflicts first, then claims repeated
    by most articles, then oldest.

    A pair shows both texts, the verdict already given on the earlier claim, and why it
    is queued (relation and reasons: "conflict: number differs: 11 ≠ 15").

    \b
    Example:
        factreg queue --limit 20
    """
    items = settings.open().queue(limit=limit)
    rows = [
        {
            "rank": n,
            "kind": i.kind,
            "id": i.claim.id,
            "other": i.other.id if i.other else None,
            "articles": i.articles,
            "status": i.claim.status.value,
            "other_status": i.other_verdict.value if i.other_verdict else None,
            "relation": i.relation.value if i.relation else None,
            "reasons": list(i.reasons),
            "contradicts": list(i.contradicts),
            "why": i.why,
            "text": i.claim.text,
            "other_text": i.other.text if i.other else None,
        }
        for n, i in enumerate(items, start=1)
    ]
    if fmt == "table":  # a pair's two claims one above the other; "why" sums it up
        rows = [_stacked(r) for r in rows]
    emit(rows, fmt, clip_keys=("why", "text"), empty="The queue is empty.")


def _stacked(row: dict[str, Any]) -> dict[str, Any]:
    """
    A queue row for the table: a pair's ids, statuses and texts stacked in one cell each.
    """
    pair = row["other"] is not None
    return {
        "rank": row["rank"],
        "kind": row["kind"],
        "id": Stacked((row["id"], row["other"])) if pair else row["id"],
        "articles": row["articles"],
        "status": Stacked((row["status"], row["other_status"] or "—")) if pair else row["status"],
        "why": row["why"],
        "text": Stacked((row["text"], row["other_text"])) if pair else row["text"],
    }


@cli.command()
@click.argument("claim_id", required=False, metavar="[ID]")
@click.option("--limit", type=COUNT, help="Only the last N events.")
@output_options
@click.pass_obj
def history(settings: Settings, claim_id: str | None, limit: int | None, fmt: str) -> None:
    """
    The audit log: every change, who made it and when (of one claim, or of all).

    \b
    Example:
        factreg history c-7k2 --json
    """
    events = settings.open().history(claim_id, limit=limit)
    rows = [_event_row(e) for e in events]
    if fmt != "json":
        rows = [
            {
                "seq": r["seq"],
                "at": r["at"],
                "claim": r["claim"],
                "action": r["action"],
                "actor": r["actor"],
                "change": _change(e),
            }
            for r, e in zip(rows, events, strict=True)
        ]
    emit(rows, fmt, clip_keys=("change",), empty="No events.")


@cli.command()
@output_options
@click.pass_obj
def stats(settings: Settings, fmt: str) -> None:
    """
    Counts: claims, sources, clusters, judgements, events, and claims by status; claim
    vectors (how many, which encoder, whether matching uses them).

    \b
    Example:
        factreg stats --json
    """
    figures = settings.open().stats()
    rows: list[dict[str, Any]] = [
        {"metric": k, "value": v} for k, v in figures.items() if not isinstance(v, dict)
    ]
    for group in ("status", "lang", "suggestions"):
        rows += [{"metric": f"{group}: {k}", "value": v} for k, v in figures[group].items()]
    emit(rows, fmt)
