import json

import pytest

from scripts import config
from scripts.checks import schema as check
from scripts.cli import main
from scripts.model import reference, store

REF = reference.of(config.load())


def test_schemas_list_the_reference_tables():
    members, programs, needs = (
        check.schema(n, REF)["items"]["properties"] for n in store.DATA_FILES
    )
    assert members["kecamatan"]["enum"] == [*REF.kecamatan, None]
    assert members["ownership"]["enum"] == [*reference.OWNERSHIP, None]
    assert members["sectors"]["items"]["enum"] == list(REF.sectors)
    assert programs["sector"]["enum"] == list(REF.sectors)
    assert programs["status"]["enum"] == [*reference.PROGRAM_STATUS, None]
    assert programs["contribution_types"]["items"]["enum"] == list(reference.CONTRIBUTION_TYPES)
    assert programs["beneficiary_groups"]["items"]["enum"] == list(reference.BENEFICIARY_GROUPS)
    assert needs["status"]["enum"] == [*reference.NEED_STATUS, None]


@pytest.fixture
def pulled(tmp_path):
    assert main(["pull", "--source", "sample", "--data-dir", str(tmp_path)]) == 0
    return tmp_path


def test_pulled_sample_is_valid(pulled, capsys):
    assert main(["check", "--data-dir", str(pulled)]) == 0
    assert "sah" in capsys.readouterr().out


def _edit(data_dir, name, change):
    records = store.load(data_dir)[name]
    change(records)
    store.write_atomic(store.path_of(data_dir, name), store.dump(records))


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "members",
            lambda r: r[0].update(kecamatan="kramatwatu"),
            "kunci 'kecamatan': nilai bukan",
        ),
        ("members", lambda r: r[0].pop("name"), "kunci wajib tidak ada: name"),
        ("members", lambda r: r[0].update(nib="12345"), "kunci 'nib': format nilai"),
        ("members", lambda r: r[0].update(extra=1), "kunci yang tidak dikenal"),
        ("programs", lambda r: r[0].update(start_date="2025-02-30"), "bukan tanggal yang sah"),
        ("programs", lambda r: r[0].update(amount="150 juta"), "kunci 'amount': tipe nilai salah"),
        (
            "programs",
            lambda r: r[0].update(member="tidak-ada"),
            "anggota tidak ada di members.yaml",
        ),
        ("programs", lambda r: r[1].update(id=r[0]["id"]), "dipakai 2 kali"),
        ("needs", lambda r: r.append(dict(r[0])), "dipakai 2 kali"),
    ],
)
def test_hand_edits_are_explained(pulled, capsys, name, change, expected):
    _edit(pulled, name, change)
    assert main(["check", "--data-dir", str(pulled)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert f"{name}.yaml" in err


def test_unreadable_yaml_is_reported(pulled, capsys):
    store.path_of(pulled, "needs").write_text("- [", encoding="utf-8")
    assert main(["check", "--data-dir", str(pulled)]) == 1
    assert "needs.yaml" in capsys.readouterr().err


def test_schema_files_are_json_schema_2020_12():
    for name in store.DATA_FILES:
        document = json.loads((check.SCHEMA_DIR / f"{name}.schema.json").read_text())
        check.Draft202012Validator.check_schema(document)


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("members", lambda r: None),
        ("members", lambda r: r[0].update(kecamatan="kramatwatu")),
        ("members", lambda r: r[0].pop("name")),
        ("members", lambda r: r[0].update(name="")),
        ("members", lambda r: r[0].update(name="x" * 100_000)),
        ("members", lambda r: r[0].update(nib="12345")),
        ("members", lambda r: r[0].update(sectors=[r[0]["sectors"][0]] * 2)),
        ("members", lambda r: r[0].update(registered="2025-13-01")),
        ("members", lambda r: r[0].update(extra=1)),
        ("members", lambda r: r.append("bukan entri")),
        ("programs", lambda r: None),
        ("programs", lambda r: r[0].update(start_date="2025-02-30")),
        ("programs", lambda r: r[0].update(start_date=20250201)),
        ("programs", lambda r: r[0].update(amount="150 juta")),
        ("programs", lambda r: r[0].update(amount=True)),
        ("programs", lambda r: r[0].update(amount=1.5)),
        ("programs", lambda r: r[0].update(amount=150.0)),
        ("programs", lambda r: r[0].update(amount=-1)),
        ("programs", lambda r: r[0].update(currency="USD")),
        ("programs", lambda r: r[0].update(links=["ftp://x"])),
        ("needs", lambda r: None),
        ("needs", lambda r: r[0].update(status="entah")),
    ],
)
def test_the_fast_check_agrees_with_jsonschema(pulled, name, change):
    records = store.load(pulled)[name]
    change(records)
    slow = check.Draft202012Validator(check.schema(name, REF), format_checker=check.FormatChecker())
    assert check.valid(name, records, REF) == slow.is_valid(records)
