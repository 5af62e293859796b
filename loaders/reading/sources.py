"""Reading digests from files: plain text, saved HTML pages, RSS/Atom feeds, folders.

>>> from kazgraph.loaders.reading.sources import read_path
>>> [raw.source for raw in read_path("digests/")]  # doctest: +SKIP
['2024-03-04.txt', '2024-03-11.html', 'feed.xml#1', ...]

A folder may hold `manifest.tsv` (file<TAB>published) giving each file's publication
date. A digest's date otherwise comes from --published, a leading " date YYYY-MM-DD"
line (handled by `segment.parse`), the page or feed metadata, or the file name.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from kazgraph.errors import InputError
from kazgraph.loaders.text.dates import normalise_published

MAX_BYTES = 5 * 1024 * 1024
# One digest's text at most: about 8,000 words, several times the longest weekly digest.
# Extraction takes about 10 microseconds a character, so this keeps one digest near half a
# second; a longer text is refused with a clear error rather than loaded for minutes.
MAX_CHARS = 50_000
# In a folder, only these files are digests (RDF files, notes and images are not).
FOLDER_SUFFIXES = frozenset({"", ".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss",
                             ".atom", ".feed"})
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<article|<div)",
                   re.IGNORECASE)
_FEED = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                   re.IGNORECASE | re.DOTALL)
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_./]?(0[1-9]|1[0-2])(?:[-_./]?([0-3]\d))?"
                        r"(?!\d)")


@dataclass
class RawDigest:
    """A digest's text and what the file (or feed, or page) says about it."""

    text: str
    source: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None  # the digest's own outlet, when the page says it


def _decode(data: bytes, path: Path) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), else a clear error."""
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes), not a text digest")
    for encoding in ("utf-8-sig", "utf-8"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            problem = err
    raise InputError(path, f"not UTF-8 text ({problem.reason} at byte {problem.start}); "
                     "save the file as UTF-8")


def _date_from_name(name: str) -> str | None:
    m = _NAME_DATE.search(name)
    if not m:
        return None
    return normalise_published("-".join(g for g in m.groups() if g))


def _check_length(text: str, path: Path, where: str = "") -> str:
    if len(text) > MAX_CHARS:
        raise InputError(path, f"{where}too long for one digest ({len(text)} characters > "
                         f"{MAX_CHARS}); split it into several files")
    return text


def _check_text(text: str, path: Path) -> str:
    _check_length(text, path)
    if not text.strip():
        raise InputError(path, "empty: no digest text")
    letters = sum(ch.isalpha() for ch in text)
    if letters < 20 or letters < 0.3 * len(text.strip()):
        raise InputError(path, "not a digest: too little readable text")
    return text


def _from_html(data: bytes, path: Path) -> RawDigest:
    import trafilatura

    html = _decode(data, path)
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True)
    if not text:
        raise InputError(path, "HTML page without a readable main text")
    # Dates from the page's metadata only: the extensive search guesses from any date in the
    # text and, on the first odd one, spends seconds setting up every locale's month names.
    meta = trafilatura.extract_metadata(html, extensive=False)
    published = normalise_published(getattr(meta, "date", None)) if meta else None
    return RawDigest(text=_check_text(text, path), source=path.name, published=published,
                     title=getattr(meta, "title", None) if meta else None,
                     url=getattr(meta, "url", None) if meta else None,
                     publisher=getattr(meta, "sitename", None) if meta else None)


def _from_feed(data: bytes, path: Path) -> Iterator[RawDigest]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        raise InputError(path, "feed without entries")
    publisher = feed.feed.get("title")
    digests = []  # every entry is checked before the first is loaded
    for n, entry in enumerate(feed.entries):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if "<" in body:
            import trafilatura
            body = trafilatura.extract(f"<html><body>{body}</body></html>",
                                       favor_recall=True) or _strip_tags(body)
        published = _entry_date(entry)
        if not body.strip():
            continue
        digests.append(RawDigest(text=_check_length(body, path, f"entry {n + 1}: "),
                                 source=f"{path.name}#{n + 1}", published=published,
                                 title=entry.get("title"), url=entry.get("link"),
                                 publisher=publisher))
    yield from digests


def _entry_date(entry) -> str | None:
    """A feed entry's date: when it was published, else when it was last updated."""
    # Asked for a missing "updated_parsed", feedparser hands back "published_parsed" with a
    # deprecation warning; `in` asks for the key itself.
    stamp = entry.get("published_parsed")
    if not stamp and "updated_parsed" in entry:
        stamp = entry["updated_parsed"]
    return f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None


def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def read_file(path: Path, *, published: str | None = None) -> Iterator[RawDigest]:
    """Yield the digests in one file (a feed may hold many)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"too large ({size / 2**20:.1f} MB; a file of digests may "
                             f"hold {MAX_BYTES / 2**20:g} MB): split it into smaller files")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err
    given = normalise_published(published)
    if published and not given:
        raise InputError(path, f"bad publication date {published!r}: use YYYY, YYYY-MM "
                         "or YYYY-MM-DD")
    if _FEED.match(data[:2048]):
        for raw in _from_feed(data, path):
            raw.published = given or raw.published
            yield raw
        return
    if _HTML.match(data[:2048]) or path.suffix.lower() in (".html", ".htm"):
        raw = _from_html(data, path)
    else:
        raw = RawDigest(text=_check_text(_decode(data, path), path), source=path.name)
    raw.published = given or raw.published
    if not raw.published and not re.match(r"\s*date\s+\d{4}", raw.text):
        raw.published = _date_from_name(path.name)
    yield raw


def manifest_dates(folder: Path) -> dict[str, str]:
    """file name -> publication date, from folder/manifest.tsv when present."""
    found: dict[str, str] = {}
    manifest = folder / "manifest.tsv"
    if not manifest.is_file():
        return found
    for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] == "file":
            continue
        date = normalise_published(parts[1])
        if not date:
            raise InputError(manifest, f"bad publication date {parts[1]!r}", line=n)
        found[parts[0].strip()] = date
    return found


def folder_files(folder: Path, *, also: Collection[str] = ()) -> list[Path]:
    """The files read from a folder, sorted, recursively: digests and suffixes in `also`.

    The one folder walk of `read_path`, `kazgraph extract` and `kazgraph load` (which adds
    RDF files): hidden files and folders, manifest.tsv and other suffixes are left out.
    """
    wanted = FOLDER_SUFFIXES | {suffix.lower() for suffix in also}
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.tsv"
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.suffix.lower() in wanted)


def read_path(path: str | Path, *, published: str | None = None) -> Iterator[RawDigest]:
    """Yield the digests in a file or folder (folders: every file, sorted, recursively)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if not path.is_dir():
        yield from read_file(path, published=published)
        return
    dates: dict[Path, dict[str, str]] = {}
    for file in folder_files(path):
        folder = file.parent
        if folder not in dates:
            dates[folder] = manifest_dates(folder)
        yield from read_file(file, published=published or dates[folder].get(file.name))
