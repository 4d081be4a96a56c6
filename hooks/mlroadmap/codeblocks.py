"""Code blocks reachable from the keyboard before Material's script has measured them.

A code block whose lines are wider than the page scrolls sideways, and a region that scrolls must
take the keyboard's focus (WCAG 2.1.1; axe's ``scrollable-region-focusable``). Material gives such
a block ``tabindex="0"`` once it has measured it, and with ``content.lazy`` it measures a block
only when it scrolls into view: a block further down is not yet focusable when a keyboard user
tabs through the page. Here every ``<code>`` that fills a ``<pre>`` gets ``tabindex="0"`` when
the site is built; Material takes it off again a block that turns out not to scroll.
"""

from __future__ import annotations

import re

# A <pre>'s opening tag, Pygments' empty span if any, and the <code> that holds the block.
BLOCK_CODE_RE = re.compile(r"(?P<pre><pre\b[^>]*>(?:<span></span>)?)<code(?P<attrs>(?:\s[^>]*)?)>")
TABINDEX_RE = re.compile(r"\stabindex\s*=", re.IGNORECASE)


def focusable_code_blocks(html: str) -> str:
    """``html`` with ``tabindex="0"`` on the ``<code>`` of every code block that has none.

    Inline ``<code>`` (not at the start of a ``<pre>``) and everything else are left as they are.
    """

    def focusable(match: re.Match[str]) -> str:
        attrs = match["attrs"] or ""
        if TABINDEX_RE.search(attrs):
            return match[0]
        return f'{match["pre"]}<code{attrs} tabindex="0">'

    return BLOCK_CODE_RE.sub(focusable, html)
