"""extract_body: trafilatura in fast mode first, the full cascade when that finds little."""

from __future__ import annotations

from newsfeed.parse.page.body import RECHECK_CHARS, extract_body
from newsfeed.parse.page.chrome import ChromeContext
from newsfeed.parse.page.load import parse_html

URL = "https://nordby.example/news/ferry"
FIRST = (
    "The harbour ferry to Nordby was cancelled on Tuesday after a storm damaged the landing "
    "stage, the port authority said in a statement."
)
SECOND = (
    "Repairs to the landing stage will take at least two weeks, and a replacement bus service "
    "will run from the bridge at Vester Strand."
)
THIRD = "Passengers with season tickets can claim a refund at the harbour office."


def test_text_that_trafilatura_alone_misses_is_found_by_the_full_cascade() -> None:
    # Article text loose in a div between empty "line break" divs: trafilatura's own
    # extractor keeps only the first sentence; readability (full cascade) gets it all.
    html = f"""<!DOCTYPE html><html><head><title>Ferry cancelled | Nordby Post</title></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
    <div class="wrapper"><h1>Ferry to Nordby cancelled after storm</h1>
    <div class="row"><div class="article-inner" itemprop="articleBody">
    {FIRST}<div class="fake-br"></div>{SECOND}{THIRD}<br><div class="fake-br"></div>
    </div></div></div><footer><p>© Nordby Post</p></footer></body></html>"""
    tree = parse_html(html.encode())
    assert tree is not None
    body = extract_body(tree, URL, ChromeContext())
    assert body is not None
    assert len(body.text) < RECHECK_CHARS
    assert FIRST in body.text and SECOND in body.text and THIRD in body.text
