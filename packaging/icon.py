"""Draws the app's icon with Pillow: a white shopping bag with a red heart
on it, on a rounded red square, drawn afresh at each size (so that the
16-pixel one is as sharp as the 256-pixel one), into

- packaging/windows/charity-pos.ico (16-256 px: the program, its shortcuts
  and the installer), and
- charity_pos/resources/icons/charity-pos.png (256 px: the window icon
  the app sets at start, ``ui.shell.make_application``).

Both files are kept in the repository; run this again after a change:

    python packaging/icon.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ICO = ROOT / "packaging" / "windows" / "charity-pos.ico"
PNG = ROOT / "charity_pos" / "resources" / "icons" / "charity-pos.png"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)

RED = (200, 40, 40, 255)
WHITE = (255, 255, 255, 255)
#: drawn this many times larger, then scaled down: smooth edges without Pillow's (absent) anti-aliasing
OVERSAMPLE = 8


def _heart(cx: float, cy: float, width: float) -> list[tuple[float, float]]:
    """A heart's outline, ``width`` wide, centred on (cx, cy)."""
    points = []
    for step in range(200):
        t = 2 * math.pi * step / 200
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * width / 34, cy - (y + 2.5) * width / 34))
    return points


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels square."""
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    u = big / 32  # the drawing is laid out on a 32-unit grid
    pen.rounded_rectangle((0.5 * u, 0.5 * u, 31.5 * u, 31.5 * u), radius=6 * u, fill=RED)
    # the bag's handle, then its body; small sizes get a thicker handle, or it would vanish
    handle = (2.6 if size <= 24 else 2.0) * u
    pen.arc((10 * u, 4 * u, 22 * u, 16 * u), start=180, end=360, fill=WHITE, width=round(handle))
    pen.rounded_rectangle((6 * u, 10 * u, 26 * u, 28.5 * u), radius=2.5 * u, fill=WHITE)
    pen.polygon(_heart(16 * u, 19.5 * u, 13 * u), fill=RED)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICO.parent.mkdir(parents=True, exist_ok=True)
    PNG.parent.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    largest.save(PNG, format="PNG", optimize=True)
    print(f"{ICO.relative_to(ROOT)}: {', '.join(map(str, ICO_SIZES))} px; {PNG.relative_to(ROOT)}: 256 px")


if __name__ == "__main__":
    main()
