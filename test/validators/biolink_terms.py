#!/usr/bin/env python3
"""The Biolink terms the KGX exporter relies on, computed offline from what `kgx validate` itself uses.

usage: .venv/kgx/bin/python test/validators/biolink_terms.py [--write]

- prefixes: the CURIE prefixes of the Biolink 2.2.5 JSON-LD context vendored in vendor/
  (the context kgx 2.6.0 checks node ids against);
- predicates: every non-mixin descendant of biolink:related_to in the Biolink model of the installed
  `biolink-model` package (the YAML the offline kgx wrapper loads);
- categories: every non-mixin descendant of biolink:NamedThing, likewise.

Prints the JSON; with --write, stores it as src/kg/core/biolink-terms.json. The test suite runs it
without --write and compares, so the committed file cannot drift from the validator.
"""
import json
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent.parent / "src" / "kg" / "core" / "biolink-terms.json"
CONTEXT = HERE / "vendor" / "biolink-context-2.2.5.jsonld"
# biolink_model is a namespace package (no __init__.py), so its folder comes from the import spec
SCHEMA = Path(find_spec("biolink_model").submodule_search_locations[0]) / "schema" / "biolink_model.yaml"


def prefixes_of(context):
    """Keys of the context that name a namespace: an IRI string, or {"@id": IRI, "@prefix": true}."""
    found = []
    for key, value in context.items():
        if key.startswith("@"):
            continue
        iri = value if isinstance(value, str) else value.get("@id") if value.get("@prefix") else None
        # "id": "@id" and the like are keyword aliases, not namespaces
        if iri and not iri.startswith("@"):
            found.append(key)
    return sorted(found)


def main():
    from bmt import Toolkit

    # An empty predicate map: bmt would otherwise download one (it is not used here).
    toolkit = Toolkit(str(SCHEMA), {"predicate mappings": []})

    def concrete(root):
        return sorted(t for t in toolkit.get_descendants(root, formatted=True) if not toolkit.is_mixin(t))

    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    terms = {
        "biolink_model": version("biolink-model"),
        "jsonld_context": "2.2.5",
        "prefixes": prefixes_of(context),
        "predicates": concrete("biolink:related_to"),
        "categories": concrete("biolink:NamedThing"),
    }
    text = json.dumps(terms, indent=1) + "\n"
    if "--write" in sys.argv[1:]:
        TARGET.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
