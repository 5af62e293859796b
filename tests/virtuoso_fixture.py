"""A real Virtuoso (Debian `virtuoso-opensource`) on 127.0.0.1 for the tests, in a temporary folder.

Imported by tests/test_virtuoso.py; the fixture skips, naming the package, when `virtuoso-t`
is not installed (.ci/debian-packages lists it, so CI installs it as root).
"""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import free_port

STARTUP_SECONDS = 90  # a fresh database builds its system tables first (~12 s on 2 busy cores)
RESULT_ROWS = 5000  # [SPARQL] ResultSetMaxRows: Virtuoso cuts longer results (its own graphs: ~2,500)

# Ports listen on the loopback only; the SPARQL user may write (GRANT below), so nothing
# outside this machine may reach them.
INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = {result_rows}
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """Where a running Virtuoso answers: its SPARQL endpoint (query and update) and its GSP URL."""

    base: str
    sparql: str
    graph_crud: str
    sql_port: int


def binaries() -> tuple[str, str]:
    """Paths of `virtuoso-t` and `isql-vt`, or a pytest skip that names the Debian package."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not (server and isql):
        pytest.skip("Virtuoso is not installed (virtuoso-t / isql-vt missing): "
                    "apt-get install virtuoso-opensource (listed in .ci/debian-packages)")
    return server, isql


def isql(isql_bin: str, port: int, statement: str) -> None:
    """Run one SQL statement as dba (the password of a fresh database is `dba`)."""
    done = subprocess.run([isql_bin, f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    # isql-vt exits 0 even when the statement fails; it prints the error on stdout or stderr.
    text = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in text:
        pytest.fail(f"isql-vt {statement!r} failed: {text[-1500:]}")


def _wait_for_sparql(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll the SPARQL endpoint until it answers 200 (the SQL port is up by then)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {proc.returncode}: "
                        f"{log.read_text(errors='replace')[-2000:] if log.exists() else ''}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail(f"Virtuoso at {url} did not come up in {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso server in a fresh temporary database, with SPARQL update allowed; stopped after."""
    server, isql_bin = binaries()
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql_port=sql_port, http_port=http_port, result_rows=RESULT_ROWS))
    proc = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=folder,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for_sparql(base + "/sparql", proc, folder / "virtuoso.log")
        # The anonymous web user "SPARQL" may only read until it gets this role; it also
        # opens /sparql-graph-crud (the Graph Store Protocol without digest auth) to writes.
        isql(isql_bin, sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield Virtuoso(base=base, sparql=base + "/sparql", graph_crud=base + "/sparql-graph-crud",
                       sql_port=sql_port)
    finally:
        proc.terminate()  # SIGTERM: Virtuoso's quick shutdown, about 2 s
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
