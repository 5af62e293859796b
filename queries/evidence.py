"""Where the source of each answer row comes from: the `# evidence:` lines of a question.

Each line names, in terms of the row's variables, what the row rests on; the pages look
it up and show the outlet, date and sentence of one source per row. Four forms:

    # evidence: agreement kg:party party   the fact ?agreement kg:party ?party
    # evidence: item * corridor            any fact from ?item to ?corridor ("*": any
                                           property, or as object any value)
    # evidence: entity in example          a sentence of the article ?example naming ?entity
    # evidence: corridor with item         a sentence that names both ?corridor and ?item
    # evidence: evidence                   ?evidence is itself a kg:Evidence node

Lines are tried in order: a row takes its source from the first one that finds any.

>>> parse_rule("agreement kg:party party")
EvidenceRule(kind='fact', a='agreement', p='https://w3id.org/kazgraph/ontology#party', b='party')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kazgraph.vocab import PREFIXES

_VAR = re.compile(r"\??([A-Za-z_]\w*)$")
_PREFIXED = re.compile(r"([a-z]+):([A-Za-z_]\w*)$")
RDF_TYPE = PREFIXES["rdf"] + "type"


@dataclass(frozen=True)
class EvidenceRule:
    """One `# evidence:` line: its form and the variables (or property IRI) it names."""

    kind: str  # "fact", "in", "with" or "node"
    a: str  # the row variable the source is about (the fact's subject)
    p: str | None = None  # fact: property IRI, or None for any
    b: str | None = None  # fact: object variable, or None for any; in/with: the other variable

    def variables(self) -> list[str]:
        """The row variables the rule reads (each must be projected by the query)."""
        return [v for v in (self.a, self.b) if v is not None]


def _variable(token: str, spec: str) -> str:
    found = _VAR.match(token)
    if not found:
        raise ValueError(f"evidence line {spec!r}: {token!r} is not a variable name")
    return found.group(1)


def _property(token: str, spec: str) -> str | None:
    if token == "*":
        return None
    if token == "a":
        return RDF_TYPE
    found = _PREFIXED.match(token)
    if not found or found.group(1) not in PREFIXES:
        raise ValueError(f"evidence line {spec!r}: {token!r} is not a prefixed property name")
    return PREFIXES[found.group(1)] + found.group(2)


def parse_rule(spec: str) -> EvidenceRule:
    """An EvidenceRule from the text after `# evidence:`; ValueError when malformed."""
    tokens = spec.split()
    if len(tokens) == 1:
        return EvidenceRule("node", _variable(tokens[0], spec))
    if len(tokens) != 3:
        raise ValueError(f"evidence line {spec!r}: want 'S PROPERTY O', 'X in A', 'X with Y' or 'E'")
    first, middle, last = tokens
    if middle in ("in", "with"):
        return EvidenceRule(middle, _variable(first, spec), None, _variable(last, spec))
    obj = None if last == "*" else _variable(last, spec)
    return EvidenceRule("fact", _variable(first, spec), _property(middle, spec), obj)
