"""One pyoxigraph handle per store folder per process, shared and counted.

RocksDB lets one process open a folder for writing; opening it twice in one process
fails too. So every EmbeddedStore on a folder shares one handle, closed with its last user.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kazgraph.errors import StoreError

_handles: dict[tuple[str, bool], list] = {}  # (folder, read_only) -> [pyoxigraph.Store, users]
_handles_lock = threading.Lock()


def acquire(path: str, read_only: bool) -> ox.Store:
    """The shared handle of `path`, opened on first use."""
    key = (path, read_only)
    with _handles_lock:
        entry = _handles.get(key)
        if entry is None:
            entry = _handles[key] = [_open(path, read_only), 0]
        entry[1] += 1
        return entry[0]


def release(path: str, read_only: bool) -> None:
    """One user fewer; the last one flushes and closes the handle."""
    key = (path, read_only)
    with _handles_lock:
        entry = _handles.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            if not read_only:
                entry[0].flush()
            del _handles[key]  # dropping the last reference closes RocksDB and its lock


def open_read_only(path: str, attempts: int = 8) -> ox.Store:
    """pyoxigraph's read-only open, retried while the writer's compaction moves files.

    A read-only open reads RocksDB's MANIFEST, then the files it lists; a compaction
    finishing in the writing process in between deletes one of them ("Corruption ...
    No such file"). Opening again a moment later finds the new MANIFEST.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except (RuntimeError, OSError) as err:
            moved = "No such file" in str(err) or "Corruption" in str(err)
            if not moved or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _open(path: str, read_only: bool) -> ox.Store:
    try:
        if read_only:
            if not Path(path, "CURRENT").exists():
                raise StoreError(f"no store at {path} (load some data first: kazgraph load PATH)")
            return open_read_only(path)
        Path(path).mkdir(parents=True, exist_ok=True)
        return ox.Store(path)
    except (OSError, RuntimeError) as err:
        if "lock" in str(err).lower():
            raise StoreError(f"the store at {path} is in use by another process "
                             "(is `kazgraph serve` running? stop it, or use --endpoint)") from None
        raise StoreError(f"cannot open the store at {path}: {err}") from None
