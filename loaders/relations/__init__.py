"""Stage 3, relations by kind: what happened between the entities recognised.

`events` (a sub-package) finds summits, forums, visits, talks and meetings with their
place, date and participants; `agreements` and `agreement_parties` find agreements,
treaties and memoranda with their parties and dates; `corridors` finds transport and
trade routes and the states they link; `money` finds amounts and what they measure.
`context` holds what the finders share (sentences by item, actors and places in a
span, dates). `stage.extract` runs them: events first, because an agreement signed at
a summit takes the summit's date and participants.
"""
from kazgraph.loaders.relations.stage import extract

__all__ = ["extract"]
