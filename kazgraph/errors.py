"""One small hierarchy of errors; the CLI and the server turn them into messages."""
from __future__ import annotations


class Error(Exception):
    """Base of every error kazgraph raises on purpose."""

    exit_code = 1


class ConfigError(Error):
    """A setting is missing or wrong."""

    exit_code = 2


class InputError(Error):
    """A file the user gave cannot be read or parsed; names the file and the problem."""

    def __init__(self, path: str, problem: str, *, line: int | None = None) -> None:
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class StoreError(Error):
    """The store refused or failed an operation; nothing was changed."""


class QueryError(Error):
    """A SPARQL query is malformed or not allowed."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""
