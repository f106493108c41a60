"""Full articles from web pages: `extract_page(html, url=…) -> RawPage`."""

from newsfeed.parse.page.extract import extract_page

__all__ = ["extract_page"]
