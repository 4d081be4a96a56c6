"""The execution report: per notebook, status, seconds and cache hit or miss."""

from __future__ import annotations

import json
from collections.abc import Sequence

from mlroadmap.notebooks.execute import NotebookRun


def report_rows(runs: Sequence[NotebookRun]) -> list[dict[str, object]]:
    """One plain row per notebook, in path order."""
    return [
        {
            "notebook": r.src,
            "status": r.status,
            "seconds": round(r.seconds, 2),
            "cache": r.cache,
            "cell": r.cell,
            "error": r.error,
        }
        for r in sorted(runs, key=lambda r: r.src)
    ]


def report_json(runs: Sequence[NotebookRun]) -> str:
    """The report as JSON, with totals."""
    rows = report_rows(runs)
    totals = {
        "notebooks": len(rows),
        "executed": sum(r.status == "executed" for r in runs),
        "cached": sum(r.status == "cached" for r in runs),
        "failed": sum(not r.ok for r in runs),
        "execution_seconds": round(sum(r.seconds for r in runs), 2),
    }
    return json.dumps({"totals": totals, "notebooks": rows}, indent=2) + "\n"


def report_table(runs: Sequence[NotebookRun]) -> str:
    """The report as a fixed-width text table, for the build log and the terminal."""
    rows = report_rows(runs)
    width = max([len("notebook"), *(len(str(r["notebook"])) for r in rows)])
    lines = [f"{'notebook':<{width}}  {'status':<8}  {'seconds':>7}  cache"]
    lines += [f"{r['notebook']!s:<{width}}  {r['status']!s:<8}  {r['seconds']:>7.2f}  {r['cache']}" for r in rows]
    executed = sum(r.status == "executed" for r in runs)
    cached = sum(r.status == "cached" for r in runs)
    total = sum(r.seconds for r in runs)
    lines.append(f"{len(rows)} notebooks, {executed} executed, {cached} from cache, {total:.1f} s of execution")
    return "\n".join(lines)
