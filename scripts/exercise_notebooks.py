"""Write the exercises notebook of every topic page with exercises, into exercises/ at the repository root.

    python scripts/exercise_notebooks.py           # write the notebooks that changed, delete orphans
    python scripts/exercise_notebooks.py --check   # change nothing; exit 1 when one is out of date

``./run exercises`` runs it. The notebooks are committed, because Colab opens notebooks from
GitHub; the build publishes the same text with the site and fails while a committed copy is
missing or out of date (``mlroadmap.exercisenotebook``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.exercisenotebook import notebook_path, orphan_problems, stale_problem, topic_notebook, write_notebooks  # noqa: E402 (after the path set-up above)
from mlroadmap.exercises import valid_exercises  # noqa: E402
from mlroadmap.load import TopicRecord, load_pages, read_docs  # noqa: E402


def notebooks(docs_dir: Path, site_url: str) -> dict[str, tuple[str, int, str]]:
    """``{topic id: (src, line of the first exercise, notebook text)}`` for every page with valid exercises."""
    records = load_pages(read_docs(docs_dir)).records
    found: dict[str, tuple[str, int, str]] = {}
    for record in sorted((r for r in records if isinstance(r, TopicRecord)), key=lambda r: r.src):
        valid = valid_exercises(record)
        if valid:
            found[record.id] = (record.src, valid[0].line, topic_notebook(record, valid, site_url))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the exercises notebooks; 1 when ``--check`` finds one stale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a notebook is stale")
    args = parser.parse_args(argv)
    project = args.config.resolve().parent
    config = yaml_load(args.config.read_text(encoding="utf-8"))
    found = notebooks(project / config.get("docs_dir", "docs"), str(config.get("site_url", "")))
    if args.check:
        problems = [
            problem
            for topic_id, (src, line, text) in found.items()
            if (problem := stale_problem(src, topic_id, line, text, project))
        ]
        problems += orphan_problems(project, found)
        print("\n".join(str(problem) for problem in problems) or f"{len(found)} exercises notebooks, all current.")
        return 1 if problems else 0
    written, deleted = write_notebooks(project, {topic_id: text for topic_id, (_, _, text) in found.items()})
    for path in written:
        print(f"wrote {path}")
    for path in deleted:
        print(f"deleted {path}")
    print(f"{len(found)} exercises notebooks ({', '.join(notebook_path(t) for t in found) or 'none'}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
