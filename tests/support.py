"""Paths shared by the core tests: the seed and the shared data folder (CI has ../shared too)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_d64bfc97030efaab.txt"
EXAMPLE = ROOT / "src" / "onrecord" / "examples" / "bush_news_conference_1989-07-06.txt"
