"""Stage 4, writing RDF: an Extraction becomes one named graph per digest.

`writer.to_dataset` writes every entity and fact with an Evidence node that names the
sentence and character span it came from, and the PROV-O run that produced it.
"""
from kazgraph.loaders.rdf.writer import digest_graph_iri, to_dataset

__all__ = ["digest_graph_iri", "to_dataset"]
