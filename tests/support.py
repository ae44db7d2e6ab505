"""Paths and small texts shared by the core tests: the seed, the shared data folder (CI has
../shared too), and a short debate written for the tests (not a real one)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_d64bfc97030efaab.txt"
EXAMPLE = ROOT / "src" / "onrecord" / "examples" / "bush_news_conference_1989-07-06.txt"

# A moderator, two candidates, a hand-over ("your response?") and a denial of the opponent.
SMALL_DEBATE = (
    "MODERATOR: Senator Smith, gas prices in Ohio rose 40 percent this year. What will you do about energy?\n\n"
    "SMITH: My plan is an all-of-the-above strategy, and that is what we will do.\n\n"
    "MODERATOR: Governor Jones, your response?\n\n"
    "JONES: In the last four years, the senator voted to cut drilling permits on federal land in half.\n\n"
    "SMITH: Not true, Governor Jones.\n\n"
    "MODERATOR: Governor Jones, what about taxes?\n\n"
    "JONES: I will cut taxes for the middle class by 20 percent.\n"
)
