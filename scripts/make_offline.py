"""Build the offline copy of the site (mkdocs.offline.yml) strictly and zip it into the site.

    python scripts/make_offline.py [--site-dir site] [--config-file mkdocs.offline.yml]

``./run build`` and the deploy workflow run it after the strict build and the PDF; the home
page links the zip. The copy is built like the site (``ci_summary.build_site``: strictly, its
problems listed per file), with Material's offline plugin: pages are ``.html`` files that link
to each other, and search works from ``file://``. The site's PDF goes into the copy too. The zip
holds one folder, ``ml-roadmap/``; unzip it and open ``ml-roadmap/index.html``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ci_summary import REPO, build_site, summary_markdown  # it also puts hooks/ on sys.path

from mlroadmap.printable import PDF_PATH

CONFIG = REPO / "mkdocs.offline.yml"
ZIP_PATH = "downloads/ml-roadmap-offline.zip"
"""Where the zip goes in the built site (the home page links it)."""
FOLDER = "ml-roadmap"
"""The one folder in the zip, so unzipping it makes no mess."""
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
"""Every entry's date: the same files give the same zip."""


def zip_folder(folder: Path, target: Path, name: str = FOLDER) -> None:
    """Zip ``folder``'s files under ``name/``, in path order, with fixed dates."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{name}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())


def main(argv: Sequence[str] | None = None) -> int:
    """Build the offline copy, add the PDF, zip it into the site; 1 when the build fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--config-file", type=Path, default=CONFIG)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ml-roadmap-offline-") as staging:
        copy = Path(staging) / FOLDER
        outcome = build_site(args.config_file, copy)
        if not outcome.ok:
            print(outcome.crash or outcome.error, file=sys.stderr)
            print(summary_markdown(outcome, "Offline build"), file=sys.stderr)
            return 1
        pdf = args.site_dir / PDF_PATH
        if pdf.is_file():
            (copy / PDF_PATH).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, copy / PDF_PATH)
        target = args.site_dir / ZIP_PATH
        zip_folder(copy, target)
    print(f"{target}: {target.stat().st_size / 1024 / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
