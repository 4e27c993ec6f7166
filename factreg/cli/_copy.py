"""
Commands that copy a whole registry: dump, restore, copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

import factreg
from factreg.cli._group import Settings, cli
from factreg.cli._render import safe
from factreg.cli._transfer import _progress
from factreg.registry import Registry

#: ``--replace`` of restore and copy.
_REPLACE = click.option(
    "--replace",
    is_flag=True,
    help="The target may hold a registry: everything in it, its audit log included, is "
    "replaced (in one transaction; interrupted, it stays as it was).",
)


def _summary(counts: dict[str, int]) -> str:
    """
    ``23 claims, 2 links, 0 judgements, 3 suggestions, 27 events``.
    """
    return ", ".join(f"{n} {kind}{'s' * (n != 1)}" for kind, n in counts.items())


def _rows(registry: Registry) -> int:
    stats = registry.stats()
    return int(
        stats["claims"] + stats["judgements"] + stats["events"] + sum(stats["suggestions"].values())
    )


@cli.command()
@click.argument("target", metavar="FILE|-")
@click.pass_obj
def dump(settings: Settings, target: str) -> None:
    """
    Write a full copy of the registry to FILE (- for standard output).

    A dump carries everything: claims with their sources, clusters and versions, the
    links between claims, reviewers' judgements, the open suggestions of the queue, and
    the complete audit log. `factreg restore FILE` into an empty registry gives back the
    same registry (same stats, queue, history and check); dumping that again gives the
    same bytes. The dump is read from one snapshot while others keep writing, and
    streamed: memory stays flat however large the registry.

    `factreg export` is different: the claims alone, for reading, diffing and sharing;
    importing an export starts a new history (judgements, queue and audit log are not in it).

    \b
    Example:
        factreg dump backups/registry-2026-12-04.jsonl
        factreg --db old.db dump - | factreg --db new.db restore -
    """
    registry = settings.open()
    counts = registry.dump(sys.stdout if target == "-" else target)
    click.echo(
        f"Dumped {_summary(counts)}" + ("" if target == "-" else f" to {safe(target)}") + ".",
        err=True,
    )


@cli.command()
@click.argument("source", metavar="FILE|-")
@_REPLACE
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def restore(settings: Settings, source: str, replace: bool, quiet: bool) -> None:
    """
    Restore a dump written by `factreg dump` into an empty registry.

    Everything comes back: claims, sources, clusters, judgements, the open queue and the
    full audit log (with its original times, reviewers and numbers). All or nothing: a
    damaged or truncated file, or an interruption, leaves the registry as it was. A
    registry that already holds claims is refused unless --replace is given.

    \b
    Example:
        factreg --db restored.db restore backups/registry-2026-12-04.jsonl
        factreg --db postgresql://factreg@db/factreg restore registry.jsonl
    """
    if source != "-" and not Path(source).is_file():
        raise click.BadParameter(f"{source}: no such file", param_hint="FILE")
    from factreg._dumping import read_counts

    # A file that is not a dump is refused before a registry is opened (or created).
    total = 0 if source == "-" else sum(read_counts(source).values())
    registry = settings.open(create=True)
    with _progress(total, quiet or not total, "Restoring") as advance:
        counts = registry.restore(source, progress=advance, replace=replace)
    click.echo(f"Restored {_summary(counts)}.")


@cli.command()
@click.option(
    "--to",
    "target",
    required=True,
    metavar="PATH|URL",
    help="The registry to copy into: a SQLite file or a postgresql:// URL; must be empty.",
)
@_REPLACE
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.pass_obj
def copy(settings: Settings, target: str, replace: bool, quiet: bool) -> None:
    """
    Copy the whole registry (--db) into another, empty one: SQLite to PostgreSQL or back.

    Carries what a dump carries (claims, sources, clusters, judgements, the open queue,
    the full audit log), streamed from one snapshot of the source into one transaction of
    the target: an interrupted copy leaves the target as it was. The source is only
    read. A target that holds claims is refused unless --replace is given.

    \b
    Example:
        factreg --db newsroom.db copy --to postgresql://factreg@db.newsroom.internal/factreg
        factreg --db postgresql://factreg@db/factreg copy --to local.db
    """
    if not target.strip():
        raise click.BadParameter("give a SQLite path or a postgresql:// URL", param_hint="--to")
    source = settings.open()
    with factreg.open(target, actor=settings.reviewer, create=True) as into:
        with _progress(lambda: _rows(source), quiet, "Copying") as advance:
            counts = source.copy_to(into, progress=advance, replace=replace)
        where = into.store.url
    click.echo(f"Copied {_summary(counts)} to {safe(where)}.")
