"""Readers for the check-worthiness data sets in ``shared/data/claims``.

None of these files is shipped with the package (CLEF data is research-only);
the train and evaluate commands read them from ``--data DIR``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import InputError


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 = check-worthy
    group: str  # debate / transcript id, for grouped cross-validation
    source: str  # "claimbuster", "clef2019", "clef2020", "checkthat2024"
    speaker: str = ""


def _need(path: Path) -> Path:
    if not path.exists():
        raise InputError(f"missing data: {path}")
    return path


def claimbuster(data: Path) -> list[Example]:
    """ClaimBuster crowdsourced + groundtruth; positive = CFS (Verdict 1), as in CheckThat! 2024."""
    out: list[Example] = []
    seen: set[tuple[str, str]] = set()
    for name in ("groundtruth.csv", "crowdsourced.csv"):
        with _need(data / "claimbuster" / name).open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = (row["File_id"], row["Text"])
                if key in seen:
                    continue
                seen.add(key)
                out.append(
                    Example(
                        text=row["Text"],
                        label=int(int(row["Verdict"]) == 1),
                        group="cb:" + row["File_id"].removesuffix(".txt"),
                        source="claimbuster",
                        speaker=row.get("Speaker", "") or "",
                    )
                )
    return out


def clef(data: Path, year: str) -> list[Example]:
    """CLEF CheckThat! 2019 task 1 / 2020 task 5 transcripts: ``line<TAB>speaker<TAB>text<TAB>label``."""
    out: list[Example] = []
    folder = _need(data / f"clef{year}")
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    continue
                out.append(
                    Example(
                        text=parts[2],
                        label=int(parts[3].strip() == "1"),
                        group=f"clef{year}:{path.stem}",
                        source=f"clef{year}",
                        speaker=parts[1],
                    )
                )
    return out


def checkthat2024_devtest(data: Path) -> list[Example]:
    out: list[Example] = []
    with _need(data / "checkthat2024" / "dev-test.tsv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append(
                Example(
                    text=row["Text"],
                    label=int(row["class_label"].strip() == "Yes"),
                    group="checkthat2024",
                    source="checkthat2024",
                )
            )
    return out
