"""Tables wrapped for scrolling at build time (mlroadmap.tables), so Material's script leaves them."""

from __future__ import annotations

from mlroadmap.tables import TABLE_CLASS, WRAP_CLOSE, WRAP_OPEN, wrap_tables


def test_a_table_without_a_class_is_wrapped_and_classed_keeping_its_attributes() -> None:
    html = "<p>Before</p><table data-search-exclude><tr><td>1</td></tr></table><p>After</p>"
    assert wrap_tables(html) == (
        f'<p>Before</p>{WRAP_OPEN}<table class="{TABLE_CLASS}" data-search-exclude><tr><td>1</td></tr></table>'
        f"{WRAP_CLOSE}<p>After</p>"
    )


def test_tables_with_a_class_and_other_markup_are_left_alone() -> None:
    html = '<table class="dataframe"><tr><td>x</td></tr></table><tablet>not a table</tablet><pre>&lt;table&gt;</pre>'
    assert wrap_tables(html) == html


def test_nested_tables_close_their_own_wrappers() -> None:
    html = '<table><tr><td><table class="inner"><tr><td>i</td></tr></table></td></tr></table>'
    out = wrap_tables(html)
    assert out == (
        f'{WRAP_OPEN}<table class="{TABLE_CLASS}"><tr><td><table class="inner"><tr><td>i</td></tr></table>'
        f"</td></tr></table>{WRAP_CLOSE}"
    )
    assert out.count("<div") == out.count("</div>") == 2


def test_wrapping_twice_changes_nothing_more() -> None:
    once = wrap_tables("<table><tr><td>1</td></tr></table>\n<table>\n<tr><td>2</td></tr></table>")
    assert once.count(WRAP_OPEN) == 2
    assert wrap_tables(once) == once
