"""Content figures: topic pages, prose words per page, resources by kind and cost."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.stats import content_stats  # noqa: E402 (after the path set-up above)


def main() -> int:
    """Print the figures."""
    stats = content_stats(REPO / "docs")
    shortest, fewest = stats.min_words
    print(f"topic pages:            {stats.pages}")
    most = max(stats.words.values())
    print(f"prose words per page:   median {stats.median_words:.0f}, min {fewest} ({shortest}), max {most}")
    print(f"resources:              {sum(stats.resources_by_kind.values())}")
    print("resources by kind:      " + ", ".join(f"{kind} {count}" for kind, count in stats.resources_by_kind.items()))
    print("resources by cost:      " + ", ".join(f"{cost} {count}" for cost, count in stats.resources_by_cost.items()))
    notebooks = sorted((REPO / "docs" / "notebooks").glob("*.ipynb"))
    print(f"notebooks:              {len(notebooks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
