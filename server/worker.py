"""A small pool of worker processes that run queries on the embedded store.

pyoxigraph cannot interrupt a running query, so each query runs in a worker process that
holds the store open read-only; past its time limit the worker is killed and replaced,
and the other workers keep answering other clients.

The pool keeps `size` workers warm and grows up to `max_size` while every worker is busy,
so a burst of slow queries (each running to its time limit) does not make an ordinary
query wait for one of them to end; the extra workers stop once they are idle again.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import select
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kazgraph.errors import QueryError, QueryTimeout, StoreError

log = logging.getLogger(__name__)

GRAPH_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD",
                 "rdfxml": "RDF_XML"}


@dataclass
class Task:
    """One query for a worker: what to run, on which dataset, and what to send back."""

    query: str
    output: str = "terms"              # "terms" (rdflib terms), a result format, or "parse"
    default_graph: list[str] | str = "union"   # "union", "default" or graph IRIs
    named_graphs: list[str] | None = None
    bindings: dict[str, Any] = field(default_factory=dict)  # variable -> rdflib term
    max_rows: int = 10_000
    base_iri: str | None = None
    # The query's own LIMIT keeps it within max_rows: the engine may write the result
    # itself (no row can be cut), which is several times faster than writing it here.
    within_cap: bool = False
    # A SELECT whose outermost query has no LIMIT: the worker may add one just past the
    # row cap and still let the engine write the result.
    no_limit: bool = False


def _dataset_args(task: Task, ox, union: dict) -> dict:
    args: dict = {}
    if task.default_graph == "union":
        args.update(union)
    elif task.default_graph != "default":
        args["default_graph"] = [ox.NamedNode(g) for g in task.default_graph]
    if task.named_graphs is not None:
        args["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs]
    return args


def _written_capped(store, task: Task, options: dict, native: str) -> tuple | None:
    """A SELECT without LIMIT, written by the engine: run with LIMIT max_rows + 1 to learn
    whether the cap cuts it, and with LIMIT max_rows when it does. None when the text
    takes no LIMIT at its end (it closes with a VALUES block, or does not parse)."""
    import pyoxigraph as ox

    from kazgraph.server import results

    fmt = getattr(ox.QueryResultsFormat, native)
    for limit in (task.max_rows + 1, task.max_rows):
        try:  # on a line of its own: the text may end in a comment
            res = store.query(f"{task.query}\nLIMIT {limit}", **options)
        except SyntaxError:
            return None
        truncated = limit == task.max_rows
        body, rows = results.finish_native(task.output, res.serialize(format=fmt),
                                           [v.value for v in res.variables],
                                           truncated=truncated, max_rows=task.max_rows)
        if rows <= task.max_rows:
            return ("select", body, rows, truncated)
    raise AssertionError("unreachable: LIMIT max_rows gives at most max_rows rows")


def execute(store, task: Task, union: dict | None = None) -> tuple:
    """Run `task` on a pyoxigraph store; returns a picklable result tuple.

    `union`: the query options giving the union default graph (see union_options).
    """
    import pyoxigraph as ox

    from kazgraph.store.embedded import union_options

    from kazgraph.server import results
    from kazgraph.store.terms import from_ox, to_ox

    from kazgraph.store.rdfio import PREFIXES

    if task.output == "parse":  # only whether the engine reads it: an empty store answers
        ox.Store().query(task.query, prefixes=PREFIXES, base_iri=task.base_iri)
        return ("parse",)
    subs = {ox.Variable(k.lstrip("?$")): to_ox(v) for k, v in task.bindings.items()}
    if union is None:
        union = union_options(store)
    options = {"base_iri": task.base_iri, "prefixes": PREFIXES,
               **_dataset_args(task, ox, union)}
    if options.pop("use_default_graph_as_union", False):
        # The union kept by EmbeddedStore (a set), else pyoxigraph's union mode, which
        # repeats a triple once per graph holding it (see kazgraph.store.embedded).
        from kazgraph.store.embedded import union_options

        options.update(union_options(store))
    native = results.NATIVE_SELECT.get(task.output)
    if native and task.no_limit and not subs:
        written = _written_capped(store, task, options, native)
        if written is not None:
            return written
    try:
        res = store.query(task.query, substitutions=subs or None, **options)
    except RuntimeError as err:
        # pyoxigraph substitutes (SEP-0007) projected variables only; bind the others with
        # a trailing VALUES block of typed terms (never text formatting of user input).
        if not subs or "projection" not in str(err):
            raise
        names = " ".join(f"?{v.value}" for v in subs)
        values = " ".join(str(t) for t in subs.values())
        res = store.query(f"{task.query}\nVALUES ({names}) {{ ({values}) }}", **options)
    if isinstance(res, ox.QueryBoolean):
        value = bool(res)
        if task.output == "terms":
            return ("ask", value)
        return ("ask", results.write_ask(task.output, value), 0, False)
    rows: list = []
    truncated = False
    if native and task.within_cap and isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        body = res.serialize(format=getattr(ox.QueryResultsFormat, native))
        return ("select", *results.finish_native(task.output, body, variables), False)
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        conv = from_ox if task.output == "terms" else results.ox_term
        width = range(len(variables))
        for sol in res:
            if len(rows) == task.max_rows:
                truncated = True
                break
            rows.append(tuple(conv(sol[i]) for i in width))
        if task.output == "terms":
            return ("select", variables, rows, truncated)
        body = results.write_select(task.output, variables, rows, truncated=truncated,
                                    max_rows=task.max_rows)
        return ("select", body, len(rows), truncated)
    for triple in res:
        if len(rows) == task.max_rows:
            truncated = True
            break
        rows.append(triple)
    if task.output == "terms":
        return ("graph", [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                          for t in rows], truncated)
    fmt = getattr(ox.RdfFormat, GRAPH_FORMATS[task.output])
    return ("graph", ox.serialize(rows, format=fmt), len(rows), truncated)


# After each answer a worker keeps watching its pipe this long before it sleeps: clients
# tend to send their queries one after another, and waking an idle process (its CPU gone
# idle) takes longer than many of those queries take to run.
STAY_AWAKE = 0.002  # seconds


def _stay_awake(waiting: select.poll) -> None:
    """Return when a task is waiting, or after STAY_AWAKE seconds; yields the CPU meanwhile,
    so the server's own threads are never held up by a watching worker."""
    until = time.monotonic() + STAY_AWAKE
    while not waiting.poll(0) and time.monotonic() < until:
        os.sched_yield()


def _serve(conn, path: str | None) -> None:
    """Worker main loop: open the store read-only, answer tasks until the pipe closes."""
    import pyoxigraph as ox

    from kazgraph.store.embedded import union_options

    from kazgraph.store.handles import open_read_only  # retries while compaction moves files

    store = open_read_only(path) if path else ox.Store()
    union = union_options(store)  # the snapshot never changes under this worker
    waiting = select.poll()
    waiting.register(conn.fileno(), select.POLLIN)
    while True:
        _stay_awake(waiting)
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", execute(store, task, union))
        except SyntaxError as err:
            reply = ("syntax", str(err))
        except Exception as err:  # report, keep serving: one bad query must not kill us
            reply = ("error", f"{type(err).__name__}: {err}")
        conn.send(reply)


@contextmanager
def _safe_path() -> Iterator[None]:
    """Start processes without the working directory on their import path.

    The fork server is a fresh interpreter started with `-c`, which puts the working
    directory first on `sys.path` (Python 3.11 ignores the parent's path there). Run
    from a checkout, it would then import the checkout's `kazgraph/` rather than the
    package this server runs from.
    """
    old = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = old


class _Worker:
    def __init__(self, ctx, path: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, path), daemon=True,
                                name="kazgraph-query")
        self.proc.start()
        child.close()
        self.idle_since = time.monotonic()
        # One poll object per worker (used by one request at a time): Connection.poll
        # builds a selector on every call.
        self._poller = select.poll()
        self._poller.register(self.conn.fileno(), select.POLLIN)

    def wait(self, seconds: float) -> bool:
        """Whether a reply (or the worker's end) arrives within `seconds`."""
        return bool(self._poller.poll(max(0, int(seconds * 1000) + 1)))

    def kill(self) -> None:
        """Stop the process for real (SIGKILL) and reap it."""
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes over the store at `path` (None: an empty in-memory store),
    growing to `max_size` (default size + 8) while all are busy."""

    GROW_AFTER = 0.2  # seconds a query waits for a busy worker before the pool grows
    IDLE_STOP = 30.0  # seconds an extra worker may sit idle before it is stopped

    def __init__(self, path: str | None, size: int = 2, max_size: int | None = None) -> None:
        # forkserver: workers start from a clean process, never from a threaded server.
        self._ctx = mp.get_context("forkserver")
        # Preloaded once in the fork server, so a replacement worker starts warm.
        self._ctx.set_forkserver_preload(["pyoxigraph", "kazgraph.server.worker",
                                          "kazgraph.server.results", "kazgraph.store.terms",
                                          "kazgraph.store.rdfio", "kazgraph.store.embedded"])
        self.path, self.size = path, max(1, size)
        self.max_size = max(size, max_size if max_size is not None else size + 8)
        self._starting = 0  # extra workers being started for a waiting query
        self._idle: list[_Worker] = []  # a stack: the most recently used on top
        self._free = threading.Condition()  # guards _idle; notified when a worker is idle
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        # Queries in flight, and a write waiting for them: a write needs the workers gone.
        self._cond = threading.Condition()
        self._active = 0
        self._writing = False
        self.generation = 0  # bumped whenever the workers are restarted (new data)
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        self._put_idle(self._start())

    def _start(self) -> _Worker:
        """A new worker, counted in the pool."""
        with _safe_path():
            w = _Worker(self._ctx, self.path)
        with self._lock:
            self._all.add(w)
        return w

    def _put_idle(self, w: _Worker) -> None:
        with self._free:
            w.idle_since = time.monotonic()
            self._idle.append(w)
            self._free.notify()

    def _drop(self, w: _Worker) -> bool:
        """Kill `w`; return whether it still belonged to the pool (not stopped meanwhile)."""
        with self._lock:
            mine = w in self._all
            self._all.discard(w)
        w.kill()
        return mine

    def _replace(self, w: _Worker) -> None:
        """Kill `w` (stuck or dead); start another if the pool is below its warm size."""
        if self._drop(w) and self._reserve(self.size):
            self._put_idle(self._start_reserved())

    def _reserve(self, limit: int) -> bool:
        """Count a worker about to start, if the pool (starting ones included) is below
        `limit`; then `_start_reserved` starts it."""
        with self._lock:
            room = len(self._all) + self._starting < limit
            if room:
                self._starting += 1
            return room

    def _start_reserved(self) -> _Worker:
        try:
            return self._start()
        finally:
            with self._lock:
                self._starting -= 1

    def _release(self, w: _Worker) -> None:
        """Back among the idle workers; extra workers idle for long are stopped."""
        with self._lock:
            mine = w in self._all
        if mine:
            self._put_idle(w)
        self._reap()

    def _reap(self) -> None:
        """Stop workers beyond `size` that have sat idle for IDLE_STOP seconds."""
        old = time.monotonic() - self.IDLE_STOP
        stale: list[_Worker] = []
        with self._free, self._lock:
            # The idle list is a stack: the least recently used sit at its bottom.
            while (len(self._all) > self.size and self._idle
                   and self._idle[0].idle_since < old):
                w = self._idle.pop(0)
                self._all.discard(w)
                stale.append(w)
        for w in stale:
            w.kill()

    def _take(self, timeout: float, deadline: float) -> _Worker:
        """An idle worker. When none frees up within GROW_AFTER seconds, a new one if the
        pool may grow (a slow query holds each busy worker), else wait to the deadline."""
        with self._free:
            self._free.wait_for(lambda: self._idle,
                                min(self.GROW_AFTER, max(deadline - time.monotonic(), 0.0)))
            if self._idle:
                return self._idle.pop()
        if self._reserve(self.max_size):
            return self._start_reserved()
        with self._free:
            if not self._free.wait_for(lambda: self._idle,
                                       max(deadline - time.monotonic(), 0.0)):
                raise QueryTimeout(f"no query worker became free within {timeout:g} s")
            return self._idle.pop()

    def run(self, task: Task, timeout: float) -> tuple:
        """Run `task`; raise QueryTimeout past `timeout` s (waiting for a worker included)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            if not self._cond.wait_for(lambda: not self._writing, timeout=timeout):
                raise QueryTimeout(f"a write held the store for more than {timeout:g} s")
            self._active += 1
        try:
            return self._run(task, timeout, deadline)
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def _run(self, task: Task, timeout: float, deadline: float) -> tuple:
        w = self._take(timeout, deadline)
        try:
            w.conn.send(task)
            if not w.wait(deadline - time.monotonic()):
                self._replace(w)
                raise QueryTimeout(f"the query ran past its time limit of {timeout:g} s "
                                   "and was stopped")
            status, payload = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            self._replace(w)
            raise StoreError(f"the query worker died: {err}") from err
        self._release(w)
        if status == "syntax":
            raise QueryError(payload)
        if status == "error":
            raise StoreError(payload)
        return payload

    @contextmanager
    def exclusive(self, wait: float) -> Iterator[None]:
        """Stop the workers for a write: new queries wait, running ones get `wait` s to end.

        Read-only snapshots must not be open while another handle writes; fresh workers
        start after the block, seeing the new data.
        """
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._active == 0, timeout=wait)
        try:
            self.stop()
            yield
        finally:
            self.generation += 1
            for _ in range(self.size):
                self._add()
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def restart(self) -> None:
        """Replace every worker (after a write, so they see the new data)."""
        self.stop()
        self.generation += 1
        for _ in range(self.size):
            self._add()

    def stop(self) -> None:
        """Kill every worker; waits for none."""
        with self._free, self._lock:
            workers, self._all = list(self._all), set()
            self._idle.clear()
        for w in workers:
            w.kill()
