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


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF whose pages show ``pages``' lines in Helvetica: a text layer, as a word processor's
    export has (the test writes the file format itself, so the reading side is what is tested)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        shown = " ".join(
            "({}) Tj T*".format(ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for ln in lines
        )
        stream = f"BT /F1 10 Tf 12 TL 40 800 Td {shown} ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
