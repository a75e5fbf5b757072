#!/usr/bin/env python3
"""Fills roc-validator's HTTP cache from vendored files, without a network.

usage: .venv/dev/bin/python test/validators/seed_rocrate_cache.py CACHE_PATH
then:  rocrate-validator validate --offline --cache-path CACHE_PATH -p ro-crate-1.1 ... CRATE_DIR

roc-validator 0.13 fetches the RO-Crate 1.1 JSON-LD context (for the JSON-LD checks and to parse
the crate into RDF) through a requests-cache SQLite cache, and with --offline reads that cache
only. This writes the vendored context into a cache of the same kind and settings, through an
HTTP adapter that answers from the local file: no request leaves the process.
"""
import io
import sys
from pathlib import Path

from requests.adapters import HTTPAdapter
from requests_cache import CachedSession
from urllib3.response import HTTPResponse

VENDOR = Path(__file__).resolve().parent / "vendor"
FILES = {"https://w3id.org/ro/crate/1.1/context": VENDOR / "ro-crate-1.1-context.jsonld"}


class VendoredFiles(HTTPAdapter):
    """Answers a GET of a known URL with its vendored file, and anything else with 404."""

    def send(self, request, **kwargs):
        file = FILES.get(request.url)
        body = file.read_bytes() if file else b""
        response = HTTPResponse(
            body=io.BytesIO(body),
            status=200 if file else 404,
            headers={"Content-Type": "application/ld+json", "Content-Length": str(len(body))},
            preload_content=False,
            request_url=request.url,
        )
        return self.build_response(request, response)


def main():
    # the settings of roc-validator 0.13's own session (rocrate_validator/utils/http.py), so the
    # entries are found again: SQLite backend, never expiring, 200/302/404 cached
    session = CachedSession(
        cache_name=sys.argv[1],
        backend="sqlite",
        expire_after=-1,
        allowable_methods=("GET",),
        allowable_codes=(200, 302, 404),
    )
    session.mount("http://", VendoredFiles())
    session.mount("https://", VendoredFiles())
    for url in FILES:
        response = session.get(url)
        if response.status_code != 200:
            sys.exit(f"could not cache {url}: {response.status_code}")
        print(f"cached {url} ({len(response.content)} bytes)")


if __name__ == "__main__":
    main()
