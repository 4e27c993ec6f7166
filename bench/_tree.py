"""
Another commit's ``factreg/`` package, unpacked for an A/B run beside this tree's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unpack(ref: str, folder: Path) -> Path:
    """
    Unpack ``factreg/`` as it is at commit ``ref`` into ``folder/tree`` (made here) and
    return that directory, to be put first on ``PYTHONPATH``.
    """
    tree = folder / "tree"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", ref, "factreg"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree
