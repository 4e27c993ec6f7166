"""
``python -m factreg``: the command line.
"""

from factreg.cli import cli

cli()
