"""The catalogue of rejection codes: one entry per code, each used, each documented."""

from __future__ import annotations

import re

import pytest

from scripts.errors import InvalidValue
from scripts.model import codes

from .helpers import REPO


def _sources() -> dict[str, str]:
    """The code of scripts/, but the catalogue itself."""
    return {
        str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
        for path in (REPO / "scripts").rglob("*.py")
        if path.name != "codes.py"
    }


def _readme_rows() -> dict[str, tuple[str, str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Kode penolakan", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| (.*?) \| (.*?) \|$", section, re.MULTILINE)
    return {code: (column, message) for code, column, message in rows}


def test_readme_table_is_the_catalogue():
    documented = _readme_rows()
    assert list(documented) == list(codes.CATALOGUE)
    for code, entry in codes.CATALOGUE.items():
        assert documented[code] == (entry.column, entry.message), code


def test_codes_come_only_from_the_catalogue():
    """An unknown code fails at once (KeyError in codes.message), so what remains to
    check is that nothing builds a data error or a rejection from a code of its own."""
    for name, text in _sources().items():
        assert "InvalidValue(" not in text.replace("class InvalidValue(", ""), name
        for call in re.findall(r"Rejection\((.*?)\)", text, re.DOTALL):
            assert "invalid.code, invalid.message" in call, name


def test_every_entry_of_the_catalogue_is_used():
    text = "\n".join(_sources().values())
    unused = [code for code in codes.CATALOGUE if f'"{code}"' not in text]
    assert unused == []


def test_codes_are_snake_case_and_messages_indonesian_sentences():
    for code, entry in codes.CATALOGUE.items():
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", code)
        assert entry.message.endswith("."), code
        assert entry.column


@pytest.mark.parametrize(
    ("code", "params", "expected"),
    [
        ("too_long", {"max_length": 60}, "Isian terlalu panjang (maksimal 60 karakter)."),
        ("duplicate_id", {"earlier": 7}, "Kode ini sudah dipakai di baris 7."),
    ],
)
def test_a_message_is_filled_in_from_its_template(code, params, expected):
    error = codes.invalid(code, **params)
    assert isinstance(error, InvalidValue)
    assert (error.code, error.message) == (code, expected)


def test_an_unknown_code_is_a_programming_error_not_a_message():
    with pytest.raises(KeyError):
        codes.invalid("no_such_code")
