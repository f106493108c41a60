"""lead_image: feed images first (largest), else the first real photo in the body."""

from __future__ import annotations

from newsfeed.model import Image, RawEntry, RawImage
from newsfeed.normalize.images import (
    drop_tracking_pixels,
    is_tracking_pixel,
    lead_image,
    looks_like_icon,
    parse_fragment,
    same_image,
    serialize_fragment,
)

BASE = "https://news.example.com/2024/05/story.html"


def entry(*images: RawImage, link: str | None = BASE, base_url: str | None = None) -> RawEntry:
    return RawEntry(link=link, images=images, base_url=base_url)


def test_largest_media_content_wins() -> None:
    chosen = lead_image(
        entry(
            RawImage("https://img.example.com/small.jpg", width=150, height=100),
            RawImage("https://img.example.com/large.jpg", width=1200, height=800),
            RawImage("https://img.example.com/medium.jpg", width=600),
        ),
        "<p><img src='https://img.example.com/body.jpg'></p>",
    )
    assert chosen is not None
    assert chosen.url == "https://img.example.com/large.jpg"
    assert (chosen.width, chosen.height) == (1200, 800)


def test_first_wins_when_widths_unknown() -> None:
    chosen = lead_image(
        entry(RawImage("https://img.example.com/a.jpg"), RawImage("https://img.example.com/b.jpg")),
        None,
    )
    assert chosen == Image("https://img.example.com/a.jpg")


def test_feed_image_caption_and_credit_kept_or_split() -> None:
    given = entry(RawImage("https://img.example.com/a.jpg", caption="Boats.", credit=" Jane Doe "))
    assert lead_image(given, None) == Image("https://img.example.com/a.jpg", "Boats.", "Jane Doe")
    split = entry(RawImage("https://img.example.com/a.jpg", caption="Boats. (Jane Doe/Reuters)"))
    img = lead_image(split, None)
    assert img is not None and (img.caption, img.credit) == ("Boats.", "Jane Doe/Reuters")
    plain = entry(RawImage("https://img.example.com/a.jpg", caption="The mayor (left) speaks"))
    img = lead_image(plain, None)
    assert img is not None and (img.caption, img.credit) == ("The mayor (left) speaks", None)


def test_feed_images_skip_pixels_icons_and_non_images() -> None:
    chosen = lead_image(
        entry(
            RawImage("https://t.example.com/open.gif", width=1, height=1),
            RawImage("https://news.example.com/favicon.ico"),
            RawImage("https://news.example.com/static/logo.png", width=2000),
            RawImage("https://v.example.com/clip.mp4", type="video/mp4", width=1920),
            RawImage("javascript:alert(1)"),
            RawImage("https://img.example.com/photo.jpg", type="image/jpeg", width=800),
        ),
        None,
    )
    assert chosen is not None and chosen.url == "https://img.example.com/photo.jpg"


def test_relative_feed_image_made_absolute() -> None:
    img = lead_image(entry(RawImage("/media/photo.jpg")), None)
    assert img is not None and img.url == "https://news.example.com/media/photo.jpg"
    img = lead_image(entry(RawImage("photo.jpg"), base_url="https://cdn.example.net/a/"), None)
    assert img is not None and img.url == "https://cdn.example.net/a/photo.jpg"


def test_figure_in_body_with_caption_and_credit() -> None:
    html = (
        "<p>Intro text.</p><figure><img src='/img/lead.jpg' alt=' Checkpoint ' width='1200'"
        " height='800px'><figcaption>Soldiers at a checkpoint on Oct. 23, 2019. "
        "(AFP via Getty Images)</figcaption></figure>"
    )
    assert lead_image(entry(), html) == Image(
        "https://news.example.com/img/lead.jpg",
        "Soldiers at a checkpoint on Oct. 23, 2019.",
        "AFP via Getty Images",
        "Checkpoint",
        1200,
        800,
    )


def test_figcaption_with_credit_element() -> None:
    html = (
        "<figure><img src='https://img.example.com/a.jpg'><figcaption>Boats in the harbour."
        " <span class='photo-credit'>Jane Doe for The Harbour Post</span></figcaption></figure>"
    )
    img = lead_image(entry(), html)
    assert img is not None
    assert (img.caption, img.credit) == ("Boats in the harbour.", "Jane Doe for The Harbour Post")
    cite = (
        "<figure><img src='https://img.example.com/a.jpg'>"
        "<figcaption>Boats.<cite>Max Moe</cite></figcaption></figure>"
    )
    img = lead_image(entry(), cite)
    assert img is not None and (img.caption, img.credit) == ("Boats.", "Max Moe")


def test_first_plain_img_skipping_pixels_and_icons() -> None:
    html = (
        "<p><img src='https://t.example.com/p.gif' width='1' height='1'>"
        "<img src='https://news.example.com/icons/share.png'>"
        "<img src='data:image/gif;base64,R0lGOD' data-src='/img/lazy.jpg' width='640'></p>"
        "<p><img src='/img/second.jpg'></p>"
    )
    img = lead_image(entry(), html)
    assert img == Image("https://news.example.com/img/lazy.jpg", width=640)


def test_srcset_largest_candidate() -> None:
    html = "<img srcset='/s.jpg 320w, /l.jpg 1280w, /m.jpg 640w'>"
    img = lead_image(entry(), html)
    assert img is not None and img.url == "https://news.example.com/l.jpg"


def test_no_image_at_all() -> None:
    assert lead_image(entry(), None) is None
    assert lead_image(entry(), "") is None
    assert lead_image(entry(), "   ") is None
    assert lead_image(entry(), "<p>No pictures here.</p>") is None
    assert lead_image(entry(), "<img width='2' height='2' src='https://x.example/p.png'>") is None
    assert lead_image(entry(link=None), "<img src='relative.jpg'>") is None


def test_is_tracking_pixel() -> None:
    assert is_tracking_pixel(1, 1)
    assert is_tracking_pixel(2, 400)
    assert is_tracking_pixel(None, 0)
    assert not is_tracking_pixel(3, 3)
    assert not is_tracking_pixel(None, None)


def test_looks_like_icon() -> None:
    assert looks_like_icon("https://example.com/favicon.ico")
    assert looks_like_icon("https://example.com/assets/logo.svg")
    assert looks_like_icon("https://secure.gravatar.com/avatar/abc")
    assert looks_like_icon("https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png")
    assert looks_like_icon("https://feeds.feedburner.com/~r/x/~4/abc")
    assert not looks_like_icon("https://img.example.com/2024/05/harbour-wall.jpg")
    assert not looks_like_icon("https://img.example.com/silicon-valley.jpg")


def test_same_image_ignores_size_query() -> None:
    assert same_image("https://img.example.com/a.jpg?w=600", "https://img.example.com/a.jpg?w=1200")
    assert not same_image("https://img.example.com/a.jpg", "https://img.example.com/b.jpg")


def test_drop_tracking_pixels_keeps_photos_and_text() -> None:
    root = parse_fragment(
        "<p>Text <img src='https://t.example/p.gif' width='1' height='1'> tail.</p>"
        "<figure><img src='https://img.example.com/a.jpg'><img src='https://stats.wordpress.com/b.gif'>"
        "<figcaption>Cap</figcaption></figure>"
    )
    assert drop_tracking_pixels(root)
    html = serialize_fragment(root)
    assert "p.gif" not in html and "stats.wordpress" not in html
    assert "Text  tail." in html
    assert "https://img.example.com/a.jpg" in html and "<figcaption>Cap</figcaption>" in html
    assert not drop_tracking_pixels(parse_fragment("<p>x</p>"))
