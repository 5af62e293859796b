"""Finding transport and trade corridors, railway lines, crossings and pipelines.

Well-known corridors come from data/corridors.tsv (one key for all their names, so the
"Middle Corridor" of one week merges with the "Trans-Caspian International Transport
Route" of another); others are read from phrases such as "the Arica – Tacna railway
line" or "crossings at <Town> and <Town>". A corridor named only by the states it joins
("the Chile-Peru rail crossing") is taken as another name of the specific line the
same item names, if there is one.

The states a corridor connects are those the text says it joins: a route traced right after
its name (", which links A with B via C" names them all; "via A to B" keeps a known
corridor to its sentence), the states or towns of its name, else the states of its sentence
(not those on another corridor of it), and for a known corridor its reference states that
the item names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.model import Sentence, Span
from kazgraph.loaders.relations.context import Context, clean_name, slug
from kazgraph.loaders.text.alternation import trie_alternation
from kazgraph.vocab import KG

_KINDS = (r"railway line|railway route|railway|railroad|rail line|rail link|rail route|"
          r"rail corridor|rail crossing|border crossing|crossing|highway|motorway|gas pipeline|"
          r"oil pipeline|pipeline|transport corridor|trade corridor|green energy corridor|"
          r"energy corridor|power corridor|power line|transmission line|subsea cable|"
          r"ferry line|ferry route|ferry link|corridor|transport route|route")
# "the Condor pipeline": one capitalised name before a lower-case pipeline
_PIPE = re.compile(r"\b[Tt]he\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+"
                   r"(?P<kind>(?:oil\s+|gas\s+)?pipeline)\b")
# "a ferry line between <Port> and <Port>", "a new railway from <Town> to <Town>",
# "a railway linking <Town> and <Town>"
_BETWEEN = re.compile(
    r"\b(?P<kind>ferry line|ferry route|ferry link|ferry service|railway line|railway|"
    r"rail line|rail link|rail route|gas pipeline|oil pipeline|pipeline|power line|highway|"
    r"transit route|transport route|transport corridor)s?\s+"
    r"(?:(?:between|linking|connecting)\s+(?P<pa>(?:the\s+)?[Pp]ort\s+of\s+)?"
    r"(?P<a>[A-Z][\w-]+)\s+(?:and|with)|"
    r"from\s+(?:(?:north|south|east|west)(?:ern)?\s+)?"
    r"(?P<a2>[A-Z][\w-]+)(?:\s+via\s+(?:the\s+)?(?P<via>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)"
    r"(?:\s+region)?)?\s+to)\s+(?P<pb>(?:the\s+)?[Pp]ort\s+of\s+)?"
    r"(?P<b>[A-Z][\w-]+)\b")
# "a railway project to the Chilean border at <Town>", "a new railway to <State> border"
_TO_BORDER = re.compile(
    r"\b(?P<kind>railway|rail line|railroad|highway|road|pipeline)(?:\s+project)?\s+to\s+"
    r"(?:the\s+(?P<dem>[A-Z][\w-]+)\s+border\s+(?:at|near)\s+(?P<city>[A-Z][\w-]+)|"
    r"(?:the\s+)?(?P<state>[A-Z][\w-]+)(?:’s|'s)?\s+border\b)")
# "connecting with the <corridor> via A and B": the corridor is joined there, so only the
# states after "via" are the ones the text says it passes through
_JOINED = re.compile(r"\b(?:connect(?:ing|s|ed)?|link(?:ing|s|ed)?(?:\s+up)?|join(?:ing|s)?)"
                     r"\s+(?:with|to|up with)\s+(?:the\s+)?$")
# "the X corridor, which links A with B via C": a relative clause tracing the route names
# all the states it joins, however many more the sentence or the item names; an aside may
# come between ("the X railway, proposed by A, which will link B and C": A only backs it)
_ROUTE_CLAUSE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:,\s*[a-z]+ed\s+(?:by|in|with)\s+[^,;.]*)?"
    r"(?:,\s*|\s+)(?:which|that)\s+"
    r"(?:(?:will|would|is|are|was|were|to|be|being|expected|set|designed|planned|intended|"
    r"also|now|already|could|can|should|may|might)\s+)*"
    r"(?:link|connect|join|run|carr|pass|stretch|cross|travers|extend|unit|lead|start|begin|"
    r"deliver|transport|bring|ship|goes|go)\w*\b(?P<clause>[^.;:!?]*)")
# where such a clause gives way to the rest of the sentence (", could give ...", ", as well
# as in ...", ", and the ..."), unlike a list of places going on (", the Caspian Sea, A
# and B", ", and C")
_CLAUSE_END = re.compile(r",\s+(?!(?:(?:and|or)\s+)?(?:the\s+)?[A-Z])")
# "the X corridor via the Caspian to A and B": the names of the places it passes, however
# the list runs on ("through A, B and C to D")
_PLACE = r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
_ROUTE_LIST = re.compile(
    rf"\s*,?\s*(?:via|through|across)\s+{_PLACE}"
    rf"(?:(?:\s*,\s*|,?\s+and\s+|,?\s+(?:and\s+(?:then\s+|on\s+)?)?(?:to|via|through|"
    rf"across|into)\s+){_PLACE})*")
# "a green corridor for agricultural products": a fast lane through customs for some goods
_GREEN = re.compile(r"\b[Gg]reen\s+(?:trade\s+)?corridors?\s+for\s+(?:[\w-]+\s+){0,3}?"
                    r"(?:products|goods|exports|imports|produce|cargo|cargoes|freight|"
                    r"foodstuffs|food|perishables|trucks)\b")
_WORD = r"(?!(?:The|This|That|These|A|An|New|Its|Our)\s)[A-Z][\w]*(?:\s+[A-Z][\w]*)?"
_LINE = re.compile(
    rf"(?P<name>{_WORD}(?:\s*[-–—]\s*{_WORD})+)\s+(?P<kind>{_KINDS})\b")
_CAPITAL = re.compile(r"(?P<name>(?:[A-Z][\w-]*\s+){1,4})(?P<kind>Corridor|Pipeline|Railway|"
                      r"Highway|Route)\b")
_AT = re.compile(r"\b(?P<kind>rail|railway|border)?\s*crossings?\s+(?:with\s+[A-Z]\w+\s+)?"
                 r"(?:at|in)\s+(?P<list>[A-Z][\w-]*\w(?:(?:,\s+|,?\s+and\s+)[A-Z][\w-]*\w)*)")
# Names and descriptions of a "corridor" that is data, not a way goods or people travel:
# "the Digital Trade Corridor", "the Green Corridor, an online platform for ...".
_VIRTUAL = {"digital", "data", "information", "internet", "online", "electronic", "virtual",
            "cyber", "paperless", "e-commerce", "e-trade", "fintech"}
_VIRTUAL_AFTER = re.compile(r"(?:\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}|\s+)"
                            r"(?:platform|system|portal|app|application|software|database|"
                            r"website|web\s+service|information\s+service)\b", re.IGNORECASE)
_LEAD = {"The", "This", "That", "A", "An", "New", "Its", "Their", "Our", "Both", "And", "Of",
         "In", "On", "Under", "Via", "Through", "Along", "By"}


@dataclass(frozen=True)
class Known:
    """A row of data/corridors.tsv."""

    key: str
    label: str
    aliases: tuple[str, ...]
    states: frozenset[str]


@lru_cache(maxsize=1)
def table() -> tuple[Known, ...]:
    """The reference corridors shipped in kazgraph.data."""
    text = resources.files("kazgraph.data").joinpath("corridors.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("key\t"):
            continue
        key, label, aliases, states = line.split("\t")
        rows.append(Known(key, label, tuple(a for a in aliases.split("|") if a),
                          frozenset(f"state/{c}" for c in states.split())))
    return tuple(rows)


def _alias_rx(name: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-–—]+", name) if p]
    return r"[\s\-–—]+".join(parts)


def _known_names() -> list[tuple[str, Known]]:
    """Every name of every reference corridor, each corridor's longest first."""
    return [(name, row) for row in table()
            for name in sorted((row.label, *row.aliases), key=len, reverse=True)]


@lru_cache(maxsize=1)
def _known_rx() -> list[tuple[re.Pattern, Known]]:
    return [(re.compile(rf"(?<![\w-]){_alias_rx(name)}(?![\w-])",
                        0 if name.isupper() else re.IGNORECASE), row)
            for name, row in _known_names()]


@lru_cache(maxsize=1)
def _first_words() -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    """Where a reference corridor's name may begin, and which of _known_rx() begin so.

    A sentence names a reference corridor only where the first word of one of its names
    stands; looking for those words in one pass spares trying every name on every
    sentence. Each word maps to the names starting with it or with a word it begins with.
    """
    firsts: dict[str, list[int]] = {}
    for i, (name, _row) in enumerate(_known_names()):
        first = next(p for p in re.split(r"[\s\-–—]+", name) if p)
        firsts.setdefault(first.lower(), []).append(i)
    index = {w: tuple(sorted(i for v, ids in firsts.items() if w.startswith(v) for i in ids))
             for w in firsts}
    # a zero-width look at every position, so that words inside other matches are seen too
    return re.compile(rf"(?<![\w-])(?=({trie_alternation(list(firsts))}))", re.IGNORECASE), index


def _known_here(text: str) -> list[tuple[re.Pattern, Known]]:
    """The reference names that may occur in `text`, in _known_rx()'s order."""
    rx, index = _first_words()
    wanted: set[int] = set()
    for m in rx.finditer(text):
        ids = index.get(m.group(1).lower())
        if ids is None:  # a case folding lower() does not undo: try every name
            return _known_rx()
        wanted.update(ids)
    known = _known_rx()
    return [known[i] for i in sorted(wanted)]


def lookup(name: str) -> Known | None:
    """The reference corridor one of whose names is `name`."""
    for rx, row in _known_rx():
        if rx.fullmatch(name.strip()):
            return row
    return None


@dataclass
class Cand:
    """A corridor named at one place; `generic`: named only by the states it joins."""

    label: str
    span: Span
    sentence: Sentence
    known: Known | None = None
    generic: bool = False
    closed: bool = False  # "from A via B to C": the phrase names all it joins
    states: dict[str, Span] = field(default_factory=dict)


def _candidates(ctx: Context, sentence: Sentence) -> list[Cand]:
    base, text = sentence.span.start, sentence.text
    found: list[Cand] = []

    def add(start: int, end: int, label: str, known: Known | None = None,
            closed: bool = False) -> None:
        span = Span(base + start, base + end)
        if any(c.span.start < span.end and span.start < c.span.end for c in found):
            return
        known = known or lookup(label)
        if known is None and _virtual(label, text[end:]):
            return
        cand = Cand(label, span, sentence, known, closed=closed)
        inner = ctx.keys(span, {"State"})
        words = re.split(r"\s*[-–—]\s*|\s+", label)
        cand.generic = cand.known is None and bool(inner) and len(inner) >= len(
            [w for w in words if w[:1].isupper()])
        named = ctx.mentions(span, {"State", "City", "Place"})
        placed = 0
        for m in named:
            # "the <Town>-<Town> pipeline" joins its end towns' states; a one-word name
            # that is also some town's ("the Condor pipeline") says nothing of where it runs
            state = m.key if ctx.cls(m.key) == "State" else (
                ctx.country_of(m.key) if len(named) >= 2 else None)
            if state:
                placed += 1
                cand.states.setdefault(state, m.span)
        ends = re.split(r"\s*[-–—]\s*", label)
        if known is None and len(named) >= 2 and len(ends) == len(named) and \
                placed == len(named) and cand.states:
            # "the <Town>-<Town> railway": the name says all it joins, even when both
            # towns lie in one state (a domestic line is no route to a neighbour)
            cand.closed = True
        found.append(cand)

    for rx, row in _known_here(text):
        for m in rx.finditer(text):
            add(m.start(), m.end(), m.group(), row)
    for m in _LINE.finditer(text):
        name = re.sub(r"\s*[-–—]\s*", "-", m.group("name"))
        add(m.start(), m.end(), f"{name} {m.group('kind')}")
    for m in _AT.finditer(text):
        kind = "border crossing" if m.group("kind") == "border" else "rail crossing"
        for n in re.finditer(r"[A-Z][\w-]*\w", m.group("list")):
            add(m.start("list") + n.start(), m.start("list") + n.end(), f"{n.group()} {kind}")
    for m in _PIPE.finditer(text):
        span = Span(base + m.start("name"), base + m.end("name"))
        if ctx.mentions(span, {"State", "InternationalOrganization", "Company", "Person",
                               "Leader"}) or set(m.group("name").split()) & _LEAD:
            continue  # "the Kazakh pipeline" is not a name
        add(m.start("name"), m.end(), f"{m.group('name')} {m.group('kind')}")
    for m in _BETWEEN.finditer(text):
        a = m.group("a") or m.group("a2")
        ends = [ctx.mentions(Span(base + m.start(g), base + m.end(g)),
                             {"State", "City", "Place"}) for g in ("a" if m.group("a") else
                                                                  "a2", "b")]
        # "between the port of <Town> and the port of <Town>": a port the gazetteer lacks
        # is still a place; then the sentence, not the name, tells the states it joins
        ports = [bool(m.group("pa")), bool(m.group("pb"))]
        if all(e or p for e, p in zip(ends, ports)) and any(ends):
            kind = "ferry line" if m.group("kind").startswith("ferry") else m.group("kind")
            via = f"-{m.group('via')}" if m.group("via") else ""
            add(m.start(), m.end(), f"{a}{via}-{m.group('b')} {kind}", closed=all(ends))
    for m in _GREEN.finditer(text):
        add(m.start(), m.end(), "green corridor")
    for m in _TO_BORDER.finditer(text):
        if m.group("state") and not ctx.mentions(
                Span(base + m.start("state"), base + m.end("state")), {"State"}):
            continue  # "the road to Europe's border" names no state's border
        add(m.start(), m.end(), clean_name(m.group()).replace(" project", ""))
    for m in _CAPITAL.finditer(text):
        words = m.group("name").split()
        while words and words[0] in _LEAD:
            words = words[1:]
        if not words:
            continue
        start = m.end("name") - len(" ".join(words)) - 1
        add(start, m.end(), clean_name(" ".join(words) + " " + m.group("kind")))
    return found


def _virtual(label: str, after: str) -> bool:
    """Whether a corridor's name or what follows it says it is a digital service."""
    words = {w.lower() for w in re.split(r"[\s–—]+", label)}
    return bool(words & _VIRTUAL) or bool(_VIRTUAL_AFTER.match(after))


def extract(ctx: Context) -> dict[str, list[Span]]:
    """Add Corridor entities with the states they connect; returns key -> mention spans."""
    ex = ctx.ex
    cands = [c for s in ctx.sentences for c in _candidates(ctx, s)]
    spans: dict[str, list[Span]] = {}
    for cand in cands:
        if cand.generic:
            same_item = [c for c in cands if not c.generic and c.sentence.item ==
                         cand.sentence.item and c.known is None and re.search(
                             r"rail|crossing", c.label) and re.search(r"rail|crossing",
                                                                      cand.label)]
            if same_item and (cand.sentence.item is not None or not ctx.doc.items):
                target = same_item[0]
                target.states.update({k: v for k, v in cand.states.items()
                                      if k not in target.states})
                key = f"corridor/{slug(target.label)}"
                ex.entity(key, "Corridor", target.label, aliases=[cand.label])
                ex.mention(key, cand.span)
                spans.setdefault(key, []).append(cand.span)
                continue
        row = cand.known
        key = f"corridor/{row.key}" if row else f"corridor/{slug(cand.label)}"
        label = row.label if row else cand.label
        alias = [cand.label] if cand.label.lower() != label.lower() else []
        ex.entity(key, "Corridor", label, aliases=alias)
        ex.mention(key, cand.span)
        spans.setdefault(key, []).append(cand.span)
    for cand in cands:
        if cand.generic and any(cand.span in v for k, v in spans.items()
                                if ex.entities[k].label != cand.label):
            continue
        row = cand.known
        key = f"corridor/{row.key}" if row else f"corridor/{slug(cand.label)}"
        if key not in ex.entities:
            continue
        others = [o for c in cands if c is not cand and c.sentence is cand.sentence
                  for o in (c.span, _route(c)[0]) if o is not None]
        for state, span in _connects(ctx, cand, others).items():
            if state not in ex.entities:  # known only through a town on the route
                record = gazetteer.states().get(state)
                if record is None:
                    continue
                ex.entity(state, "State", record.label, same_as=record.same_as)
            ex.fact(key, KG.connects, state, span)
    return spans


# A name made of two or more towns joined by dashes, then the kind of line
_ROUTE_NAME = re.compile(r"(?:[A-Z][\w’'-]*\s*[-–—]\s*)+[A-Z][\w’'-]*\s+[a-z][a-z ]*")

# "The accord opens the way to the X corridor": the agreement just named builds it
_THE_DEAL = re.compile(r"\s*(?:The|This)\s+(?:document|agreement|deal|accord|memorandum)\b")


# the words just before a state that a route keeps away from
_AVOIDS = re.compile(r"\b(?:bypass|avoid|circumvent|skirt)(?:s|es|ed|ing)?\s+(?:the\s+)?"
                     r"(?:[a-z]+\s+){0,2}$", re.IGNORECASE)

# the words just before a town that goods travel to, from or through
_MOVE_TO = re.compile(r"\b(?:to|from|via|through)\s+(?:the\s+(?:[A-Z]\w+\s+)?(?:sea\s+)?"
                      r"port\s+of\s+)?$")

# goods on the move, as opposed to people travelling ("flew to <Town> to discuss ...")
_FREIGHT = re.compile(r"\b(?:cargo|freight|goods|containers?|shipments?|shipped|shipping|"
                      r"consignments?|trains?|wagons?|trucks?|tankers?|oil|gas|grain|exports?|"
                      r"imports?|transit|transported|delivered|carried)\b", re.IGNORECASE)

# "The sides agreed to upgrade the X crossing": the states of the sentence before
_THE_SIDES = re.compile(r"\s*(?:The|Both)\s+(?:two\s+|three\s+|four\s+|five\s+)?"
                        r"(?:sides|parties|countries|states|nations|governments|neighbou?rs|"
                        r"leaders|presidents|heads\s+of\s+state|prime\s+ministers|"
                        r"ministers)\b")


def _before_states(ctx: Context, sentence: Sentence) -> dict[str, Span]:
    """The states the sentence before (same item) names, which a group referent at the
    start of `sentence` ("The sides", "Both countries") stands for."""
    before = [s for s in ctx.item_sentences(sentence) if s.span.end <= sentence.span.start]
    if not before:
        return {}
    return {m.key: m.span for m in ctx.mentions(before[-1].span, {"State"})}


def _deal_parties(ctx: Context, sentence: Sentence) -> dict[str, Span]:
    """The states party to the last agreement the sentence before (same item) names."""
    before = [s for s in ctx.item_sentences(sentence) if s.span.end <= sentence.span.start]
    if not before:
        return {}
    deals = [m for m in ctx.ex.mentions_in(before[-1].span) if m.key.startswith("agreement/")]
    if not deals:
        return {}
    return {f.object: f.span for f in ctx.ex.facts if f.subject == deals[-1].key
            and f.predicate == KG.party and ctx.cls(f.object) == "State"}


def _nationality_of_another(ctx: Context, key: str, span: Span, cand: Cand) -> bool:
    """"The Singaporean Global DTC presented the platform ...": a demonym that qualifies
    another name (a company, a body) tells whose it is, not where the route runs."""
    entity = ctx.ex.entities[key]
    text = ctx.text(span)
    if text == entity.label or text in entity.aliases:
        return False  # the state named as such
    after = ctx.doc.text[span.end:span.end + 40]
    # ... unless that name is the corridor's own ("the Chinese Silk Road")
    return bool(re.match(r"\s+[A-Z]", after)) and not (
        cand.span.start <= span.end + 1 <= cand.span.end)


def _route(cand: Cand) -> tuple[Span | None, bool]:
    """The stretch after the corridor that traces its route, and whether it is a relative
    clause (", which links A with B") rather than a list ("via A to B")."""
    base, text = cand.sentence.span.start, cand.sentence.text
    end = cand.span.end - base
    route = _ROUTE_CLAUSE.match(text, end)
    if route:
        stop = _CLAUSE_END.search(route.group("clause"))
        return Span(base + route.start("clause"), base + (
            route.start("clause") + stop.start() if stop else route.end("clause"))), True
    route = _ROUTE_LIST.match(text, end)
    return (Span(base + route.start(), base + route.end()) if route else None), False


def _connects(ctx: Context, cand: Cand, others: list[Span] = ()) -> dict[str, Span]:
    """States the text says the corridor joins: named in its phrase or sentence; for a
    known corridor, those of its states that the item names."""
    found = dict(cand.states)
    start = cand.span.start - cand.sentence.span.start
    via = _ROUTE_LIST.match(cand.sentence.text, cand.span.end - cand.sentence.span.start)
    if via and _JOINED.search(cand.sentence.text[:start]):
        listed = Span(cand.span.end, cand.span.end + len(via.group()))
        for m in ctx.mentions(listed, {"State"}):
            found.setdefault(m.key, m.span)
        return found
    clause, relative = _route(cand)
    traced = {m.key: m.span for m in ctx.mentions(clause, {"State"})} if clause else {}
    if traced:
        found.update({k: v for k, v in traced.items() if k not in found})
        if relative:
            return found
    # a state in another corridor's name or route ("the A–B pipeline", "the Y corridor,
    # which runs from C to D") is on that one, not on every corridor of the sentence
    # nor is a state the route keeps away from ("bypassing Russian territory")
    sentence_states = {m.key: m.span for m in ctx.mentions(cand.sentence.span, {"State"})
                       if not any(o.start <= m.span.start and m.span.end <= o.end
                                  for o in others)
                       and not _AVOIDS.search(ctx.doc.text[max(cand.sentence.span.start,
                                                               m.span.start - 40):
                                                           m.span.start])}
    if cand.closed:
        return found
    if cand.known is None:
        for key, span in sentence_states.items():
            if not _nationality_of_another(ctx, key, span, cand):
                found.setdefault(key, span)
        if _THE_DEAL.match(cand.sentence.text):
            found.update({k: v for k, v in _deal_parties(ctx, cand.sentence).items()
                          if k not in found})
        elif not found and _THE_SIDES.match(cand.sentence.text):
            found.update(_before_states(ctx, cand.sentence))
        return found
    if _ROUTE_NAME.fullmatch(ctx.text(cand.span)) and len(
            ctx.mentions(cand.span, {"City", "Place"})) >= 2:
        # "the Baku – Tbilisi – Ceyhan pipeline": a name spelling the towns on the route
        # says which states it joins, as the reference row lists them
        for state in sorted(cand.known.states):
            found.setdefault(state, cand.span)
        return found
    # "shipped to <Town> and then by rail to <Town>, along the X corridor": a town the
    # goods travel to, from or through in the corridor's sentence puts its state on it
    text = cand.sentence.text
    for m in ctx.mentions(cand.sentence.span, {"City"}) if _FREIGHT.search(text) else []:
        state = ctx.country_of(m.key)
        if state in cand.known.states and _MOVE_TO.search(
                text[:m.span.start - cand.sentence.span.start]):
            found.setdefault(state, m.span)
    # "the X corridor via A to B": the route the sentence traces, not the whole item's
    # states, tells where it runs here
    for s in [cand.sentence] if traced else ctx.item_sentences(cand.sentence):
        for m in ctx.mentions(s.span, {"State"}):
            if s is cand.sentence and m.key not in sentence_states:
                continue  # on another corridor of the sentence
            entity = ctx.ex.entities[m.key]
            named = m.text == entity.label or m.text in entity.aliases
            # elsewhere in the item only a state named as such ("the Chinese side" is not)
            if m.key in cand.known.states and (named or s is cand.sentence):
                found.setdefault(m.key, m.span)
    return found
