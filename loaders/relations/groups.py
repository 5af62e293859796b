"""Groups of states a text names together, resolved to the states they stand for.

"Central Asian countries and China signed ...", "the five Central Asian states", "the C5",
"the Turkic states": the reader knows the members from reference data (data/groups.tsv,
regions and organisations' memberships). "The three countries signed ...", "both sides":
the states the item has already named. Each referent becomes one mention of every member
at the referent's span (`Context.mentions` returns them with the entity stage's mentions),
so the event, agreement and corridor finders read "Central Asian countries" as they read
"Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan".

A member that the digest names nowhere else is added as a State only when a fact uses it
(`settle`): a reference to a group of states is not a mention of each of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.model import Mention, Span
from kazgraph.vocab import KG


@dataclass(frozen=True)
class Grouping:
    """A row of data/groups.tsv: a group of states known by name."""

    key: str
    label: str
    names: tuple[str, ...]  # nouns used with a head word ("Central Asia countries")
    alone: tuple[str, ...]  # nouns that name the states by themselves ("the C5")
    adjectives: tuple[str, ...]
    org: str | None  # "org/<slug>" when the group is an organisation's member states
    members: tuple[tuple[str, int], ...]  # (state key, year it joined; 0 for founders)

    def members_in(self, year: int | None) -> list[str]:
        """The member states in `year` (all of them when the year is unknown)."""
        return [key for key, since in self.members if year is None or since <= year]


@cache
def groupings() -> tuple[Grouping, ...]:
    """The groups of states shipped in data/groups.tsv."""
    found = []
    known = gazetteer.states()
    for row in gazetteer.reference_rows("groups.tsv"):
        names = [n for n in row["names"].split("|") if n]
        members = []
        for code in row["members"].split():
            iso, _, since = code.partition(":")
            if f"state/{iso}" not in known:
                raise gazetteer.ReferenceDataError(
                    f"data/groups.tsv: group {row['key']} lists unknown state {iso}")
            members.append((f"state/{iso}", int(since or 0)))
        found.append(Grouping(
            row["key"], row["label"], tuple(n.lstrip("*") for n in names),
            tuple(n[1:] for n in names if n.startswith("*")),
            tuple(a for a in row["adjectives"].split("|") if a),
            f"org/{row['org']}" if row["org"] else None, tuple(members)))
    return tuple(found)


_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NUMBER = r"(?P<n>two|three|four|five|six|seven|eight|\d)"
# the words a group of states is named with: "countries", "leaders", "heads of state"
_HEAD = (r"(?P<head>countries|states|nations|republics|leaders|presidents|heads of state"
         r"(?: and government)?|governments|partners|neighbou?rs|member states|counterparts|"
         r"foreign ministers|ministers|delegations|capitals)")
_OF_HEAD = r"(?P<head>countries|states|nations|republics|leaders|heads of state|presidents)"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _patterns() -> list[tuple[re.Pattern, dict[str, Grouping]]]:
    """(pattern, surface -> group) for adjective, noun-with-head, "of" and lone forms."""
    adj = {a: g for g in groupings() for a in g.adjectives}
    noun = {n: g for g in groupings() for n in g.names}
    alone = {n: g for g in groupings() for n in g.alone}
    out = []
    if adj:  # "the five Central Asian states", "Turkic-speaking countries"
        out.append((re.compile(
            rf"\b(?:(?:the|all|both)\s+)?(?:(?:all\s+)?{_NUMBER}\s+)?(?P<other>other\s+)?"
            rf"(?P<g>{_alternation(list(adj))})\s+{_HEAD}\b", re.I), adj))
    if noun:  # "the countries of Central Asia", "Central Asia's five states", "C5 leaders"
        names = _alternation(list(noun))
        out.append((re.compile(rf"\b(?:the\s+)?(?:{_NUMBER}\s+)?{_OF_HEAD}\s+of\s+(?:the\s+)?"
                               rf"(?P<g>{names})(?![\w+])", re.I), noun))
        out.append((re.compile(rf"\b(?:the\s+)?(?P<g>{names})(?:['’]s)?\s+(?:{_NUMBER}\s+)?"
                               rf"{_HEAD}\b", re.I), noun))
    if alone:  # "the C5 and the United States signed ..."
        out.append((re.compile(rf"\bthe\s+(?P<g>{_alternation(list(alone))})(?![\w+])"), alone))
    return out


def _surface(groups: dict[str, Grouping], text: str) -> Grouping | None:
    folded = {k.lower(): g for k, g in groups.items()}
    return folded.get(text.lower())


def reference(doc, ex) -> list[tuple[Span, list[str]]]:
    """Referents to a group in data/groups.tsv: (span, member state keys)."""
    text = doc.text
    year = int(doc.published[:4]) if doc.published else None
    orgs = [m for m in ex.mentions if m.key.startswith("org/")]
    found: list[tuple[Span, list[str]]] = []
    for pattern, groups in _patterns():
        for m in pattern.finditer(text):
            group = _surface(groups, m.group("g"))
            span = Span(m.start(), m.end())
            if group is None or _inside_name(text, m, orgs, span):
                continue
            if group.org and _names_org(doc, orgs, group.org, span):
                continue  # the organisation the item names stands for its members
            members = group.members_in(year)
            n = m.groupdict().get("n")
            if n:
                want = _NUM.get(n.lower()) or int(n)
                if want not in (len(members), len(members) - bool(m.groupdict().get("other"))):
                    continue  # "two Central Asian states": some of them, which the text says
            if not any(span.start < s.end and s.start < span.end for s, _ in found):
                found.append((span, members))
    return found


def _inside_name(text: str, m: re.Match, orgs: list[Mention], span: Span) -> bool:
    """Part of a longer name: an organisation's ("Organization of Turkic States") or a
    capitalised one ("Turkic States Summit", "C5+1")."""
    if any(o.span.start < span.end and span.start < o.span.end for o in orgs):
        return True
    head = m.groupdict().get("head") or ""
    return head[:1].isupper() and bool(re.match(r"\s+[A-Z]", text[span.end:span.end + 3]))


def _names_org(doc, orgs: list[Mention], org: str, span: Span) -> bool:
    item = doc.item_at(span.start)
    if item is None:
        return any(o.key == org for o in orgs)
    return any(o.key == org and item.span.start <= o.span.start < item.span.end for o in orgs)


def mentions(ctx, found: list[tuple[Span, list[str]]]) -> list[Mention]:
    """One mention of each member at its group's span, members added as entities for now
    (`settle` drops those no fact uses)."""
    out = []
    table = gazetteer.states()
    for span, members in found:
        for key in members:
            if key not in ctx.ex.entities:
                record = table[key]
                ctx.ex.entity(key, "State", record.label, same_as=record.same_as)
                ctx.added.add(key)
            out.append(Mention(key, span, ctx.doc.text[span.start:span.end]))
    return sorted(out, key=lambda m: m.span)


# "the two sides", "both countries", "the three states": the states the item has named
_NUMBERED = re.compile(
    r"\b(?:(?:[Tt]he|[Tt]hese|[Aa]ll)\s+(?P<n>two|three|four|five|six)|(?P<both>[Bb]oth))\s+"
    r"(?P<what>sides|countries|states|nations|republics|governments)\b(?!\s+(?:of|from)\b)")


def numbered(ctx) -> list[tuple[Span, list[str]]]:
    """"The three countries signed ...": the states of the item that the number fits."""
    from kazgraph.loaders.relations.agreement_parties import group_members

    found = []
    for i, sentence in enumerate(ctx.sentences):
        for m in _NUMBERED.finditer(sentence.text):
            if m.group("both") and m.group("what") == "sides" and re.match(
                    r"\s+of\b", sentence.text[m.end():]):
                continue
            members = group_members(ctx, i, _Numbered(m))
            want = _NUM.get((m.group("n") or "two").lower())
            if len(members) == want:
                base = sentence.span.start
                found.append((Span(base + m.start(), base + m.end()), list(members)))
    return found


class _Numbered:
    """A "the N sides" match as agreement_parties.group_members reads it."""

    def __init__(self, m: re.Match) -> None:
        self.m = m

    def group(self, name: str):
        return (self.m.group("n") or "two") if name == "n" else self.m.group(name)

    def start(self) -> int:
        return self.m.start()


def settle(ctx) -> None:
    """Keep the members added for groups that a fact uses (with their ISO code, as the
    entity stage gives every state); drop the others."""
    used = {f.object for f in ctx.ex.facts if isinstance(f.object, str)}
    used |= {f.subject for f in ctx.ex.facts}
    for key in sorted(ctx.added):
        if key in used:
            ctx.ex.fact(key, KG.isoCode, _iso_literal(key))
        else:
            del ctx.ex.entities[key]


def _iso_literal(key: str):
    from rdflib import Literal

    return Literal(key.split("/", 1)[1])
