"""
Maintenance commands: check, reindex, backup.
"""

from __future__ import annotations

import click

from factreg.cli._group import Settings, cli
from factreg.cli._render import safe


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
@click.option(
    "--semantic/--no-semantic",
    default=None,
    help="Also rebuild every claim's vector (default: when the semantic extra is installed).",
)
@click.pass_obj
def reindex(settings: Settings, semantic: bool | None) -> None:
    """
    Rebuild the candidate index from the claims (after an upgrade changed normalization),
    and, with the semantic extra, every claim's vector (then matching uses them).

    Safe to run at any time and to run twice.

    \b
    Example:
        factreg reindex
    """
    registry = settings.open()
    count = registry.reindex(semantic=semantic)
    figures = registry.stats()
    vectors = f", {figures['vectors']} vectors ({figures['vector model']})"
    click.echo(f"Reindexed {count} claims{vectors if figures['vectors'] else ''}.")


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
