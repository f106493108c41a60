"""Build the demo's pictures with Pillow: simple illustrative scenes with a colour scheme
per topic for lead photos, initials on a coloured circle for avatars. Run once after
editing the corpus (`python -m newsfeed.demo.images`); the files are shipped in `static/`.
Every picture is seeded by its file name, so a rebuild gives the same bytes."""

from __future__ import annotations

import math
import random
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from newsfeed.demo.context import AVATAR_SIZE, IMAGE_SIZE
from newsfeed.demo.corpus import STATIC_DIR, Corpus, DemoArticle, load_corpus

Rgb = tuple[int, int, int]
Painter = Callable[[ImageDraw.ImageDraw, random.Random], None]
W, H = IMAGE_SIZE

EVENT_MOTIFS = {
    "aldwater-flood": "flood",
    "rate-decision": "rates",
    "kestrel-launch": "space",
    "transit-strike": "transit",
    "millbrook-chip-plant": "chip",
    "hospital-cyberattack": "cyber",
}
TAG_MOTIFS = {
    "Economy": "rates",
    "Business": "rates",
    "Markets": "rates",
    "Science": "science",
    "Space": "space",
    "Health": "health",
    "Tech": "chip",
    "Climate": "flood",
    "Weather": "flood",
    "Transport": "transit",
    "City": "city",
}


def motif_of(article: DemoArticle) -> str:
    if article.motif:
        return article.motif
    if article.event in EVENT_MOTIFS:
        return EVENT_MOTIFS[article.event]
    return next((TAG_MOTIFS[t] for t in article.tags if t in TAG_MOTIFS), "city")


def _rng(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode()))


def _gradient(img: Image.Image, top: Rgb, bottom: Rgb) -> None:
    draw = ImageDraw.Draw(img)
    for y in range(H):
        t = y / (H - 1)
        draw.line(
            [(0, y), (W, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _shade(color: Rgb, rnd: random.Random, spread: int = 25) -> Rgb:
    r, g, b = (max(0, min(255, c + rnd.randint(-spread, spread))) for c in color)
    return r, g, b


# ── scenes ───────────────────────────────────────────────────────────────────────────
def _flood(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for x in range(0, W, 7):
        d.line([(x, 0), (x - 30, r.randint(120, 200))], fill=(190, 205, 215), width=1)
    for i in range(5):
        x0 = r.randint(-40, W - 120)
        d.rectangle([x0, 150 - i * 8, x0 + r.randint(60, 140), 260], fill=_shade((90, 80, 70), r))
        d.polygon(
            [(x0 - 10, 150 - i * 8), (x0 + 50, 110 - i * 8), (x0 + 150, 150 - i * 8)],
            fill=_shade((120, 60, 50), r),
        )
    for band in range(6):
        base = 225 + band * 24
        pts = [
            (x, base + 8 * math.sin(x / (28 + band * 6) + r.random() * 6))
            for x in range(0, W + 10, 10)
        ]
        d.polygon([*pts, (W, H), (0, H)], fill=_shade((70, 95 - band * 5, 110 + band * 6), r, 12))


def _rates(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for y in range(40, H, 40):
        d.line([(30, y), (W - 30, y)], fill=(225, 215, 190), width=1)
    heights = [r.randint(60, 260) for _ in range(12)]
    for i, height in enumerate(heights):
        x = 50 + i * 47
        d.rectangle([x, H - 40 - height, x + 30, H - 40], fill=_shade((190, 130, 30), r, 30))
    pts = [(65 + i * 47, H - 60 - h * 0.9) for i, h in enumerate(sorted(heights))]
    d.line(pts, fill=(60, 40, 20), width=4)
    d.ellipse([pts[-1][0] - 9, pts[-1][1] - 9, pts[-1][0] + 9, pts[-1][1] + 9], fill=(60, 40, 20))


def _space(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for _ in range(160):
        x, y, s = r.randint(0, W), r.randint(0, H), r.choice((1, 1, 1, 2))
        d.ellipse([x, y, x + s, y + s], fill=(235, 235, 255))
    cx, cy = r.randint(420, 560), r.randint(60, 120)
    d.ellipse([cx - 45, cy - 45, cx + 45, cy + 45], fill=(215, 215, 200))
    d.arc([60, 120, 900, 900], start=200, end=265, fill=(255, 190, 90), width=5)
    d.polygon([(130, 300), (150, 230), (170, 300)], fill=(240, 240, 240))
    d.polygon([(138, 300), (150, 350), (162, 300)], fill=(255, 150, 40))
    d.rectangle([0, 330, W, H], fill=(30, 30, 40))


def _transit(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    x = 0
    while x < W:
        w, h = r.randint(40, 90), r.randint(90, 250)
        d.rectangle([x, H - 80 - h, x + w, H - 80], fill=_shade((70, 80, 100), r, 15))
        for wy in range(H - 70 - h, H - 90, 18):
            d.rectangle([x + 8, wy, x + 16, wy + 8], fill=(240, 220, 140))
        x += w + 4
    d.rounded_rectangle([90, H - 150, 560, H - 70], radius=18, fill=(200, 60, 50))
    for wx in range(110, 540, 60):
        d.rectangle([wx, H - 138, wx + 42, H - 108], fill=(210, 230, 240))
    d.line([(0, H - 60), (W, H - 60)], fill=(60, 60, 60), width=6)


def _chip(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for _ in range(40):
        x, y = r.randint(0, W), r.randint(0, H)
        d.line(
            [(x, y), (x + r.choice((-1, 1)) * r.randint(40, 160), y)], fill=(60, 140, 90), width=2
        )
        d.line(
            [(x, y), (x, y + r.choice((-1, 1)) * r.randint(30, 120))], fill=(60, 140, 90), width=2
        )
        d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=(180, 230, 190))
    d.rectangle(
        [W / 2 - 90, H / 2 - 90, W / 2 + 90, H / 2 + 90],
        fill=(30, 40, 35),
        outline=(200, 210, 200),
        width=3,
    )
    for i in range(9):
        off = -80 + i * 20
        d.line(
            [(W / 2 + off, H / 2 - 110), (W / 2 + off, H / 2 - 90)], fill=(210, 190, 120), width=5
        )
        d.line(
            [(W / 2 + off, H / 2 + 90), (W / 2 + off, H / 2 + 110)], fill=(210, 190, 120), width=5
        )


def _cyber(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for col in range(0, W, 16):
        for row in range(r.randint(0, 8), H // 16):
            if r.random() < 0.35:
                d.text((col, row * 16), r.choice("01"), fill=_shade((60, 200, 120), r, 40))
    d.rounded_rectangle(
        [W / 2 - 55, H / 2 - 20, W / 2 + 55, H / 2 + 70], radius=10, fill=(200, 60, 60)
    )
    d.arc(
        [W / 2 - 40, H / 2 - 75, W / 2 + 40, H / 2 + 5],
        start=180,
        end=360,
        fill=(200, 60, 60),
        width=12,
    )


def _health(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for _ in range(14):
        x, y, s = r.randint(0, W), r.randint(0, H), r.randint(20, 60)
        d.ellipse([x - s, y - s, x + s, y + s], fill=_shade((170, 215, 225), r, 20))
    cx, cy = W / 2, H / 2
    d.rectangle([cx - 25, cy - 80, cx + 25, cy + 80], fill=(210, 50, 60))
    d.rectangle([cx - 80, cy - 25, cx + 80, cy + 25], fill=(210, 50, 60))


def _science(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    nodes = [(r.randint(40, W - 40), r.randint(40, H - 40)) for _ in range(14)]
    for a in nodes:
        for b in nodes:
            if a < b and math.dist(a, b) < 170:
                d.line([a, b], fill=(200, 180, 230), width=3)
    for x, y in nodes:
        s = r.randint(10, 24)
        d.ellipse([x - s, y - s, x + s, y + s], fill=_shade((150, 90, 200), r, 40))


def _city(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    d.ellipse([470, 40, 560, 130], fill=(250, 220, 150))
    for layer, tone in enumerate(((120, 130, 150), (80, 90, 110), (50, 55, 70))):
        x = -20
        while x < W:
            w, h = r.randint(30, 80), r.randint(60, 200) - layer * 30
            d.rectangle([x, H - h - 20 * (2 - layer), x + w, H], fill=_shade(tone, r, 10))
            x += w


def _energy(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    d.rectangle([0, 250, W, H], fill=(120, 160, 90))
    for i in range(4):
        x = 100 + i * 140 + r.randint(-20, 20)
        d.line([(x, 250), (x, 100)], fill=(245, 245, 245), width=6)
        for k in range(3):
            angle = r.random() + k * 2.094
            d.line(
                [(x, 100), (x + 60 * math.cos(angle), 100 + 60 * math.sin(angle))],
                fill=(245, 245, 245),
                width=5,
            )


def _abstract(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    for _ in range(18):
        x, y = r.randint(-50, W), r.randint(-50, H)
        s = r.randint(40, 160)
        color = _shade((r.randint(60, 200), r.randint(60, 200), r.randint(60, 200)), r)
        if r.random() < 0.5:
            d.ellipse([x, y, x + s, y + s], fill=color)
        else:
            d.polygon([(x, y + s), (x + s / 2, y), (x + s, y + s)], fill=color)


SCENES: dict[str, tuple[Rgb, Rgb, Painter]] = {
    "flood": ((120, 135, 150), (180, 190, 195), _flood),
    "rates": ((250, 244, 228), (236, 224, 196), _rates),
    "space": ((8, 10, 35), (40, 40, 90), _space),
    "transit": ((240, 170, 120), (120, 140, 180), _transit),
    "chip": ((15, 45, 30), (25, 70, 45), _chip),
    "cyber": ((5, 15, 10), (15, 35, 25), _cyber),
    "health": ((235, 245, 248), (210, 232, 238), _health),
    "science": ((40, 20, 70), (90, 50, 130), _science),
    "city": ((150, 190, 225), (235, 200, 170), _city),
    "energy": ((140, 190, 235), (220, 235, 245), _energy),
    "heat": ((255, 190, 90), (230, 90, 40), _city),
    "abstract": ((240, 236, 226), (220, 214, 200), _abstract),
}


def lead_image(file: str, motif: str) -> Image.Image:
    top, bottom, paint = SCENES.get(motif, SCENES["abstract"])
    img = Image.new("RGB", IMAGE_SIZE)
    _gradient(img, top, bottom)
    paint(ImageDraw.Draw(img), _rng(file))
    return img.filter(ImageFilter.GaussianBlur(0.8))


def avatar(file: str, name: str) -> Image.Image:
    rnd = _rng(file)
    size = AVATAR_SIZE
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    color = (rnd.randint(40, 170), rnd.randint(60, 160), rnd.randint(80, 190))
    draw.ellipse([0, 0, size - 1, size - 1], fill=color)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=64)
    draw.text((size / 2, size / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return img


def build(corpus: Corpus, out: Path = STATIC_DIR) -> list[Path]:
    """Write every lead photo and avatar the corpus names; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for article in corpus.articles:
        if article.photo:
            path = out / article.photo.file
            lead_image(path.name, motif_of(article)).save(path, "JPEG", quality=80, optimize=True)
            written.append(path)
    for author in corpus.authors:
        path = out / author.avatar_file
        avatar(path.name, author.name).save(path, "PNG", optimize=True)
        written.append(path)
    return written


if __name__ == "__main__":
    files = build(load_corpus())
    total = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} images, {total / 1024:.0f} KiB", file=sys.stderr)
