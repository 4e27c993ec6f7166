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
from factreg.workflow import STATUS_KEYS, Decision, QueueItem, apply


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


#: How far ahead the interactive review looks in the queue to say "k of N".
QUEUE_LOOKAHEAD = 200


def _interactive(registry: Registry) -> None:
    """
    Walk the queue. Each item is shown once per session ("k of N"), whatever was done
    with it: an item skipped, or left in the queue by an "in review" decision, does not
    come back at once. Ctrl-C or Ctrl-D at any point ends with one line saying what was
    recorded; nothing recorded is ever undone, nothing half-typed is written.
    """
    seen: set[tuple[str, ...]] = set()
    recorded: list[str] = []
    item: QueueItem | None = None
    try:
        while True:
            window = len(seen) + QUEUE_LOOKAHEAD
            queued = registry.queue(limit=window)
            items = [i for i in queued if i.key not in seen]
            if not items:
                click.echo(f"The queue is empty. {_recorded(recorded)}")
                return
            item = items[0]
            more = "+" if len(queued) >= window else ""
            click.echo()
            click.echo(_heading(f"[{len(seen) + 1} of {len(seen) + len(items)}{more}]"))
            if item.kind == "contradiction":
                outcome = _review_contradiction(registry, item)
            elif item.other is not None:
                outcome = _review_pair(registry, item)
                if outcome == "done":
                    recorded.append(f"{item.claim.id} ~ {item.other.id} judged")
            else:
                outcome = _review_claim(registry, item)
            if outcome.startswith("recorded:"):
                recorded.append(outcome.removeprefix("recorded:"))
            if outcome == "quit":
                click.echo(f"Stopped. {_recorded(recorded)}")
                return
            seen.add(item.key)
    except (click.Abort, KeyboardInterrupt, EOFError):
        where = f" at {item.claim.id}" if item is not None else ""
        click.echo()
        click.echo(f"Stopped{where}. {_recorded(recorded)}")


def _recorded(recorded: Sequence[str]) -> str:
    """
    ``3 decisions recorded. (e01 ~ s03 judged, …)``: how many, and which.
    """
    count = f"{len(recorded)} decision{'s' * (len(recorded) != 1)} recorded"
    shown = ", ".join(safe(r) for r in recorded[:8]) + (", …" if len(recorded) > 8 else "")
    return f"{count}." + (f" ({shown})" if recorded else "")


def _review_claim(registry: Registry, item: QueueItem) -> str:
    """
    Show a queued claim, take a decision and record it; ``recorded:<what>`` when one
    was recorded, else "skip", "kept" or "quit".
    """
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
    decision = _prompt_decision(claim, status)
    return _record(registry, claim, decision)


def _problem(claim: Claim, decision: Decision) -> ValidationError | None:
    """
    What is wrong with ``decision`` on ``claim`` (checked without writing), or None.
    """
    try:
        apply(claim, decision)
    except ValidationError as exc:
        return exc
    except FactregError:
        return None  # not a field's fault: the registry says so when it is recorded
    return None


def _prompt_decision(claim: Claim, status: Status) -> Decision:
    """
    Confidence, note and evidence for ``status``; a bad value asks again for that field
    only, keeping what was typed for the others.
    """
    confidence = _prompt_confidence()
    while True:
        note = click.prompt("Note (Enter: none)", default="", show_default=False).strip() or None
        problem = _problem(claim, Decision(status=status, note=note))
        if problem is None:
            break
        click.echo(f"  {safe(problem.problem)}: type the note again.")
    while True:
        urls = click.prompt(
            "Evidence URLs, space-separated (Enter: none)", default="", show_default=False
        ).split()
        bad = [
            (url, problem)
            for url in urls
            if (problem := _problem(claim, Decision(status=status, evidence=(url,)))) is not None
        ]
        if not bad:
            break
        for url, problem in bad:
            click.echo(f"  {safe(repr(url))}: {safe(problem.problem)}")
        click.echo("  Type the evidence URLs again (your status, confidence and note are kept).")
    return Decision(status=status, confidence=confidence, note=note, evidence=tuple(urls))


_CLASH_KEYS = {"a": "apply", "k": "keep"}
_CLASH_LEGEND = _legend([("a", "apply my decision on top of theirs"), ("k", "keep theirs")])


def _record(registry: Registry, seen: Claim, decision: Decision) -> str:
    """
    Record ``decision`` on the claim as the reviewer saw it (``seen``). If someone else
    changed it meanwhile, show what they changed and offer to apply the decision on top
    of theirs or to keep theirs: what was typed is never silently dropped.
    """
    while True:
        try:
            changed = registry.review(
                seen.id,
                decision.status,
                confidence=decision.confidence,
                note=decision.note,
                evidence=decision.evidence,
                expected_version=seen.version,
            )
        except StaleVersionError as exc:
            current = registry.get(seen.id)
            click.echo(click.style(f"  {safe(str(exc).split(';')[0])}.", fg="yellow"))
            _show_their_change(registry, seen, current)
            click.echo(f"  Your decision: {_describe(decision)}")
            choice = _choose(_CLASH_KEYS, _CLASH_LEGEND)
            if choice == "quit":
                return "quit"
            if choice in ("k", "skip"):
                click.echo(f"  Kept theirs: {current.id} stays {current.status.value}.")
                return "kept"
            seen = current
            continue
        except FactregError as exc:
            click.echo(click.style(f"Error: {safe(str(exc))}", fg="red"))
            click.echo(f"  Not recorded: {_describe(decision)}")
            return "skip"
        click.echo(
            f"  Recorded: {changed.id} is {changed.status.value} (version {changed.version})."
        )
        return f"recorded:{changed.id} {changed.status.value}"


def _show_their_change(registry: Registry, seen: Claim, current: Claim) -> None:
    """
    The changes made to the claim since the reviewer saw version ``seen.version``.
    """
    click.echo(_heading(f"  Changed since you opened it (v{seen.version} → v{current.version}):"))
    for event in registry.history(current.id):
        if event.version is None or event.version <= seen.version:
            continue
        for field, after in (event.after or {}).items():
            before = (event.before or {}).get(field)
            click.echo(
                f"    {safe(event.actor)}, {event.at:%Y-%m-%d %H:%M}: {field} "
                f"{safe(_value(before))} → {safe(_value(after))}"
            )


def _value(value: object) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _describe(decision: Decision) -> str:
    parts = [decision.status.value]
    if decision.confidence is not None:
        parts.append(f"confidence {decision.confidence:g}")
    if decision.note:
        parts.append(f"note {decision.note!r}")
    if decision.evidence:
        parts.append("evidence " + " ".join(decision.evidence))
    return safe(", ".join(parts))


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
