"""Reading RDF files and writing RDF output, shared by both stores and the CLI."""
from __future__ import annotations

import mmap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kazgraph.errors import InputError, StoreError
from kazgraph.vocab import PREFIXES  # noqa: F401 - re-exported for the stores and CLI

# File extension / --format name -> pyoxigraph format.
FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
FORMAT_NAMES = {"ttl": "Turtle", "trig": "TriG", "nq": "N-Quads", "nt": "N-Triples", "jsonld": "JSON-LD"}
RDF_EXTENSIONS = {"." + ext for ext in FORMATS} | {".json-ld"}
DATASET_FORMATS = {"trig", "nq", "jsonld"}  # formats that carry named graphs



def format_of(path: str | Path) -> str | None:
    """The format name ('ttl', 'trig', ...) of an RDF file from its extension, else None."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json-ld":
        return "jsonld"
    return suffix[1:] if suffix in RDF_EXTENSIONS else None


def check_format(name: str) -> ox.RdfFormat:
    """The pyoxigraph format for a format name; StoreError for an unknown one."""
    try:
        return FORMATS[name]
    except KeyError:
        raise StoreError(f"unknown format {name!r} (use one of: {', '.join(FORMATS)})") from None


def parse_file(path: str | Path, *, base_iri: str | None = None) -> list[ox.Quad]:
    """Every quad of an RDF file, read fully; InputError with the line for a bad file.

    Reading everything before writing anything is what keeps a bad file from
    leaving half of itself in the store.
    """
    return list(stream_file(path, base_iri=base_iri))


def stream_file(path: str | Path, *, base_iri: str | None = None) -> Iterator[ox.Quad]:
    """The quads of an RDF file as they are parsed; InputError (with the line) for a bad file.

    Relative IRIs resolve against the file's own URI unless `base_iri` is given.
    """
    path = Path(path)
    fmt = rdf_format_of(path)
    with reading(path, fmt):
        yield from ox.parse(path=str(path), format=FORMATS[fmt], base_iri=base_iri or base_of(path))


def rdf_format_of(path: Path) -> str:
    """format_of for a file that must be RDF: InputError otherwise."""
    fmt = format_of(path)
    if fmt is None:
        raise InputError(path, f"not an RDF file (expected one of {', '.join(sorted(RDF_EXTENSIONS))})")
    return fmt


def base_of(path: Path) -> str:
    """The base IRI of a file's relative IRIs: the file's own URI."""
    return path.resolve().as_uri()


@contextmanager
def reading(path: Path, fmt: str, *, lines_before: int = 0) -> Iterator[None]:
    """Parser errors while reading `path` as InputError naming the file and line.

    `lines_before`: lines the parser read ahead of the file's first (see NTriplesTwice).
    """
    try:
        yield
    except SyntaxError as err:
        line = err.lineno - lines_before if isinstance(err.lineno, int) else 0
        line = line if line > 0 else None
        raise InputError(path, f"invalid {FORMAT_NAMES[fmt]}: {_short(err.msg)}", line=line) from None
    except (OSError, ValueError) as err:
        raise InputError(path, f"cannot read: {err}") from None


def scan_ntriples(path: Path, chunk: int = 1 << 24) -> tuple[int, bool, bool]:
    """An N-Triples file's line breaks, and whether it holds a brace and a blank node
    label's `_:` anywhere (even inside a literal), in one read through."""
    lines, braces, blank, last = 0, False, False, b""
    with path.open("rb") as f:
        while data := f.read(chunk):
            lines += data.count(b"\n")
            braces = braces or b"{" in data or b"}" in data
            blank = blank or b"_:" in last + data[:1] or b"_:" in data  # "_:" may straddle reads
            last = data[-1:]
    return lines, braces, blank


def last_statement_closed(path: Path, tail: int = 1 << 16) -> bool:
    """Whether the last statement line of an N-Triples file ends in its full stop, with
    no comment after it (False when that cannot be told from the file's last bytes)."""
    with path.open("rb") as f:
        size = f.seek(0, 2)
        f.seek(max(0, size - tail))
        lines = f.read().splitlines()
    if size > tail:
        lines = lines[1:]  # the first may be cut
    for line in reversed(lines):
        text = line.strip()
        if text and not text.startswith(b"#"):
            return text.endswith(b".")
    return False


class NTriplesTwice:
    """An N-Triples file read as a TriG document that holds it twice: once in a block
    naming `graph`, once in a default graph block, for one pass of the bulk loader.

    Only for a file without a brace anywhere (N-Triples has no use for one outside a
    literal, and none inside could then close a block early) whose last statement ends
    in its full stop (TriG would take a block's last statement without one). A blank node
    label keeps its node across the two blocks (one document). The parser counts one line
    more than the file has: errors name the file's line with `reading(..., lines_before=
    LINES_BEFORE)`.
    TriG takes some Turtle shorthand that N-Triples does not (`a`, `;`); relative IRIs
    stay an error, as no base IRI is given.
    """

    LINES_BEFORE = 1
    CHUNK = 1 << 20

    def __init__(self, path: Path, graph: ox.NamedNode) -> None:
        self._parts: list[bytes | Path] = [f"{graph} {{\n".encode(), path, b"\n}\n{\n",
                                           path, b"\n}\n"]
        self._file: BinaryIO | None = None

    def read(self, size: int = -1) -> bytes:
        while self._file is not None or self._parts:
            if self._file is not None:
                chunk = self._file.read(size if size and size > 0 else self.CHUNK)
                if chunk:
                    return chunk
                self._file.close()
                self._file = None
                continue
            part = self._parts.pop(0)
            if isinstance(part, Path):
                self._file = part.open("rb")
            else:
                return part
        return b""

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def may_hold_blank_nodes(path: Path, fmt: str) -> bool:
    """Whether a Turtle or N-Triples file might hold blank nodes (False only when it cannot).

    A byte scan: any `_:` (or, in Turtle, `[` or `(`) anywhere, even inside a literal,
    counts as a maybe.
    """
    marks = [b"_:"] + ([b"[", b"("] if fmt == "ttl" else [])
    with path.open("rb") as f:
        if path.stat().st_size == 0:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return any(data.find(mark) >= 0 for mark in marks)


def _short(msg: str) -> str:
    """pyoxigraph's message without its own 'between line X and line Y' preamble."""
    head, sep, tail = msg.partition(": ")
    return tail if sep and head.startswith("Parser error") else msg


def write_quads(quads: Iterable[ox.Quad], out: BinaryIO, fmt: str) -> int:
    """Serialise quads to `out` in format `fmt`, sorted so that output is deterministic.

    For triple formats (ttl, nt) graph names are dropped and duplicates merged.
    Returns the number of statements written.
    """
    rdf_format = check_format(fmt)
    if fmt in DATASET_FORMATS:
        items = sorted(set(quads), key=_quad_key)
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_triple_key)
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    out.write(data)
    return len(items)


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
