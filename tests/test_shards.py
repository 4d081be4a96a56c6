"""Sharded cold builds: a stable, complete assignment; two shards and a merge equal one machine."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import REPO, SMALL_CONFIG, BuildResult, load_script, run_build, topic_page
from mlroadmap.notebooks.merge import cache_keys, merge_caches
from mlroadmap.notebooks.shards import Shard, assign, loads, share

shards_script = load_script("shards")

SHARDED_CONFIG = (
    SMALL_CONFIG.replace(
        f"  - {REPO / 'hooks' / 'roadmap.py'}\n",
        f"  - {REPO / 'hooks' / 'roadmap.py'}\n  - {REPO / 'hooks' / 'notebooks.py'}\n"
        f"  - {REPO / 'hooks' / 'pages.py'}\n",
    )
    .replace(
        "plugins: []",
        'plugins:\n  - mkdocs-jupyter:\n      include: ["*.ipynb"]\n      ignore: ["*.md"]\n      execute: false\n'
        "      cache_dir: .cache/mkdocs-jupyter",
    )
    .replace(
        "markdown_extensions: [admonition, md_in_html, tables, toc, attr_list]",
        "markdown_extensions: [admonition, md_in_html, tables, toc, attr_list, pymdownx.highlight, "
        "pymdownx.superfences]",
    )
)
KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}
# Reports and figures that say how the outputs were produced (run now, or taken from the cache),
# and when: the only differences allowed between the two sites.
EXECUTION_STATUS_RE = re.compile(r'<span class="nb-status">[^<]*</span>')
REPORTS = {"notebooks/execution-report.json", "notebooks/page-execution-report.json"}


# ----------------------------------------------------------------------------------------------
# The assignment
# ----------------------------------------------------------------------------------------------
def test_shard_is_parsed_from_i_slash_n() -> None:
    assert Shard.parse("2/3") == Shard(2, 3)
    assert str(Shard.parse(" 1/2 ")) == "1/2"
    for wrong in ("0/2", "3/2", "2", "a/b", "1/0", "-1/2"):
        with pytest.raises(ValueError, match=r"write i/n with 1 <= i <= n"):
            Shard.parse(wrong)


@pytest.mark.parametrize("count", [1, 2, 3, 5, 12])
def test_every_page_is_in_exactly_one_shard(count: int) -> None:
    expected = {f"phase-{n % 5}/topic-{n}.md": float(n % 7) for n in range(40)}
    assignment = assign(expected, count)
    assert set(assignment) == set(expected)
    assert set(assignment.values()) <= set(range(1, count + 1))
    shares = [share(expected, Shard(index, count)) for index in range(1, count + 1)]
    assert sum(len(s) for s in shares) == len(expected)
    assert set().union(*shares) == set(expected)


def test_assignment_is_stable_whatever_the_order() -> None:
    expected = {f"p/{n}.md": float(n % 4) for n in range(30)} | {f"notebooks/{n}.ipynb": 8.0 for n in range(6)}
    first = assign(expected, 3)
    items = list(expected.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert assign(dict(items), 3) == first


def test_longest_pages_go_first_to_the_least_loaded_shard() -> None:
    expected = {"a.md": 25.0, "b.md": 10.0, "c.md": 9.0, "d.md": 5.0, "e.md": 1.0}
    assert assign(expected, 2) == {"a.md": 1, "b.md": 2, "c.md": 2, "d.md": 2, "e.md": 2}
    assert loads(expected, 2) == [25.0, 25.0]
    assert max(loads({f"{n}.md": 1.0 for n in range(9)}, 3)) == 3.0


# ----------------------------------------------------------------------------------------------
# Two shards and a merge against one machine, on a small site
# ----------------------------------------------------------------------------------------------
def printing_page(topic_id: str, order: int, value: int) -> str:
    """A valid topic page with one Python block, printed and glued into the prose."""
    body = (
        f"\n## Core ideas\n\nThe value is {{{{ glue:value }}}}.\n\n```python\nvalue = {value} * 2\n"
        f'glue("value", value, fmt="{{:d}}")\nprint("{topic_id} computed", value)\n```\n'
    )
    return topic_page(topic_id, order).replace("\n## Core ideas\n\nIdeas.\n", body)


def write_notebook(path: Path, code: str) -> None:
    """A small clean notebook that prints."""
    notebook = new_notebook(
        cells=[new_markdown_cell(f"# {path.stem}"), new_code_cell(code)], metadata={"kernelspec": KERNEL}
    )
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def exercise(exercise_id: str, value: int) -> str:
    """A checked coding exercise whose solution sets ``answer`` to ``value``."""
    return (
        f"```exercise\nid: {exercise_id}\ntitle: Set the answer\ntask: Set `answer` to {value}.\n"
        f"starter: |\n  answer = ...\nsolution: |\n  answer = {value}\n"
        f'check: |\n  expect_equal("answer", answer, {value})\nhints:\n  - It is {value}.\n```\n'
    )


TWO_EXERCISES = exercise("first", 1) + "\n" + exercise("second", 2)


@pytest.fixture
def sharded_site(small_site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small site with three executed pages and two notebooks; returns its mkdocs.yml."""
    config = small_site(
        {
            "basics/alpha.md": printing_page("alpha", 1, 1),
            "basics/beta.md": printing_page("beta", 2, 2),
            "basics/gamma.md": printing_page("gamma", 3, 3).replace(
                "\n## Check your understanding\n", "\n## Check your understanding\n\n" + TWO_EXERCISES
            ),
        }
    )
    write_notebook(tmp_path / "docs" / "notebooks" / "one.ipynb", "print('one', 1 + 1)")
    write_notebook(tmp_path / "docs" / "notebooks" / "two.ipynb", "import math\nprint('two', math.sqrt(16))")
    config.write_text(SHARDED_CONFIG, encoding="utf-8")
    assert load_script("exercise_notebooks").main(["--config", str(config)]) == 0  # gamma's learner notebook
    monkeypatch.chdir(tmp_path)  # mkdocs-jupyter's cache_dir is relative to the working folder
    monkeypatch.setenv("ROADMAP_NOTEBOOK_WORKERS", "2")
    return config


def report_rows(site: Path, name: str) -> dict[str, dict[str, object]]:
    """An execution report of a built site, by page."""
    data = json.loads((site / name).read_text(encoding="utf-8"))
    return {row["notebook"]: row for row in data["notebooks"]}


def comparable(site: Path, path: Path) -> object:
    """A built file without what says how and when its outputs were produced."""
    name = path.relative_to(site).as_posix()
    data = path.read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    if name in REPORTS:
        rows = json.loads(data)["notebooks"]
        return [{k: v for k, v in row.items() if k not in {"status", "seconds", "cache"}} for row in rows]
    if name == "roadmap.json":
        return re.sub(rb'"execution_seconds": [\d.]+', b"", data)
    return EXECUTION_STATUS_RE.sub("", data.decode("utf-8")) if name.endswith(".html") else data


def built(site: Path) -> dict[str, object]:
    """Every file of a built site, comparable."""
    return {p.relative_to(site).as_posix(): comparable(site, p) for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_shards_and_a_merge_build_what_one_machine_builds(
    sharded_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # One machine, cold: executes everything.
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "one-machine"))
    single = run_build(sharded_site, tmp_path / "site-one")
    assert single.ok, single.warnings
    executed = {**report_rows(single.site_dir, "notebooks/execution-report.json")}
    executed |= report_rows(single.site_dir, "notebooks/page-execution-report.json")
    assert len(executed) == 5 and {row["status"] for row in executed.values()} == {"executed"}

    # Two shards, each cold in its own cache, each exporting what it added.
    shares: list[frozenset[str]] = []
    for index in (1, 2):
        monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / f"shard-{index}"))
        argv = ["execute", "--shard", f"{index}/2", "--config-file", str(sharded_site)]
        assert shards_script.main([*argv, "--export", str(tmp_path / f"export-{index}")]) == 0
        assert not (tmp_path / "site").exists()  # a shard builds no site
        shares.append(cache_keys(tmp_path / f"export-{index}"))
    out = capsys.readouterr().out
    assert "shard 1/2: " in out and "shard 2/2: " in out
    assert all(shares) and not shares[0] & shares[1]
    assert len(shares[0] | shares[1]) == 6  # every page, notebook and page of exercise checks, executed once

    # Merge into an empty cache; the strict build executes nothing, and builds the same site.
    monkeypatch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / "merged"))
    exports = [str(tmp_path / "export-1"), str(tmp_path / "export-2")]
    assert shards_script.main(["merge", *exports]) == 0
    assert "merge-cache: 6 entries copied" in capsys.readouterr().out
    merged_keys = cache_keys(tmp_path / "merged")
    merged: BuildResult = run_build(sharded_site, tmp_path / "site-merged")
    assert merged.ok, merged.warnings
    assert cache_keys(tmp_path / "merged") == merged_keys  # the build executed nothing, the exercise checks included
    for report in REPORTS:
        assert {row["status"] for row in report_rows(merged.site_dir, report).values()} == {"cached"}
    assert "reused from the execution cache" in (merged.site_dir / "notebooks" / "one" / "index.html").read_text()
    assert built(merged.site_dir) == built(single.site_dir)
    assert "alpha computed 2" in merged.html("basics/alpha/") and "The value is 2." in merged.html("basics/alpha/")


def test_merge_keeps_what_the_target_has_and_the_timings_of_what_it_copies(sharded_site: Path, tmp_path: Path) -> None:
    for index in (1, 2):
        argv = ["execute", "--shard", f"{index}/2", "--config-file", str(sharded_site)]
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("ROADMAP_NOTEBOOK_CACHE", str(tmp_path / f"shard-{index}"))
            assert shards_script.main(argv) == 0
    sources = [tmp_path / "shard-1", tmp_path / "shard-2"]
    first = merge_caches(tmp_path / "merged", sources)
    assert (first.copied, first.present) == (6, 0)  # 3 pages, 2 notebooks, 1 page of exercise checks
    again = merge_caches(tmp_path / "merged", sources)
    assert (again.copied, again.present) == (0, 6)
    assert cache_keys(tmp_path / "merged") == cache_keys(sources[0]) | cache_keys(sources[1])
    pages = json.loads((tmp_path / "merged" / "pages" / "durations.json").read_text(encoding="utf-8"))
    assert set(pages) == {"basics/alpha.md", "basics/beta.md", "basics/gamma.md"}


def test_a_shard_that_is_not_i_of_n_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        shards_script.main(["execute", "--shard", "3/2"])
    assert "'3/2' is not a shard: write i/n with 1 <= i <= n" in capsys.readouterr().err
