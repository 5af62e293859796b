"""`kazgraph load` and `kazgraph extract`: files in, graphs out."""
from __future__ import annotations

import os
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kazgraph.cli_common import counted, fail, store_options, where
from kazgraph.config import Settings
from kazgraph.errors import Error, InputError
from kazgraph.pipeline import extract_files
from kazgraph.store.rdfio import FORMATS, RDF_EXTENSIONS, format_of, write_quads
from kazgraph.store.terms import quad_to_ox
from kazgraph.vocab import DEFAULT_BASE


@dataclass
class Tally:
    """What a load did, for the closing summary."""

    files: int = 0
    digests: int = 0
    items: int = 0
    entities: int = 0
    facts: int = 0
    warnings: int = 0
    rdf_files: int = 0
    rdf_triples: int = 0
    failed: int = 0


def file_graph_iri(path: Path, base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of an RDF file: one per file name, so reloading replaces it."""
    return URIRef(f"{base}file/{urllib.parse.quote(path.name)}")


def input_files(path: Path) -> list[Path]:
    """A file as itself; a folder as the digests `extract` reads from it, and its RDF files."""
    from kazgraph.loaders.reading.sources import folder_files

    if not path.exists():
        raise InputError(path, "no such file or folder")
    if not path.is_dir():
        return [path]
    return folder_files(path, also=RDF_EXTENSIONS)


def _published_for(file: Path, published: str | None, manifests: dict[Path, dict[str, str]]) -> str | None:
    """--published, else the date that the folder's manifest.tsv gives the file."""
    if published:
        return published
    from kazgraph.loaders.reading.sources import manifest_dates

    if file.parent not in manifests:
        manifests[file.parent] = manifest_dates(file.parent)
    return manifests[file.parent].get(file.name)


def load_rdf_file(store, file: Path, graph: URIRef | None, base: str) -> int:
    """Load one RDF file: its default graph into `graph` (or the file's graph), atomically."""
    return store.load_file(file, graph or file_graph_iri(file, base))


def _graph_name(g) -> URIRef | None:
    """A graph of rdflib's Dataset.quads() as a name; None for the default graph."""
    name = getattr(g, "identifier", g)
    return None if name is None or name == DATASET_DEFAULT_GRAPH_ID else name


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE",
              help="Publication date of the digests: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--graph", metavar="IRI", help="Named graph for an RDF file's triples "
              "(default: one graph per file name).")
@click.option("-v", "--verbose", is_flag=True, help="Print each extraction warning.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes extracting digests at once; 0 means one per CPU core.")
@store_options
def load(paths: tuple[Path, ...], published: str | None, graph: str | None, verbose: bool,
         jobs: int, settings: Settings) -> None:
    """Load digests (text, HTML, feeds, folders) and RDF files (.ttl .trig .nq .nt .jsonld).

    Each digest and each RDF file replaces its own named graph, so loading the same
    file again changes nothing. A bad file is reported and skipped; the exit status
    is non-zero when any file failed. RDF files are loaded first, then the digests.
    """
    tally = Tally()
    work: list[Path] = []
    for path in paths:
        try:
            work.extend(input_files(path))
        except Error as err:
            fail(str(err))
            tally.failed += 1
    rdf_files = [f for f in work if format_of(f)]
    manifests: dict[Path, dict[str, str]] = {}
    digest_jobs = [(f, _published_for(f, published, manifests), settings.base)
                   for f in work if not format_of(f)]
    with settings.open_store() as store:
        for file in rdf_files:
            tally.files += 1
            try:
                tally.rdf_triples += load_rdf_file(store, file, URIRef(graph) if graph else None,
                                                   settings.base)
                tally.rdf_files += 1
            except Error as err:
                fail(str(err))
                tally.failed += 1
        show_bar = any(p.is_dir() for p in paths) and sys.stderr.isatty()
        with click.progressbar(length=len(digest_jobs), label="loading", file=sys.stderr,
                               hidden=not show_bar) as bar:
            results = extract_files(digest_jobs, processes=jobs or os.cpu_count() or 1)
            store.write_graphs(_graphs(results, tally, verbose, bar))
    click.echo(summary(tally, where(settings)))
    if tally.failed:
        sys.exit(1)


def _graphs(results, tally: Tally, verbose: bool, bar):
    """Each extracted digest's (graph, triples), counting and reporting as it goes."""
    for result in results:
        tally.files += 1
        bar.update(1)
        if result.error:
            fail(result.error)
            tally.failed += 1
            continue
        for d in result.digests:
            tally.digests += 1
            tally.items += d.items
            tally.entities += d.entities
            tally.facts += d.facts
            tally.warnings += len(d.warnings)
            if verbose:
                for warning in d.warnings:
                    click.echo(f"warning: {result.file}: {warning}", err=True)
            yield d.graph, d.ntriples


def summary(t: Tally, target: str) -> str:
    """One line saying what was loaded."""
    parts = []
    if t.digests or not t.rdf_files:
        parts.append(f"{counted(t.digests, 'digest')} ({counted(t.items, 'article')}, "
                     f"{counted(t.entities, 'entity', 'entities')}, {counted(t.facts, 'fact')}, "
                     f"{counted(t.warnings, 'warning')})")
    if t.rdf_files:
        parts.append(f"{counted(t.rdf_files, 'RDF file')} ({counted(t.rdf_triples, 'triple')})")
    line = f"loaded {' and '.join(parts)} into {target}"
    return line + (f"; {t.failed} failed" if t.failed else "")


@click.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--published", metavar="DATE",
              help="Publication date of the digest: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the graph; the format follows the extension "
                   "(.ttl .trig .nq .nt .jsonld).")
@store_options
def extract(path: Path, published: str | None, output: Path, settings: Settings) -> None:
    """Extract the graph of a digest (or folder of digests) without touching the store."""
    fmt = format_of(output)
    if fmt is None or fmt not in FORMATS:
        raise click.BadParameter(f"unknown extension {output.suffix!r} (use .ttl .trig .nq .nt .jsonld)",
                                 param_hint="--output")
    from kazgraph.loaders import extract_file, to_dataset

    quads = []
    for ex in extract_file(path, published=published or None):
        ds = to_dataset(ex) if settings.base == DEFAULT_BASE else to_dataset(ex, base=settings.base)
        for s, p, o, g in ds.quads((None, None, None, None)):
            quads.append(quad_to_ox(s, p, o, _graph_name(g)))
    with output.open("wb") as out:
        write_quads(quads, out, fmt)
