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


def _chart(trend: str) -> Painter:
    """Bars with a line through them that rises, falls or climbs and then levels off."""

    def paint(d: ImageDraw.ImageDraw, r: random.Random) -> None:
        for y in range(40, H, 40):
            d.line([(30, y), (W - 30, y)], fill=(225, 215, 190), width=1)
        heights = sorted(r.randint(60, 260) for _ in range(12))
        if trend == "down":
            heights.reverse()
        elif trend == "flat":
            heights = [*heights[:6], *[heights[6] + r.randint(-6, 6) for _ in range(6)]]
        for i, height in enumerate(heights):
            x = 50 + i * 47
            d.rectangle([x, H - 40 - height, x + 30, H - 40], fill=_shade((190, 130, 30), r, 30))
        pts = [(65 + i * 47, H - 60 - h * 0.9) for i, h in enumerate(heights)]
        d.line(pts, fill=(60, 40, 20), width=4)
        end = pts[-1]
        d.ellipse([end[0] - 9, end[1] - 9, end[0] + 9, end[1] + 9], fill=(60, 40, 20))

    return paint


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


def _sea(d: ImageDraw.ImageDraw, r: random.Random, top: int, tone: Rgb = (70, 100, 120)) -> None:
    d.rectangle([0, top, W, H], fill=tone)
    for _ in range(40):
        x, y = r.randint(0, W), r.randint(top + 8, H)
        d.line([(x, y), (x + r.randint(15, 40), y)], fill=_shade((150, 175, 190), r, 15), width=2)


def _harbour(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A ferry beside a wooden pier in fog."""
    _sea(d, r, 230)
    d.rectangle([0, 200, 250, 215], fill=(120, 90, 60))  # the pier's deck, on posts
    for x in range(10, 250, 40):
        d.rectangle([x, 215, x + 8, 290], fill=(90, 65, 45))
    d.polygon([(280, 235), (600, 235), (575, 280), (300, 280)], fill=(190, 50, 45))  # hull
    d.rectangle([330, 195, 540, 235], fill=(240, 240, 235))  # cabin
    for x in range(345, 530, 32):
        d.rectangle([x, 205, x + 20, 222], fill=(90, 120, 150))
    d.rectangle([430, 165, 450, 195], fill=(60, 60, 60))  # funnel


def _port(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """Stacks of shipping containers on a quay, with cranes."""
    _sea(d, r, 300)
    d.rectangle([0, 270, W, 300], fill=(150, 150, 150))
    for x0 in (60, 420):
        d.line([(x0, 270), (x0, 60)], fill=(210, 90, 40), width=8)
        d.line([(x0 + 90, 270), (x0 + 90, 60)], fill=(210, 90, 40), width=8)
        d.line([(x0 - 40, 70), (x0 + 170, 70)], fill=(210, 90, 40), width=10)
    colours = ((180, 50, 40), (40, 90, 160), (220, 160, 40), (60, 130, 80), (120, 120, 130))
    for col in range(12):
        for row in range(r.randint(1, 4)):
            x, y = 20 + col * 51, 270 - (row + 1) * 26
            d.rectangle([x, y, x + 48, y + 24], fill=_shade(r.choice(colours), r, 15))
            for rib in range(x + 6, x + 46, 8):
                d.line([(rib, y + 3), (rib, y + 21)], fill=(0, 0, 0, 60), width=1)


def _coast(seal: bool = False, road: bool = False) -> Painter:
    """Sea, a pale sandy beach and a headland; with a seal on the sand, or a road on the cliff."""

    def paint(d: ImageDraw.ImageDraw, r: random.Random) -> None:
        _sea(d, r, 190, (90, 125, 140))
        d.polygon([(0, 360), (0, 250), (260, 235), (W, 300), (W, 360)], fill=(225, 205, 160))
        d.polygon([(420, 190), (470, 110), (560, 95), (W, 120), (W, 300), (440, 260)],
                  fill=(120, 120, 100))  # fmt: skip
        if road:
            d.line([(455, 165), (560, 140), (W, 152)], fill=(60, 60, 65), width=16)
            d.line([(455, 165), (560, 140), (W, 152)], fill=(240, 240, 240), width=2)
        if seal:
            d.ellipse([150, 262, 270, 300], fill=(115, 115, 120))
            d.ellipse([245, 250, 290, 285], fill=(115, 115, 120))
            d.ellipse([270, 260, 276, 266], fill=(20, 20, 20))

    return paint


def _pitch(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A football pitch with a goal and a ball."""
    for i in range(8):
        d.rectangle([i * 80, 120, i * 80 + 80, H], fill=(60, 140, 70) if i % 2 else (70, 155, 80))
    d.line([(0, 300), (W, 300)], fill=(240, 240, 240), width=3)
    d.rectangle([200, 130, 440, 220], outline=(245, 245, 245), width=6)  # the goal
    for x in range(210, 440, 20):
        d.line([(x, 135), (x, 218)], fill=(220, 220, 220), width=1)
    d.ellipse([300, 280, 340, 320], fill=(250, 250, 250), outline=(30, 30, 30), width=2)


def _stage(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A stage between red curtains, lit by two spotlights."""
    d.rectangle([0, 270, W, H], fill=(110, 70, 40))
    for cx in (220, 420):
        d.polygon([(cx, 0), (cx - 90, 270), (cx + 90, 270)], fill=(90, 80, 60))
        d.ellipse([cx - 90, 255, cx + 90, 285], fill=(210, 180, 110))
    for side in (0, W - 120):
        for fold in range(6):
            x = side + fold * 20
            d.rectangle([x, 0, x + 20, 300], fill=(150 + fold % 2 * 25, 20, 30))
    d.rectangle([0, 0, W, 30], fill=(130, 15, 25))


def _books(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """Shelves of books."""
    for shelf in range(4):
        y = 20 + shelf * 85
        d.rectangle([20, y + 75, W - 20, y + 83], fill=(110, 75, 45))
        x = 30
        while x < W - 40:
            w, h = r.randint(12, 26), r.randint(45, 72)
            d.rectangle([x, y + 75 - h, x + w, y + 75], fill=_shade(r.choice(
                ((150, 40, 40), (40, 80, 130), (60, 110, 70), (200, 160, 60), (90, 60, 110))
            ), r, 20))  # fmt: skip
            x += w + 2


def _court(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A court building with columns and steps."""
    d.polygon([(120, 110), (320, 40), (520, 110)], fill=(225, 220, 205))
    d.rectangle([130, 110, 510, 125], fill=(210, 205, 190))
    for x in range(150, 500, 60):
        d.rectangle([x, 125, x + 28, 280], fill=(235, 230, 215))
    for step in range(4):
        d.rectangle([110 - step * 12, 280 + step * 14, 530 + step * 12, 294 + step * 14],
                    fill=(200 - step * 8, 195 - step * 8, 180 - step * 8))  # fmt: skip


def _robot(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A small wheeled robot with a camera head."""
    d.rectangle([0, 300, W, H], fill=(170, 170, 160))
    d.rounded_rectangle([240, 160, 400, 280], radius=14, fill=(90, 130, 190))
    d.rounded_rectangle([270, 95, 370, 155], radius=10, fill=(200, 205, 215))
    d.ellipse([300, 110, 340, 145], fill=(40, 40, 50))
    d.line([(320, 95), (320, 70)], fill=(60, 60, 60), width=4)
    for cx in (265, 375):
        d.ellipse([cx - 28, 270, cx + 28, 326], fill=(40, 40, 40))
    d.line([(400, 200), (470, 240)], fill=(200, 205, 215), width=10)


def _bee(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A bee over a flower on a sand dune."""
    d.polygon([(0, H), (0, 250), (200, 200), (420, 230), (W, 190), (W, H)], fill=(230, 210, 160))
    d.line([(250, 320), (260, 190)], fill=(80, 130, 60), width=5)
    for angle in range(0, 360, 60):
        px = 260 + 28 * math.cos(math.radians(angle))
        py = 180 + 28 * math.sin(math.radians(angle))
        d.ellipse([px - 18, py - 18, px + 18, py + 18], fill=(240, 240, 250))
    d.ellipse([245, 165, 275, 195], fill=(240, 190, 40))
    d.ellipse([360, 90, 440, 130], fill=(230, 170, 30))  # the bee
    for x in (380, 400, 420):
        d.line([(x, 92), (x, 128)], fill=(30, 30, 30), width=6)
    d.ellipse([370, 60, 410, 95], fill=(220, 235, 245))
    d.ellipse([395, 58, 435, 93], fill=(220, 235, 245))


def _crates(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """Cardboard boxes and tins of food on a table."""
    d.rectangle([0, 280, W, H], fill=(150, 110, 70))
    for i in range(5):
        x = 30 + i * 120
        h = r.randint(80, 140)
        d.rectangle([x, 280 - h, x + 100, 280], fill=_shade((190, 150, 100), r, 12))
        d.line([(x, 280 - h + 18), (x + 100, 280 - h + 18)], fill=(150, 115, 75), width=2)
        for t in range(3):
            tx = x + 10 + t * 30
            d.rectangle([tx, 280 - h - 36, tx + 24, 280 - h], fill=_shade((190, 60, 50), r, 40))
            d.rectangle([tx, 280 - h - 26, tx + 24, 280 - h - 12], fill=(235, 230, 210))


def _works(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A factory with a saw-tooth roof and a chimney beside a stream in green fields."""
    d.rectangle([0, 220, W, H], fill=(110, 160, 90))
    d.rectangle([150, 130, 520, 240], fill=(170, 90, 70))
    for x in range(150, 520, 74):
        d.polygon([(x, 130), (x + 74, 130), (x + 74, 95)], fill=(120, 120, 130))
    d.rectangle([470, 40, 500, 130], fill=(150, 80, 60))
    for x in range(175, 500, 50):
        d.rectangle([x, 170, x + 28, 200], fill=(230, 210, 150))
    d.polygon([(0, 300), (200, 280), (420, 310), (W, 290), (W, 320), (420, 340), (200, 312),
               (0, 330)], fill=(80, 140, 190))  # fmt: skip


def _comet(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A comet with a long pale tail among the stars."""
    for _ in range(160):
        x, y, s = r.randint(0, W), r.randint(0, H), r.choice((1, 1, 1, 2))
        d.ellipse([x, y, x + s, y + s], fill=(235, 235, 255))
    for i in range(30):
        t = i / 30
        cx, cy = 420 - 330 * t, 120 + 150 * t
        rad = 16 * (1 - t) + 4
        d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=(200 - int(120 * t),) * 3)
    d.ellipse([408, 108, 432, 132], fill=(255, 255, 240))


def _frost(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A low sun over white frosted fields and bare trees."""
    d.ellipse([480, 60, 560, 140], fill=(255, 230, 160))
    d.rectangle([0, 240, W, H], fill=(235, 240, 245))
    for _ in range(5):
        x = r.randint(30, 600)
        d.line([(x, 240), (x, 150)], fill=(90, 80, 70), width=5)
        for k in range(4):
            y = 160 + k * 18
            d.line([(x, y), (x + r.choice((-1, 1)) * r.randint(15, 35), y - 20)],
                   fill=(90, 80, 70), width=2)  # fmt: skip


def _bridge(d: ImageDraw.ImageDraw, r: random.Random) -> None:
    """A stone bridge of three arches over a high brown river, in the rain."""
    _flood(d, r)
    d.rectangle([0, 175, W, 205], fill=(150, 140, 125))
    for cx in (110, 320, 530):
        d.rectangle([cx - 100, 205, cx + 100, 260], fill=(150, 140, 125))
        d.ellipse([cx - 75, 215, cx + 75, 320], fill=(70, 90, 110))


SCENES: dict[str, tuple[Rgb, Rgb, Painter]] = {
    "flood": ((120, 135, 150), (180, 190, 195), _flood),
    "rates": ((250, 244, 228), (236, 224, 196), _chart("up")),
    "rates-down": ((250, 244, 228), (236, 224, 196), _chart("down")),
    "rates-flat": ((250, 244, 228), (236, 224, 196), _chart("flat")),
    "harbour": ((185, 190, 195), (215, 218, 220), _harbour),
    "port": ((170, 200, 225), (225, 232, 238), _port),
    "coast": ((170, 200, 225), (225, 232, 238), _coast()),
    "seal": ((170, 200, 225), (225, 232, 238), _coast(seal=True)),
    "coast-road": ((170, 200, 225), (225, 232, 238), _coast(road=True)),
    "pitch": ((140, 185, 230), (200, 225, 245), _pitch),
    "stage": ((25, 20, 25), (55, 40, 40), _stage),
    "books": ((245, 238, 225), (230, 220, 200), _books),
    "court": ((170, 200, 225), (225, 232, 238), _court),
    "robot": ((235, 235, 230), (215, 215, 210), _robot),
    "bee": ((150, 200, 240), (215, 235, 250), _bee),
    "crates": ((235, 228, 215), (220, 210, 195), _crates),
    "works": ((160, 195, 230), (220, 232, 240), _works),
    "comet": ((8, 10, 35), (30, 30, 70), _comet),
    "frost": ((175, 205, 235), (225, 235, 245), _frost),
    "bridge": ((120, 135, 150), (180, 190, 195), _bridge),
    "space": ((8, 10, 35), (40, 40, 90), _space),
    "transit": ((240, 170, 120), (120, 140, 180), _transit),
    "chip": ((15, 45, 30), (25, 70, 45), _chip),
    "cyber": ((5, 15, 10), (15, 35, 25), _cyber),
    "health": ((235, 245, 248), (210, 232, 238), _health),
    "science": ((40, 20, 70), (90, 50, 130), _science),
    "city": ((150, 190, 225), (235, 200, 170), _city),
    "energy": ((140, 190, 235), (220, 235, 245), _energy),
}


# What each scene shows, word for word the alt text of every picture drawn with it: the
# pictures are drawings, and a screen reader must hear what is really there.
ALT_TEXT = {
    "flood": "A drawing of rain falling on a row of houses standing in floodwater",
    "rates": "A drawing of a gold bar chart with a line rising to the right",
    "rates-down": "A drawing of a gold bar chart with a line falling to the right",
    "rates-flat": "A drawing of a gold bar chart with a line that climbs, then levels off",
    "space": "A drawing of a white rocket rising on a curved orange path into a starry sky, "
    "with the Moon",
    "transit": "A drawing of a red tram passing tall city buildings with lit windows at dusk",
    "chip": "A drawing of a square processor chip with gold pins on a green circuit board",
    "cyber": "A drawing of a red padlock over columns of green ones and zeros on a dark screen",
    "health": "A drawing of a red cross among pale blue circles",
    "science": "A drawing of purple dots joined by lines, like a network diagram, on violet",
    "city": "A drawing of a city skyline in grey-blue blocks under a pale sun",
    "energy": "A drawing of white wind turbines above a green field",
    "harbour": "A drawing of a red and white ferry beside a wooden pier on grey water in fog",
    "port": "A drawing of stacked shipping containers on a quay under two orange cranes",
    "coast": "A drawing of a sandy shore by grey-blue water below a rocky headland",
    "seal": "A drawing of a grey seal on a sandy beach by the sea, below a rocky headland",
    "coast-road": "A drawing of a road along the top of a rocky headland above a beach and the sea",
    "pitch": "A drawing of a football pitch with a goal and a white ball",
    "stage": "A drawing of an empty stage between red curtains, lit by two spotlights",
    "books": "A drawing of four shelves full of coloured books",
    "court": "A drawing of a court building with a row of white columns and wide steps",
    "robot": "A drawing of a small blue robot on wheels with a camera head and one arm",
    "bee": "A drawing of a striped bee flying towards a white flower on a sand dune",
    "crates": "A drawing of cardboard boxes with tins of food on top, on a table",
    "works": "A drawing of a brick factory with a saw-tooth roof and a chimney beside a stream",
    "comet": "A drawing of a comet with a long pale tail among the stars",
    "frost": "A drawing of bare trees on white frosted fields under a low sun",
    "bridge": "A drawing of a stone bridge of three arches over high water, with houses "
    "behind it in the rain",
}


def lead_image(file: str, motif: str) -> Image.Image:
    top, bottom, paint = SCENES[motif]
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
