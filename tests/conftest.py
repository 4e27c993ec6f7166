"""
Shared fixtures: a registry on each backend, a CLI runner, the example data.

``registry`` is parametrized over the backends. SQLite always runs; PostgreSQL runs when
``FACTREG_TEST_POSTGRES_URL`` names a server (``.ci/run`` sets it) and is skipped with the
reason otherwise. Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

import factreg
from factreg.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "claims"
SEED = CLAIMS / "seed-article.txt"
POSTGRES_URL = os.environ.get("FACTREG_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]

# Property tests must pass on a loaded machine: no deadline, no speed health checks. Each
# test's own @settings(max_examples=…) inherits the rest from this profile.
settings.register_profile(
    "factreg",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("factreg")

SLOW_REASON = "slow: run with --run-slow (CI runs every test)"


def pytest_addoption(parser: pytest.Parser) -> None:
    """
    ``--run-slow`` runs the tests marked slow (process kills, races, long property runs).
    """
    parser.addoption(
        "--run-slow",
        action="store_true",
        help="also run tests marked slow; on by default when CI is set",
    )


def _run_slow(config: pytest.Config) -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return bool(config.getoption("--run-slow")) or ci not in ("", "0", "false", "no")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """
    Slow tests are skipped in a developer's default run and always run in CI.
    """
    if _run_slow(config):
        return
    skip = pytest.mark.skip(reason=SLOW_REASON)
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """
    Skipped tests as one line per reason, not one line per test.
    """
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(f"skipped {count}: {reason}")


@pytest.fixture(autouse=True)
def _reviewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """
    Tests act as reviewer "tester" unless they say otherwise, whatever the OS user is.
    """
    monkeypatch.setenv("FACTREG_REVIEWER", "tester")
    monkeypatch.delenv("FACTREG_DB", raising=False)


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    """
    Matching stays lexical, as without the semantic extra, even where it is installed;
    tests of the extra (tests/test_semantic.py) turn it back on.
    """
    monkeypatch.setenv("FACTREG_SEMANTIC", "off")
    monkeypatch.delenv("FACTREG_SEMANTIC_MODEL", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """
    Where a SQLite registry for this test lives (not created yet).
    """
    return tmp_path / "factreg.db"


def postgres_schema_url(base: str, schema: str) -> str:
    """
    ``base`` with libpq options that put ``schema`` first on the search path.
    """
    options = quote(f"-c search_path={schema},public")
    return f"{base}{'&' if '?' in base else '?'}options={options}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """
    A URL to a fresh, empty schema on the test PostgreSQL server.
    """
    yield from fresh_postgres_schema()


def fresh_postgres_schema() -> Generator[str, None, None]:
    """
    Yield a URL to a new schema on the test server, dropped afterwards (skip without one).
    """
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need FACTREG_TEST_POSTGRES_URL (set by .ci/run)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield postgres_schema_url(POSTGRES_URL, schema)
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """
    A registry location on each backend: a SQLite path, or a PostgreSQL schema URL.
    """
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def registry(db_url: str) -> Iterator[Registry]:
    """
    An empty registry on each backend, acting as reviewer "tester".
    """
    with factreg.open(db_url, actor="tester") as reg:
        yield reg


@pytest.fixture
def runner() -> CliRunner:
    """
    A click test runner.
    """
    return CliRunner()


def run_loading(db: Path, *args: str, **env: str | None) -> tuple[str, set[str]]:
    """
    Run ``factreg --db DB ARGS`` in a fresh interpreter (``env`` changed: None removes a
    variable); its output and every module it had loaded when done.
    """
    code = (
        "import sys\nfrom factreg.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='factreg')\n"
        "except SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "print('\\0'.join(sys.modules))\n"
    )
    environ = {k: v for k, v in os.environ.items() if env.get(k, "") is not None}
    environ.update({k: v for k, v in env.items() if v is not None})
    out = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=environ,
    ).stdout
    shown, _, modules = out.rstrip("\n").rpartition("\n")
    return shown, set(modules.split("\0"))
