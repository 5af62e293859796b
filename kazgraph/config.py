"""Settings: defaults, then a TOML config file, then KAZGRAPH_* variables, then CLI flags.

The config file is --config FILE, else $KAZGRAPH_CONFIG, else ./kazgraph.toml when it
exists. Its keys are the setting names below (flat, e.g. `store = "var/store"`).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from kazgraph.errors import ConfigError
from kazgraph.vocab import DEFAULT_BASE


@dataclass
class Settings:
    """Every setting of the CLI and the server, with its default."""

    store: str = "var/store"  # folder of the embedded store
    endpoint: str | None = None  # a SPARQL server's base URL: use it instead of the store
    query_url: str | None = None  # the endpoint's URLs, when not BASE/query, /update, /store
    update_url: str | None = None
    store_url: str | None = None
    base: str = DEFAULT_BASE  # IRI base of minted entities and graphs
    query_time_limit: float = 10.0  # seconds per query in the server
    max_rows: int = 10_000  # rows returned before a result is truncated
    query_workers: int = 2  # query processes the server keeps warm
    query_workers_max: int = 12  # ...and runs at most at once while all are busy
    update_token: str | None = None  # bearer token enabling the server's /update and /store
    cors_origins: list[str] = field(default_factory=list)  # origins allowed on read endpoints
    host: str = "127.0.0.1"  # `kazgraph serve`
    port: int = 8000
    threads: int = 16  # waitress threads (more than query_workers_max: quick pages stay served)

    def open_store(self, *, read_only: bool = False):
        """The configured store: the remote endpoint when set, else the embedded folder."""
        from kazgraph.store import open_store

        if self.endpoint:
            return open_store(endpoint=self.endpoint, query_url=self.query_url,
                              update_url=self.update_url, store_url=self.store_url,
                              token=self.update_token)
        return open_store(path=self.store, read_only=read_only)

    def flask_config(self) -> dict[str, Any]:
        """The keys `kazgraph.server.create_app(test_config)` reads."""
        return {
            "KAZGRAPH_STORE": self.store,
            "KAZGRAPH_ENDPOINT": self.endpoint,
            "KAZGRAPH_QUERY_URL": self.query_url,
            "KAZGRAPH_UPDATE_URL": self.update_url,
            "KAZGRAPH_STORE_URL": self.store_url,
            "KAZGRAPH_BASE": self.base,
            "QUERY_TIME_LIMIT": self.query_time_limit,
            "MAX_ROWS": self.max_rows,
            "QUERY_WORKERS": self.query_workers,
            "QUERY_WORKERS_MAX": self.query_workers_max,
            "UPDATE_TOKEN": self.update_token,
            "CORS_ORIGINS": self.cors_origins or None,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


NAMES = {f.name: f for f in fields(Settings)}


def env_name(name: str) -> str:
    """The environment variable of a setting: store -> KAZGRAPH_STORE."""
    return "KAZGRAPH_" + name.upper()


def _typed(name: str, value: Any, where: str) -> Any:
    """`value` converted to the type of setting `name`; ConfigError naming `where`."""
    default = getattr(Settings(), name)
    kind = NAMES[name].type
    try:
        if value is None or value == "":
            return default if "None" not in str(kind) else None
        if "list" in str(kind):
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
            raise ValueError("expected a list of strings")
        if "float" in str(kind):
            result = float(value)
        elif "int" in str(kind):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError("expected a whole number")
            result = int(value)
        else:
            return str(value)
        if result < 0:
            raise ValueError("must not be negative")
        return result
    except (TypeError, ValueError) as err:
        raise ConfigError(f"{where}: bad value {value!r} for {name}: {err}") from None


def config_file(explicit: str | Path | None = None) -> Path | None:
    """The config file in force: --config, else $KAZGRAPH_CONFIG, else ./kazgraph.toml."""
    given = explicit or os.environ.get("KAZGRAPH_CONFIG")
    if given:
        path = Path(given)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        return path
    local = Path("kazgraph.toml")
    return local if local.is_file() else None


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings in a TOML file; unknown keys are an error (a typo must not pass)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    data = data.get("kazgraph", data) if isinstance(data.get("kazgraph"), dict) else data
    unknown = sorted(set(data) - set(NAMES))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)} "
                          f"(known: {', '.join(NAMES)})")
    return {k: _typed(k, v, str(path)) for k, v in data.items()}


def load_settings(*, config: str | Path | None = None, **flags: Any) -> Settings:
    """Settings from defaults < config file < environment < `flags` (None flags are ignored)."""
    values: dict[str, Any] = {}
    path = config_file(config)
    if path is not None:
        values.update(read_config_file(path))
    for name in NAMES:
        raw = os.environ.get(env_name(name))
        if raw is not None:
            values[name] = _typed(name, raw, env_name(name))
    for name, value in flags.items():
        if name not in NAMES:
            raise ConfigError(f"unknown setting {name!r}")
        if value is not None:
            values[name] = _typed(name, value, "--" + name.replace("_", "-"))
    return Settings(**values)
