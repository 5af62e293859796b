"""kazgraph: foreign-media digests about Kazakhstan's diplomacy as an RDF knowledge graph."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kazgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
