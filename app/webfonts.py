"""Sarabun for the browser: WOFF2 files cut down to Thai and Latin, made from the TTFs of the
`fontpkg-sarabun` package (never downloaded). A full TTF is about 90 KB; the subset about
20 KB, which a slow LAO line feels on every first visit. PDFs keep using the full TTFs.

`make setup` builds them (python -m app.webfonts); the app builds a missing one on first use.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from importlib.resources import files
from pathlib import Path

WEIGHTS = {"Sarabun-Regular": 400, "Sarabun-SemiBold": 600, "Sarabun-Bold": 700}

# Basic Latin, Latin-1, the Thai block, the punctuation Thai text uses (dashes, quotes,
# bullet, ellipsis), the dotted circle a lone Thai mark is shown on, and zero-width
# (non-)joiners and spaces that Thai word breaking inserts
UNICODES: list[int] = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x0E01, 0x0E5C),
    0x200B, 0x200C, 0x200D, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2026, 0x2212, 0x25CC,
]

_lock = threading.Lock()


def source_ttf(name: str) -> Path:
    """The full TTF in the installed font package."""
    return Path(str(files("fontpkg_sarabun") / "files" / f"{name}.ttf"))


def build(name: str, folder: Path) -> Path:
    """Write `name`.woff2 into `folder` (atomically: a reader never sees half a file)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Thai needs its mark positioning and ligatures
    options.name_IDs = ["*"]  # keeps the OFL licence and the font's names
    font = TTFont(str(source_ttf(name)))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.woff2"
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    os.close(handle)
    font.flavor = "woff2"
    font.save(temporary)
    os.replace(temporary, target)
    return target


def ensure(name: str, folder: Path) -> Path:
    """The WOFF2 file for one weight, built first if it is missing or older than its TTF."""
    target = folder / f"{name}.woff2"
    with _lock:
        if (not target.exists()
                or target.stat().st_mtime < source_ttf(name).stat().st_mtime):
            build(name, folder)
    return target


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "instance/fonts")
    for name in WEIGHTS:
        path = ensure(name, folder)
        print(f"{path} {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
