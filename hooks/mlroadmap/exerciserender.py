"""Exercises as their page shows them: a card per exercise, and the links to the page's notebook.

Written at the Markdown stage, as HTML blocks that ``md_in_html`` fills with Markdown (fenced code
is highlighted and gets Material's copy button). A card shows the title and the task; its set-up,
starter code and check, its hints (each folded) and the reference solution (folded, "Show a
solution") sit in a ``<section data-search-exclude>``: search indexes what an exercise asks,
never its code or its answer. It is a ``<section>``, a tag nothing inside it uses: Material's
search parser ends an exclusion at the first closing tag of the same name.

Inside it, the work is folded too (``WORK_SUMMARY``): the browser does not lay out a closed
``<details>`` until it opens, and this work is about a seventh of a topic page's elements (439 of
2,993 on k-means), laid out on a phone long before the learner scrolls to it (``./run bench site``).
Chromium's find in page opens the fold, and Material opens every fold to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from mlroadmap.exercises import PageExercise, find_exercise_blocks

EXCLUDE = "data-search-exclude"
WORK_SUMMARY = "Work on it: starter code, check, hints and a solution"
BROKEN = '<p class="rm-exercise-broken">This exercise has mistakes: the build log says where.</p>'


def render_exercise(item: PageExercise, number: int) -> str:
    """One exercise as a card: title and task, then its code, hints and folded solution."""
    exercise = item.exercise
    parts = []
    if exercise.setup:
        parts.append(_code("Set-up (given: run it first)", exercise.setup))
    parts.append(_code("Your starting point", exercise.starter))
    parts.append(_code("Check (run it after your code)", exercise.check))
    parts += [_details("rm-exercise__hint", f"Hint {n}", hint) for n, hint in enumerate(exercise.hints, start=1)]
    parts.append(_details("rm-exercise__solution", "Show a solution", _fenced(exercise.solution)))
    work = _details("rm-exercise__fold", WORK_SUMMARY, "\n".join(parts))
    title = _inline(exercise.title)
    return (
        f'<div class="rm-exercise" id="exercise-{exercise.id}" markdown="1">\n'
        f'<p class="rm-exercise__title" markdown="span"><strong>Exercise {number}: {title}</strong></p>\n'
        f'<div class="rm-exercise__task" markdown="1">\n\n{exercise.task}\n\n</div>\n'
        f'<section class="rm-exercise__work" {EXCLUDE} markdown="1">\n\n{work}\n\n</section>\n'
        "</div>\n"
    )


def notebook_links(download: str, colab: str) -> str:
    """Links to a page's exercises notebook: download it (``download``, relative) and open it in Colab."""
    links = [f'<a class="md-button" href="{escape(download)}" download>Download the exercises notebook</a>']
    if colab:
        links.append(f'<a class="md-button" href="{escape(colab)}">Open in Colab</a>')
    note = '<span class="nb-status">Each check says what is wrong; it runs offline too.</span>'
    return f'<div class="nb-actions rm-exercises__actions" {EXCLUDE}>{" ".join(links)} {note}</div>\n'


def with_exercises(markdown: str, cards: Sequence[str | None], links: str) -> str:
    """``markdown`` with its exercise blocks replaced by ``cards`` (None: a broken exercise).

    ``links`` goes before the first exercise.
    """
    lines = markdown.split("\n")
    blocks = find_exercise_blocks(markdown)
    for index, block in reversed(list(enumerate(blocks))):
        card = cards[index] if index < len(cards) else None
        html = card if card is not None else BROKEN
        lines[block.start : block.end + 1] = [(links if index == 0 else "") + html]
    return "\n".join(lines)


def _code(label: str, code: str) -> str:
    return f'<p class="rm-exercise__label">{escape(label)}</p>\n\n{_fenced(code)}\n'


def _fenced(code: str) -> str:
    fence = "`" * max(3, _longest_backtick_run(code) + 1)
    return f"{fence}python\n{code}\n{fence}"


def _details(css_class: str, summary: str, body: str) -> str:
    return f'<details class="{css_class}" markdown="1">\n<summary>{escape(summary)}</summary>\n\n{body}\n\n</details>\n'


def _inline(text: str) -> str:
    """Text for one line of Markdown inside HTML: newlines folded into spaces."""
    return " ".join(text.split())


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest
