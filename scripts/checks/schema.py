"""The `check` verb: validate data/ against the JSON Schemas in schema/ and
against each other (unique ids, programs naming existing members and needs).

Meant for after a hand edit of data/: every problem is listed, in Indonesian,
by file, entry and key.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from scripts.config import REPO_ROOT
from scripts.model import store

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


def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


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


def schema_problems(path: Path, name: str, records: list) -> list[str]:
    validator = Draft202012Validator(schema(name), format_checker=FormatChecker())
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


def problems_in(data_dir: Path) -> list[str]:
    data = store.load(data_dir)
    problems = []
    for name, records in data.items():
        problems += schema_problems(store.path_of(data_dir, name), name, records)
    return problems + integrity_problems(data_dir, data)


def run(data_dir: Path) -> int:
    try:
        problems = problems_in(data_dir)
    except store.StoreError as exc:
        print(f"Data tidak dapat dibaca: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} masalah ditemukan di {data_dir}.", file=sys.stderr)
        return 1
    print(f"Data di {data_dir} sah.")
    return 0
