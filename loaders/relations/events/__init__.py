"""Events: summits, forums, visits, talks, meetings and ceremonies.

`finding.find` collects candidates: named events, `visits`, `meetings` between two
people and `ceremonies`; `surroundings` and `attendance` read each one's place, date
and participants from the text around it; `records` merges the candidates that name one
event and writes the facts (`records.emit`); `merging` compares them again once the
whole digest is read (earlier editions, headline names, names tied together later).
"""
from kazgraph.loaders.relations.events.finding import find

__all__ = ["find"]
