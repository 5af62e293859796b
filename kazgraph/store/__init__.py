"""Storage: one interface (`Store`), two implementations (embedded, remote endpoint)."""
from __future__ import annotations

from kazgraph.store.base import QueryResult, Store

__all__ = ["QueryResult", "Store", "open_store"]


def open_store(*, path: str | None = None, endpoint: str | None = None, **options) -> Store:
    """Open the remote store when `endpoint` is given, else the embedded one at `path`.

    Embedded options: read_only=True (for other processes, e.g. a query worker),
    allow_service=True (let SERVICE fetch remote data; off by default).

    >>> store = open_store(path="var/store")  # doctest: +SKIP
    """
    if endpoint:
        from kazgraph.store.remote import RemoteStore

        return RemoteStore(endpoint, **options)
    from kazgraph.store.embedded import EmbeddedStore

    return EmbeddedStore(path or "var/store", **options)
