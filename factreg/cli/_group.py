"""
The ``factreg`` command group: global options, the registry they open, and the one
place a FactregError becomes ``Error: …`` and exit 1.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import click

import factreg
from factreg.cli._render import safe
from factreg.convert import parse_published
from factreg.errors import FactregError, ValidationError
from factreg.model import Status
from factreg.registry import DEFAULT_DB, Registry


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
        """
        Parse the command line; a usage error quoting what was typed is made safe.
        """
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as exc:
            raise _escaped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        """
        Run the command; FactregError and OSError become one ``Error: …`` line, exit 1.
        """
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


#: Longest --wait accepted, in seconds (a week).
MAX_WAIT = 604_800


def say_waiting() -> None:
    """
    A bulk load that queues behind another writer says so, then goes on waiting.
    """
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


STATUS = click.Choice([s.value for s in Status], case_sensitive=False)
#: A --limit: bounded, so a huge number is a usage error rather than an SQL overflow.
COUNT = click.IntRange(min=1, max=1_000_000_000)
CONFIDENCE = click.FloatRange(0.0, 1.0)


def _published(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> date | datetime | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValidationError as exc:
        raise click.BadParameter(exc.problem, ctx=ctx, param=param) from None


F = TypeVar("F", bound=Callable[..., Any])

#: ``--json`` of the commands that show one result (listings take :func:`output_options`).
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")

#: ``--published DATE`` of an article, for add and ingest.
published_option = click.option(
    "--published",
    callback=_published,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) or time.",
)


def format_option(help: str) -> Callable[[F], F]:
    """
    ``--format jsonl|claimreview`` of import and export, with its ``help``.
    """
    formats = click.Choice(["jsonl", "claimreview"], case_sensitive=False)
    return click.option(
        "--format", "fmt", type=formats, default="jsonl", show_default=True, help=help
    )
