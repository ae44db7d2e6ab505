"""``onrecord batch``: analyse many transcripts into Parquet tables and JSON documents."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from onrecord import readers
from onrecord.commands.stages import stage_list
from onrecord.errors import OnrecordError


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command()
    @click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
    @click.option(
        "--out",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Output directory (Parquet tables, JSON documents, manifest, failures).",
    )
    @click.option(
        "--engine",
        type=click.Choice(["local", "ray"]),
        default="local",
        show_default=True,
        help="Worker processes on this machine, or Ray Data (pip install 'onrecord[ray]').",
    )
    @click.option(
        "--address",
        default=None,
        metavar="ADDR",
        help="Ray cluster to join (e.g. ray://head:10001 or auto); default: RAY_ADDRESS or a local Ray.",
    )
    @click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes / Ray actors (default: all local cores / all cluster CPUs).",
    )
    @click.option(
        "--stages", default=None, metavar="A,B", help="Analyzers to run after structure (default: all installed)."
    )
    @click.option("--structure-only", is_flag=True, help="Only turns, roles and exchanges; no models.")
    @click.option(
        "--layout",
        type=click.Choice(readers.names()),
        default=None,
        help="Force a layout for every input instead of detecting it.",
    )
    @click.option(
        "--part-size",
        type=click.IntRange(min=1),
        default=200,
        show_default=True,
        help="Documents per Parquet part file (the unit of resume).",
    )
    @click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=None,
        help="Analyse at most this many new inputs in this run (re-run to continue).",
    )
    @click.option("--strict", is_flag=True, help="Exit with status 1 when any input failed.")
    @click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
    def batch(
        inputs: tuple[str, ...],
        out_dir: Path,
        engine: str,
        address: str | None,
        workers: int | None,
        stages: str | None,
        structure_only: bool,
        layout: str | None,
        part_size: int,
        limit: int | None,
        strict: bool,
        quiet: bool,
    ) -> None:
        """Analyse many transcripts (files, directories, globs, s3:// gs:// hdfs:// URLs) into DIR.

        Writes DIR/tables/<table>/*.parquet (interviews, turns, exchanges, claims,
        stances, entities, numbers, attributions), DIR/json/<doc_id>.json and
        DIR/failures.jsonl.  Re-running the same command resumes: inputs whose
        content is already analysed are skipped.
        """
        try:
            from onrecord.batch import run_batch
        except ImportError as exc:
            if exc.name is not None and exc.name.split(".")[0] == "pyarrow":
                raise OnrecordError("onrecord batch needs pyarrow: pip install 'onrecord[batch]'") from None
            raise

        if address is not None and engine != "ray":
            raise OnrecordError("--address is for --engine ray")
        summary = run_batch(
            list(inputs),
            out_dir,
            engine=engine,
            stages=stage_list(stages, structure_only),
            layout=layout,
            workers=workers,
            address=address,
            part_size=part_size,
            limit=limit,
            progress=not quiet,
        )
        if not quiet:
            err = Console(stderr=True, highlight=False)
            err.print(
                f"{summary.analysed} analysed, {summary.failed} failed, {summary.skipped} already done, "
                f"{summary.duplicates} duplicates of {summary.inputs} inputs in {summary.seconds:.1f} s "
                f"({summary.per_minute:.0f}/min, {summary.engine} x{summary.workers}) -> {summary.out}"
            )
            if summary.failed:
                err.print(f"failures: {summary.out / 'failures.jsonl'}")
        if strict and summary.failed:
            raise SystemExit(1)
