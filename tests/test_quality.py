"""The secretariat's data quality checks: one case per check on the hand-made data
set, the output (counts and record ids, never a value), and the exit code."""

from __future__ import annotations

import copy
import datetime

import pytest

from scripts.checks import quality
from scripts.cli import main
from scripts.model import store

from .helpers import FIXTURES

TODAY = datetime.date(2025, 7, 2)
PROGRAM = "program/cv-maju-bersama-bank-sampah-warga/"
MEMBER = "anggota/cv-maju-bersama/"
NEED = "kebutuhan/#kebutuhan-SRG-2025-001"
BANK = "anggota/pt-bank-serang-sejahtera/"


@pytest.fixture(scope="module")
def base():
    return store.load(FIXTURES / "site")


def found(data) -> dict[str, list[str]]:
    return {r.check.id: r.records for r in quality.results(data, TODAY)}


def test_every_check_has_a_stable_id_and_a_message():
    ids = [c.id for c in quality.CHECKS]
    assert len(set(ids)) == len(ids) == 10
    assert all(c.message and c.message[0].isupper() for c in quality.CHECKS)


# (check, which file, index of the record, changes, the record it flags)
CASES = [
    ("amount-missing", "programs", 0, {"amount": None}, PROGRAM),
    ("amount-zero", "programs", 0, {"amount": 0}, PROGRAM),
    (
        "start-after-end",
        "programs",
        0,
        {"start_date": "2025-05-02", "end_date": "2025-05-01", "status": "selesai"},
        PROGRAM,
    ),
    ("date-far-future", "programs", 0, {"end_date": "2028-01-01"}, PROGRAM),
    ("date-far-past", "members", 0, {"registered": "2001-01-01"}, MEMBER),
    ("title-is-description", "programs", 0, {"title": "Bank", "description": " BANK "}, PROGRAM),
    ("title-is-description", "needs", 0, {"title": "Sumur bor", "description": "sumur  bor"}, NEED),
    ("contact-in-text", "programs", 0, {"description": "Hubungi 0812-3456-7890"}, PROGRAM),
    ("contact-in-text", "programs", 0, {"partner": "Bu Ani ([nomor disembunyikan])"}, PROGRAM),
    ("contact-in-text", "members", 0, {"address": "Jl. A, surel budi@contoh.id"}, MEMBER),
    ("contact-in-text", "needs", 0, {"proposer": "Dinas (0254) 211234"}, NEED),
    ("no-beneficiaries", "programs", 0, {"beneficiaries": 0}, PROGRAM),
    # Still "Berjalan" half a year after its end date.
    ("status-past-end", "programs", 0, {"end_date": "2025-01-01"}, PROGRAM),
    # The member's only program of the reporting period (2025) moved to the year before.
    ("member-not-reported", "programs", 4, {"year": 2024}, BANK),
]


@pytest.mark.parametrize(("check", "kind", "index", "changes", "flagged"), CASES)
def test_each_check_flags_its_case(base, check, kind, index, changes, flagged):
    before = found(base)
    data = copy.deepcopy(base)
    data[kind][index].update(changes)
    after = found(data)
    assert flagged in after[check] and flagged not in before[check]
    # The other checks are not disturbed by this change.
    others = {k: v for k, v in after.items() if k != check}
    assert others == {k: v for k, v in before.items() if k != check}


def test_the_hand_made_data_has_what_it_has(base):
    result = found(base)
    assert result["amount-missing"] == ["program/perumda-air-minum-tirta-serang-posyandu-sehat/"]
    assert result["no-beneficiaries"] == ["program/cv-maju-bersama-bazar-umkm/"]
    # Reported for 2025, the latest program year: everyone but the member without a program.
    assert result["member-not-reported"] == ["anggota/koperasi-karya-sejahtera/"]
    assert result["start-after-end"] == result["contact-in-text"] == []


def test_output_has_counts_and_ids_never_values(tmp_path, capsys, base):
    data = copy.deepcopy(base)
    data["programs"][0]["description"] = "Hubungi budi@contoh.id"
    store.save(tmp_path, data)
    assert main(["quality", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[contact-in-text] Email atau nomor telepon" in out and f"  {PROGRAM}\n" in out
    assert "[amount-zero] Program dengan nilai kontribusi Rp0: 0" in out
    assert "budi@contoh.id" not in out


def test_invalid_data_is_sent_to_check(tmp_path, capsys, base):
    data = copy.deepcopy(base)
    data["programs"][0]["sector"] = "bukan-sektor"
    store.save(tmp_path, data)
    assert main(["quality", "--data-dir", str(tmp_path)]) == 1
    assert "python -m scripts check" in capsys.readouterr().err
