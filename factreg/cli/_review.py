"""
Commands of the reviewer: review (one decision, or the interactive queue) and judge.
"""

from __future__ import annotations

import sys
from collections.abc import Container, Sequence

import click

from factreg.cli._group import CONFIDENCE, STATUS, Settings, cli
from factreg.cli._render import _heading, _show_claim, _suggestion_rows, emit, safe
from factreg.errors import FactregError, StaleVersionError, ValidationError
from factreg.model import Claim, Status, Verdict
from factreg.registry import Registry
from factreg.workflow import STATUS_KEYS, QueueItem


@cli.command()
@click.argument("claim_id", required=False, metavar="[ID]")
@click.option("--status", type=STATUS, help="The status to record.")
@click.option("--confidence", type=CONFIDENCE, help="Confidence in that status, 0..1.")
@click.option("--note", help="A note for the record.")
@click.option("--evidence", multiple=True, metavar="URL", help="An evidence URL; repeatable.")
@click.option("--reopen", is_flag=True, help="Send a verdict back to unverified.")
@click.option(
    "--expect-version",
    type=click.IntRange(min=1),
    metavar="N",
    help="Refuse the write unless the claim is still at version N.",
)
@click.pass_obj
def review(
    settings: Settings,
    claim_id: str | None,
    status: str | None,
    confidence: float | None,
    note: str | None,
    evidence: tuple[str, ...],
    reopen: bool,
    expect_version: int | None,
) -> None:
    """
    Record a verdict on one claim, or walk the review queue interactively.

    With ID and --status, records one decision (for scripts). Without ID, shows each
    queued claim or suggested pair in turn and takes one key per decision.

    \b
    Example:
        factreg review c-7k2 --status false --confidence 0.9 --evidence https://…
        factreg review --reopen c-7k2
        factreg review
    """
    registry = settings.open()
    if claim_id is None:
        if status or confidence is not None or note or evidence or reopen or expect_version:
            raise click.UsageError(
                "options need an ID; run `factreg review` alone to walk the queue"
            )
        _interactive(registry)
        return
    if reopen and status is None:
        status = Status.UNVERIFIED.value
    if status is None:
        raise click.UsageError("give --status (or --reopen); see factreg review --help")
    claim = registry.review(
        claim_id,
        status,
        confidence=confidence,
        note=note,
        evidence=evidence,
        reopen=reopen,
        expected_version=expect_version,
    )
    click.echo(f"{claim.id} is now {claim.status.value} (version {claim.version}).")


@cli.command()
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.argument("verdict", type=click.Choice([v.value for v in Verdict]))
@click.option("--note", help="Why, for the record.")
@click.pass_obj
def judge(settings: Settings, first: str, second: str, verdict: str, note: str | None) -> None:
    """
    Judge claims A and B: same, different, contradicts or unsure.

    "same" joins their clusters; "different" separates them and the pair is never
    suggested again; "contradicts" does the same and keeps the pair as a confirmed
    conflict, shown by show, queue and export --dir.

    \b
    Example:
        factreg judge c-7k2 c-9qx different --note "other visit"
        factreg judge c-7k2 c-4mw contradicts --note "11 or 15 aides?"
    """
    result = settings.open().judge(first, second, verdict, note=note)
    j = result.judgement
    click.echo(f"Judged {j.a} and {j.b} {j.verdict.value}.")
    if result.warning:
        click.echo(f"Warning: {result.warning}", err=True)


def _read_key() -> str:
    """
    One key press; from a pipe, one non-blank character (end of input quits).
    """
    if sys.stdin.isatty():
        return str(click.getchar())
    while True:
        ch = sys.stdin.read(1)
        if not ch:
            return "q"
        if not ch.isspace():
            return ch


def _choose(keys: Container[str], legend: str) -> str:
    """
    Show ``legend`` and read keys until one of ``keys``, "s" (skip) or "q" (quit).

    Returns the key, or "skip" / "quit".
    """
    click.echo(legend)
    while True:
        key = _read_key()
        if key in ("q", "\x03", "\x04"):
            return "quit"
        if key == "s":
            return "skip"
        if key in keys:
            return key
        click.echo(f"  {safe(repr(key))} is not a choice. {legend}")


def _prompt_confidence() -> float | None:
    while True:
        raw = click.prompt(
            "Confidence 0..1 (Enter: not assessed)", default="", show_default=False
        ).strip()
        if not raw:
            return None
        try:
            number = float(raw)
        except ValueError:
            number = -1.0
        if 0.0 <= number <= 1.0:
            return number
        click.echo(f"  {raw!r} is not a number between 0 and 1.")


def _legend(keys: Sequence[tuple[str, str]]) -> str:
    """
    A legend line such as ``[5/t] true  [4] mostly true``.
    """
    return "  ".join(f"[{k}] {label}" for k, label in keys)


_STATUS_LEGEND = _legend(
    [
        ("5/t", "true"),
        ("4", "mostly true"),
        ("3", "mixed"),
        ("2", "mostly false"),
        ("1/f", "false"),
        ("m", "misleading"),
        ("u", "unverifiable"),
        ("i", "in review"),
        ("s", "skip"),
        ("q", "quit"),
    ]
)
_PAIR_KEYS = {
    "y": Verdict.SAME,
    "n": Verdict.DIFFERENT,
    "c": Verdict.CONTRADICTS,
    "?": Verdict.UNSURE,
}
_PAIR_LEGEND = _legend(
    [
        ("y", "same claim"),
        ("n", "different"),
        ("c", "contradicts"),
        ("?", "unsure"),
        ("s", "skip"),
        ("q", "quit"),
    ]
)


def _interactive(registry: Registry) -> None:
    skipped: set[tuple[str, ...]] = set()
    done = 0
    while True:
        item = next(
            (i for i in registry.queue(limit=len(skipped) + 1) if i.key not in skipped), None
        )
        if item is None:
            click.echo(f"The queue is empty. {done} decisions recorded.")
            return
        click.echo()
        if item.kind == "contradiction":
            outcome = _review_contradiction(registry, item)
        elif item.other is not None:
            outcome = _review_pair(registry, item)
        else:
            outcome = _review_claim(registry, item)
        if outcome == "quit":
            click.echo(f"Stopped. {done} decisions recorded.")
            return
        if outcome == "skip":
            skipped.add(item.key)
        elif outcome == "done":
            done += 1


def _review_claim(registry: Registry, item: QueueItem) -> str:
    claim = item.claim
    cluster = registry.cluster(claim.id)
    _show_claim(claim, cluster=cluster, contradicts=registry.contradictions(claim.id))
    pairs = registry.suggestions(claim.id)
    if pairs:
        click.echo(_heading("  Suggested matches"))
        emit(_suggestion_rows(claim, pairs), "table")
    events = registry.history(claim.id, limit=3)
    click.echo(
        _heading("  History: ")
        + "; ".join(f"{e.at:%Y-%m-%d %H:%M} {e.action} by {safe(e.actor)}" for e in events)
    )
    return _decide(registry, claim)


def _decide(registry: Registry, claim: Claim) -> str:
    """
    Take a status key for ``claim``, then confidence, note and evidence; record them.
    """
    key = _choose(STATUS_KEYS, _STATUS_LEGEND)
    if key in ("quit", "skip"):
        return key
    status = STATUS_KEYS[key]
    click.echo(f"  → {status.value}")
    confidence = _prompt_confidence()
    note = click.prompt("Note (Enter: none)", default="", show_default=False).strip() or None
    urls = click.prompt(
        "Evidence URLs, space-separated (Enter: none)", default="", show_default=False
    ).split()
    try:
        changed = registry.review(
            claim.id,
            status,
            confidence=confidence,
            note=note,
            evidence=urls,
            expected_version=claim.version,
        )
    except (StaleVersionError, ValidationError) as exc:
        click.echo(click.style(f"Error: {safe(str(exc))}", fg="red"))
        return "retry"
    click.echo(f"  Recorded: {changed.id} is {changed.status.value} (version {changed.version}).")
    return "done"


def _show_pair(registry: Registry, item: QueueItem, heading: str) -> None:
    """
    Both claims of a queued pair, why it is queued, and the earlier claim's verdict.
    """
    assert item.other is not None
    click.echo(_heading(heading))
    click.echo(f"  Why: {safe(item.why)}")
    click.echo(_heading("New:"))
    _show_claim(item.claim, verdict=registry.cluster_verdict(item.claim))
    click.echo(_heading("Registered:"))
    _show_claim(item.other, verdict=registry.cluster_verdict(item.other))


def _review_pair(registry: Registry, item: QueueItem) -> str:
    assert item.other is not None
    label = "Possible conflict" if item.kind == "conflict" else "Possibly the same claim"
    _show_pair(registry, item, f"{label} (score {item.score:g})")
    key = _choose(_PAIR_KEYS, _PAIR_LEGEND)
    if key in ("quit", "skip"):
        return key
    note = click.prompt("Note (Enter: none)", default="", show_default=False).strip() or None
    try:
        result = registry.judge(item.claim.id, item.other.id, _PAIR_KEYS[key], note=note)
    except FactregError as exc:
        click.echo(click.style(f"Error: {safe(str(exc))}", fg="red"))
        return "skip"
    click.echo(f"  Recorded: {result.judgement.verdict.value}.")
    if result.warning:
        click.echo(f"  Warning: {safe(result.warning)}")
    return "done"


def _review_contradiction(registry: Registry, item: QueueItem) -> str:
    """
    A confirmed contradiction: both claims, then a verdict for the first without one.
    """
    assert item.other is not None
    _show_pair(registry, item, "Confirmed contradiction")
    open_claim = next(c for c in (item.claim, item.other) if registry.cluster_verdict(c) is None)
    click.echo(_heading(f"Verdict on {open_claim.id}:"))
    return _decide(registry, open_claim)
