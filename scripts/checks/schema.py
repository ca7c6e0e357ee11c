"""The data contract: data/ against the JSON Schemas in schema/ (completed with the
forum's sectors and kecamatan) and against itself (unique ids, programs naming
existing members and needs). Every problem is worded in Indonesian, by file,
entry and key: after a hand edit of data/, `python -m scripts check` lists them.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from functools import cache, partial
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker

from scripts.config import REPO_ROOT
from scripts.model import store
from scripts.model.reference import Reference

SCHEMA_DIR = REPO_ROOT / "schema"

MESSAGES = {
    "required": "kunci wajib tidak ada",
    "additionalProperties": "ada kunci yang tidak dikenal",
    "type": "tipe nilai salah",
    "enum": "nilai bukan salah satu pilihan yang sah",
    "const": "nilai harus tepat sesuai ketentuan",
    "pattern": "format nilai tidak sesuai",
    "format": "bukan tanggal yang sah (YYYY-MM-DD)",
    "minLength": "teks kosong",
    "maxLength": "teks terlalu panjang",
    "minimum": "angka terlalu kecil",
    "maximum": "angka terlalu besar",
    "uniqueItems": "ada nilai ganda dalam daftar",
}


def _completed(node: object, ref: Reference) -> object:
    """The schema with each `x-reference` (a list of the forum's own) as its enum."""
    if isinstance(node, list):
        return [_completed(item, ref) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _completed(value, ref) for key, value in node.items()}
    kind = node.get("x-reference")
    if kind is not None:
        values: list = list(getattr(ref, kind))
        types = node.get("type")
        node["enum"] = [*values, None] if isinstance(types, list) and "null" in types else values
    return node


@cache
def _document(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema(name: str, ref: Reference | None = None) -> dict:
    """A data file's JSON Schema; with the forum's reference, its sectors and kecamatan too."""
    document = _document(name)
    return _completed(document, ref) if ref is not None else copy.deepcopy(document)


def _where(path: Path, records: list, location: list) -> str:
    where = f"{path}"
    if location:
        index = location[0]
        record = records[index] if isinstance(records[index], dict) else {}
        where += f", entri ke-{index + 1}"
        if isinstance(record.get("id"), str):
            where += f" (id {record['id']})"
    if len(location) > 1:
        where += ", kunci '" + ".".join(str(part) for part in location[1:]) + "'"
    return where


def _fast(document: dict):
    """The schema compiled to Python by fastjsonschema, with jsonschema's own check of
    each format, so that the two agree on what is valid (tests/test_check.py)."""
    checker = FormatChecker()
    formats = {name: partial(checker.conforms, format=name) for name in checker.checkers}
    # The schemas use nothing of 2020-12 that draft 7 lacks; fastjsonschema knows draft 7.
    draft7 = document | {"$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(draft7, formats=formats)


def valid(name: str, records: list, ref: Reference) -> bool:
    """Whether records meet their schema: the fast way, about 20 times quicker than
    jsonschema's walk, which then runs only to word the problems of invalid data."""
    try:
        _fast(schema(name, ref))(records)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def schema_problems(path: Path, name: str, records: list, ref: Reference) -> list[str]:
    if valid(name, records, ref):
        return []
    validator = Draft202012Validator(schema(name, ref), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(records), key=lambda e: list(e.absolute_path)):
        message = MESSAGES.get(error.validator, "tidak sesuai skema")
        if error.validator == "required":
            missing = [key for key in error.validator_value if key not in error.instance]
            message += ": " + ", ".join(missing)
        if error.validator == "enum":
            message += ": " + ", ".join(str(v) for v in error.validator_value if v is not None)
        problems.append(f"{_where(path, records, list(error.absolute_path))}: {message}.")
    return problems


def _ids(records: list) -> list:
    return [r.get("id") for r in records if isinstance(r, dict)]


def integrity_problems(data_dir: Path, data: dict[str, list]) -> list[str]:
    problems = []
    for name, records in data.items():
        for value, count in Counter(_ids(records)).items():
            if count > 1:
                problems.append(
                    f"{store.path_of(data_dir, name)}: id '{value}' dipakai {count} kali."
                )
    members, needs = set(_ids(data["members"])), set(_ids(data["needs"]))
    path = store.path_of(data_dir, "programs")
    for index, program in enumerate(data["programs"]):
        if not isinstance(program, dict):
            continue
        if program.get("member") not in members:
            where = _where(path, data["programs"], [index, "member"])
            problems.append(f"{where}: anggota tidak ada di members.yaml.")
        if program.get("need") and program["need"] not in needs:
            problems.append(
                f"{_where(path, data['programs'], [index, 'need'])}: kode tidak ada di needs.yaml."
            )
    return problems


def problems(data_dir: Path, data: dict[str, list], ref: Reference) -> list[str]:
    """Every problem of the data files: against their schemas, then against each other."""
    found = []
    for name, records in data.items():
        found += schema_problems(store.path_of(data_dir, name), name, records, ref)
    return found + integrity_problems(data_dir, data)
