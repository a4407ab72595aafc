"""Render resources/icons/rothwizard.svg (the one icon source) to PNG sizes, ICO and ICNS.

    python packaging/icons/render_icons.py

Needs ``rsvg-convert`` (Debian: librsvg2-bin) and Pillow (already in the venv: reportlab needs it).
The rendered files are committed, so builds never need the renderer; run this only after changing the SVG.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SOURCE = ICONS / "rothwizard.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # Pillow picks the retina variants from these


def render(size: int, out: Path) -> None:
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-o", str(out), str(SOURCE)], check=True)


def main() -> int:
    if not shutil.which("rsvg-convert"):
        print("render_icons: rsvg-convert not found (apt-get install librsvg2-bin)", file=sys.stderr)
        return 1
    png_dir = ICONS / "png"
    png_dir.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        render(size, png_dir / f"rothwizard-{size}.png")
    # Render each ICO/ICNS size from the vector (better than Pillow's downscaling of one big PNG).
    tmp = ICONS / ".render-tmp"
    tmp.mkdir(exist_ok=True)
    try:
        images = {}
        for size in sorted(set(ICO_SIZES) | set(ICNS_SIZES)):
            render(size, tmp / f"{size}.png")
            images[size] = Image.open(tmp / f"{size}.png").convert("RGBA")
        biggest = images[max(ICO_SIZES)]
        biggest.save(ICONS / "rothwizard.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
        images[1024].save(ICONS / "rothwizard.icns", format="ICNS",
                          append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    finally:
        shutil.rmtree(tmp)
    for f in sorted(ICONS.rglob("*")):
        if f.is_file():
            print(f"{f.stat().st_size:>8}  {f.relative_to(ICONS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
