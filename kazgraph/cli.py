"""The kazgraph command line (first cut: `extract`; the store helper adds the rest)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kazgraph.errors import Error

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


@click.group()
def cli() -> None:
    """kazgraph: foreign-media digests as a knowledge graph."""


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--published", help="Publication date of the digest: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Where to write the graph; the format follows the extension.")
def extract(path: Path, published: str | None, output: Path) -> None:
    """Extract the graph of a digest (or folder of digests) without touching the store."""
    from rdflib import Dataset

    from kazgraph.loaders import extract_file, to_dataset

    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise click.BadParameter(f"unknown extension {output.suffix!r}", param_hint="--output")
    merged = Dataset()
    for ex in extract_file(path, published=published or None):
        for quad in to_dataset(ex).quads():
            merged.add(quad)
    output.write_text(merged.serialize(format=fmt), encoding="utf-8")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except Error as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
