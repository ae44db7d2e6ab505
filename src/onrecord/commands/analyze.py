"""``onrecord analyze``, ``onrecord schema`` and ``onrecord layouts``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress

from onrecord import readers
from onrecord.commands.console import PipeConsole
from onrecord.commands.stages import stage_list
from onrecord.document import Interview, json_schema
from onrecord.errors import InputError, OnrecordError
from onrecord.io import read_file
from onrecord.pipeline import analyze as run_analyze
from onrecord.pipeline import default_stages
from onrecord.render.summary import print_summary
from onrecord.transcript_files import transcripts_in


def _emit(doc: Interview, fmt: str, console: Console) -> None:
    if fmt == "json":
        sys.stdout.write(doc.model_dump_json(indent=2))
        sys.stdout.write("\n")
    elif fmt == "markdown":
        from onrecord.render.markdown import to_markdown

        sys.stdout.write(to_markdown(doc))
    else:
        print_summary(doc, console)


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command()
    @click.argument("path", type=click.Path(allow_dash=True, path_type=str))
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "markdown"]),
        default="text",
        help="Readable summary (default), one JSON document, or Markdown.",
    )
    @click.option(
        "--layout", type=click.Choice(readers.names()), default=None, help="Force a layout instead of detecting it."
    )
    @click.option(
        "--stages", default=None, metavar="A,B", help="Analyzers to run after structure (default: all installed)."
    )
    @click.option("--structure-only", is_flag=True, help="Only turns, roles and exchanges; no models.")
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="With a directory PATH: write one JSON document per transcript here.",
    )
    @click.option(
        "--html",
        "html_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Also write a self-contained HTML report to this file.",
    )
    def analyze(
        path: str,
        fmt: str,
        layout: str | None,
        stages: str | None,
        structure_only: bool,
        out_dir: Path | None,
        html_path: Path | None,
    ) -> None:
        """Analyse one transcript (a file, '-' for stdin) or every transcript in a directory."""
        console = PipeConsole(stderr=fmt != "text")
        chosen = stage_list(stages, structure_only)
        names = list(default_stages()) if chosen is None else chosen
        p = Path(path)
        if path != "-" and p.is_dir():
            if html_path is not None:
                raise InputError("--html writes the report of one transcript; give a file, not a directory")
            _analyze_dir(p, fmt, layout, names, out_dir, console)
            return
        if path != "-" and not p.exists():
            raise InputError(f"{path}: no such file or directory")
        if out_dir is not None:
            raise InputError("--out is for a directory of transcripts; for one file use --format json > FILE")
        doc = run_analyze(read_file(path), layout=layout, stages=names)
        if html_path is not None:
            from onrecord.render.html import write_html

            write_html(doc, html_path)
        _emit(doc, fmt, console)

    @main.command()
    def schema() -> None:
        """Print the JSON Schema of the document that 'analyze --format json' emits."""
        click.echo(json.dumps(json_schema(), indent=2))

    @main.command()
    def layouts() -> None:
        """List the transcript layouts onrecord can read."""
        for name in readers.names():
            click.echo(name)


def _analyze_dir(
    directory: Path, fmt: str, layout: str | None, names: list[str], out_dir: Path | None, console: Console
) -> None:
    files = transcripts_in(directory, skip=[out_dir] if out_dir is not None else [])
    if not files:
        raise InputError(f"{directory}: no transcript files found")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[tuple[Path, str]] = []
    done = 0
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analysing", total=len(files))
        for f in files:
            try:
                doc = run_analyze(read_file(f), layout=layout, stages=names)
            except OnrecordError as exc:
                failures.append((f, str(exc)))
            except Exception as exc:  # a bug on one file must not cost the others
                failures.append((f, f"internal error: {type(exc).__name__}: {exc}"))
            else:
                done += 1
                if out_dir is not None:
                    # the input tree, mirrored: a/b.txt -> OUT/a/b.txt.json (no two inputs share a name)
                    rel = f.relative_to(directory)
                    target = out_dir / rel.parent / (rel.name + ".json")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(doc.model_dump_json(indent=2), encoding="utf-8")
                elif fmt == "json":
                    sys.stdout.write(doc.model_dump_json() + "\n")
                else:
                    console.rule(str(f))
                    _emit(doc, fmt, console)
            progress.advance(task)
    click.echo(
        f"{done} of {len(files)} transcripts analysed" + (f", written to {out_dir}" if out_dir else ""), err=True
    )
    for f, msg in failures:  # one line each, never wrapped, so scripts can grep them
        click.echo(f"failed {f}: {msg}", err=True)
    if failures:
        raise SystemExit(1)
