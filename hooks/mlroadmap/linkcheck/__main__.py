"""Entry point of ``python -m mlroadmap.linkcheck``."""

from __future__ import annotations

from mlroadmap.linkcheck.cli import main

raise SystemExit(main())
