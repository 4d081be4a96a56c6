"""Code blocks focusable when the site is built (mlroadmap.codeblocks), before Material measures them."""

from __future__ import annotations

import re

from mlroadmap.codeblocks import focusable_code_blocks


def test_the_code_of_each_block_gets_a_tabindex_in_every_form_the_site_writes() -> None:
    highlighted = '<div class="highlight"><pre><span></span><code><a id="__codelineno-0-1"></a>x = 1</code></pre></div>'
    notebook = '<pre><code><span></span><span class="n">ks</span></code></pre>'
    output = '<pre class="page-output__text"><code>k=2  inertia=490.8</code></pre>'
    out = focusable_code_blocks(highlighted + notebook + output)
    assert out.count('<code tabindex="0">') == 3
    assert re.sub(r' tabindex="0"', "", out) == highlighted + notebook + output


def test_inline_code_and_blocks_that_have_a_tabindex_are_left_alone() -> None:
    html = '<p>Call <code>fit()</code> first.</p><pre><code class="x" tabindex="-1">y</code></pre><pre>plain</pre>'
    assert focusable_code_blocks(html) == html
