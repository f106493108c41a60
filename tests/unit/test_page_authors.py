"""Bylines and author boxes read straight from page markup."""

from __future__ import annotations

import lxml.html

from newsfeed.normalize.authors import normalize_authors
from newsfeed.parse.page.authors import read_byline

URL = "https://news.example/story/1"


def test_rel_author_links_give_one_author_each_with_profile_url() -> None:
    tree = lxml.html.document_fromstring(
        '<p class="byline">By <a rel="author" href="/p/ann">Ann Lee</a> and '
        '<a rel="author" href="/p/bo">Bo Chen</a></p><p>text</p>'
    )
    found = read_byline(tree, URL)
    assert found.source == "byline"
    assert [(a.name, a.url) for a in found.authors] == [
        ("Ann Lee", "https://news.example/p/ann"),
        ("Bo Chen", "https://news.example/p/bo"),
    ]


def test_a_plain_text_byline_is_kept_whole_for_normalize_authors_to_split() -> None:
    tree = lxml.html.document_fromstring('<div class="article-byline">By Ann Lee and Bo Chen</div>')
    found = read_byline(tree, URL)
    assert [a.name for a in found.authors] == ["By Ann Lee and Bo Chen"]
    assert [a.name for a in normalize_authors(found.authors)] == ["Ann Lee", "Bo Chen"]


def test_marked_author_box_gives_name_role_bio_avatar() -> None:
    html = (
        '<div class="author-box"><img src="/a/ann.jpg" alt="Avatar">'
        '<h4><a href="/p/ann">Ann Lee</a></h4><span class="job-title">Senior Reporter</span>'
        "<p>Ann Lee has covered the harbour and the shipping trade since 2015.</p>"
        '<a href="/p/ann">Read more</a></div>'
    )
    found = read_byline(lxml.html.document_fromstring(html), URL)
    assert found.source == "authorbox"
    (ann,) = found.authors
    assert ann.name == "Ann Lee"
    assert ann.role == "Senior Reporter"
    assert ann.bio == "Ann Lee has covered the harbour and the shipping trade since 2015."
    assert ann.avatar_url == "https://news.example/a/ann.jpg"
    assert ann.url == "https://news.example/p/ann"


def test_unmarked_box_around_an_author_link_with_a_picture() -> None:
    html = (
        '<div class="wp-block-group"><img src="/u/bo.jpg"><p><a href="/author/bo-chen">Bo Chen</a>'
        "</p><p>Reporter</p><p>Bo Chen writes about courts, crime and the county police.</p></div>"
    )
    found = read_byline(lxml.html.document_fromstring(html), URL)
    assert [(a.name, a.role) for a in found.authors] == [("Bo Chen", "Reporter")]


def test_labels_are_not_roles_and_dates_are_not_names() -> None:
    html = (
        '<div class="author-bio"><a class="author-name" href="/p/x">Cy Diaz</a>'
        '<span class="author-title">About the Author</span></div>'
        '<span class="byline">Updated 5 min read</span>'
    )
    found = read_byline(lxml.html.document_fromstring(html), URL)
    assert [(a.name, a.role) for a in found.authors] == [("Cy Diaz", None)]
