"""The query pool: warm workers, growth while all are busy, shrinking once idle again."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kazgraph.errors import QueryTimeout
from kazgraph.server.worker import Task, WorkerPool

# Far past any limit on an empty store: 100^4 combinations of VALUES rows.
_ROW = "VALUES ?{v} {{ " + " ".join(str(i) for i in range(100)) + " }}"
SLOW = Task("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(_ROW.format(v=v) for v in "abcd")
            + " }", default_graph="default")
# About a second: 30 million combinations.
MEDIUM = Task("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(_ROW.format(v=v) for v in "abc")
              + " VALUES ?e { " + " ".join(str(i) for i in range(30)) + " } }",
              default_graph="default")
QUICK = Task("ASK { }", default_graph="default")


@pytest.fixture
def pool():
    p = WorkerPool(None, size=1, max_size=3)
    p.IDLE_STOP = 0.2
    yield p
    p.stop()


def test_grows_while_busy_and_stops_at_max(pool):
    with ThreadPoolExecutor(4) as ex:
        slow = [ex.submit(pool.run, SLOW, 1.5) for _ in range(3)]
        time.sleep(0.6)
        assert len(pool._all) == 3  # one warm worker, two started for waiting queries
        started = time.monotonic()
        quick = ex.submit(pool.run, QUICK, 5.0)  # waits: the pool is at its maximum
        for f in slow:
            with pytest.raises(QueryTimeout):
                f.result()
        assert quick.result() == ("ask", True)
        assert time.monotonic() - started > 0.3


def test_extra_workers_stop_once_idle(pool):
    pool.IDLE_STOP = 10.0
    with ThreadPoolExecutor(3) as ex:
        answers = list(ex.map(lambda _: pool.run(MEDIUM, 30.0), range(3)))
    assert all(a[0] == "select" for a in answers)
    assert len(pool._all) == 3  # grown for the overlapping queries, all finished
    assert pool.run(QUICK, 5.0) == ("ask", True)
    assert len(pool._all) == 3  # idle for less than IDLE_STOP: kept
    pool.IDLE_STOP = 0.2
    time.sleep(0.3)
    assert pool.run(QUICK, 5.0) == ("ask", True)
    assert len(pool._all) == 1


def test_a_stopped_worker_is_replaced_only_up_to_the_warm_size(pool):
    with ThreadPoolExecutor(3) as ex:
        slow = [ex.submit(pool.run, SLOW, 0.8) for _ in range(3)]
        for f in slow:
            with pytest.raises(QueryTimeout):
                f.result()
    assert len(pool._all) == 1
    assert pool.run(QUICK, 5.0) == ("ask", True)
