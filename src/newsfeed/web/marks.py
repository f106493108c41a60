"""Search snippets (text and the spans of its matches) as HTML: escaped text, each match in
<mark>. The CLI renders the same snippets in bold."""

from __future__ import annotations

import html

from markupsafe import Markup

from newsfeed.model import Snippet


def mark_html(snippet: Snippet) -> Markup:
    out: list[str] = []
    at = 0
    for start, end in snippet.spans:
        out.append(html.escape(snippet.text[at:start], quote=False))
        out.append(f"<mark>{html.escape(snippet.text[start:end], quote=False)}</mark>")
        at = end
    out.append(html.escape(snippet.text[at:], quote=False))
    return Markup("".join(out))
