"""The tiny body syntax of the corpus, to HTML and to plain text.

Blocks are separated by blank lines: `## ` starts a heading, `> ` a quotation, lines that
start with `- ` make a list, anything else is a paragraph. No inline markup.
"""

from __future__ import annotations

import math
import re
from html import escape

WORDS_PER_MINUTE = 265


def blocks(body: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", body.strip()) if b.strip()]


def block_html(block: str) -> str:
    if block.startswith("## "):
        return f"<h2>{escape(block[3:].strip())}</h2>"
    if block.startswith("> "):
        lines = " ".join(line.removeprefix("> ").strip() for line in block.splitlines())
        return f"<blockquote><p>{escape(lines)}</p></blockquote>"
    if block.startswith("- "):
        items = (line.removeprefix("- ").strip() for line in block.splitlines())
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    return f"<p>{escape(' '.join(block.split()))}</p>"


def body_html(body: str) -> str:
    return "\n".join(block_html(b) for b in blocks(body))


def plain_text(body: str) -> str:
    cleaned = (re.sub(r"^(## |> |- )", "", b, flags=re.M) for b in blocks(body))
    return "\n\n".join(" ".join(b.split()) for b in cleaned)


def word_count(text: str) -> int:
    return len(text.split())


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
