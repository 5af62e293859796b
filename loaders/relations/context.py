"""What the relation finders share: sentences by item, actors and places in a span, dates.

The relation stage runs after segmentation and entity recognition, so it reads the
mentions that stage left in the Extraction; it never recognises states or people itself.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from kazgraph.loaders.text import dates
from kazgraph.loaders.model import Document, Extraction, Mention, Sentence, Span
from kazgraph.vocab import KG

PARTY_CLASSES = {"State", "InternationalOrganization", "Company"}
PERSON_CLASSES = {"Person", "Leader"}
ACTOR_CLASSES = PARTY_CLASSES | PERSON_CLASSES
PLACE_CLASSES = {"City", "Place"}

# A date right after these words is when an outlet published or reported, not an event.
_PUBLISHED_CUE = re.compile(
    r"\b(?:published|released|reported|report|wrote|writes|posted|article|piece|"
    r"according to)\b[^.;]{0,30}$", re.IGNORECASE)
# "Mar 7 — “...": the date an item of a weekly digest was published
_DATELINE = re.compile(r"\s*[—–-]\s")
_DAY_AFTER = re.compile(r"\b(?:next|following|same|previous) day\b|\ba day (?:later|before)\b",
                        re.IGNORECASE)
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|could|upcoming|forthcoming|scheduled|planned|plans?|planning|"
    r"expected|due|next|to host|to hold|to visit|to pay|arrangements?|preparations?|"
    r"is to|are to|set to)\b", re.IGNORECASE)


# Capitalised words that cannot be inside an event's or agreement's name before its head
# word: verbs and prepositions of Title Case headlines ("Boric Attends APEC Summit",
# "Chile, Peru Sign Strategic Partnership Agreement"), and adjectives that
# describe rather than name ("Historic Summit").
_NOT_IN_NAME = set("""For At In To With As On By From Into Ahead After Before During Amid Over
Under Via About Against Toward Towards Is Are Was Were Be Will Would Could Can May Must
Sign Signs Signed Ink Inks Inked Agree Agrees Agreed Adopt Adopts Adopted Ratify Ratifies
Ratified Conclude Concludes Concluded Discuss Discusses Hail Hails Mark Marks Launch
Launches Renew Renews Approve Approves Seal Seals Attend Attends Host Hosts Hosted Hold
Holds Held Join Joins Open Opens Gather Gathers Meet Meets Visit Visits Address Addresses
Praise Praises Back Backs Eye Eyes Seek Seeks Plan Plans Prepare Prepares Welcome Welcomes
Call Calls Say Says Set Sets Take Takes Begin Begins End Ends Close Closes Start Starts
Boost Boosts Expand Expands Strengthen Strengthens Deepen Deepens Discussed Reached
Reach Reaches Wraps Kicks Unveils Unveil Why How What When Where""".split())
_DESCRIBING = {"Historic", "Upcoming", "Annual", "Major", "Key", "New", "Landmark", "Next",
               "Inaugural", "Informal", "Recent", "Last", "First", "Big", "Latest"}


def name_words(words: list[str]) -> list[str]:
    """The words of a capitalised run that can belong to a name: those after the last
    headline verb or preposition, without describing adjectives in front."""
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _NOT_IN_NAME:
            words = words[i + 1:]
            break
    while words and words[0] in _DESCRIBING:
        words = words[1:]
    return words


def name_prefix(pre: str, lead: set[str] | frozenset[str]) -> tuple[list[str], int | None, int]:
    """The name words of the capitalised run `pre` before a name's head, after the `lead`
    words: (those words, offset of the first in `pre` or None, how many words go)."""
    offsets = [w.start() for w in re.finditer(r"\S+", pre)]
    words = pre.split()
    skip = 0
    while skip < len(words) and words[skip] in lead:
        skip += 1
    kept = name_words(words[skip:])
    skip = len(words) - len(kept)
    return kept, (offsets[skip] if kept else None), skip


def slug(text: str) -> str:
    """A lower-case ASCII slug for an IRI path segment."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "x"


def clean_name(text: str) -> str:
    """A printed name without a leading article, odd spacing or dash variants."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip(" ,;:.")
    text = re.sub(r"\s*[–—]\s*", "-", text) if re.search(r"\w\s*[–—]\s*\w", text) else text
    text = re.sub(r"(?<=\w)\s+-\s+(?=\w)", "-", text)
    return re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text, flags=re.IGNORECASE)


def event_name(text: str) -> str:
    """clean_name for events: an unspaced dash stays as printed ("Asia–Germany"), as an
    analyst copying the name would write it; a spaced one becomes a hyphen."""
    text = re.sub(r"(?<=\w)([–—])(?=\w)", "\x00", text)
    return clean_name(text).replace("\x00", "–")


@dataclass
class Context:
    """A document and its extraction, with lookups the relation finders need."""

    doc: Document
    ex: Extraction
    sentences: list[Sentence] = field(default_factory=list)
    # mentions of the states that group referents stand for ("Central Asian countries")
    groups: list[Mention] = field(default_factory=list)
    added: set[str] = field(default_factory=set)  # states known only through a group
    # lookup indexes (see item_sentences, mentions, represents)
    _by_item: dict = field(default_factory=dict, repr=False)
    _group_starts: tuple | None = field(default=None, repr=False)  # (groups, their starts)
    _represents_seen: int = field(default=0, repr=False)  # facts indexed so far
    _represents: dict = field(default_factory=dict, repr=False)  # person -> states, bodies

    def __post_init__(self) -> None:
        from kazgraph.loaders.relations import groups

        self.sentences = list(self.doc.sentences) or [
            Sentence(Span(0, len(self.doc.text)), self.doc.text, None)]
        for s in self.sentences:
            self._by_item.setdefault(s.item, []).append(s)
        self.groups = groups.mentions(self, groups.reference(self.doc, self.ex))
        text_groups = groups.mentions(self, groups.numbered(self))
        self.groups = sorted(self.groups + text_groups, key=lambda m: m.span)

    # --- text ------------------------------------------------------------------
    def text(self, span: Span) -> str:
        return self.doc.text[span.start:span.end]

    def item_sentences(self, sentence: Sentence) -> list[Sentence]:
        """The sentences of the same item (the intro counts as one item)."""
        return list(self._by_item.get(sentence.item, []))

    def headline_span(self, sentence: Sentence) -> Span | None:
        if sentence.item is None:
            return None
        for item in self.doc.items:
            if item.index == sentence.item:
                return item.headline_span
        return None

    # --- mentions ----------------------------------------------------------------
    def cls(self, key: str) -> str | None:
        entity = self.ex.entities.get(key)
        return entity.cls if entity else None

    def label(self, key: str) -> str:
        entity = self.ex.entities.get(key)
        return entity.label if entity else key

    def mentions(self, span: Span, classes: set[str], *, groups: bool = True) -> list[Mention]:
        """Mentions of entities of `classes` inside `span`, in text order; with `groups`,
        also the member states of the groups named there ("Central Asian countries")."""
        found = [m for m in self.ex.mentions_in(span) if self.cls(m.key) in classes]
        if groups and "State" in classes and self.groups:
            if self._group_starts is None or self._group_starts[0] is not self.groups:
                self._group_starts = (self.groups, [m.span.start for m in self.groups])
            starts = self._group_starts[1]  # self.groups is in text order
            extra = [m for m in self.groups[bisect_left(starts, span.start):
                                            bisect_right(starts, span.end)]
                     if m.span.end <= span.end]
            found = sorted(found + extra, key=lambda m: m.span) if extra else found
        return found

    def keys(self, span: Span, classes: set[str]) -> list[str]:
        """Distinct entity keys of `classes` mentioned in `span`, first mention first."""
        seen: list[str] = []
        for m in self.mentions(span, classes):
            if m.key not in seen:
                seen.append(m.key)
        return seen

    def represents(self, person: str) -> list[str]:
        """The states or bodies a person holds office for (the entity stage's facts)."""
        # facts are only ever appended: index the ones added since the last call
        facts = self.ex.facts
        for f in facts[self._represents_seen:]:
            if f.predicate == KG.represents and isinstance(f.object, str):
                self._represents.setdefault(f.subject, []).append(f.object)
        self._represents_seen = len(facts)
        return list(self._represents.get(person, []))

    def person_states(self, person: Mention) -> list[str]:
        """A person's state or body: the entity stage's `represents`, else a demonym or
        state name just before the name ("Peruvian President Dina Boluarte")."""
        held = [k for k in self.represents(person.key) if self.cls(k) in PARTY_CLASSES]
        if held:
            return held
        window = Span(max(0, person.span.start - 30), person.span.start)
        near = [m for m in self.mentions(window, {"State"}, groups=False) if re.fullmatch(
            r"(?:\s+[A-Z][\w-]*)*\s+", self.doc.text[m.span.end:person.span.start] or "x")]
        return [near[-1].key] if near else []

    def previous_person(self, sentence: Sentence) -> Mention | None:
        """The person "he" or "she" most likely means: the last one the item named before."""
        before = [s for s in self.item_sentences(sentence) if s.span.end <= sentence.span.start]
        for s in reversed(before[-2:]):
            people = self.mentions(s.span, {"Person", "Leader"})
            if people:
                return people[-1]
        return None

    def country_of(self, place: str) -> str | None:
        for f in self.ex.facts:
            if f.subject == place and f.predicate == KG.country and isinstance(f.object, str):
                return f.object
        return None

    # --- dates -------------------------------------------------------------------
    def event_dates(self, sentence: Sentence, near: int | Span) -> list[dates.DateMatch]:
        """Dates of the sentence that are not an outlet's publication date, nearest first;
        a yearless date in a sentence about the future is placed after publication."""
        published = self.doc.published
        found = []
        start = sentence.span.start
        if _DAY_AFTER.search(sentence.text):
            # "the next day" counts from the last full date before it, maybe in an earlier
            # sentence of the same item
            earlier = [s for s in self.item_sentences(sentence) if s.span.end <= start]
            start = earlier[-3].span.start if len(earlier) >= 3 else (
                earlier[0].span.start if earlier else start)
        for d in dates.find_dates(self.doc.text[start:sentence.span.end], published=published,
                                  offset=start):
            if d.span.start < sentence.span.start:
                continue
            left = self.doc.text[max(sentence.span.start, d.span.start - 40):d.span.start]
            if re.match(r"(?i)to(?:day|morrow)['’]s|yesterday['’]s", self.text(d.span) +
                        self.doc.text[d.span.end:d.span.end + 2]):
                continue  # "Today's foreign media digest" dates the digest, not an event
            if _TARGET_CUE.search(left):
                continue  # "by 2030", "until 2035": a target, not when something happened
            if _PUBLISHED_CUE.search(left) or _DATELINE.match(
                    self.doc.text[d.span.end:d.span.end + 4]) and not left.strip():
                continue
            yearless = not re.search(r"\b(?:1[89]|20)\d\d\b", self.text(d.span))
            if yearless and published and len(published) == 7 and not d.relative and \
                    d.iso[5:7] == published[5:7] and d.iso[:4] != published[:4]:
                # a digest dated only by its month reports that month's events
                d = dates.DateMatch(d.span, published[:4] + d.iso[4:],
                                    d.end_iso and published[:4] + d.end_iso[4:], d.relative)
            future = _future_clause(sentence, d.span)
            if future and d.relative and _WEEKDAY.search(self.text(d.span)):
                d = _weekday_ahead(d, published)
            if future and yearless and not _just_before(d.iso, published):
                again = dates.parse_date(self.text(d.span), published=published, forward=True)
                if again and again[:4] != d.iso[:4] and len(again) == len(d.iso):
                    end = d.end_iso and f"{again[:4]}{d.end_iso[4:]}"
                    d = dates.DateMatch(d.span, again, end, d.relative)
            found.append(d)
        span = near if isinstance(near, Span) else Span(near, near)

        def distance(d: dates.DateMatch) -> int:
            if d.span.start >= span.end:
                return d.span.start - span.end
            return 2 * max(0, span.start - d.span.end)  # a date after the mention is likelier
        return sorted(found, key=distance)


_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _future_clause(sentence: Sentence, span: Span) -> bool:
    """Whether the clause holding a date (between commas or semicolons) speaks of the
    future: "is expected to meet ... on Wednesday", but not "recalling the talks that
    Istanbul hosted in March" after "would continue its efforts"."""
    rel_start, rel_end = span.start - sentence.span.start, span.end - sentence.span.start
    text = sentence.text
    lo = max(text.rfind(",", 0, rel_start), text.rfind(";", 0, rel_start)) + 1
    hi = min([i for i in (text.find(",", rel_end), text.find(";", rel_end)) if i >= 0],
             default=len(text))
    return bool(_FUTURE_CUE.search(text[lo:hi]))


def _weekday_ahead(d: dates.DateMatch, published: str | None) -> dates.DateMatch:
    """A weekday counted back from publication, moved to the same weekday ahead."""
    if not published or len(published) != 10 or len(d.iso) != 10:
        return d
    from datetime import date, timedelta

    day, pub = date.fromisoformat(d.iso), date.fromisoformat(published)
    if 0 < (pub - day).days < 7:
        return dates.DateMatch(d.span, (day + timedelta(days=7)).isoformat(), None, True)
    return d


_TARGET_CUE = re.compile(r"\b(?:by|until|till|through|up to|before|no later than)\s+"
                         r"(?:the\s+end\s+of\s+|the\s+)?$", re.IGNORECASE)


def _just_before(iso: str, published: str | None) -> bool:
    """Whether a full date lies in the two weeks before publication: last week's news,
    even when the sentence speaks of the future ("talks on May 4 ... would continue")."""
    if not published or len(published) != 10 or len(iso) != 10:
        return False
    from datetime import date
    days = (date.fromisoformat(published) - date.fromisoformat(iso)).days
    return 0 <= days <= 14


# A clause ends at ";" or ":" (not one before a list of names), at " as well as ", or at
# a comma that starts a new phrase (a lower-case word other than "and"/"or"/"said", or
# "the" before a lower-case word);
# a comma inside a list of names ("Chile, the Plurinational State of Bolivia, Peru") does not.
_CLAUSE_END = re.compile(r";|:(?!\s+[A-Z])|\s+as well as\s+|\s+while\s+|"
                         r",(?=\s+(?!and\b|or\b|the\s+[A-Z]|a\s+gathering|which\s+brought|"
                         r"attended|with the participation|said|says|noted|stressed|"
                         r"according to)[a-z])")


def clause(ctx: Context, sentence: Sentence, span: Span) -> Span:
    """The clause of `sentence` around `span` (see _CLAUSE_END)."""
    text, base = sentence.text, sentence.span.start
    start, end = 0, len(text)
    for m in _CLAUSE_END.finditer(text):
        if base + m.end() <= span.start:
            start = m.end()
        elif base + m.start() >= span.end:
            end = m.start()
            break
    return Span(base + start, base + end)
