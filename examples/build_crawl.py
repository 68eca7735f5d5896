"""Rebuild examples/crawl.warc.gz from the pages in examples/pages (run from the repository root):

    .venv/bin/python examples/build_crawl.py

Each page becomes one WARC response record for its canonical URL, as a crawler would store it.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')


def main() -> None:
    with (HERE / "crawl.warc.gz").open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in sorted((HERE / "pages").glob("*.html")):
            body = page.read_bytes()
            found = CANONICAL.search(body)
            url = found.group(1).decode() if found else f"https://example.org/{page.name}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers)
            writer.write_record(record)


if __name__ == "__main__":
    main()
