"""The ``onrecord`` command.  Thin: every command calls the library, and every
error a user can cause ends as one line on stderr and a non-zero exit."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from onrecord import __version__
from onrecord.commands import MODULES
from onrecord.errors import OnrecordError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """A group that turns library errors into a clean message and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        if sys.stdout is None:  # started with stdout closed ("onrecord analyze x >&-"): nowhere to write
            if sys.stderr is not None:
                sys.stderr.write("onrecord: error: standard output is closed\n")
            sys.exit(2)
        try:
            return super().invoke(ctx)
        except OnrecordError as exc:
            click.echo(f"onrecord: error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("onrecord: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except OSError as exc:  # the file system said no (an output folder missing, a read-only disk)
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"onrecord: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except MemoryError:
            click.echo("onrecord: error: out of memory (try a smaller input or fewer --workers)", err=True)
            sys.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug, not the user's fault: say so in one line
            if os.environ.get("ONRECORD_DEBUG"):
                raise
            click.echo(
                f"onrecord: internal error: {type(exc).__name__}: {exc} "
                "(please report it; set ONRECORD_DEBUG=1 to see the traceback)",
                err=True,
            )
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="onrecord")
def main() -> None:
    """Turn published interview transcripts into an accountable record."""


@main.group(cls=_Group)
def train() -> None:
    """Train a model artifact from data (reproducible, seeded)."""


@main.group(cls=_Group)
def evaluate() -> None:
    """Score a shipped model on held-out data with the official metrics."""


for _name in MODULES:
    importlib.import_module(f"onrecord.commands.{_name}").register(main, train, evaluate)
