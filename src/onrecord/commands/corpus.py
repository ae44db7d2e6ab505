"""``onrecord ingest``, ``search``, ``speaker``, ``related``, ``export`` and ``interviews``: the corpus commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from onrecord.commands.console import PipeConsole
from onrecord.commands.stages import stage_list
from onrecord.corpus.defaults import DEFAULT_URL, KINDS

if TYPE_CHECKING:
    from onrecord.corpus.api import Corpus


def _open(db: str, create: bool = False) -> Corpus:
    """Only ``ingest`` creates a corpus; the commands that read it want an existing one."""
    from onrecord.corpus.api import Corpus
    from onrecord.corpus.store import CorpusError, in_memory

    if in_memory(db):  # the library may want a scratch corpus; a command's would vanish as it ends
        raise CorpusError(f"{db!r} names no database file: give a path, e.g. --db {DEFAULT_URL}")
    return Corpus.open(db, create=create)


_db = click.option(
    "--db",
    "db",
    default=DEFAULT_URL,
    show_default=True,
    envvar="ONRECORD_DB",
    help="Database URL: sqlite:///FILE (default) or postgresql://user:pass@host/db.",
)
_fmt = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Readable output (default) or one JSON document on stdout.",
)


def _json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def _rich_snippet(snippet: str) -> str:
    return (
        escape(snippet)
        .replace("&lt;mark&gt;", "<mark>")
        .replace("<mark>", "[bold yellow]")
        .replace("</mark>", "[/bold yellow]")
        .replace("\\[bold yellow]", "[bold yellow]")
    )


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command()
    @click.argument("paths", nargs=-1, required=True)
    @_db
    @click.option("--stages", default=None, metavar="A,B", help="Analyzers to run (default: all installed).")
    @click.option("--structure-only", is_flag=True, help="Only turns, roles and exchanges; no models.")
    @click.option("--reanalyze", is_flag=True, help="Re-analyse stored transcripts whose analyzer versions differ.")
    @click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes (default: cores).")
    @click.option("--no-embed", is_flag=True, help="Do not embed claims now ('related' embeds them when first asked).")
    @_fmt
    def ingest(
        paths: tuple[str, ...],
        db: str,
        stages: str | None,
        structure_only: bool,
        reanalyze: bool,
        jobs: int | None,
        no_embed: bool,
        fmt: str,
    ) -> None:
        """Analyse transcripts (files, directories, globs) and store them in the corpus."""
        from onrecord.corpus.ingest import expand_paths
        from onrecord.corpus.ingest import ingest as run_ingest

        files = expand_paths(paths)
        corpus = _open(db, create=True)
        err = Console(stderr=True)
        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("", total=len(files))

            def tick(path: str, outcome: str) -> None:
                progress.update(task, advance=1, description=f"{outcome}: {Path(path).name}")

            report = run_ingest(
                corpus.engine,
                paths,
                stages=stage_list(stages, structure_only),
                reanalyze=reanalyze,
                workers=jobs,
                embed=not no_embed,
                progress=tick,
                files=files,
            )
        if fmt == "json":
            _json(report.as_dict())
        else:
            err.print(
                f"{len(report.stored)} stored, {len(report.reanalysed)} re-analysed, "
                f"{len(report.skipped)} already stored, {len(report.failed)} failed (of {len(files)} files)"
            )
            for path, msg in report.failed:
                err.print(f"[red]failed[/red] {escape(path)}: {escape(msg)}")
        if report.failed:
            raise SystemExit(1)

    @main.command()
    @click.argument("query")
    @_db
    @click.option("--speaker", default=None, help="Only this person (any alias).")
    @click.option(
        "--role", type=click.Choice(["interviewer", "interviewee", "moderator", "audience", "other"]), default=None
    )
    @click.option("--outlet", default=None, help="Outlet name contains this.")
    @click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
    @click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
    @click.option("--clarity", default=None, help="Exchange clarity label, e.g. 'Ambivalent'.")
    @click.option("--evasion", default=None, help="Exchange evasion label, e.g. 'Dodging'.")
    @click.option("--claim-type", default=None)
    @click.option("--kind", type=click.Choice(KINDS), multiple=True, help="turn, question, answer, claim (repeatable).")
    @click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
    @_fmt
    def search(
        query: str,
        db: str,
        speaker: str | None,
        role: str | None,
        outlet: str | None,
        since: str | None,
        until: str | None,
        clarity: str | None,
        evasion: str | None,
        claim_type: str | None,
        kind: tuple[str, ...],
        limit: int,
        fmt: str,
    ) -> None:
        """Full-text search over turns, questions, answers and claims."""
        corpus = _open(db)
        hits = corpus.search(
            query,
            speaker=speaker,
            role=role,
            outlet=outlet,
            since=since,
            until=until,
            clarity=clarity,
            evasion=evasion,
            claim_type=claim_type,
            kind=list(kind),
            limit=limit,
        )
        if fmt == "json":
            _json({"query": query, "count": len(hits), "hits": [h.as_dict() for h in hits]})
            return
        out = PipeConsole()
        if not hits:
            out.print("no matches")
        for h in hits:
            where = f"#{h.interview_id} {h.title or ''}".strip()
            label = f"{h.kind} {h.ref}" + (f" (id {h.claim_id})" if h.claim_id is not None else "")
            label += f" [{h.clarity}]" if h.clarity else ""
            out.print(
                f"[cyan]{escape(label)}[/cyan]  {escape(h.speaker or h.role or '?')}  "
                f"[dim]{escape(where)} {escape(h.date or '')}[/dim]"
            )
            out.print("  " + _rich_snippet(h.snippet), highlight=False)

    @main.command()
    @click.argument("name")
    @_db
    @click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
    @_fmt
    def speaker(name: str, db: str, top: int, fmt: str) -> None:
        """One person's record: interviews, questions faced, how often answered, topics, claims."""
        p = _open(db).speaker(name, top)
        if fmt == "json":
            _json(p)
            return
        out = PipeConsole()
        out.print(
            f"[bold]{escape(p['name'])}[/bold] (speaker {p['speaker_id']}; aliases: {escape(', '.join(p['aliases']))})"
        )
        for o in p["other_matches"]:
            out.print(f"  [dim]also matches: {escape(o['name'])} (speaker {o['speaker_id']})[/dim]")
        out.print(
            f"{len(p['interviews'])} interviews, {p['turns']} turns, {p['questions_faced']} questions faced, "
            f"{p['questions_asked']} asked"
        )
        for i in p["interviews"]:
            out.print(f"  #{i['interview_id']} {escape(i['title'] or '')} {escape(i['date'] or '')} ({i['role']})")
        if p["clarity_labelled"]:
            out.print(
                f"answered {p['answered']:.0%}, ambivalent {p['ambivalent']:.0%}, "
                f"not answered {p['not_answered']:.0%} (of {p['clarity_labelled']} labelled)"
            )
            if p["evasion_techniques"]:
                out.print("evasion: " + ", ".join(f"{k} {v}" for k, v in p["evasion_techniques"].items()))
        else:
            out.print("[dim]no clarity labels stored (ingest with the clarity analyzer installed)[/dim]")
        out.print("topics: " + escape(", ".join(p["topics"])))
        for c in p["check_worthy_claims"]:
            out.print(f"  claim {c['claim_id']} ({c['score']:.2f}): {escape(c['text'])}")

    @main.command()
    @click.argument("claim_id", type=click.IntRange(1, 2**63 - 1))  # a database integer
    @_db
    @click.option("-k", "k", type=click.IntRange(1, 100), default=10, show_default=True)
    @_fmt
    def related(claim_id: int, db: str, k: int, fmt: str) -> None:
        """Claims in other interviews that repeat or oppose CLAIM_ID."""
        corpus = _open(db)
        claim = corpus.claim(claim_id)
        rel = corpus.related(claim_id, k)
        if fmt == "json":
            _json({"claim": claim, "related": [r.as_dict() for r in rel]})
            return
        out = PipeConsole()
        out.print(f"[bold]claim {claim_id}[/bold] ({escape(claim['speaker'] or '?')}): {escape(claim['text'])}")
        if not rel:
            out.print("no related claims in other interviews")
        for r in rel:
            colour = "red" if r.relation == "opposite" else "green"
            out.print(
                f"  [{colour}]{r.relation}[/{colour}] {r.similarity:.2f} claim {r.claim_id} "
                f"(#{r.interview_id}, {escape(r.speaker or '?')}): {escape(r.text)}  [dim]{escape(r.why)}[/dim]"
            )

    @main.command(name="export")
    @_db
    @click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["csv", "parquet", "convokit", "json"]),
        default="csv",
        help="Table format (csv, parquet), a ConvoKit corpus, or json: csv files plus a JSON listing.",
    )
    @click.option(
        "--tables",
        type=click.Choice(["csv", "parquet", "convokit"]),
        default=None,
        help="With --format json: which files to write (default csv).",
    )
    def export_cmd(db: str, out_dir: Path, fmt: str, tables: str | None) -> None:
        """Write turns, exchanges, claims and stances as CSV/Parquet, or a ConvoKit corpus."""
        if tables is not None and fmt != "json":
            raise click.UsageError("--tables goes with --format json (it says which files the listing covers)")
        kind = (tables or "csv") if fmt == "json" else fmt
        written = _open(db).export(out_dir, kind)
        if fmt == "json":
            _json({"format": kind, "files": [str(p) for p in written]})
        else:
            for p in written:
                click.echo(str(p))

    @main.command()
    @_db
    @_fmt
    def interviews(db: str, fmt: str) -> None:
        """List the interviews stored in the corpus."""
        rows = _open(db).interviews()
        if fmt == "json":
            _json({"count": len(rows), "interviews": rows})
            return
        out = PipeConsole()
        for r in rows:
            out.print(
                f"#{r['interview_id']} {escape(r['date'] or '----------')} {escape(r['title'] or '')} "
                f"[dim]{r['turns']} turns, {r['exchanges']} exchanges, {r['claims']} claims[/dim]"
            )
