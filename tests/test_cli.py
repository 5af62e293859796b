"""The command line: every command, its errors as one line, settings precedence."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kazgraph.cli import cli
from kazgraph.config import load_settings
from kazgraph.errors import ConfigError
from kazgraph.store.embedded import EmbeddedStore

COMMANDS = ["load", "extract", "query", "export", "stats", "validate", "serve", "push"]
DIGEST = """Weekly foreign media digest

Ruritania and Nowhereland sign a water agreement
The Daily Example (May 2, 2023) reports that Ruritania and Nowhereland signed an
agreement on water use in Zenda on May 1. President Jane Roe of Ruritania said the
deal opens a new chapter.
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Invoke the CLI in-process against a store in tmp_path; returns the click Result."""
    monkeypatch.chdir(tmp_path)
    for var in ("KAZGRAPH_STORE", "KAZGRAPH_ENDPOINT", "KAZGRAPH_CONFIG", "KAZGRAPH_MAX_ROWS"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def count(path) -> int:
    with EmbeddedStore(path) as st:
        return st.count()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    if command != "push":
        assert "--store" in result.output and "--endpoint" in result.output


def test_load_rdf_twice_replaces(run, tmp_path, data_dir):
    first = run("load", data_dir / "x.ttl")
    assert first.exit_code == 0, first.output
    assert "1 RDF file (10 triples)" in first.stdout
    again = run("load", data_dir / "x.ttl")
    assert again.exit_code == 0
    assert count(tmp_path / "var/store") == 10
    with EmbeddedStore(tmp_path / "var/store") as st:
        assert [str(g) for g in st.graphs()] == ["https://w3id.org/kazgraph/id/file/x.ttl"]


def test_bad_turtle_names_file_and_line_and_changes_nothing(run, tmp_path, data_dir):
    run("load", data_dir / "x.ttl")
    result = run("load", data_dir / "bad.ttl")
    assert result.exit_code != 0
    assert "bad.ttl:4:" in result.stderr and "Traceback" not in result.output
    assert count(tmp_path / "var/store") == 10


def test_folder_load_goes_on_past_a_bad_file(run, tmp_path, data_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.ttl").write_bytes((data_dir / "x.ttl").read_bytes())
    (folder / "b.ttl").write_bytes((data_dir / "bad.ttl").read_bytes())
    (folder / "c.nt").write_text('<http://example.org/s> <http://example.org/p> "o" .\n')
    result = run("load", folder)
    assert result.exit_code == 1
    assert "b.ttl:4" in result.stderr
    assert "2 RDF files (11 triples)" in result.stdout and "1 failed" in result.stdout
    assert count(tmp_path / "var/store") == 11


def test_load_digest_and_extract(run, tmp_path):
    (tmp_path / "d.txt").write_text(DIGEST, encoding="utf-8")
    result = run("load", tmp_path / "d.txt", "--published", "2023-05-03")
    assert result.exit_code == 0, result.output
    assert "loaded 1 digest " in result.stdout
    size = count(tmp_path / "var/store")
    assert size > 0
    assert run("load", tmp_path / "d.txt", "--published", "2023-05-03").exit_code == 0
    assert count(tmp_path / "var/store") == size  # a reload replaces the digest's graph
    out = tmp_path / "d.trig"
    assert run("extract", tmp_path / "d.txt", "--published", "2023-05-03", "--output", out).exit_code == 0
    assert len(list(ox.parse(path=str(out)))) == size


def test_load_and_extract_read_the_same_files_of_a_folder(run, tmp_path, data_dir):
    folder = tmp_path / "in"
    for sub in ("sub", ".drafts"):
        (folder / sub).mkdir(parents=True)
    for name in ("a.txt", "sub/b.txt", ".drafts/c.txt", "notes.md", "scan.png", ".d.txt"):
        (folder / name).write_text(DIGEST.replace("Zenda", name.split("/")[-1][0].upper() + "ville"),
                                   encoding="utf-8")
    (folder / "x.ttl").write_bytes((data_dir / "x.ttl").read_bytes())
    result = run("load", folder, "--published", "2023-05-03")
    assert result.exit_code == 0, result.output
    assert "loaded 2 digests" in result.stdout and "1 RDF file (10 triples)" in result.stdout
    out = tmp_path / "all.nq"
    assert run("extract", folder, "--published", "2023-05-03", "--output", out).exit_code == 0
    assert len(list(ox.parse(path=str(out)))) == count(tmp_path / "var/store") - 10


def test_extract_refuses_unknown_extension(run, tmp_path):
    (tmp_path / "d.txt").write_text(DIGEST, encoding="utf-8")
    result = run("extract", tmp_path / "d.txt", "--output", tmp_path / "d.xml")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "unknown extension" in result.stderr


def test_query_formats_and_file(run, tmp_path, data_dir):
    run("load", data_dir / "x.ttl")
    sparql = "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    table = run("query", sparql)
    assert table.exit_code == 0 and "id:person/jane-roe" in table.stdout and "(2 rows)" in table.stdout
    data = json.loads(run("query", sparql, "--format", "json").stdout)
    assert data["head"]["vars"] == ["s", "l"]
    assert data["results"]["bindings"][1]["l"] == {"type": "literal", "value": "Nowhereland", "xml:lang": "en"}
    csv = run("query", sparql, "--format", "csv", "--max-rows", "1")
    assert csv.stdout.splitlines() == ["s,l", "https://w3id.org/kazgraph/id/person/jane-roe,Jane Roe"]
    assert "truncated" in csv.stderr
    (tmp_path / "q.rq").write_text("ASK { ?s a kg:Visit }")
    assert run("query", "-f", tmp_path / "q.rq").stdout.strip() == "yes"
    graph = run("query", "CONSTRUCT WHERE { ?s a kg:State }")
    assert "kg:State" in graph.stdout


def test_query_errors_are_one_line(run, data_dir):
    run("load", data_dir / "x.ttl")
    for args in (["query", "SELEKT"], ["query"], ["query", "--format", "xml", "ASK {}"],
                 ["query", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"]):
        result = run(*args)
        assert result.exit_code != 0 and result.stdout == ""
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr


def test_query_without_store_is_clear(run):
    result = run("query", "ASK {}")
    assert result.exit_code == 1 and "no store at" in result.stderr


def test_export_formats_graph_and_file(run, tmp_path, data_dir):
    run("load", data_dir / "x.ttl")
    ttl = run("export").stdout_bytes
    assert ttl == run("export", "--format", "ttl").stdout_bytes and b"@prefix kg:" in ttl
    nq = run("export", "--format", "nq", "--graph", "https://w3id.org/kazgraph/id/file/x.ttl")
    assert len(nq.stdout.splitlines()) == 10
    out = tmp_path / "all.jsonld"
    result = run("export", "-o", out)
    assert result.exit_code == 0 and len(list(ox.parse(path=str(out)))) == 10
    missing = run("export", "--graph", "http://example.org/none")
    assert missing.exit_code == 1 and "no graph" in missing.stderr


def test_stats(run, data_dir):
    run("load", data_dir / "x.ttl")
    out = run("stats").stdout
    assert "triples    10 (10 in 1 named graphs)" in out and "entities   3" in out and "kg:Person" in out


def test_validate(run, tmp_path, data_dir):
    (tmp_path / "ok.ttl").write_text(
        '<https://w3id.org/kazgraph/id/state/a> a <https://w3id.org/kazgraph/ontology#State> ;'
        ' <http://www.w3.org/2000/01/rdf-schema#label> "Aland" .\n')
    run("load", tmp_path / "ok.ttl")
    assert run("validate").exit_code == 0
    run("load", data_dir / "x.ttl")  # its visit has no label
    result = run("validate")
    assert result.exit_code == 1 and result.stdout.strip()


def test_settings_precedence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KAZGRAPH_CONFIG", raising=False)
    monkeypatch.delenv("KAZGRAPH_MAX_ROWS", raising=False)
    monkeypatch.delenv("KAZGRAPH_STORE", raising=False)
    assert load_settings().store == "var/store"
    (tmp_path / "kazgraph.toml").write_text('store = "from-file"\nmax_rows = 5\n')
    assert (load_settings().store, load_settings().max_rows) == ("from-file", 5)
    monkeypatch.setenv("KAZGRAPH_STORE", "from-env")
    assert load_settings().store == "from-env"
    assert load_settings(store="from-flag").store == "from-flag"
    (tmp_path / "kazgraph.toml").write_text('stroe = "typo"\n')
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings()
    (tmp_path / "kazgraph.toml").unlink()
    monkeypatch.setenv("KAZGRAPH_MAX_ROWS", "lots")
    with pytest.raises(ConfigError, match="KAZGRAPH_MAX_ROWS"):
        load_settings()


def test_bad_config_is_one_line(run, tmp_path):
    (tmp_path / "k.toml").write_text("store = [\n")
    result = run("stats", "--config", tmp_path / "k.toml")
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and "invalid TOML" in result.stderr


def test_push_to_oxigraph(run, tmp_path, data_dir, oxigraph_server):
    from kazgraph.store.remote import RemoteStore

    run("load", data_dir / "x.ttl")
    result = run("push", "--endpoint", oxigraph_server)
    assert result.exit_code == 0, result.output
    assert "pushed 1 graph (10 triples)" in result.stdout
    remote = RemoteStore(oxigraph_server)
    from rdflib import URIRef
    assert remote.count(URIRef("https://w3id.org/kazgraph/id/file/x.ttl")) == 10


def test_load_into_remote_endpoint(run, data_dir, remote_store, oxigraph_server):
    result = run("load", data_dir / "x.ttl", "--endpoint", oxigraph_server)
    assert result.exit_code == 0 and remote_store.count() == 10
    assert "(2 rows)" in run("query", "SELECT ?l { ?s rdfs:label ?l }", "--endpoint", oxigraph_server).stdout


def test_load_digests_into_remote_endpoint(run, tmp_path, remote_store, oxigraph_server, monkeypatch):
    """Digests loaded into a SPARQL server give the graphs the embedded store gets."""
    from kazgraph.store.embedded import EmbeddedStore

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the same run record both times
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    result = run("load", samples, "--endpoint", oxigraph_server)
    assert result.exit_code == 0, result.output
    assert "loaded 5 digests" in result.stdout
    assert run("load", samples, "--store", tmp_path / "local").exit_code == 0
    with EmbeddedStore(tmp_path / "local", read_only=True) as local:
        graphs = local.graphs()
        sizes = {g: local.count(g) for g in graphs}
    assert remote_store.graphs() == graphs and len(graphs) == 5
    assert {g: remote_store.count(g) for g in graphs} == sizes
    # loading again replaces each digest's graph rather than adding to it
    assert run("load", samples, "--endpoint", oxigraph_server).exit_code == 0
    assert {g: remote_store.count(g) for g in remote_store.graphs()} == sizes


def test_serve_answers(tmp_path, data_dir):
    from conftest import free_port, wait_until_up

    store = tmp_path / "store"
    with EmbeddedStore(store) as st:
        st.replace_graph(__import__("rdflib").URIRef("http://example.org/g"), [])
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kazgraph", "serve", "--store", str(store),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()
