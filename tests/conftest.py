"""Shared fixtures: an embedded store in a temporary folder, a real `oxigraph serve` process."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# Shared material (W3C test suites, seeds) lives beside the repository: ../shared.
SHARED = Path(__file__).resolve().parents[2] / "shared"
W3C_TESTS = SHARED / "w3c-rdf-tests"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` CLI of the PyPI `oxigraph` package, beside this Python or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server CLI is missing: pip install -e '.[test]'")
    return found


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    """Poll `url` until it answers; fail with the server's output if it dies or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {proc.stderr.read()[-2000:]!r}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered, if not with 200
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"server at {url} did not come up in {seconds} s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Base URL (no trailing slash) of a real `oxigraph serve` on a free local port.

    The default graph is the union of the named graphs, as in the embedded store.
    Shared by the session: tests use their own graph names or `remote_store`, which
    starts from an empty server.
    """
    location = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


@pytest.fixture
def store(tmp_path):
    """An empty embedded store in a temporary folder."""
    from kazgraph.store.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "store") as st:
        yield st


@pytest.fixture
def remote_store(oxigraph_server):
    """A RemoteStore on the session's oxigraph server, emptied first."""
    from kazgraph.store.remote import RemoteStore

    with RemoteStore(oxigraph_server) as st:
        st.update("DROP SILENT ALL")
        yield st


@pytest.fixture
def data_dir() -> Path:
    """The folder of small test files (tests/data)."""
    return DATA
