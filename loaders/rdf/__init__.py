"""Stage 4, writing RDF: an Extraction becomes one named graph per digest.

`writer.to_triples` writes every entity and fact with an Evidence node that names the
sentence and character span it came from, and the PROV-O run that produced it; `to_dataset` gives the same triples as an rdflib Dataset.
"""
from kazgraph.loaders.rdf.writer import digest_graph_iri, to_dataset, to_triples

__all__ = ["digest_graph_iri", "to_dataset", "to_triples"]
