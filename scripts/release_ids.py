"""Record this release's topic ids in data/released-ids.json, so no later change can lose them.

    python scripts/release_ids.py                     # update data/released-ids.json
    python scripts/release_ids.py --check             # exit 1 when the docs have ids it lacks
    python scripts/release_ids.py --output FILE       # write the updated list to FILE instead

``./run release-ids`` runs it. A maintainer runs it on ``main`` after a deploy and commits the
file: from then on, the build fails when one of these ids disappears without a page claiming it
in ``moved_from`` (``mlroadmap.releases``). Ids are only ever added. The deploy workflow runs
``--check`` after publishing and says when the committed file is behind; it cannot commit it
itself, because its jobs may not write to the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.graph import Roadmap, assemble_roadmap  # noqa: E402 (after the path set-up above)
from mlroadmap.load import load_pages, read_docs  # noqa: E402
from mlroadmap.releases import RELEASED_PATH, load_released, release_problems, released_json, updated  # noqa: E402


def current_roadmap(docs_dir: Path) -> Roadmap:
    """The roadmap of ``docs_dir``; exits with its problems when it would not build."""
    records, problems = load_pages(read_docs(docs_dir))
    existing = {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()}
    roadmap, roadmap_problems = assemble_roadmap(records, existing)
    problems = problems + roadmap_problems
    if problems:
        print("\n".join(str(problem) for problem in sorted(problems)), file=sys.stderr)
        sys.exit("release_ids: the roadmap has problems; fix them (./run build lists them) first")
    return roadmap


def main(argv: Sequence[str] | None = None) -> int:
    """Update, write elsewhere, or check the released ids; 1 when ``--check`` finds ids missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs-dir", type=Path, default=REPO / "docs")
    parser.add_argument("--data-file", type=Path, default=REPO / RELEASED_PATH)
    parser.add_argument("--output", type=Path, help="default: --data-file")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when ids are missing")
    args = parser.parse_args(argv)
    roadmap = current_roadmap(args.docs_dir)
    problems = release_problems(roadmap, args.data_file, args.docs_dir)
    if problems:
        print("\n".join(str(problem) for problem in problems), file=sys.stderr)
        return 1
    previous, _ = load_released(args.data_file, args.docs_dir)
    new = updated(previous, roadmap)
    missing = sorted(set(new.topics) - set(previous.topics))
    if args.check:
        if missing:
            print(f"{RELEASED_PATH} lacks {len(missing)} topic id(s) of this release: {', '.join(missing)}")
            print("Run ./run release-ids on main and commit the file, so no later change can lose them.")
            return 1
        print(f"{RELEASED_PATH} has every topic id of this release ({len(new.topics)} ids).")
        return 0
    output = args.output or args.data_file
    text = released_json(new)
    if not output.exists() or output.read_text(encoding="utf-8") != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    print(f"{output}: {len(new.topics)} topic ids, {len(missing)} new.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
