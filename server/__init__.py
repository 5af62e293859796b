"""The web app: SPARQL endpoint, canned questions, entity pages, exports."""
