"""`kazgraph serve` (the web app under waitress) and `kazgraph push` (graphs to another server)."""
from __future__ import annotations

import io
import sys

import click
from rdflib import URIRef

from kazgraph.cli_common import counted, store_options
from kazgraph.config import Settings, load_settings
from kazgraph.errors import StoreError


@click.command()
@click.option("--host", help="Interface to listen on [default 127.0.0.1; env KAZGRAPH_HOST].")
@click.option("--port", type=click.IntRange(1, 65535), help="Port [default 8000; env KAZGRAPH_PORT].")
@click.option("--threads", type=click.IntRange(1, 64), help="Requests served at once [default 16].")
@store_options
def serve(host: str | None, port: int | None, threads: int | None, settings: Settings) -> None:
    """Serve the web pages and the SPARQL endpoint with waitress (a production WSGI server)."""
    import waitress

    from kazgraph.server import create_app

    host, port, threads = host or settings.host, port or settings.port, threads or settings.threads
    app = create_app(settings.flask_config())
    click.echo(f"kazgraph on http://{host}:{port}/ (store: {settings.endpoint or settings.store}); "
               "Ctrl-C stops it", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="kazgraph")


@click.command()
@click.option("--endpoint", "target", metavar="URL",
              help="Base URL of the SPARQL server to push to (its Graph Store Protocol is "
                   "BASE/store unless --store-url) [env KAZGRAPH_ENDPOINT].")
@click.option("--store-url", metavar="URL", help="The target's Graph Store Protocol URL.")
@click.option("--graph", "graphs", metavar="IRI", multiple=True,
              help="Push only this named graph (repeatable; default: all).")
@click.option("--token", help="Bearer token for the target [env KAZGRAPH_UPDATE_TOKEN].")
@click.option("--store", "store", metavar="DIR", type=click.Path(file_okay=False),
              help="Folder of the local embedded store [env KAZGRAPH_STORE; default var/store].")
@click.option("--config", "config", type=click.Path(dir_okay=False), help="TOML config file.")
def push(target: str | None, store_url: str | None, graphs: tuple[str, ...], token: str | None,
         store: str | None, config: str | None) -> None:
    """Copy the local store's named graphs to another SPARQL server (one GSP PUT per graph)."""
    from kazgraph.store.embedded import EmbeddedStore
    from kazgraph.store.remote import RemoteStore

    settings = load_settings(config=config, store=store, endpoint=target, update_token=token)
    if not settings.endpoint:
        raise click.UsageError("give the server to push to: --endpoint URL")
    remote = RemoteStore(settings.endpoint, store_url=store_url or settings.store_url,
                         token=settings.update_token)
    pushed = triples = 0
    with EmbeddedStore(settings.store, read_only=True) as local:
        names = [URIRef(g) for g in graphs] or local.graphs()
        missing = [g for g in names if g not in set(local.graphs())]
        if missing:
            raise StoreError(f"no graph {missing[0]} in the store at {settings.store}")
        with click.progressbar(names, label="pushing", file=sys.stderr,
                               hidden=len(names) < 2 or not sys.stderr.isatty()) as bar:
            for g in bar:
                buf = io.BytesIO()
                triples += local.export(buf, format="nt", graph=g)
                remote.put_graph(g, buf.getvalue())
                pushed += 1
    click.echo(f"pushed {counted(pushed, 'graph')} ({counted(triples, 'triple')}) to {remote.store_url}")
