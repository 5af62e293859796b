"""The records extraction stages share: a parsed document and what is found in it.

Stages are pure functions `stage(doc, ex) -> None` that read a `Document` and add to an
`Extraction`; only `kazgraph.loaders.rdf` turns an Extraction into triples. Offsets are
character offsets into `Document.text`, so every fact can point at its sentence and span.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) of Document.text."""

    start: int
    end: int


@dataclass
class Sentence:
    """One sentence of the source text; `item` is the index of its item (None: intro)."""

    span: Span
    text: str
    item: int | None = None


@dataclass
class Item:
    """One digest item: another outlet's piece that the digest reports."""

    index: int  # 0-based position in the digest
    span: Span  # the whole item, headline included
    headline: str | None = None
    headline_span: Span | None = None
    outlet: str | None = None  # outlet name as canonicalised (e.g. "Harbour Gazette")
    outlet_span: Span | None = None
    published: str | None = None  # ISO date at the precision known: YYYY, YYYY-MM, YYYY-MM-DD
    published_span: Span | None = None  # where that date is written
    authors: list[str] = field(default_factory=list)
    url: str | None = None


@dataclass
class Document:
    """A digest as read from a file: its text and what is known about it."""

    text: str
    source: str  # file name (or "<text>")
    published: str | None = None  # ISO date, any precision
    title: str | None = None
    url: str | None = None
    publisher: str | None = None  # the digest's own outlet, when known
    items: list[Item] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Lines that send the reader to other pages ("Related news: ...", "Read also: ...",
    # the titles under a "Related articles" heading): not what the digest reports.
    navigation: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def item_at(self, offset: int) -> Item | None:
        """The item whose span holds `offset`."""
        return _holding(self.items, offset)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span holds `offset`."""
        return _holding(self.sentences, offset)

    def spans_of(self, name: str) -> list[Span]:
        """Every place the text writes `name`, exactly."""
        spans, at = [], self.text.find(name)
        while at >= 0 and name:
            spans.append(Span(at, at + len(name)))
            at = self.text.find(name, at + 1)
        return spans


def _holding(parts: list, offset: int):
    """The element of `parts` (in text order, not overlapping, as segment.parse makes
    items and sentences) whose span holds `offset`, found by bisection."""
    k = bisect_right(parts, offset, key=_start_of) - 1
    return parts[k] if k >= 0 and offset < parts[k].span.end else None


@dataclass
class Entity:
    """Something the graph names: a state, a person, an agreement, an event...

    `key` is the IRI path under the configured base ("state/KAZ",
    "person/kassym-jomart-tokayev"), stable across digests so graphs merge.
    `cls` is a local name of a class of the kazgraph ontology ("State", "Leader", "Summit").
    """

    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    same_as: set[str] = field(default_factory=set)  # IRIs, e.g. Wikidata
    literals: dict[str, list[Literal]] = field(default_factory=dict)  # KG local name -> values


@dataclass
class Fact:
    """subject --predicate--> object, found at `span` (in `sentence`)."""

    subject: str  # entity key
    predicate: URIRef
    object: str | Literal  # entity key, or a literal value
    span: Span | None = None
    # Not said in the sentence that states the relation but taken from its context (an
    # agreement's parties from the headline, the event it was signed at, "the two sides").
    inferred: bool = False

    def triple_key(self) -> tuple[str, str, str, str]:
        """What makes two facts the same triple (an entity key differs from a literal)."""
        return (self.subject, str(self.predicate), str(self.object),
                type(self.object).__name__)


@dataclass
class Mention:
    """A stretch of text that names an entity."""

    key: str
    span: Span
    text: str


def _span_of(m: Mention) -> Span:
    return m.span


def _start_of(part: Item | Sentence | Mention) -> int:
    return part.span.start


@dataclass
class Extraction:
    """Everything extracted from one Document."""

    doc: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # Fact.triple_key() -> the recorded fact, so that `fact` finds a repeat at once
    _fact_keys: dict[tuple, Fact] = field(default_factory=dict, init=False, repr=False,
                                          compare=False)
    # `mentions` sorted by span (ties in the order recorded), so that mentions_in can
    # bisect instead of scanning every mention for every sentence it is asked about
    _in_text_order: list[Mention] = field(default_factory=list, init=False, repr=False,
                                          compare=False)

    def __post_init__(self) -> None:
        for fact in self.facts:
            self._fact_keys.setdefault(fact.triple_key(), fact)

    def entity(self, key: str, cls: str, label: str, *, aliases: Iterable[str] = (),
               same_as: Iterable[str] = ()) -> Entity:
        """Get or create the entity `key`, merging aliases (a label met again is kept)."""
        found = self.entities.get(key)
        if found is None:
            found = self.entities[key] = Entity(key, cls, label)
        found.aliases.update(a for a in aliases if a and a != found.label)
        found.same_as.update(same_as)
        return found

    def fact(self, subject: str, predicate: URIRef, obj: str | Literal,
             span: Span | None = None, *, inferred: bool = False) -> Fact:
        """Record a fact once; a repeat keeps the first evidence span (and a fact once
        stated is stated, whatever inferred it too)."""
        fact = Fact(subject, predicate, obj, span, inferred)
        seen = self._fact_keys.setdefault(fact.triple_key(), fact)
        if seen is fact:
            self.facts.append(fact)
        elif seen.inferred and not inferred:
            seen.inferred, seen.span = False, span if span is not None else seen.span
        return seen

    def mention(self, key: str, span: Span) -> Mention:
        """Record that `span` names entity `key`."""
        found = Mention(key, span, self.doc.text[span.start:span.end])
        self.mentions.append(found)
        return found

    def mentions_in(self, span: Span) -> list[Mention]:
        """Mentions inside `span`, in text order."""
        ordered = self._in_text_order
        for m in self.mentions[len(ordered):]:  # those recorded since the last call
            insort(ordered, m, key=_span_of)
        found = []
        i = bisect_left(ordered, span.start, key=_start_of)
        while i < len(ordered) and ordered[i].span.start <= span.end:
            if ordered[i].span.end <= span.end:
                found.append(ordered[i])
            i += 1
        return found

    def warn(self, message: str) -> None:
        """Note a problem with the document (shown by the CLI, kept out of the graph)."""
        self.doc.warnings.append(message)
