"""Tables wrapped for scrolling when the site is built, not by Material's script in the browser.

Material's script wraps every table without a class in two ``div`` s that let it scroll sideways
on a phone (``md-typeset__scrollwrap`` and ``md-typeset__table``). Moving a table there after the
page is parsed restyles and lays out every cell once more: on the roadmap page, whose phase
tables hold about a thousand elements, that was the largest single piece of work on a phone
(``./run bench site``). Here each such table is written inside the same two ``div`` s and
given the class ``rm-table``, which Material's script leaves alone; reader.css styles
``table.rm-table`` as Material styles a table without a class.
"""

from __future__ import annotations

import re

TABLE_CLASS = "rm-table"
WRAP_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
WRAP_CLOSE = "</div></div>"
TABLE_TAG_RE = re.compile(r"<table(?P<attrs>(?:\s[^>]*)?)>|</table\s*>")
CLASS_ATTR_RE = re.compile(r"\sclass\s*=", re.IGNORECASE)


def wrap_tables(html: str) -> str:
    """``html`` with every table that has no class inside Material's scroll wrapper, as ``rm-table``.

    Tables with a class (a notebook's DataFrame, a layout of ours) are left as they are, and
    so is everything else in ``html``; nested tables are paired with their own closing tags.
    """
    parts: list[str] = []
    wrapped: list[bool] = []  # one entry per open table: whether it was wrapped
    position = 0
    for tag in TABLE_TAG_RE.finditer(html):
        parts.append(html[position : tag.start()])
        position = tag.end()
        if tag.group(0).startswith("</"):
            parts.append(tag.group(0) + (WRAP_CLOSE if wrapped and wrapped.pop() else ""))
            continue
        attrs = tag.group("attrs") or ""
        wrap = not CLASS_ATTR_RE.search(attrs)
        wrapped.append(wrap)
        parts.append(f'{WRAP_OPEN}<table class="{TABLE_CLASS}"{attrs}>' if wrap else tag.group(0))
    parts.append(html[position:])
    return "".join(parts)
