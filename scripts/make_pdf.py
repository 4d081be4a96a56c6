"""Print the built site's printable roadmap (``print/``) to a PDF with headless Chromium.

    python scripts/make_pdf.py [--site-dir site] [--output site/downloads/ml-roadmap.pdf]

``./run build`` and the deploy workflow run it after the strict build; the home page links the
PDF. The site is served on 127.0.0.1 while Chromium prints it, as a learner's browser would
print the page: with the site's print stylesheet, and nothing fetched from anywhere else.
Chromium is Debian's (``/usr/bin/chromium``, or ``$ROADMAP_CHROMIUM``); without it the script
fails and says how to install it.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.printable import PDF_PATH, PRINT_PATH  # noqa: E402 (after the path set-up above)
from mlroadmap.sitepaths import page_url  # noqa: E402

CHROMIUM = Path(os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium"))
TIMEOUT = 180  # seconds for Chromium to load and print the page
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files and logs nothing."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the script prints what matters."""


@contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port); yields the root URL, ending in ``/``."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def print_to_pdf(url: str, output: Path, chromium: Path = CHROMIUM) -> None:
    """Print the page at ``url`` to ``output`` with headless Chromium (a throwaway profile)."""
    if not chromium.exists():
        sys.exit(
            f"make_pdf: {chromium} is missing: install Debian's Chromium (`apt-get install -y chromium`) "
            "or set ROADMAP_CHROMIUM to a Chromium or Chrome executable"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ml-roadmap-chromium-") as profile:
        command = [str(chromium), *CHROMIUM_ARGS, f"--user-data-dir={profile}", f"--print-to-pdf={output}", url]
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    if result.returncode != 0 or not output.is_file():
        sys.exit(f"make_pdf: Chromium could not print {url} (exit {result.returncode}):\n{result.stderr}")


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has: its ``/Type /Page`` objects."""
    return len(PAGE_RE.findall(pdf))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the site's printable page to the PDF the home page links; report its pages and size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--output", type=Path, help=f"default: {PDF_PATH} in --site-dir")
    args = parser.parse_args(argv)
    page = args.site_dir / page_url(PRINT_PATH) / "index.html"
    if not page.is_file():
        sys.exit(f"make_pdf: {page} is missing: build the site first (./run build)")
    output = args.output or args.site_dir / PDF_PATH
    with served(args.site_dir) as root:
        print_to_pdf(root + page_url(PRINT_PATH), output)
    pdf = output.read_bytes()
    print(f"{output}: {page_count(pdf)} pages, {len(pdf) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
