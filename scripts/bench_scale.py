"""Benchmark the site at ten times today's roadmap: build time per page, memory, search, the map.

    ./run bench scale                      # python scripts/bench_scale.py --scales 1,10
    ./run bench scale --scales 10 --keep /tmp/scale  # options go to the script
    python scripts/bench_scale.py --scales 1,10 [--no-browser] [--keep DIR]

For each scale it generates, in a temporary folder, a synthetic roadmap (:func:`generate_roadmap`):
today's five phases with their topics multiplied by the scale (about 400 at 10x), each with valid
front matter, prerequisites (the previous topic of its phase and one of the phase before), three
to six resources, as many words of prose as today's median topic, links to its prerequisites, and
one small executable Python block whose result is glued into the prose. The site is today's
``mkdocs.yml`` with its hooks, theme overrides and assets. It then prints, per scale:

- the strict build with execution off, and warm (every block taken from the cache): seconds per
  built page and the build process's peak memory;
- the search index (``search/search_index.json``), raw and gzipped;
- the roadmap page: HTML bytes, DOM elements, and in headless Chromium (Debian's, never a
  downloaded one) its first contentful paint and the time until the map is painted;
- the time a search takes once the index is loaded: median of a few queries, each timed in the
  page from the key event to its results in the DOM;
- the roadmap page's Lighthouse mobile performance score and total blocking time (median of 3,
  measured as ``./run bench site`` measures every page type).

Every topic runs the same block, so the one cold build (at the smallest scale) fills the cache for
every scale: the warm figures measure looking up and rendering outputs, not executing them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.body import TOPIC_SECTIONS  # noqa: E402 (after the path set-up above)
from mlroadmap.graph import build_roadmap  # noqa: E402
from mlroadmap.load import load_pages, read_docs  # noqa: E402
from mlroadmap.model import HOURS_PER_WEEK, Level, ResourceKind  # noqa: E402
from mlroadmap.render import INDEX_PATH  # noqa: E402
from mlroadmap.stats import WORD_RE, content_stats, topic_records  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
PREFIX = "/ml-roadmap/"  # the path of mkdocs.yml's site_url, where the served site lives
EFFORT = 10  # hours per synthetic topic: a phase of k topics lasts k to 2k weeks
BLOCK = """```python
values = [3, 1, 4, 1, 5, 9, 2, 6]
glue("total", sum(values), fmt="{:d}")
print(f"{len(values)} values, total {sum(values)}")
```"""
# A query typed into Material's search box, timed in the page: from the key event to the
# results (or "No matching documents") being in the DOM.
TIMED_SEARCH = """async (text) => {
  const box = document.querySelector('.md-search__input');
  const results = document.querySelector('.md-search-result');
  const settled = () => document.querySelectorAll('.md-search-result__item').length > 0
    || /^No matching/.test(document.querySelector('.md-search-result__meta')?.textContent.trim() ?? '');
  const started = performance.now();
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (settled()) { observer.disconnect(); resolve(performance.now() - started); }
    });
    observer.observe(results, { childList: true, subtree: true, characterData: true });
  });
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  box.dispatchEvent(new KeyboardEvent('keyup', { key: 'End', bubbles: true }));
  return await done;
}"""
QUERIES = ("gradient", "regularisation", "matrix multiplication", "cross validation", "attention")
MAP_PAINTED = """() => {
  const counts = [...document.querySelectorAll('[data-rm-phase-count]')];
  return counts.length > 0 && counts.every((count) => count.textContent.trim() !== '');
}"""


# ----------------------------------------------------------------------------------------------
# The synthetic roadmap
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PhasePlan:
    """A phase of today's roadmap, and how many topics it has."""

    id: str
    title: str
    number: int
    topics: int


def todays_phases(docs: Path = REPO / "docs") -> list[PhasePlan]:
    """Today's phases in order, with their number of topics."""
    roadmap, _ = build_roadmap(load_pages(read_docs(docs)).records)
    return [PhasePlan(p.id, p.phase.title, p.phase.number, len(roadmap.topics_in(p.id))) for p in roadmap.phases]


@functools.cache
def words_per_topic(docs: Path = REPO / "docs") -> int:
    """Words of prose in a synthetic topic: the median of today's topic pages."""
    return int(content_stats(docs).median_words)


@functools.cache
def vocabulary(docs: Path = REPO / "docs") -> list[str]:
    """Every word of today's topic pages' prose, lower case, as often as it occurs, in a stable order.

    Drawing from this list gives synthetic prose today's word frequencies. A draw over distinct
    words would make every word as rare as the rarest, text that compresses far worse than any
    real page, and so overstate the gzipped search index.
    """
    words = [word.lower() for record in topic_records(docs) for word in WORD_RE.findall(record.front.body)]
    return sorted(word for word in words if word.isalpha())


def prose(rng: random.Random, words: Sequence[str], count: int) -> str:
    """``count`` words of sentences, in paragraphs."""
    sentences: list[str] = []
    while count > 0:
        length = min(count, rng.randint(8, 22))
        sentence = " ".join(rng.choice(words) for _ in range(length))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count -= length
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def quiz(order: int, phase: int) -> str:
    """A valid self-check quiz of five questions (the site requires one on every topic page)."""
    questions = "".join(
        f"- q: Synthetic question {n} of topic {order} in phase {phase}, which option is right?\n"
        f"  options: [The first, The second, The third]\n  correct: {1 + n % 3}\n"
        f"  why: Option {1 + n % 3} is right by construction.\n"
        for n in range(1, 6)
    )
    return f"```quiz\n{questions}```"


def topic_page(
    rng: random.Random, words: Sequence[str], phase: PhasePlan, order: int, prerequisites: list[tuple[str, str]]
) -> str:
    """A synthetic topic page: valid front matter, the four sections, prose, links and one block."""
    topic_id = f"{phase.id}-{order:03d}"
    level = list(Level)[min(phase.number, len(Level)) - 1].value
    kinds = list(ResourceKind)
    resources = "".join(
        f"  - title: Resource {n} on {topic_id}\n    url: https://example.org/{topic_id}/{n}\n"
        f"    kind: {kinds[(order + n) % len(kinds)].value}\n    cost: {('free', 'freemium', 'paid')[n % 3]}\n"
        f"    note: Worth it for reason number {n} of this synthetic topic.\n"
        for n in range(1, 3 + order % 4 + 1)
    )
    tags = sorted({phase.id, rng.choice(words)})
    links = " ".join(f"Start from [{title}](../{path})." for path, title in prerequisites)
    words_in_page = words_per_topic()
    share = max(1, words_in_page // 8)
    sections = {
        "Why it matters": prose(rng, words, share),
        "Core ideas": f"{links}\n\n{prose(rng, words, words_in_page - 4 * share)}\n\n"
        f"The values add up to {{{{ glue:total }}}}.\n\n{BLOCK}\n\n{prose(rng, words, share)}",
        "Common pitfalls": "\n".join(f"- {prose(rng, words, share // 3)}" for _ in range(3)),
        "Check your understanding": "\n".join(f"{n}. {prose(rng, words, share // 3)}" for n in range(1, 4))
        + "\n\n"
        + quiz(order, phase.number),
    }
    assert tuple(sections) == TOPIC_SECTIONS
    body = "\n\n".join(f"## {name}\n\n{text}" for name, text in sections.items())
    required = ", ".join(path.rsplit("/", 1)[-1].removesuffix(".md") for path, _ in prerequisites)
    return (
        f"---\ntype: topic\ntitle: {phase.title.split(': ')[-1]} topic {order}\n"
        f"summary: Synthetic topic {order} of phase {phase.number}, long enough to be a summary.\n"
        f"phase: {phase.id}\norder: {order}\neffort_hours: {EFFORT}\nlevel: {level}\n"
        f"prerequisites: [{required}]\ntags: [{', '.join(map(json.dumps, tags))}]\n"
        f"resources:\n{resources}---\n\n{body}\n"
    )


def phase_page(rng: random.Random, words: Sequence[str], phase: PhasePlan, topics: int) -> str:
    """A synthetic phase page whose duration fits its topics' effort."""
    weeks = max(1, topics * EFFORT // HOURS_PER_WEEK)
    return (
        f'---\ntype: phase\ntitle: "{phase.title}"\nnumber: {phase.number}\n'
        f"summary: Phase {phase.number} of the synthetic roadmap, in one sentence.\n"
        f"duration: {weeks}-{2 * weeks} weeks\nweeks_min: {weeks}\nweeks_max: {2 * weeks}\n"
        f"goal: Learn what phase {phase.number} teaches.\n---\n\n"
        f"## What this phase gives you\n\n{prose(rng, words, 300)}\n"
    )


def site_config(root: Path) -> str:
    """Today's mkdocs.yml for a project in ``root``: the repository's hooks, theme and snippets."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("watch", None)
    config["extra"]["exercises_required"] = False  # synthetic topics have quizzes, not coding exercises
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    plugins = []
    for plugin in config["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "mkdocstrings":  # documents hooks/ on the contributors' pages only
            continue
        if name == "mkdocs-jupyter":
            plugin[name]["cache_dir"] = str(root / ".cache" / "mkdocs-jupyter")
        plugins.append(plugin)
    config["plugins"] = plugins
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(REPO / "snippets"), "."]
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def generate_roadmap(root: Path, scale: float, seed: int = 0) -> int:
    """Write a project with a roadmap ``scale`` times today's into ``root``; return its topic count."""
    rng = random.Random(seed)
    words = vocabulary()
    docs = root / "docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(site_config(root), encoding="utf-8")
    (docs / "index.md").write_text(f"# A synthetic roadmap\n\nSee [the roadmap]({INDEX_PATH}).\n", encoding="utf-8")
    earlier: list[tuple[str, str]] = []  # the previous phase's topics: (docs path, title)
    total = 0
    for phase in todays_phases():
        count = max(1, round(phase.topics * scale))
        (docs / phase.id).mkdir(parents=True, exist_ok=True)
        (docs / phase.id / "index.md").write_text(phase_page(rng, words, phase, count), encoding="utf-8")
        made: list[tuple[str, str]] = []
        for order in range(1, count + 1):
            prerequisites = made[-1:] + ([rng.choice(earlier)] if earlier else [])
            text = topic_page(rng, words, phase, order, prerequisites)
            path = f"{phase.id}/{phase.id}-{order:03d}.md"
            (docs / path).write_text(text, encoding="utf-8")
            made.append((path, f"{phase.title.split(': ')[-1]} topic {order}"))
        earlier = made
        total += count
    return total


# ----------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BuildFigures:
    """A strict build: passed or not, seconds, pages built, peak memory of the build process."""

    ok: bool
    seconds: float
    pages: int
    peak_mb: float
    problems: list[str]

    @property
    def per_page_ms(self) -> float:
        """Milliseconds of build per built page."""
        return 1000 * self.seconds / max(1, self.pages)


def build_in_process(config: Path, site: Path) -> BuildFigures:
    """Build strictly with MkDocs' API in this process (call it in a fresh one: memory is per process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from mlroadmap.buildlog import collect_warnings

    started = time.perf_counter()
    with collect_warnings() as collected:
        try:
            build(load_config(str(config), site_dir=str(site), strict=True))
            ok = True
        except MkDocsException:
            ok = False
    seconds = time.perf_counter() - started
    pages = sum(1 for _ in site.rglob("index.html")) if site.is_dir() else 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return BuildFigures(ok, round(seconds, 2), pages, round(peak, 1), collected.messages)


def build(config: Path, site: Path, environment: dict[str, str]) -> BuildFigures:
    """A strict build of ``config`` in a fresh Python process, with these environment variables."""
    command = [sys.executable, __file__, "--build-one", str(config), str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=environment, cwd=config.parent)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"the build process failed:\n{result.stderr[-3000:]}")
    return BuildFigures(**json.loads(lines[-1]))


@dataclass(frozen=True)
class PageFigures:
    """What a reader's browser gets: search index, roadmap page, and timings in Chromium."""

    index_kb: float
    index_gzip_kb: float
    roadmap_html_kb: float
    roadmap_gzip_kb: float
    roadmap_dom: int | None = None
    roadmap_fcp_ms: float | None = None
    map_painted_ms: float | None = None
    search_ms: float | None = None
    roadmap_lighthouse: int | None = None  # mobile performance score, median of 3
    roadmap_tbt_ms: int | None = None  # its total blocking time


def gzipped(data: bytes) -> int:
    """Bytes of ``data`` gzipped as GitHub Pages serves it."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_figures(site: Path, browser: bool) -> PageFigures:
    """Sizes from the built files, and timings in headless Chromium when asked."""
    index = (site / "search" / "search_index.json").read_bytes()
    roadmap = (site / "roadmap" / "index.html").read_bytes()
    sizes = (len(index) / 1024, gzipped(index) / 1024, len(roadmap) / 1024, gzipped(roadmap) / 1024)
    figures = PageFigures(*(round(size, 1) for size in sizes))
    if not browser:
        return figures
    return PageFigures(**{**asdict(figures), **browser_figures(site), **lighthouse_figures(site)})


def lighthouse_figures(site: Path, runs: int = 3) -> dict[str, int | None]:
    """The roadmap page's Lighthouse mobile performance and TBT, medians of ``runs``, as bench_site measures."""
    sys.path.insert(0, str(REPO / "scripts"))
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    import bench_site
    from siteserver import serve

    binary = bench_site.lighthouse_bin()
    with tempfile.TemporaryDirectory() as reports, serve(site, PREFIX) as served:
        result = bench_site.measure_page(binary, "roadmap", served.page("roadmap/"), runs, Path(reports))
    return {"roadmap_lighthouse": result.scores["performance"], "roadmap_tbt_ms": result.blocking_ms}


def browser_figures(site: Path, loads: int = 3) -> dict[str, float | int | None]:
    """The roadmap page's DOM size, paint and map timings (median of ``loads``), and search time."""
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    from playwright.sync_api import sync_playwright
    from searching import CLEARED, open_search, search
    from siteserver import serve

    with serve(site, PREFIX) as served, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 412, "height": 915})  # a phone, as Lighthouse's mobile
        paints: list[float] = []
        painted: list[float] = []
        for _ in range(loads):
            page.goto(served.page("roadmap/"))
            try:
                page.wait_for_function(MAP_PAINTED, timeout=30_000)
                painted.append(page.evaluate("() => performance.now()"))
            except Exception:  # the map code changed what it marks: no figure rather than a wrong one
                pass
            fcp = page.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
            if fcp is not None:
                paints.append(fcp)
        dom = page.evaluate("() => document.getElementsByTagName('*').length")
        open_search(page, served.url)
        search(page, "warm up the index", served.url)  # the index is loaded once the first query answers
        times = []
        for query in QUERIES:
            page.locator(".md-search__input").fill("")
            page.locator(".md-search__input").press("End")
            page.wait_for_function(CLEARED)
            times.append(page.evaluate(TIMED_SEARCH, query))
        chromium.close()
    return {
        "roadmap_dom": int(dom),
        "roadmap_fcp_ms": round(statistics.median(paints)) if paints else None,
        "map_painted_ms": round(statistics.median(painted)) if painted else None,
        "search_ms": round(statistics.median(times), 1),
    }


# ----------------------------------------------------------------------------------------------
# The benchmark
# ----------------------------------------------------------------------------------------------
def environment(cache: Path, execute: bool) -> dict[str, str]:
    """This process's environment, with the notebook cache and execution switched as asked."""
    import os

    variables = dict(os.environ, NO_MKDOCS_2_WARNING="1", ROADMAP_NOTEBOOK_CACHE=str(cache))
    variables["ROADMAP_NOTEBOOKS"] = "on" if execute else "off"
    variables.setdefault("ROADMAP_NOTEBOOK_WORKERS", "2")  # a shared machine
    return variables


def measure(scales: Sequence[float], work: Path, browser: bool) -> list[dict[str, object]]:
    """Generate, build (off, cold once, warm) and measure each scale; one row per scale."""
    cache = work / "cache"
    rows: list[dict[str, object]] = []
    for scale in sorted(scales):
        root = work / f"scale-{scale:g}"
        topics = generate_roadmap(root, scale)
        config = root / "mkdocs.yml"
        print(f"scale {scale:g}: {topics} topics; building with execution off...", flush=True)
        off = build(config, root / "site-off", environment(cache, execute=False))
        row: dict[str, object] = {"scale": scale, "topics": topics, "off": asdict(off)}
        if not (cache / "pages").is_dir():
            print(f"scale {scale:g}: the cold build (fills the cache every scale reuses)...", flush=True)
            cold = build(config, root / "site-cold", environment(cache, execute=True))
            row["cold"] = asdict(cold)
        print(f"scale {scale:g}: the warm build...", flush=True)
        warm = build(config, root / "site", environment(cache, execute=True))
        row["warm"] = asdict(warm)
        if not (off.ok and warm.ok):
            row["problems"] = (off.problems + warm.problems)[:10]
        else:
            row["pages"] = asdict(page_figures(root / "site", browser))
        rows.append(row)
    return rows


def table(rows: Sequence[dict[str, object]]) -> str:
    """The figures, one column per scale."""
    lines = [("", *(f"{row['scale']:g}x ({row['topics']} topics)" for row in rows))]

    def figure(label: str, value: object) -> None:
        lines.append((label, *(str(value(row)) if callable(value) else "" for row in rows)))

    def get(row: dict[str, object], *keys: str) -> object:
        value: object = row
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return "n/a" if value is None else value

    def per_page(row: dict[str, object], kind: str) -> str:
        data = row.get(kind)
        if not isinstance(data, dict):
            return "n/a"
        return f"{1000 * data['seconds'] / max(1, data['pages']):.0f} ms ({data['seconds']:.1f} s / {data['pages']})"

    figure("strict build, execution off, per page", lambda r: per_page(r, "off"))
    figure("strict build, warm cache, per page", lambda r: per_page(r, "warm"))
    figure("cold build (executes every block)", lambda r: per_page(r, "cold"))
    figure("peak memory, build (MB), off / warm", lambda r: f"{get(r, 'off', 'peak_mb')} / {get(r, 'warm', 'peak_mb')}")
    figure(
        "search index (KB), raw / gzip", lambda r: f"{get(r, 'pages', 'index_kb')} / {get(r, 'pages', 'index_gzip_kb')}"
    )
    figure(
        "roadmap page HTML (KB), raw / gzip",
        lambda r: f"{get(r, 'pages', 'roadmap_html_kb')} / {get(r, 'pages', 'roadmap_gzip_kb')}",
    )
    figure("roadmap page DOM elements", lambda r: get(r, "pages", "roadmap_dom"))
    figure("roadmap first contentful paint (ms)", lambda r: get(r, "pages", "roadmap_fcp_ms"))
    figure("map painted (ms after navigation)", lambda r: get(r, "pages", "map_painted_ms"))
    figure("search, median query after load (ms)", lambda r: get(r, "pages", "search_ms"))
    figure(
        "roadmap page, Lighthouse mobile perf / TBT",
        lambda r: f"{get(r, 'pages', 'roadmap_lighthouse')} / {get(r, 'pages', 'roadmap_tbt_ms')} ms",
    )
    width = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, width, strict=True)).rstrip() for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table (or, internally, one build as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated multiples of today's roadmap")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings and Lighthouse")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--build-one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_one:
        print(json.dumps(asdict(build_in_process(*args.build_one))))
        return 0
    scales = [float(text) for text in args.scales.split(",")]
    browser = not args.no_browser and CHROMIUM.exists()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = measure(scales, args.keep, browser)
    else:
        with tempfile.TemporaryDirectory(prefix="ml-roadmap-scale-") as work:
            rows = measure(scales, Path(work), browser)
    print(table(rows))
    for row in rows:
        if "problems" in row:
            print(f"\nscale {row['scale']:g}: the strict build failed:", *row["problems"], sep="\n  ")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 1 if any("problems" in row for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
