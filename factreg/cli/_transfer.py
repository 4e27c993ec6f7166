"""
Commands that move claims in and out: import, export, ingest, crossmatch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import click
from click.core import ParameterSource

import factreg
from factreg.cli._group import (
    Settings,
    cli,
    format_option,
    json_option,
    published_option,
    say_waiting,
)
from factreg.cli._render import _match_row, emit, safe
from factreg.model import Source
from factreg.registry import Registry


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


#: A --labels file: it must exist (a typo is a usage error, not an empty table).
_LABELS_FILE = click.Path(dir_okay=False, exists=True)


@cli.command("import")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-...")
@format_option(
    "jsonl, or claimreview: schema.org ClaimReview JSON-LD (objects, arrays, "
    "@graph) or a Fact Check Tools search response (or an array of its claims).",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid lines (ClaimReview: reviews); report each invalid one "
    "instead of stopping.",
)
@click.option(
    "--no-match",
    is_flag=True,
    help="Do not match the new claims now (faster bulk loads; match later).",
)
@click.option(
    "--labels",
    type=_LABELS_FILE,
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
    if commit_every and claimreview_format:
        raise click.UsageError(
            "--commit-every does not apply to --format claimreview: "
            "each feed is imported whole or not at all"
        )
    registry = settings.open(create=True, on_wait=say_waiting)
    if claimreview_format:
        from factreg.claimreview import load_labels  # loaded only for this format

        extra = load_labels(labels) if labels else None
        report = registry.import_claimreview(
            named, labels=extra, match=not no_match, skip_invalid=skip_invalid
        )
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
        + (
            f", {len(report.invalid)} invalid "
            + ("review" if claimreview_format else "line")
            + f"{'s' * (len(report.invalid) != 1)} skipped"
            if report.invalid
            else ""
        )
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
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes finding matches (one writes them; same result for any N). "
    "Default: one per core.",
)
@click.pass_obj
def crossmatch(settings: Settings, quiet: bool, jobs: int | None) -> None:
    """
    Match the claims imported with --no-match: the deferred second pass.

    Joins restatements to their clusters and queues conflicts, as an ordinary import
    would have. Interrupted, it resumes where it stopped.

    \b
    Example:
        factreg import --no-match big-feed.jsonl
        factreg crossmatch --jobs 2
    """
    if jobs is None:
        from factreg._workers import parallel_workers

        jobs = parallel_workers()
    registry = settings.open(on_wait=say_waiting)
    try:
        # Counting costs a second in a million claims: only for a bar someone will see.
        with _progress(lambda: int(registry.stats()["unmatched"]), quiet, "Matching") as advance:
            report = registry.match_pending(progress=advance, jobs=jobs)
    except KeyboardInterrupt:
        # Each batch is its own transaction: what was matched is kept, the batch under
        # way was rolled back and waits with the rest.
        waiting = registry.stats()["unmatched"]
        click.echo(
            f"\nInterrupted: the claims matched so far are saved; {waiting} still waiting. "
            "Run `factreg crossmatch` again to go on.",
            err=True,
        )
        raise SystemExit(130) from None
    click.echo(
        f"Matched {report.added} claims ({report.linked} joined to a cluster, "
        f"{report.suggested} suggested for review)."
    )


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    metavar="FILE",
    help="Write to FILE (atomically); - or no --out: standard output.",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write one file per source (per review for claimreview) into DIR.",
)
@format_option(
    "jsonl, or claimreview: a JSON array of schema.org ClaimReview, one per "
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

    An export is the claims as they are now, for reading, diffing and sharing: it does
    not carry judgements, the open queue or the audit log (importing it starts a new
    history). For a full copy that restores the same registry, use `factreg dump`.

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
    if out == "-":
        out = None
    target: str | IO[str] = out or sys.stdout
    if claimreview_format:
        from factreg.claimreview import Organization  # loaded only for this format

        org = (
            Organization(name=org_name, url=org_url, review_url=review_url)
            if org_name is not None
            else None
        )
        what = "ClaimReviews"
        if directory:
            count = registry.export_claimreview(org=org, directory=directory)
            click.echo(f"Exported {count} {what} to {safe(directory)}.", err=True)
            return
        count = registry.export_claimreview(target, org=org)
    else:
        what = "claims"
        if directory:
            written = registry.export_dir(directory)
            confirmed = len(registry.contradictions())
            click.echo(
                f"Exported {sum(written.values())} claims to {len(written)} files "
                f"in {safe(directory)}"
                + (f", and {confirmed} confirmed contradictions" if confirmed else "")
                + ".",
                err=True,
            )
            return
        count = registry.export_jsonl(target)
    if out:
        click.echo(f"Exported {count} {what} to {safe(out)}.", err=True)


@cli.command()
@click.argument("article", metavar="FILE|-")
@click.option("--url", required=True, help="Address of the article (identifies it).")
@click.option(
    "--publisher",
    required=True,
    help="Who published it: the claimant of its unattributed statements.",
)
@published_option
@click.option("--title", help="The article's title.")
@click.option("--lang", help="ISO 639-1 code of the article; detected per claim if omitted.")
@click.option(
    "--encoding",
    metavar="CODEC",
    help="Decode with this codec (cp1256, iso-8859-6, …) instead of UTF-8.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be registered; write nothing.")
@json_option
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
