#!/usr/bin/env python3
"""`kgx` (2.6.0) with no network: .venv/kgx/bin/python test/validators/kgx_offline.py validate -i jsonl N E

kgx downloads three files when it is imported: the Biolink model YAML and its predicate mapping
(bmt's Toolkit defaults, from GitHub) and the Biolink 2.2.5 JSON-LD context (named in kgx's
config.yml) that node ids are checked against. Without a network the import fails with exit 1,
which a test could not tell from "invalid". This wrapper points all three at local files before
kgx is imported:
  - the model YAML shipped in the `biolink-model` wheel (pinned in requirements/python-kgx.txt);
  - an empty predicate mapping (`validate` does not read it);
  - vendor/biolink-context-2.2.5.jsonld, the same context kgx would download.
Then it runs kgx's own command line, so the arguments and exit codes are kgx's
(0 no errors, 1 errors, 2 an exception in validate). The report is printed on stderr.
"""
import json
import sys
from importlib.util import find_spec
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
# biolink_model is a namespace package (no __init__.py): its folder comes from the import spec
MODEL_YAML = str(Path(find_spec("biolink_model").submodule_search_locations[0]) / "schema" / "biolink_model.yaml")
CONTEXT = json.loads((VENDOR / "biolink-context-2.2.5.jsonld").read_text(encoding="utf-8"))["@context"]


def offline_schema(biolink_release=None):
    """kgx would turn `-b X.Y.Z` into a GitHub URL; only the installed release exists here."""
    if biolink_release is None:
        return None
    from importlib.metadata import version

    if biolink_release.lstrip("v") != version("biolink-model"):
        raise ValueError(f"only Biolink {version('biolink-model')} is available offline, not {biolink_release}")
    return MODEL_YAML


import bmt.toolkit  # noqa: E402

# Toolkit(schema=..., predicate_map=...) defaults are URLs; make them the local files.
bmt.toolkit.Toolkit.__init__.__defaults__ = (MODEL_YAML, {"predicate mappings": []})

import kgx.config  # noqa: E402

kgx.config.jsonld_context_map["biolink"] = CONTEXT
# Used only to turn IRIs into CURIEs for RDF and OWL sources, never for JSON Lines.
kgx.config.jsonld_context_map.setdefault("monarch_context", {})
kgx.config.jsonld_context_map.setdefault("obo_context", {})
kgx.config.get_biolink_model_schema = offline_schema

import kgx.utils.kgx_utils  # noqa: E402  (importing it builds kgx's module-level Toolkit)

kgx.utils.kgx_utils.get_biolink_model_schema = offline_schema

from kgx.cli import cli  # noqa: E402

if __name__ == "__main__":
    sys.exit(cli())
