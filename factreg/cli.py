"""
The ``factreg`` command line: click commands over Registry.

Commands read options, call the library, render. This is the only module that imports
click or tabulate, and the only place a FactregError becomes ``Error: …`` and exit 1.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Container, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs
import click
from click.core import ParameterSource
from tabulate import tabulate
from wcwidth import wcswidth

import factreg
from factreg import claimreview
from factreg.convert import claim_to_row, escape_json, parse_published
from factreg.errors import FactregError, StaleVersionError, ValidationError
from factreg.model import Claim, Event, Match, Source, Status, Suggestion, Verdict
from factreg.registry import DEFAULT_DB, Registry
from factreg.review import STATUS_KEYS, QueueItem

F = TypeVar("F", bound=Callable[..., Any])

#: Widest a text cell is drawn in a table, in terminal columns.
TEXT_WIDTH = 60
#: Longest --wait accepted, in seconds (a week).
MAX_WAIT = 604_800


class FactregGroup(click.Group):
    """
    Turns every FactregError into one ``Error: …`` line and exit status 1.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as exc:
            raise _escaped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _escaped(exc) from None
        except FactregError as exc:
            raise click.ClickException(safe(str(exc))) from exc
        except BrokenPipeError:
            # The reader went away (``factreg export | head``): stop quietly, as cat does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(141)
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(safe(f"{name}{exc.strerror or exc}")) from exc


def _escaped(exc: click.ClickException) -> click.ClickException:
    """
    ``exc`` with its message made safe for the terminal.

    Usage errors quote what was typed (a file name, an option); click escapes some of it
    with repr(), not all, and not in every version.
    """
    message = exc.format_message()
    if safe(message) == message:
        return exc
    if isinstance(exc, click.UsageError):  # exit 2, with the usage line
        return click.UsageError(safe(message), ctx=exc.ctx)
    return click.ClickException(safe(message))


@attrs.define
class Settings:
    """
    Global options, and the registry they open (once, on first use).
    """

    db: str
    reviewer: str | None
    wait: float | None = None
    registry: Registry | None = None

    def open(self, *, create: bool = False, on_wait: Callable[[], None] | None = None) -> Registry:
        """
        The registry named by ``--db``; read-only commands do not create one.

        ``on_wait`` is told each time a write has to wait for another writer.
        """
        if self.registry is None:
            self.registry = factreg.open(
                self.db, actor=self.reviewer, create=create, wait=self.wait, on_wait=on_wait
            )
        return self.registry


def _say_waiting() -> None:
    # A bulk load that queues behind another writer says so, then goes on waiting.
    click.echo("Waiting for another writer…", err=True)


def _seconds(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_WAIT:
        raise click.BadParameter(
            f"{value!r} is not a number of seconds above 0 (at most {MAX_WAIT:,})", ctx, param
        )
    return seconds


@click.group(cls=FactregGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="FACTREG_DB",
    default=DEFAULT_DB,
    show_default=True,
    metavar="PATH|URL",
    help="Registry: a SQLite file or a postgresql:// URL (env FACTREG_DB).",
)
@click.option(
    "--reviewer",
    envvar="FACTREG_REVIEWER",
    metavar="NAME",
    help="Who is acting, for the audit log (env FACTREG_REVIEWER; default: OS user).",
)
@click.option(
    "--wait",
    envvar="FACTREG_WAIT",
    metavar="SECONDS",
    callback=_seconds,
    help="How long a write waits while one other writer holds the registry, before "
    "giving up and writing nothing (env FACTREG_WAIT; default 60 s, on PostgreSQL the "
    "server's lock_timeout).",
)
@click.version_option(package_name="factreg")
@click.pass_context
def cli(ctx: click.Context, db: str, reviewer: str | None, wait: float | None) -> None:
    """
    factreg: a fact-check claim registry.

    Register claims with their source, claimant and attribution chain; match each new
    claim against earlier ones (Arabic and English); work through the review queue.

    \b
    Example:
        factreg import claims/
        factreg queue
        factreg review
    """
    settings = Settings(db=db, reviewer=reviewer, wait=wait)
    ctx.obj = settings
    ctx.call_on_close(lambda: settings.registry.close() if settings.registry else None)


# -- rendering ----------------------------------------------------------------------------

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
        {k: _cell(v) if k in clip_keys else clip(_cell(v), 40) for k, v in r.items()} for r in rows
    ]
    width = _clip_width(table, clip_keys)
    for row in table:
        for key in clip_keys:
            if key in row:
                row[key] = clip(row[key], width)
    click.echo(tabulate(table, headers="keys", disable_numparse=True))


def _clip_width(table: Sequence[dict[str, str]], clip_keys: Sequence[str]) -> int:
    """
    How wide the long text column may be: what a terminal leaves beside the others.

    On a terminal the table fits its width (at least 20 columns of text); into a pipe or
    a file the text gets TEXT_WIDTH columns.
    """
    if not sys.stdout.isatty():
        return TEXT_WIDTH
    columns = shutil.get_terminal_size((80 + TEXT_WIDTH, 24)).columns
    others = [key for key in table[0] if key not in clip_keys]
    # tabulate makes a column at least its header plus 2 wide (its MIN_PADDING)
    used = sum(max(_width(key) + 2, *(_width(row[key]) for row in table)) for key in others)
    gaps = 2 * (len(table[0]) - 1)
    return max(20, min(TEXT_WIDTH, columns - used - gaps - 1))


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


# -- import / export ----------------------------------------------------------------------

_FORMATS = click.Choice(["jsonl", "claimreview"], case_sensitive=False)


def _inputs(items: Sequence[str]) -> tuple[list[Any], int]:
    """
    Paths (or ("<stdin>", stream) for "-") to read, and their total size in bytes.
    """
    named: list[Any] = []
    total = 0
    if list(items).count("-") > 1:
        raise click.BadParameter("- (standard input) can be read only once", param_hint="FILE|DIR")
    for item in items:
        if item == "-":
            named.append(("<stdin>", sys.stdin.buffer))
            continue
        path = Path(item)
        if not path.exists():
            raise click.BadParameter(f"{item}: no such file or directory", param_hint="FILE|DIR")
        total += sum(p.stat().st_size for p in ([path] if path.is_file() else path.glob("*.jsonl")))
        named.append(item)
    return named, total


@cli.command("import")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-...")
@click.option(
    "--format",
    "fmt",
    type=_FORMATS,
    default="jsonl",
    show_default=True,
    help="jsonl, or claimreview: schema.org ClaimReview JSON-LD (objects, arrays, "
    "@graph) or a Fact Check Tools search response.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid lines; report each invalid one instead of stopping.",
)
@click.option(
    "--no-match",
    is_flag=True,
    help="Do not match the new claims now (faster bulk loads; match later).",
)
@click.option(
    "--labels",
    type=click.Path(dir_okay=False, exists=True),
    metavar="FILE",
    help="ClaimReview: a JSON object mapping more textual ratings to statuses.",
)
@click.option(
    "--commit-every",
    type=click.IntRange(min=1),
    metavar="N",
    help="Commit every N claims on their own (very large feeds: if interrupted, "
    "what was committed stays; run again to add the rest). Default: the "
    "whole import is one transaction.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def import_(
    settings: Settings,
    inputs: tuple[str, ...],
    fmt: str,
    skip_invalid: bool,
    no_match: bool,
    labels: str | None,
    commit_every: int | None,
    quiet: bool,
) -> None:
    """
    Import claims from JSON Lines files (or every *.jsonl in a directory; - for stdin).

    Each line is one claim; only "text" is required (see claims/README.md). A file with
    any bad line writes nothing and names file:line: field. Claims already registered
    (same id, or same text from the same source) are skipped, so re-running is safe.
    With --format claimreview, each review becomes a claim per article it appeared in,
    its status read from the rating, the review kept as given.

    \b
    Example:
        factreg import claims/
        factreg import --skip-invalid feed.jsonl
        factreg import --no-match --commit-every 100000 big-feed.jsonl
        factreg import --format claimreview --labels our-labels.json feed.json
    """
    named, total = _inputs(inputs)
    claimreview_format = fmt.lower() == "claimreview"
    if labels and not claimreview_format:
        raise click.UsageError("--labels applies to --format claimreview only")
    if skip_invalid and claimreview_format:
        raise click.UsageError(
            "--skip-invalid does not apply to --format claimreview: "
            "each feed is imported whole or not at all"
        )
    if commit_every and claimreview_format:
        raise click.UsageError(
            "--commit-every does not apply to --format claimreview: "
            "each feed is imported whole or not at all"
        )
    registry = settings.open(create=True, on_wait=_say_waiting)
    if claimreview_format:
        extra = claimreview.load_labels(labels) if labels else None
        report = registry.import_claimreview(named, labels=extra, match=not no_match)
    else:
        with _progress(total, quiet or not total) as advance:
            report = registry.import_jsonl(
                named,
                skip_invalid=skip_invalid,
                match=not no_match,
                progress=advance,
                commit_every=commit_every,
            )
    for problem in report.invalid:
        click.echo(f"Skipped {safe(str(problem))}", err=True)
    for note in report.notes:
        click.echo(f"Note: {safe(note)}", err=True)
    click.echo(
        f"Imported {report.added} claim{'s' * (report.added != 1)}"
        + (" from ClaimReview" if claimreview_format else "")
        + f" ({report.present} already present, {report.linked} joined to a cluster, "
        f"{report.suggested} suggested for review"
        + (
            f", {report.reviewed} registered claim{'s' * (report.reviewed != 1)} given a review"
            if report.reviewed
            else ""
        )
        + (f", {len(report.invalid)} invalid lines skipped" if report.invalid else "")
        + ")."
    )


@contextmanager
def _progress(
    total: int | Callable[[], int],
    hidden: bool,
    label: str = "Importing",
) -> Iterator[Callable[[int], None] | None]:
    """
    A progress bar on stderr when it is a terminal (``total`` may be computed lazily).
    """
    if hidden or not sys.stderr.isatty():
        yield None
        return
    length = total() if callable(total) else total
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


@cli.command()
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def crossmatch(settings: Settings, quiet: bool) -> None:
    """
    Match the claims imported with --no-match: the deferred second pass.

    Joins restatements to their clusters and queues conflicts, as an ordinary import
    would have. Interrupted, it resumes where it stopped.

    \b
    Example:
        factreg import --no-match big-feed.jsonl
        factreg crossmatch
    """
    registry = settings.open(on_wait=_say_waiting)
    # Counting costs a second in a million claims: only for a bar someone will see.
    with _progress(lambda: int(registry.stats()["unmatched"]), quiet, "Matching") as advance:
        report = registry.match_pending(progress=advance)
    click.echo(
        f"Matched {report.added} claims ({report.linked} joined to a cluster, "
        f"{report.suggested} suggested for review)."
    )


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write one file per source (per review for claimreview) into DIR.",
)
@click.option(
    "--format",
    "fmt",
    type=_FORMATS,
    default="jsonl",
    show_default=True,
    help="jsonl, or claimreview: a JSON array of schema.org ClaimReview, one per "
    "cluster with your verdict and one per imported review.",
)
@click.option(
    "--org-name",
    envvar="FACTREG_ORG_NAME",
    metavar="NAME",
    help="ClaimReview: the reviewing organisation, author of your verdicts (env FACTREG_ORG_NAME).",
)
@click.option(
    "--org-url",
    envvar="FACTREG_ORG_URL",
    metavar="URL",
    help="ClaimReview: the reviewing organisation's home page (env FACTREG_ORG_URL).",
)
@click.option(
    "--review-url",
    envvar="FACTREG_REVIEW_URL",
    metavar="TEMPLATE",
    help="ClaimReview: each review's url, {id} standing for the claim id "
    "(env FACTREG_REVIEW_URL; default: the org URL with #id).",
)
@click.pass_context
def export(
    ctx: click.Context,
    out: str | None,
    directory: str | None,
    fmt: str,
    org_name: str | None,
    org_url: str | None,
    review_url: str | None,
) -> None:
    """
    Export every claim as JSON Lines, in a stable order with stable keys.

    Importing the export into an empty registry and exporting again gives the same bytes.
    With --format claimreview, writes schema.org ClaimReview JSON-LD instead.

    \b
    Example:
        factreg export --out registry.jsonl
        factreg export --dir registry/
        factreg export --format claimreview --org-name "Fact Desk" --org-url https://…
    """
    if out and directory:
        raise click.UsageError("give --out or --dir, not both")
    claimreview_format = fmt.lower() == "claimreview"
    if claimreview_format and org_name is None and (org_url or review_url):
        raise click.UsageError("--org-url and --review-url need --org-name")
    for name in ("org_name", "org_url", "review_url"):
        if not claimreview_format and ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            raise click.UsageError(
                f"--{name.replace('_', '-')} applies to --format claimreview only"
            )
    registry: Registry = ctx.obj.open()
    write: Callable[[IO[str]], int]
    if claimreview_format:
        org = (
            claimreview.Organization(name=org_name, url=org_url, review_url=review_url)
            if org_name is not None
            else None
        )
        what = "ClaimReviews"
        if directory:
            count = registry.export_claimreview(org, directory=directory)
            click.echo(f"Exported {count} {what} to {safe(directory)}.", err=True)
            return

        def write(stream: IO[str]) -> int:
            return registry.export_claimreview(org, stream=stream)
    else:
        what = "claims"
        if directory:
            written = registry.export_dir(directory)
            click.echo(
                f"Exported {sum(written.values())} claims to {len(written)} files "
                f"in {safe(directory)}.",
                err=True,
            )
            return
        write = registry.export_jsonl
    if out:
        target = Path(out)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent or ".", prefix=f".{target.name}.", delete=False
        ) as tmp:
            count = write(tmp)
        Path(tmp.name).replace(target)
        click.echo(f"Exported {count} {what} to {safe(out)}.", err=True)
    else:
        write(sys.stdout)


# -- adding and looking ---------------------------------------------------------------------


def _published(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> date | datetime | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValidationError as exc:
        raise click.BadParameter(exc.problem, ctx=ctx, param=param) from None


STATUS = click.Choice([s.value for s in Status], case_sensitive=False)
#: A --limit: bounded, so a huge number is a usage error rather than an SQL overflow.
COUNT = click.IntRange(min=1, max=1_000_000_000)
CONFIDENCE = click.FloatRange(0.0, 1.0)


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
@click.option(
    "--published",
    callback=_published,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) or time.",
)
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@click.option("--no-match", is_flag=True, help="Do not match against earlier claims.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
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
@click.argument("article", metavar="FILE|-")
@click.option("--url", required=True, help="Address of the article (identifies it).")
@click.option(
    "--publisher",
    required=True,
    help="Who published it: the claimant of its unattributed statements.",
)
@click.option(
    "--published",
    callback=_published,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) or time.",
)
@click.option("--title", help="The article's title.")
@click.option("--lang", help="ISO 639-1 code of the article; detected per claim if omitted.")
@click.option(
    "--encoding",
    metavar="CODEC",
    help="Decode with this codec (cp1256, iso-8859-6, …) instead of UTF-8.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be registered; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_obj
def ingest(
    settings: Settings,
    article: str,
    url: str,
    publisher: str,
    published: date | datetime | None,
    title: str | None,
    lang: str | None,
    encoding: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """
    Extract the claims of a news article, register them and match them across articles.

    Each claim gets its claimant and attribution chain from the article's wording
    ("according to", "نقلت … عن", …); unattributed statements are the publisher's.
    Ingesting the same article again registers nothing new.

    \b
    Example:
        factreg ingest claims/seed-article.txt --publisher عربي21 \\
            --url https://arabi21.com/story/1 --published 2016-11-30 --dry-run
    """
    if article == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        path = Path(article)
        if not path.is_file():
            raise click.BadParameter(f"{article}: no such file", param_hint="FILE")
        data, name = path.read_bytes(), article
    source = Source(url=url, publisher=publisher, title=title, published=published, language=lang)
    registry = settings.open(create=not dry_run) if not dry_run else _open_or_empty(settings)
    report = registry.ingest(
        data, source=source, lang=lang, encoding=encoding, name=name, dry_run=dry_run
    )
    rows: list[dict[str, Any]] = [
        {
            "id": r.claim.id,
            "new": not r.existing,
            "start": item.start,
            "end": item.end,
            "checkworthiness": round(item.checkworthiness, 2),
            "claimant": item.claimant,
            "attribution": list(item.attribution),
            "text": item.text,
            "matches": [_match_row(m) for m in r.matches],
            "linked": list(r.linked),
            "suggested": list(r.suggested),
        }
        for item, r in report.claims
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    emit(
        [
            {
                "id": r["id"],
                "new": "yes" if r["new"] else "present",
                "worth": r["checkworthiness"],
                "claimant": r["claimant"],
                "chain": " → ".join(r["attribution"]) or "—",
                "text": r["text"],
            }
            for r in rows
        ],
        "table",
        empty="No checkable claims found.",
    )
    for r in rows:
        for m in r["matches"]:
            click.echo(
                f"{r['id']} ~ {m['id']} ({m['publisher'] or '—'}): {m['relation']}, "
                f"{'; '.join(m['reasons'])}"
            )
    present = len(rows) - report.added
    verb = "Would register" if dry_run else "Registered"
    click.echo(
        f"{verb} {report.added} claims from {safe(name)}"
        + (f"; {present} already present" if present else "")
        + "."
    )


def _open_or_empty(settings: Settings) -> Registry:
    """
    The registry for a dry run: the real one if it exists, else an empty one in memory.
    """
    if settings.db.startswith(("postgresql://", "postgres://")) or Path(settings.db).exists():
        return settings.open()
    settings.registry = factreg.open(":memory:", actor=settings.reviewer)
    return settings.registry


@cli.command()
@click.argument("claim_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
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
                    "history": [_event_row(e) for e in events],
                }
            )
        )
        return
    _show_claim(claim, cluster=cluster, verdict=verdict)
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
    claim: Claim, *, cluster: Sequence[Claim] | None = None, verdict: Claim | None = None
) -> None:
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
    for label, value in fields:
        click.echo(f"  {label + ':':<13}{value}")
    for other in others:
        publisher = other.source.publisher if other.source and other.source.publisher else "—"
        click.echo(f"    {other.id}  {safe(publisher)}: {clip(other.text)}")


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
@output_options
@click.pass_obj
def match(settings: Settings, text: str, lang: str | None, limit: int, fmt: str) -> None:
    """
    Find registered claims like TEXT, with relation (same/conflict/related) and reasons.

    \b
    Example:
        factreg match "Haftar's delegation included 15 aides" --json
    """
    found = settings.open().match(text, limit=limit, lang=lang)
    emit([_match_row(m) for m in found], fmt, empty="No matching claims.")


@cli.command()
@click.option(
    "--limit", type=COUNT, default=50, show_default=True, help="Show at most this many items."
)
@output_options
@click.pass_obj
def queue(settings: Settings, limit: int, fmt: str) -> None:
    """
    The review queue: conflicts first, then claims repeated by most articles, then oldest.

    \b
    Example:
        factreg queue --limit 20
    """
    items = settings.open().queue(limit=limit)
    emit(
        [
            {
                "rank": n,
                "kind": i.kind,
                "id": i.claim.id,
                "other": i.other.id if i.other else None,
                "articles": i.articles,
                "status": i.claim.status.value,
                "reasons": list(i.reasons),
                "text": i.claim.text,
            }
            for n, i in enumerate(items, start=1)
        ],
        fmt,
        empty="The queue is empty.",
    )


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
    Counts: claims, sources, clusters, judgements, events, and claims by status.

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


# -- reviewing ------------------------------------------------------------------------------


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
    Judge whether claims A and B are the same claim: same, different or unsure.

    "same" joins their clusters; "different" separates them and the pair is never
    suggested again.

    \b
    Example:
        factreg judge c-7k2 c-9qx different --note "other visit"
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
_PAIR_KEYS = {"y": Verdict.SAME, "n": Verdict.DIFFERENT, "?": Verdict.UNSURE}
_PAIR_LEGEND = _legend(
    [("y", "same claim"), ("n", "different"), ("?", "unsure"), ("s", "skip"), ("q", "quit")]
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
        outcome = _review_pair(registry, item) if item.other else _review_claim(registry, item)
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
    _show_claim(claim, cluster=cluster)
    pairs = registry.suggestions(claim.id)
    if pairs:
        click.echo(_heading("  Suggested matches"))
        emit(_suggestion_rows(claim, pairs), "table")
    events = registry.history(claim.id, limit=3)
    click.echo(
        _heading("  History: ")
        + "; ".join(f"{e.at:%Y-%m-%d %H:%M} {e.action} by {safe(e.actor)}" for e in events)
    )
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


def _review_pair(registry: Registry, item: QueueItem) -> str:
    assert item.other is not None
    label = "Possible conflict" if item.kind == "conflict" else "Possibly the same claim"
    click.echo(_heading(f"{label} (score {item.score:g})"))
    for reason in item.reasons:
        click.echo(f"  • {safe(reason)}")
    click.echo(_heading("New:"))
    _show_claim(item.claim)
    click.echo(_heading("Registered:"))
    _show_claim(item.other)
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


# -- maintenance ------------------------------------------------------------------------------


@cli.command()
@click.pass_obj
def check(settings: Settings) -> None:
    """
    Verify the registry: integrity, candidate index against claims, audit log against claims.

    Exits 1 and lists the problems when any is found.

    \b
    Example:
        factreg check
    """
    problems = settings.open().check()
    if problems:
        for problem in problems:
            click.echo(f"Problem: {safe(problem)}", err=True)
        raise click.ClickException(f"{len(problems)} problems found")
    click.echo("Registry is consistent.")


@cli.command()
@click.pass_obj
def reindex(settings: Settings) -> None:
    """
    Rebuild the candidate index from the claims (after an upgrade changed normalization).

    Safe to run at any time and to run twice.

    \b
    Example:
        factreg reindex
    """
    count = settings.open().reindex()
    click.echo(f"Reindexed {count} claims.")


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_obj
def backup(settings: Settings, path: str) -> None:
    """
    Write a consistent copy of the registry to PATH, even while others write to it.

    \b
    Example:
        factreg backup backups/factreg-2026-11-29.db
    """
    settings.open().backup(path)
    click.echo(f"Backed up to {safe(path)}.")
