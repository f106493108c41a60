"""parse_html: the fast path for plain UTF-8 gives the same tree as trafilatura's load_html,
and everything else goes through load_html."""

from __future__ import annotations

import gzip

import pytest
from lxml.etree import tostring
from trafilatura.utils import load_html

from newsfeed.parse.page.load import parse_html

BODY = "<body><h1>Fähre fällt aus</h1><p>Die Fähre nach Nordby fährt heute nicht.</p></body>"
XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
)


@pytest.mark.parametrize(
    "html",
    [
        f"<!DOCTYPE html><html><head><title>T</title></head>{BODY}</html>".encode(),
        f"{XHTML_DOCTYPE}<html><head><title>T</title></head>{BODY}</html>".encode(),
        f"<html/>\n<head><title>T</title></head>{BODY}".encode(),  # self-closed <html/>
        f'<html><head><meta charset="iso-8859-1"></head>{BODY}</html>'.encode(),  # lying
        f"<html><head></head>{BODY}</html>".encode("latin-1"),  # not UTF-8
        f"<html><head></head>{BODY}\x00\x07</html>".encode(),  # control characters
        f"<html><head></head>{BODY}\ufffe</html>".encode(),  # a noncharacter
        gzip.compress(f"<html><head></head>{BODY}</html>".encode()),
        f"<html><head></head>{BODY}</html>",  # str
        b"<p>only a fragment</p>",  # no "html" at the start: dubious, rejected by both
        b"not html at all",
    ],
)
def test_same_tree_as_trafilatura_load_html(html: bytes | str) -> None:
    got, want = parse_html(html), load_html(html)
    assert (got is None) == (want is None)
    if got is not None and want is not None:
        assert tostring(got, encoding="unicode") == tostring(want, encoding="unicode")


def test_utf8_text_and_repairs() -> None:
    tree = parse_html(f"{XHTML_DOCTYPE}<html><head></head>{BODY}</html>".encode())
    assert tree is not None
    assert tree.findtext(".//h1") == "Fähre fällt aus"
