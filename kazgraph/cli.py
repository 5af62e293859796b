"""The kazgraph command line: one click group over the library; commands live in cli_*.py."""
from __future__ import annotations

import click

from kazgraph import __version__
from kazgraph.cli_common import KazGroup
from kazgraph.cli_load import extract, load
from kazgraph.cli_query import export, query, stats, validate
from kazgraph.cli_serve import push, serve


@click.group(cls=KazGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kazgraph")
def cli() -> None:
    """kazgraph: foreign-media digests about Kazakhstan as a knowledge graph.

    Settings come from defaults, then a config file (--config, $KAZGRAPH_CONFIG or
    ./kazgraph.toml), then KAZGRAPH_* environment variables, then the flags.
    """


for command in (load, extract, query, export, stats, validate, serve, push):
    cli.add_command(command)


def main() -> None:
    """Entry point of the `kazgraph` script."""
    cli.main(prog_name="kazgraph")
