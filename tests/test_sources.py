"""Reading digests: text, saved HTML pages, RSS feeds, folders with a manifest, bad input."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kazgraph.errors import InputError
from kazgraph.loaders import extract_file
from kazgraph.loaders.reading import sources
from kazgraph.loaders.reading.sources import folder_files, read_path

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_plain_text() -> None:
    (raw,) = read_path(DATA / "digest_weekly.txt")
    assert raw.source == "digest_weekly.txt" and "Al Jazeera" in raw.text
    assert raw.published is None  # the " date" line is read by segment.parse


def test_published_option_wins() -> None:
    (raw,) = read_path(DATA / "digest_weekly.txt", published="2021-03")
    assert raw.published == "2021-03"


def test_bad_published_option() -> None:
    with pytest.raises(InputError, match="bad publication date"):
        list(read_path(DATA / "digest_weekly.txt", published="March"))


def test_saved_html_page() -> None:
    (raw,) = read_path(DATA / "digest_page.html")
    assert raw.published == "2021-04-16"
    assert raw.title == "News Digest: Foreign Media on Chile’s Ports and Trade"
    assert raw.url == "https://pampasherald.example/2021/04/news-digest-chile-ports/"
    assert "Home" not in raw.text.split("\n")[0]  # navigation is left out
    (ex,) = extract_file(DATA / "digest_page.html")
    assert [(i.outlet, i.published) for i in ex.doc.items] == [
        ("Al Jazeera", "2021-04-12"), ("Andes Tribune", "2021-04-14")]


def test_rss_feed_entries_are_digests() -> None:
    raws = list(read_path(DATA / "digest_feed.xml"))
    assert [(r.source, r.published) for r in raws] == [
        ("digest_feed.xml#1", "2021-05-07"), ("digest_feed.xml#2", "2020-12-31")]
    assert raws[0].publisher == "The Pampas Herald"
    exs = extract_file(DATA / "digest_feed.xml")
    assert [(i.outlet, i.published) for i in exs[0].doc.items] == [("Yonhap", "2021-05-05")]


def test_folder_sorted_with_manifest(tmp_path: Path) -> None:
    for name in ("digest_weekly.txt", "digest_review.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "manifest.tsv").write_text("file\tpublished\ndigest_review.txt\t2022-01-16\n",
                                           encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "graph.ttl").write_text("<a:b> <a:c> <a:d> .", encoding="utf-8")
    raws = list(read_path(tmp_path))
    assert [(r.source, r.published) for r in raws] == [
        ("digest_review.txt", "2022-01-16"), ("digest_weekly.txt", None)]


def test_folder_files_is_the_one_folder_walk(tmp_path: Path) -> None:
    for name in ("b.txt", "sub/a.text", ".git/x.txt", "sub/.hidden.txt", "notes.md", "g.ttl",
                 "manifest.tsv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Ports and trade of the week in review.", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in folder_files(tmp_path)]
    assert names == ["b.txt", "sub/a.text"]
    with_rdf = [p.name for p in folder_files(tmp_path, also={".TTL"})]
    assert with_rdf == ["b.txt", "g.ttl", "a.text"]
    assert [r.source for r in read_path(tmp_path)] == ["b.txt", "a.text"]


def test_bad_manifest_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some digest text about ports and trade.", encoding="utf-8")
    (tmp_path / "manifest.tsv").write_text("a.txt\tsoon\n", encoding="utf-8")
    with pytest.raises(InputError, match="manifest.tsv:1"):
        list(read_path(tmp_path))


def test_sample_corpus_dates() -> None:
    raws = list(read_path(SAMPLES))
    assert len(raws) == 5 and all(r.published for r in raws)


def test_date_from_file_name(tmp_path: Path) -> None:
    path = tmp_path / "digest-2020-11-06.txt"
    path.write_text("Ports and trade news from the week, with more to come.", encoding="utf-8")
    (raw,) = read_path(path)
    assert raw.published == "2020-11-06"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffPorts and trade news from the week.".encode("utf-8"))
    (raw,) = read_path(path)
    assert raw.text.startswith("Ports")


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Caf\u00e9 news from the port of Lima and more".encode("latin-1"), "not UTF-8"),
    (b"1234 5678 9012 3456 7890 !!!! ???? ----", "not a digest"),
])
def test_bad_input_is_a_clear_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as err:
        list(read_path(path))
    assert "bad.txt" in str(err.value)


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Ports and trade. " * (sources.MAX_BYTES // 17 + 10))
    with pytest.raises(InputError, match="too large"):
        list(read_path(path))


def test_digest_longer_than_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Ports and trade. " * (sources.MAX_CHARS // 17 + 10), encoding="utf-8")
    with pytest.raises(InputError, match="long.txt: too long for one digest"):
        list(read_path(path))


def test_nul_bytes_anywhere_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"Ports and trade news from the week. " * 200 + b"\x00 and more")
    with pytest.raises(InputError, match="late-nul.txt: binary"):
        list(read_path(path))


def test_feed_with_one_entry_too_long_yields_none(tmp_path: Path) -> None:
    items = "".join(f"<item><title>T{n}</title><description>{body}</description></item>"
                    for n, body in enumerate(["Ports and trade news. " * 20,
                                              "Ports and trade news. " * 3000]))
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    seen = []
    with pytest.raises(InputError, match="feed.xml: entry 2: too long"):
        for raw in read_path(path):
            seen.append(raw)
    assert seen == []


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                    "</channel></rss>", encoding="utf-8")
    with pytest.raises(InputError, match="feed without entries"):
        list(read_path(path))
