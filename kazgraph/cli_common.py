"""What every kazgraph command shares: the group that turns errors into one line, store options."""
from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable

import click

from kazgraph.config import Settings, load_settings
from kazgraph.errors import Error


# click >= 8.2 raises this for a bare `kazgraph`; older clicks print the help themselves.
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())


def fail(message: str) -> None:
    """Print one error line on stderr (the caller decides the exit code)."""
    click.echo(f"error: {message}", err=True)


class KazGroup(click.Group):
    """A click group whose errors are one line on stderr and a non-zero exit, never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS as err:
            click.echo(err.ctx.get_help() if err.ctx else err.format_message())
            rv = 0 if standalone_mode else 2
        except click.exceptions.Abort:
            fail("aborted")
            rv = 130
        except click.ClickException as err:
            fail(err.format_message())
            rv = err.exit_code
        except Error as err:
            fail(str(err))
            rv = err.exit_code
        except BrokenPipeError:  # `kazgraph export | head`: the reader left; not an error to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            rv = 1
        except OSError as err:
            fail(f"{err.filename + ': ' if err.filename else ''}{err.strerror or err}")
            rv = 1
        except Exception as err:  # noqa: BLE001 - a bug must still be one line for the user
            if os.environ.get("KAZGRAPH_DEBUG"):
                traceback.print_exc()
            fail(f"unexpected {type(err).__name__}: {err} (set KAZGRAPH_DEBUG=1 for the traceback)")
            rv = 1
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """"1 digest", "2 digests": a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def store_options(func: Callable) -> Callable:
    """Add --store, --endpoint and --config; the command receives `settings` instead."""

    @click.option("--config", "config", type=click.Path(dir_okay=False),
                  help="TOML config file (default: $KAZGRAPH_CONFIG, else ./kazgraph.toml).")
    @click.option("--endpoint", metavar="URL",
                  help="Use this SPARQL server (base URL) instead of the embedded store "
                       "[env KAZGRAPH_ENDPOINT].")
    @click.option("--store", "store", metavar="DIR", type=click.Path(file_okay=False),
                  help="Folder of the embedded store [env KAZGRAPH_STORE; default var/store].")
    @functools.wraps(func)
    def wrapper(*args, config=None, endpoint=None, store=None, **kwargs):
        settings = load_settings(config=config, store=store, endpoint=endpoint)
        return func(*args, settings=settings, **kwargs)

    return wrapper


def where(settings: Settings) -> str:
    """The store in words, for messages."""
    return settings.endpoint or settings.store
