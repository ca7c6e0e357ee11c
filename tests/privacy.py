"""Personal data that must never be published, and a reader of everything published.

One definition of "private" for every test that looks for leaks: the pull's, the
Sheets source's and the whole chain's (test_privacy.py).
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import zipfile
from pathlib import Path

import material
import pypdf
import yaml

from scripts.intake import questions as forms
from scripts.sources import files as sources

from .helpers import REPO

HOSTILE_FORMS = REPO / "tests" / "fixtures" / "hostile_forms"
THEME = Path(material.__file__).parent / "templates"

# The contact person's columns (DESIGN.md): published only with the contact consent.
CONTACT = {
    "Nama Penanggung Jawab CSR",
    "Jabatan",
    "Nomor Telepon / WhatsApp",
    "Email Penanggung Jawab",
}
# Job titles ("Direktur Utama") identify no one and repeat between contact persons
# published with consent and those without.
NOT_IDENTIFYING = {"Jabatan"}
# What a respondent may type into any answer, written independently of the masking
# code under test: e-mail addresses, mobile numbers (08…, +62 8…, 62 8…), and
# landlines with an area code in parentheses.
TYPED_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TYPED_PHONE = re.compile(r"(?:\+62|\b62|\b0)[ .()-]*8\d(?:[ .-]?\d){7,10}|\(0\d{2,3}\) ?\d{5,8}")
# A number as written anywhere (a NIB, an amount, a phone in any spelling).
NUMBER = re.compile(r"\+?\d[\d .()-]{7,}\d")
# Files without text to read: images of the forum's own QR codes and posters.
IMAGES = {".png", ".ico", ".svg", ".jpg"}


def hostile_forms() -> dict[str, sources.Table]:
    """The hostile Forms corpus, as its CSV exports are read by a pull."""
    return sources.read_csv_files({key: HOSTILE_FORMS / f"{key}.csv" for key in sources.SHEET_KEYS})


def private_values(tables: dict[str, sources.Table], consented: bool = False) -> set[str]:
    """Every personal value in the tables: the cells of the private columns (collected
    e-mails, contact persons, reporters and their phones, secretariat notes) and every
    e-mail address or phone number typed into another answer.

    Contact persons a business consented to publish are left out unless `consented`
    (logs and reports show no cell at all, published or not). Each phone number is
    also kept as its last 9 digits: the same number in any writing.
    """
    values: set[str] = set()
    published: set[str] = set()
    for key, table in tables.items():
        form = forms.FORMS[key]
        # Columns found as the pull finds them (aliases such as "Alamat email" included).
        index = forms.column_index(form, table.title, table.header, {}, moderation=False)
        private = {index[h] for h in form.private_headers if h in index}
        contacts = {index[h] for h in CONTACT if h in index}
        consent = index.get("Persetujuan Publikasi Kontak")
        for row in table.rows:
            contact_ok = consent is not None and row[consent].strip().casefold().startswith("ya")
            for i, cell in enumerate(row):
                cell = cell.strip()
                if i in private:
                    if table.header[i].strip() in NOT_IDENTIFYING or len(cell) < 5:
                        continue
                    mine = published if contact_ok and i in contacts and not consented else values
                    mine.add(cell)
                elif "NIB" not in table.header[i]:  # a NIB is 13 digits, no phone
                    values.update(m.group() for m in TYPED_EMAIL.finditer(cell))
                    values.update(m.group() for m in TYPED_PHONE.finditer(cell))
    values -= published
    for value in list(values):
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 9 and "@" not in value:
            values.add(digits[-9:])
    return values


def leaks(text: str, private: set[str]) -> list[str]:
    """The private values found in the text; digit-only values in any of its numbers."""
    numbers = "\n".join({re.sub(r"\D", "", run) for run in NUMBER.findall(text)})
    return sorted(value for value in private if value in (numbers if value.isdigit() else text))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [str(value)] if value is not None else []


def readable(name: str, content: bytes) -> str:
    """A file's text as its readers get it: raw, unescaped (HTML, XML), and every string
    of structured formats (JSON, YAML, CSV) decoded; archives (XLSX, gzip, the search
    index) unpacked."""
    suffix = Path(name).suffix.lower()
    if suffix == ".gz":
        return readable(name.removesuffix(".gz"), gzip.decompress(content))
    if suffix in (".xlsx", ".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(readable(inner, archive.read(inner)) for inner in archive.namelist())
    if suffix.startswith(".pf_"):  # Pagefind's index: gzip, a signature, then JSON or CBOR
        body = gzip.decompress(content).removeprefix(b"pagefind_dcd")
        if suffix == ".pf_fragment":
            return readable(f"{name}.json", body)
        return body.decode("utf-8", "replace")  # CBOR: its strings are UTF-8 as they are
    if suffix in (".wasm", ".pagefind"):  # Pagefind's own program (WebAssembly)
        return ""
    if suffix == ".pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    if suffix in IMAGES and not content.lstrip().startswith(b"<"):
        return ""
    text = content.decode("utf-8")  # anything else is text: an undecodable file fails here
    parts = [text]
    if suffix == ".json":
        parts += _strings(json.loads(text))
    elif suffix in (".yaml", ".yml"):
        parts += _strings(yaml.safe_load(text))
    elif suffix == ".csv":
        parts += _strings(list(csv.reader(io.StringIO(text))))
    return "\n".join(f"{part}\n{html.unescape(part)}" for part in parts)


def is_theme_copy(root: Path, path: Path) -> bool:
    """A file the theme copied into the site unchanged: it holds no data."""
    original = THEME / path.relative_to(root)
    return original.is_file() and original.read_bytes() == path.read_bytes()


def readable_tree(root: Path) -> dict[str, str]:
    """Every file under root (the theme's own copies left out) with its readable text."""
    return {
        str(path.relative_to(root)): readable(path.name, path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file() and not is_theme_copy(root, path)
    }
