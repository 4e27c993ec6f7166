"""
The ``factreg`` command line: click commands over Registry.

Commands read options, call the library, render. This package is the only one that
imports click or tabulate; the group (``_group``) is the only place a FactregError
becomes ``Error: …`` and exit 1. Each module below adds its commands to the group.
"""

from factreg.cli import _browse, _copy, _maintain, _review, _transfer
from factreg.cli._group import FactregGroup, Settings, cli
from factreg.cli._render import clip, dumps, emit, output_options, safe

# The command modules register their commands on import.
_COMMANDS = (_browse, _copy, _maintain, _review, _transfer)

__all__ = ["FactregGroup", "Settings", "cli", "clip", "dumps", "emit", "output_options", "safe"]
