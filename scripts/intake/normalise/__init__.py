"""Normalisers: one raw Google Forms / Sheets cell in, one clean value out.

Every public function is pure and takes the cell text exactly as the sheet gave
it, junk included (HTML, formulas, control characters, 50 KB pastes). It returns
the normalised value, None for an empty answer, or raises
``InvalidValue`` (code, message) when the answer cannot be normalised without
guessing. ``code`` is a code of the catalogue (`scripts/model/codes.py`);
``message`` is a short Indonesian sentence for the secretariat and never repeats
the cell's value, which may be personal data.

A cell holding only dashes or dots (``-``, ``--``, ``.``) is an empty answer
everywhere; typed fields (money, counts, dates, codes, choices …) also treat
``tidak ada`` / ``belum ada`` / ``N/A`` as empty.

Nothing here escapes output: text keeps ``<``, ``{{`` or a leading ``=`` as
typed. The writers (HTML/Markdown templates, CSV/XLSX export) escape for their
own format.

The pipeline normalises about 20 cells per row at 20,000 rows/s, so the hot
paths avoid work: ASCII fast paths, precompiled patterns, and lru caches on the
lookups whose answers repeat (sectors, kecamatan, statuses, checkboxes …).

One module per kind of answer; this package's namespace gathers them.
"""

from scripts.errors import InvalidValue
from scripts.intake.normalise.choices import (
    RegionChoices,
    beneficiary_groups,
    choice,
    choices,
    consent,
    contribution_types,
    for_region,
    legal_form,
    need_status,
    ownership,
    program_status,
    verification,
)
from scripts.intake.normalise.contacts import email, phone
from scripts.intake.normalise.dates import date, timestamp, timestamp_order
from scripts.intake.normalise.ids import name_key, need_code, nib, slug
from scripts.intake.normalise.numbers import integer, money
from scripts.intake.normalise.text import business_name, long_text, text
from scripts.model.contacts import CONTACT_MASKS, mask_contacts
from scripts.model.links import url, urls
from scripts.model.text import clean, fold

__all__ = [
    "CONTACT_MASKS",
    "InvalidValue",
    "RegionChoices",
    "beneficiary_groups",
    "business_name",
    "choice",
    "choices",
    "clean",
    "consent",
    "contribution_types",
    "date",
    "email",
    "fold",
    "for_region",
    "integer",
    "legal_form",
    "long_text",
    "mask_contacts",
    "money",
    "name_key",
    "need_code",
    "need_status",
    "nib",
    "ownership",
    "phone",
    "program_status",
    "slug",
    "text",
    "timestamp",
    "timestamp_order",
    "url",
    "urls",
    "verification",
]
