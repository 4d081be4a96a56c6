"""Cross-page rules: phases, prerequisites, cycles, ids, order and effort."""

from __future__ import annotations

from conftest import PHASE_PAGE, topic_page
from mlroadmap.graph import Roadmap, build_roadmap
from mlroadmap.load import load_pages


def roadmap_of(pages: dict[str, str]) -> tuple[Roadmap, list[str]]:
    records, problems = load_pages((src, source.encode()) for src, source in pages.items())
    assert problems == [], problems
    assert len(records) == len(pages)
    roadmap, problems = build_roadmap(records)
    return roadmap, [str(p) for p in problems]


BASE = {
    "basics/index.md": PHASE_PAGE,
    "basics/alpha.md": topic_page("alpha", 1),
    "basics/beta.md": topic_page("beta", 2, "[alpha]"),
    "basics/gamma.md": topic_page("gamma", 3, "[alpha, beta]"),
}


def test_valid_roadmap_orders_topics_and_links_both_ways() -> None:
    roadmap, problems = roadmap_of(BASE)
    assert problems == []
    assert [t.id for t in roadmap.topics_in("basics")] == ["alpha", "beta", "gamma"]
    alpha = roadmap.topic("alpha")
    assert alpha is not None
    assert [t.id for t in roadmap.next_topics(alpha)] == ["beta", "gamma"]


def test_unknown_phase_suggests_the_closest() -> None:
    _, problems = roadmap_of({**BASE, "basics/alpha.md": topic_page("alpha", 1, phase="basic")})
    assert "docs/basics/alpha.md:5: phase: unknown phase 'basic' (did you mean 'basics'?)" in problems


def test_topic_outside_its_phase_folder() -> None:
    pages = {**BASE, "other/delta.md": topic_page("delta", 4)}
    _, problems = roadmap_of(pages)
    assert any(p.startswith("docs/other/delta.md:5: phase:") and "move the file to docs/basics/" in p for p in problems)


def test_unknown_prerequisite_suggests_the_closest() -> None:
    _, problems = roadmap_of({**BASE, "basics/beta.md": topic_page("beta", 2, "[alpah]")})
    assert "docs/basics/beta.md:9: prerequisites[1]: unknown prerequisite 'alpah' (did you mean 'alpha'?)" in problems


def test_cycle_is_reported_once_with_its_path() -> None:
    _, problems = roadmap_of({**BASE, "basics/alpha.md": topic_page("alpha", 1, "[beta]")})
    cycles = [p for p in problems if "cycle" in p]
    assert cycles == [
        "docs/basics/alpha.md:9: prerequisites[1]: prerequisites form a cycle: alpha -> beta -> alpha "
        "(remove one of these prerequisites so the topics can be studied in order)"
    ]


def test_self_prerequisite() -> None:
    _, problems = roadmap_of({**BASE, "basics/alpha.md": topic_page("alpha", 1, "[alpha]")})
    assert any("a topic cannot be its own prerequisite" in p for p in problems)


def test_duplicate_topic_id_across_folders() -> None:
    other_phase = PHASE_PAGE.replace("number: 1", "number: 2").replace("Phase 1", "Phase 2")
    pages = {**BASE, "more/index.md": other_phase, "more/alpha.md": topic_page("alpha", 1, phase="more")}
    _, problems = roadmap_of(pages)
    assert any(
        p.startswith("docs/more/alpha.md") and "topic id 'alpha' is already used by docs/basics/alpha.md" in p
        for p in problems
    )


def test_duplicate_order_in_a_phase() -> None:
    _, problems = roadmap_of({**BASE, "basics/gamma.md": topic_page("gamma", 2, "[alpha]")})
    assert any("order: order 2 is also used by docs/basics/beta.md" in p for p in problems)


def test_prerequisite_in_a_later_phase() -> None:
    later = PHASE_PAGE.replace("number: 1", "number: 2").replace("weeks_min: 2", "weeks_min: 1")
    pages = {
        **BASE,
        "more/index.md": later,
        "more/delta.md": topic_page("delta", 1, phase="more"),
        "basics/alpha.md": topic_page("alpha", 1, "[delta]"),
    }
    _, problems = roadmap_of(pages)
    assert any("prerequisite 'delta' is in a later phase (more)" in p for p in problems)


def test_effort_must_fit_the_phase_duration() -> None:
    _, problems = roadmap_of({**BASE, "basics/index.md": PHASE_PAGE.replace("weeks_max: 4", "weeks_max: 2")})
    assert any("the phase's topics add up to 30 h, but 2-4 weeks at 10 h a week is 20-20 h" in p for p in problems)


def test_problems_in_a_broken_page_do_not_cascade() -> None:
    pages = {**BASE, "basics/alpha.md": topic_page("alpha", 1).replace("level: beginner", "level: x")}
    records, _ = load_pages((src, source.encode()) for src, source in pages.items())
    assert len(records) == len(pages)
    _, problems = build_roadmap(records)
    assert not any("unknown prerequisite 'alpha'" in str(p) for p in problems)


def test_a_longer_cycle_is_named_whole() -> None:
    pages = {
        **BASE,
        "basics/alpha.md": topic_page("alpha", 1, "[gamma]"),
        "basics/gamma.md": topic_page("gamma", 3, "[beta]"),
    }
    _, problems = roadmap_of(pages)
    assert [p for p in problems if "cycle" in p] == [
        "docs/basics/alpha.md:9: prerequisites[1]: prerequisites form a cycle: alpha -> gamma -> beta -> alpha "
        "(remove one of these prerequisites so the topics can be studied in order)"
    ]


def test_cycles_that_share_no_link_are_each_reported() -> None:
    pages = {
        **BASE,
        "basics/alpha.md": topic_page("alpha", 1, "[beta]"),  # beta lists alpha
        "basics/delta.md": topic_page("delta", 4, "[epsilon]"),
        "basics/epsilon.md": topic_page("epsilon", 5, "[delta]"),
    }
    _, problems = roadmap_of(pages)
    cycles = [p.split("cycle: ")[1].split(" (")[0] for p in problems if "cycle" in p]
    assert sorted(cycles) == ["alpha -> beta -> alpha", "delta -> epsilon -> delta"]


def with_book(page: str, note: str) -> str:
    """A topic page that also cites one shared book, with ``note``."""
    book = (
        "  - title: A Shared Book\n    url: https://books.example.org/shared\n    kind: book\n"
        f"    cost: paid\n    note: {note}\n"
    )
    return page.replace("resources:\n", "resources:\n" + book, 1)


def test_a_book_on_two_pages_names_the_chapter_on_each() -> None:
    vague = "A fine book on everything this page teaches."
    pages = {
        **BASE,
        "basics/alpha.md": with_book(topic_page("alpha", 1), "Chapter 6 covers the first topic in depth."),
        "basics/beta.md": with_book(topic_page("beta", 2, "[alpha]"), vague),
    }
    _, problems = roadmap_of(pages)
    note_line = pages["basics/beta.md"].splitlines().index(f"    note: {vague}") + 1
    assert problems == [
        f"docs/basics/beta.md:{note_line}: note: the book 'A Shared Book' is also cited on docs/basics/alpha.md, "
        "but this note names no chapter or section (say which part of the book this page means, "
        "e.g. 'Chapter 6 covers ...')"
    ]
    fixed = {**pages, "basics/beta.md": with_book(topic_page("beta", 2, "[alpha]"), "Section 5.4 is the part to read.")}
    assert roadmap_of(fixed)[1] == []
    once = {**BASE, "basics/beta.md": pages["basics/beta.md"]}  # cited on one page only: no chapter needed
    assert roadmap_of(once)[1] == []


def test_section_names_are_recognised() -> None:
    from mlroadmap.booknotes import names_a_section

    for note in ("Chapter 6 covers", "chapters 8 and 9", "ch. 3", "Section 5.4", "Part II", "Appendix B", "§2.3"):
        assert names_a_section(note), note
    for note in ("The chapter on trees", "A particular section", "Partly about 6 things"):
        assert not names_a_section(note), note


def test_a_broken_phase_page_is_reported_once_not_as_later_phase_prerequisites() -> None:
    later_phase = PHASE_PAGE.replace("number: 1", "number: 2").replace("Phase 1: Basics", "Phase 2: More")
    pages = {
        **BASE,
        "more/index.md": later_phase.replace("goal: Learn the basics.", "goal: Learn: more."),
        "more/delta.md": topic_page("delta", 1, "[alpha]", phase="more"),
    }
    records, load_problems = load_pages((src, source.encode()) for src, source in pages.items())
    assert [p.path for p in load_problems] == ["more/index.md"]
    _, problems = build_roadmap(records)
    assert not [p for p in problems if "later phase" in p.message], problems
