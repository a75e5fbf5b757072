#!/usr/bin/env python3
"""A strict read of a PROV-JSON document with the W3C `prov` package (no network involved).

usage: .venv/dev/bin/python test/validators/check_prov.py FILE [RECORDS]
Exit 0 and "VALID FILE: N records" on stdout, or exit 1 and the reason on stderr.

`prov` 3.2 reads some broken documents with only a warning and drops what it could not read
(an undeclared prefix in a relation, a bad xsd:dateTime, a space in a local name), so every
warning is an error here. It also accepts relations to elements the document never declares and
relations missing their required ends; both are checked below. Finally the document must survive
a PROV-JSON round trip unchanged, and hold exactly RECORDS records when that is given.
"""
import sys
import warnings

import prov
from prov.model import ProvDocument, ProvElement, ProvRelation


def check(path, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # format= explicitly: without it prov.read tries every format and hides the errors
        document = prov.read(path, format="json")
        records = document.get_records()
        if not records:
            raise ValueError("the document has no records")
        if expected is not None and len(records) != expected:
            raise ValueError(f"{len(records)} records, expected {expected}")
        declared = {record.identifier for record in records if isinstance(record, ProvElement)}
        for record in records:
            if not isinstance(record, ProvRelation):
                continue
            attributes = record.formal_attributes
            # the first two formal attributes are the relation's two ends (used: activity, entity)
            for name, value in attributes[:2]:
                if value is None:
                    raise ValueError(f"{record.get_type()} has no {name}")
            for name, value in attributes:
                if value is not None and hasattr(value, "namespace") and value not in declared:
                    raise ValueError(f"{record.get_type()} {name} names {value}, which is not declared")
        again = ProvDocument.deserialize(content=document.serialize(format="json"), format="json")
        if again != document:
            raise ValueError("a PROV-JSON round trip changed the document")
    return len(records)


if __name__ == "__main__":
    file = sys.argv[1]
    try:
        count = check(file, int(sys.argv[2]) if len(sys.argv) > 2 else None)
    except Exception as error:  # every failure, of prov or of the checks above, is "invalid"
        print(f"INVALID {file}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    print(f"VALID {file}: {count} records")
