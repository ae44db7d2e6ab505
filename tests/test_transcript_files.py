"""The one rule for which files a folder walk reads (analyze DIR, ingest, batch)."""

from __future__ import annotations

from pathlib import Path

from onrecord.transcript_files import is_transcript_name, transcripts_in


def test_a_folder_walk_reads_transcripts_only(tmp_path: Path) -> None:
    for rel in (
        "a.txt",
        "b/c.html",
        "b/d.srt",
        "plain",
        "README.md",
        "LICENSE",
        ".hidden.txt",
        ".git/x.txt",
        "notes.pdf",
        "photo.png",
        "out/e.txt",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Q: x?\nA: y.\n")
    got = [p.relative_to(tmp_path).as_posix() for p in transcripts_in(tmp_path, skip=[tmp_path / "out"])]
    assert got == ["a.txt", "b/c.html", "b/d.srt", "notes.pdf", "plain"]
    assert transcripts_in(str(tmp_path / "b"))[0].as_posix().startswith(str(tmp_path / "b"))


def test_names() -> None:
    assert is_transcript_name("x/interview.TXT") and is_transcript_name("2012-10-16")
    assert not is_transcript_name("readme.txt") and not is_transcript_name("CHANGELOG.md")
    assert not is_transcript_name(".DS_Store") and not is_transcript_name("photo.png")
    assert is_transcript_name("hearing.pdf") and is_transcript_name("interview.docx")
