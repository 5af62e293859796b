"""Digest files to storable graphs, in this process or in a pool of worker processes.

Extraction is pure CPU work, so `kazgraph load --jobs N` spreads files over N processes.
A worker hands back each digest's graph as N-Triples text (compact to pass between
processes, and parsed again by pyoxigraph in native code), with the figures for the
closing summary; the store is written by the parent alone, which RocksDB requires.
Results come back in the order of the files, so a load is the same whatever N is.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kazgraph.errors import Error
from kazgraph.store.terms import to_ox


@dataclass
class Extracted:
    """One digest, ready to store: its graph name, its triples as N-Triples, what it held."""

    graph: URIRef
    ntriples: bytes
    items: int
    entities: int
    facts: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileResult:
    """The digests of one file, or why the file could not be read or extracted."""

    file: Path
    digests: list[Extracted] = field(default_factory=list)
    error: str | None = None


def extract_file(job: tuple[Path, str | None, str]) -> FileResult:
    """Extract every digest of one file; errors come back as a message naming the file."""
    file, published, base = job
    result = FileResult(file)
    try:
        result.digests = extract_digests(file, published, base)
    except Error as err:
        result.error = str(err)
    except Exception as err:  # noqa: BLE001 - one file's bug must not stop the rest
        result.error = f"{file}: extraction failed: {type(err).__name__}: {err}"
    return result


def extract_digests(file: Path, published: str | None, base: str) -> list[Extracted]:
    """Every digest of one file, extracted; raises what reading or extraction raises."""
    from kazgraph.loaders import extract_raw, to_triples
    from kazgraph.loaders.reading.sources import read_file

    digests = []
    for raw in read_file(file, published=published):
        ex = extract_raw(raw)
        name, triples = to_triples(ex, base)
        digests.append(Extracted(name, _ntriples(triples), items=len(ex.doc.items),
                                 entities=len(ex.entities), facts=len(ex.facts),
                                 warnings=list(ex.doc.warnings)))
    return digests


def _ntriples(triples: Iterable[tuple]) -> bytes:
    """The triples as N-Triples, each distinct term written once, as pyoxigraph writes it.

    A digest names the same few terms over and over (its articles, the evidence
    vocabulary, each sentence): a term's text is looked up by the object's identity,
    which every triple held in `triples` keeps alive (and so unique) while this runs.
    """
    triples = list(triples)  # keep each term alive: ids stay unique until the end
    written: dict[int, str] = {}

    def nt(term) -> str:
        text = written.get(id(term))
        if text is None:
            text = written[id(term)] = str(to_ox(term))
        return text

    return "".join([f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in triples]).encode("utf-8")


def extract_files(jobs: list[tuple[Path, str | None, str]], processes: int = 1) -> Iterator[FileResult]:
    """FileResults in the order of `jobs`, computed by `processes` worker processes."""
    if processes <= 1 or len(jobs) <= 1:
        yield from map(extract_file, jobs)
        return
    # fork shares the loaded reference data with the workers; elsewhere, spawn
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(processes, initializer=_yield_to_parent) as pool:
        yield from pool.imap(extract_file, jobs, chunksize=2)


# How much lower the workers' CPU priority is than the parent's (os.nice steps).
WORKER_NICENESS = 10


def _yield_to_parent() -> None:
    """Run a worker at a lower priority than the parent, which alone writes the store.

    Workers never wait for the parent (results queue up), so when cores are short the
    parent would fall behind and finish its writing alone after the last extraction.
    With the parent served first, its writing keeps pace and the workers take the rest.
    """
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
