"""`pull --source sheets` and `--source url` against a local stand-in for Google.

gspread's real client talks HTTP to `tests/sheets_server.py`: the service
account's `token_uri` points at it, and a transport adapter changes the host of
what gspread sends to sheets.googleapis.com — nothing inside gspread or
google-auth is patched, and a guard refuses any address but 127.0.0.1. Each
failure must exit 1, say what to do in Indonesian, print no secret or cell, and
leave every file in data/ byte-identical.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric import rsa

from scripts import config
from scripts.cli import main
from scripts.config import DEFAULT_CONFIG
from scripts.intake import status
from scripts.sources import files as sources
from scripts.sources import sheets

from .google import (
    ACCOUNT,
    ENV,
    FAST,
    FORMS_KEY,
    MEMBERS_SHEET,
    NEEDS_KEY,
    NEEDS_SHEET,
    PROGRAMS_SHEET,
    FakeClock,
    LocalGoogle,
    account_json,
    pem,
    policy,
    rows,
    sheets_settings,
)
from .helpers import pull_code, pull_tables, tree_digest
from .privacy import hostile_forms, leaks, private_values
from .sheets_server import FakeGoogle, Fault, Published, Spreadsheet, as_api_sends

pytestmark = pytest.mark.usefixtures("local_network_only")


@pytest.fixture(scope="module")
def csv_data(tmp_path_factory) -> Path:
    """data/ as pulled from the sample's CSV files: what every Sheets pull must equal."""
    data_dir = tmp_path_factory.mktemp("csv") / "data"
    args = ["pull", "--source", "csv", "--data-dir", str(data_dir)]
    for key in sources.SHEET_KEYS:
        args += [f"--{key}", str(sources.SAMPLE_DIR / f"{key}.csv")]
    assert main(args) == 0
    return data_dir


@pytest.fixture
def google(signing_key, sample_tables):
    """The sample as Google holds it: the two forms' responses in one spreadsheet, the
    city's needs in another."""
    spreadsheets = {
        FORMS_KEY: Spreadsheet(
            "Forum CSR Kota Serang (Jawaban)",
            {
                MEMBERS_SHEET: rows(sample_tables["members"]),
                PROGRAMS_SHEET: rows(sample_tables["programs"]),
            },
        ),
        NEEDS_KEY: Spreadsheet(
            "Kebutuhan Daerah Kota Serang",
            {
                "Petunjuk": [["Isi satu kebutuhan per baris."]],
                NEEDS_SHEET: rows(sample_tables["needs"]),
            },
        ),
    }
    with FakeGoogle(spreadsheets, signing_key.public_key()) as fake:
        yield fake


@dataclass
class Pulled:
    code: int
    out: str
    err: str


class Puller:
    """Runs the pull as the CLI does, with a config naming the fake's sheets."""

    def __init__(self, tmp_path, capsys, google, csv_data, secrets):
        self.tmp_path, self.capsys, self.google = tmp_path, capsys, google
        self.data_dir = tmp_path / "data"
        shutil.copytree(csv_data, self.data_dir)  # a previous pull's files, to keep intact
        self.secrets = secrets

    def __call__(
        self, source="sheets", policy=FAST, accept_removals=False, status_file=None, **settings
    ) -> Pulled:
        config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
        config["sources"] = {
            source: sheets_settings(**settings) if source == "sheets" else settings
        }
        config_path = self.tmp_path / "config.yml"
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        network = sheets.Network(policy, LocalGoogle(self.google.url))
        self.capsys.readouterr()
        code = pull_code(
            source,
            self.data_dir,
            config_path=config_path,
            network=network,
            accept_removals=accept_removals,
            status_file=status_file,
        )
        out, err = self.capsys.readouterr()
        for secret in self.secrets:
            assert secret not in out + err
        return Pulled(code, out, err)

    def fails(self, *needles: str, **kwargs) -> Pulled:
        """Pull, expecting a failure that says `needles` and changes no file."""
        before = tree_digest(self.data_dir)
        pulled = self(**kwargs)
        assert pulled.code == 1
        assert pulled.out == ""
        for needle in needles:
            assert needle in pulled.err
        assert f"Tidak ada berkas di {self.data_dir} yang diubah." in pulled.err
        assert tree_digest(self.data_dir) == before
        return pulled


@pytest.fixture
def run(tmp_path, capsys, monkeypatch, google, csv_data, signing_key, sample_tables):
    monkeypatch.setenv(ENV, account_json(google, signing_key))
    key_lines = [line for line in pem(signing_key).splitlines() if "-----" not in line]
    secrets = [google.token, *key_lines, *private_values(sample_tables, consented=True)]
    return Puller(tmp_path, capsys, google, csv_data, secrets)


def pulled_via_csv(tmp_path: Path, google: FakeGoogle) -> Path:
    """data/ as pulled from CSV downloads of what the fake's worksheets hold."""
    workdir = tmp_path / "via-csv"
    workdir.mkdir()
    tables = {}
    for key, spreadsheet, worksheet in (
        ("members", FORMS_KEY, MEMBERS_SHEET),
        ("programs", FORMS_KEY, PROGRAMS_SHEET),
        ("needs", NEEDS_KEY, NEEDS_SHEET),
    ):
        rows = google.spreadsheets[spreadsheet].worksheets[worksheet]
        tables[key] = sources.Table(f"{key}.csv", rows[0], rows[1:])
    assert pull_tables(workdir, tables) == 0
    return workdir / "data"


# --- pulls that work ---------------------------------------------------------------


def test_a_pull_equals_the_same_data_pulled_from_csv(run, google, csv_data):
    pulled = run()
    assert pulled.code == 0, pulled.err
    assert tree_digest(run.data_dir) == tree_digest(csv_data)
    # One token, then per spreadsheet its metadata and one batchGet of all its worksheets.
    endpoints = [r.endpoint for r in google.log]
    assert endpoints == ["token", "metadata", "batchGet", "metadata", "batchGet"]
    first, second = google.requests("batchGet")
    assert first.args == (FORMS_KEY,)
    assert first.query["ranges"] == [f"'{MEMBERS_SHEET}'", f"'{PROGRAMS_SHEET}'"]
    assert first.query["valueRenderOption"] == ["FORMATTED_VALUE"]
    assert second.query["ranges"] == [f"'{NEEDS_SHEET}'"]
    (claims,) = google.claims
    assert claims["scope"] == "https://www.googleapis.com/auth/spreadsheets.readonly"
    assert claims["iss"] == ACCOUNT


def test_the_hostile_corpus_pulls_as_from_csv_and_logs_nothing_personal(run, google, tmp_path):
    corpus = hostile_forms()
    forms_sheets = google.spreadsheets[FORMS_KEY].worksheets
    forms_sheets[MEMBERS_SHEET] = rows(corpus["members"])
    forms_sheets[PROGRAMS_SHEET] = rows(corpus["programs"])
    google.spreadsheets[NEEDS_KEY].worksheets[NEEDS_SHEET] = rows(corpus["needs"])
    pulled = run(accept_removals=True)  # the corpus replaces the sample on purpose
    assert pulled.code == 0, pulled.err
    assert tree_digest(run.data_dir) == tree_digest(pulled_via_csv(tmp_path, google))
    assert leaks(pulled.out + pulled.err, private_values(corpus, consented=True)) == []


def test_one_spreadsheet_costs_three_requests_and_a_key_file_works(
    run, google, tmp_path, signing_key
):
    spreadsheets = google.spreadsheets
    spreadsheets[FORMS_KEY].worksheets[NEEDS_SHEET] = spreadsheets[NEEDS_KEY].worksheets[
        NEEDS_SHEET
    ]
    key_file = tmp_path / "kunci.json"
    key_file.write_text(account_json(google, signing_key), encoding="utf-8")
    pulled = run(
        credentials_env="KREDENSIAL_TIDAK_DISETEL",
        credentials_file=str(key_file),
        needs={"spreadsheet": FORMS_KEY, "worksheet": NEEDS_SHEET},
    )
    assert pulled.code == 0, pulled.err
    assert [r.endpoint for r in google.log] == ["token", "metadata", "batchGet"]
    assert len(google.requests("batchGet")[0].query["ranges"]) == 3


def test_ragged_rows_are_padded(run, google, sample_tables, tmp_path):
    members = google.spreadsheets[FORMS_KEY].worksheets[MEMBERS_SHEET]
    width = len(members[0])
    members.insert(3, [""] * width)  # a row the secretariat emptied
    members.append(["24/04/2025 10:00:00", "", "PT Baru Setengah Isi"] + [""] * (width - 3))
    sent = as_api_sends(members, "FORMATTED_VALUE")
    assert len({len(row) for row in sent}) > 1  # what the API sends is ragged

    network = sheets.Network(FAST, LocalGoogle(google.url))
    tables = sheets.read_sheets(config.sheets_source(sheets_settings()), network)
    assert tables["members"].header == members[0]
    assert tables["members"].rows == members[1:]  # every row full width again
    for key in ("programs", "needs"):
        assert tables[key].header == sample_tables[key].header
        assert tables[key].rows == sample_tables[key].rows
    assert tables["members"].title == f"Forum CSR Kota Serang (Jawaban) › {MEMBERS_SHEET}"

    pulled = run()
    assert pulled.code == 0, pulled.err
    assert tree_digest(run.data_dir) == tree_digest(pulled_via_csv(tmp_path, google))


def test_leading_zeros_survive(run, google, csv_data, tmp_path):
    members = google.spreadsheets[FORMS_KEY].worksheets[MEMBERS_SHEET]
    programs = google.spreadsheets[FORMS_KEY].worksheets[PROGRAMS_SHEET]
    nib = next(
        m["nib"] for m in yaml.safe_load((csv_data / "members.yaml").read_text()) if m["nib"]
    )
    zero_nib = "0" + nib[1:]
    for sheet in (members, programs):
        for row in sheet:
            for i, cell in enumerate(row):
                if re.sub(r"\D", "", cell) == nib and re.fullmatch(r"[\d .-]+", cell):
                    row[i] = zero_nib
    phone = members[0].index("Nomor Telepon / WhatsApp")
    members[1][phone] = "081234567890"

    network = sheets.Network(FAST, LocalGoogle(google.url))
    tables = sheets.read_sheets(config.sheets_source(sheets_settings()), network)
    assert tables["members"].rows[0][phone] == "081234567890"
    assert zero_nib in {cell for row in tables["members"].rows for cell in row}
    # Asked unformatted, the fake (like Google) would have sent 81234567890.
    assert all(
        r.query["valueRenderOption"] == ["FORMATTED_VALUE"] for r in google.requests("batchGet")
    )

    pulled = run()
    assert pulled.code == 0, pulled.err
    published = yaml.safe_load((run.data_dir / "members.yaml").read_text())
    assert zero_nib in {m["nib"] for m in published}
    assert tree_digest(run.data_dir) == tree_digest(pulled_via_csv(tmp_path, google))


def test_429_twice_then_success(run, google, csv_data):
    google.fail("batchGet", Fault(status=429, times=2))
    pulled = run()
    assert pulled.code == 0, pulled.err
    assert tree_digest(run.data_dir) == tree_digest(csv_data)
    assert google.count("batchGet") == 2 + 2  # the failed two, then one per spreadsheet
    assert google.count() == 5 + 2


# --- pulls that fail ----------------------------------------------------------------


def test_persistent_500_gives_up_after_the_attempts(run, google):
    google.fail("metadata", Fault(status=500, times=99))
    run.fails("HTTP 500", "3 percobaan", "Coba lagi nanti")
    assert google.count("metadata") == FAST.attempts
    assert google.count() == 1 + FAST.attempts


def test_quota_exhausted(run, google):
    google.fail("batchGet", Fault(status=429, times=99))
    run.fails("Kuota Google Sheets API habis", "60 pembacaan per menit", "Tunggu")
    assert google.count("batchGet") == FAST.attempts
    assert google.count() == 2 + FAST.attempts


def test_retries_are_bounded_in_time_too(run, google):
    google.fail("metadata", Fault(status=503, times=99))
    clock = FakeClock()
    slow = policy(clock, attempts=50, total_seconds=0.75, first_delay=0.25, max_delay=0.25)
    run.fails("HTTP 503", "setelah 4 percobaan", policy=slow)
    # Waits of 0.25 s: after the third the budget of 0.75 s is spent, the fourth failure ends it.
    assert clock.waits == [0.25, 0.25, 0.25]
    assert google.count("metadata") == 4


def test_a_hanging_server_times_out(run, google):
    google.fail("metadata", Fault(hang=True, times=99))
    hanging = policy(connect_timeout=1, read_timeout=0.5, attempts=2)
    run.fails("tidak menjawab dalam batas waktu", "2 kali", policy=hanging)
    assert google.count("metadata") == 2  # each attempt ended by the read timeout


def test_not_shared_names_the_account_to_share_with(run, google):
    google.spreadsheets[FORMS_KEY].shared = False
    run.fails("belum dibagikan", ACCOUNT, "Bagikan", FORMS_KEY, "Pendaftaran Anggota")
    assert [r.endpoint for r in google.log] == ["token", "metadata"]  # no retry: it would not help


def test_spreadsheet_not_found(run, google):
    needs = {"spreadsheet": "1KunciYangSalahKetik", "worksheet": NEEDS_SHEET}
    run.fails(
        "tidak menemukan spreadsheet '1KunciYangSalahKetik' (Kebutuhan Daerah)", "/d/", needs=needs
    )
    assert [r.endpoint for r in google.log][-1] == "metadata"
    assert google.count() == 4


def test_malformed_json(run, google):
    google.fail("batchGet", Fault(status=200, body='{"valueRanges": [{"values": [["Ti'))
    run.fails("tidak dapat dibaca", FORMS_KEY)
    assert google.count() == 3


def test_a_renamed_worksheet_lists_those_that_exist(run, google):
    spreadsheet = google.spreadsheets[FORMS_KEY]
    spreadsheet.worksheets["Laporan Program"] = spreadsheet.worksheets.pop(PROGRAMS_SHEET)
    run.fails(
        f"Lembar kerja '{PROGRAMS_SHEET}' tidak ada",
        f"'{MEMBERS_SHEET}', 'Laporan Program'",
        "sources.sheets.programs.worksheet",
    )
    assert [r.endpoint for r in google.log] == ["token", "metadata"]


def test_a_deleted_required_header_is_named(run, google):
    members = google.spreadsheets[FORMS_KEY].worksheets[MEMBERS_SHEET]
    column = members[0].index("Nama Badan Usaha")
    for row in members:
        del row[column]
    run.fails("kolom wajib 'Nama Badan Usaha' tidak ditemukan", MEMBERS_SHEET)
    assert google.count() == 5


def test_no_credentials(run, google, monkeypatch):
    monkeypatch.delenv(ENV)
    run.fails(f"Kredensial Google belum disetel. Isi variabel lingkungan {ENV}", "credentials_file")
    assert google.count() == 0


def test_malformed_credentials_are_not_echoed(run, google, monkeypatch):
    monkeypatch.setenv(ENV, '{"type": "service_account", "private_key": "RAHASIA-KUNCI-123')
    run.secrets.append("RAHASIA-KUNCI-123")
    run.fails(f"Isi variabel lingkungan {ENV} bukan JSON yang sah")
    monkeypatch.setenv(ENV, json.dumps({"type": "service_account", "private_key": "RAHASIA"}))
    run.fails("tidak lengkap atau rusak")
    assert google.count() == 0


def test_a_revoked_key_is_refused(run, google, monkeypatch):
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    monkeypatch.setenv(ENV, account_json(google, other))
    run.fails("Google menolak kunci akun layanan", ACCOUNT)
    assert [r.endpoint for r in google.log] == ["token"]


def test_unconfigured_sheets_never_fall_back_to_the_sample(tmp_path, capsys, monkeypatch):
    config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    config["sources"] = {"sheets": {"members": {"spreadsheet": "", "worksheet": MEMBERS_SHEET}}}
    config_path = tmp_path / "config.yml"
    config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
    args = ["pull", "--source", "sheets", "--config", str(config_path)]
    assert main([*args, "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "sources.sheets.members.spreadsheet dan sources.sheets.programs.spreadsheet" in err
    assert not (tmp_path / "data").exists()


# --- published CSV links ------------------------------------------------------------


def _publish(google: FakeGoogle) -> dict:
    urls = {}
    for key in sources.SHEET_KEYS:
        text = (sources.SAMPLE_DIR / f"{key}.csv").read_text(encoding="utf-8")
        google.published[f"2PACX-{key}"] = Published(text)
        urls[key] = f"{google.url}/spreadsheets/d/e/2PACX-{key}/pub?gid=0&single=true&output=csv"
    return urls


def test_published_csv_equals_the_csv_files(run, google, csv_data):
    urls = _publish(google)
    run.secrets.append(google.url)  # a published link is a key: never printed
    google.fail("csv", Fault(status=503))
    pulled = run(source="url", **urls)
    assert pulled.code == 0, pulled.err
    assert tree_digest(run.data_dir) == tree_digest(csv_data)
    assert google.count("csv") == 3 + 1
    assert google.count() == google.count("csv")  # no credentials, no token


def test_a_login_page_instead_of_csv_is_rejected(run, google):
    urls = _publish(google)
    run.secrets.append(google.url)
    login = "<!DOCTYPE html><html><head><title>Login - Akun Google</title></head></html>"
    google.published["2PACX-programs"] = Published(login, "text/html; charset=utf-8")
    run.fails(
        "Lembar 'Laporan Program CSR': yang diterima adalah halaman web", source="url", **urls
    )


def test_an_unpublished_link_is_named_not_printed(run, google):
    urls = _publish(google)
    run.secrets.append(google.url)
    del google.published["2PACX-needs"]
    run.fails("Tautan CSV Kebutuhan Daerah tidak dapat dibuka (HTTP 404)", source="url", **urls)
    assert google.count("csv") == 3


# --- the status spreadsheet: the one write ------------------------------------------

STATUS_KEY = "1StatusPenarikanForumCsrKotaSerangContoh0000"
STATUS = {"status": {"spreadsheet": STATUS_KEY, "worksheet": "Status Penarikan"}}


@pytest.fixture
def status_sheet(google) -> Spreadsheet:
    """A spreadsheet of its own for the status, shared with the account as Editor."""
    sheet = Spreadsheet("Status Penarikan Forum CSR", {"Petunjuk": [["Lihat README."]]})
    google.spreadsheets[STATUS_KEY] = sheet
    return sheet


def test_the_status_of_every_row_is_written_in_one_batch(
    run, google, status_sheet, sample_tables, csv_data
):
    pulled = run(**STATUS)
    assert pulled.code == 0, pulled.err
    assert "Status setiap baris ditulis ke lembar 'Status Penarikan'." in pulled.out
    assert tree_digest(run.data_dir) == tree_digest(csv_data)
    (write,) = google.requests("batchUpdate")
    assert write.args == (STATUS_KEY,)  # the forms' spreadsheets are only read
    scopes = {claims["scope"] for claims in google.claims}
    assert scopes == {" ".join(sheets.READ_ONLY), " ".join(sheets.READ_WRITE)}
    written = status_sheet.worksheets["Status Penarikan"]
    assert written[0][0].startswith(status.MARKER) and "berhasil" in written[1][0]
    assert written[status.TOP - 1] == status.HEADER
    lines = written[status.TOP :]
    for key, title in (("members", MEMBERS_SHEET), ("programs", PROGRAMS_SHEET)):
        rows = [int(line[1]) for line in lines if line[0].endswith(title)]
        assert rows == list(range(2, len(sample_tables[key].rows) + 2)), key  # each, in order
    members = {int(line[1]): line for line in lines if line[0].endswith(MEMBERS_SHEET)}
    assert members[55][2] == "Memperbarui baris 4"
    assert (
        members[4][4] == "https://forum-csr-kota-serang.github.io/anggota/pt-serang-makmur-sentosa/"
    )
    outcomes = {line[2] for line in lines}
    assert {"Diterbitkan", "Diterbitkan dengan catatan", "Menunggu verifikasi"} <= outcomes
    assert {"Ditolak sekretariat", "Tanpa persetujuan publikasi", "Ditolak sistem"} <= outcomes
    # Every cell entered as a value, never a formula; nothing personal in any.
    entered = [c for row in status_sheet.entered["Status Penarikan"] for c in row]
    assert {next(iter(c)) for c in entered} <= {"stringValue", "numberValue"}
    text = "\n".join("\t".join(line) for line in written)
    assert leaks(text, private_values(sample_tables)) == []


def test_a_new_status_replaces_the_older_longer_one(run, status_sheet):
    status_sheet.worksheets["Status Penarikan"] = [
        [f"{status.MARKER} — ditulis otomatis"],
        *[["SEL-LAMA"] * 9 for _ in range(3000)],
    ]
    assert run(**STATUS).code == 0
    written = status_sheet.worksheets["Status Penarikan"]
    assert not any("SEL-LAMA" in cell for line in written for cell in line)
    assert len(written) < 3000 and max(map(len, written)) == len(status.HEADER)


def test_a_worksheet_holding_something_else_is_never_overwritten(run, google, status_sheet):
    theirs = [["Rekap telepon"], ["PT Contoh", "sudah dihubungi"]]
    status_sheet.worksheets["Status Penarikan"] = [list(r) for r in theirs]
    pulled = run(**STATUS)
    assert pulled.code == 3
    assert "Berkas diperbarui" in pulled.out  # the data pull itself completed
    assert "Status penarikan tidak dapat ditulis" in pulled.err
    assert "sudah berisi data lain, jadi tidak ditimpa" in pulled.err
    assert status_sheet.worksheets["Status Penarikan"] == theirs
    assert google.requests("batchUpdate") == []


@pytest.mark.parametrize(
    ("fault", "needle"),
    [
        ("missing", "Google Sheets tidak menemukan spreadsheet status"),
        ("not shared", f"bagikan kepada {ACCOUNT} sebagai Editor"),
        ("read-only", f"bagikan kepada {ACCOUNT} sebagai Editor"),
        ("over quota", "Kuota Google Sheets API habis"),
        ("full", "sudah penuh"),
    ],
)
def test_a_status_that_cannot_be_written_leaves_the_pull_done(
    run, google, status_sheet, csv_data, fault, needle
):
    if fault == "missing":
        del google.spreadsheets[STATUS_KEY]
    elif fault == "not shared":
        status_sheet.shared = False
    elif fault == "read-only":
        status_sheet.writable = False
    elif fault == "over quota":
        google.fail("batchUpdate", Fault(429, times=50))
    else:
        status_sheet.cell_limit = 100
    pulled = run(**STATUS)
    assert pulled.code == 3, pulled.err
    assert needle in pulled.err
    assert "Berkas diperbarui" in pulled.out
    assert tree_digest(run.data_dir) == tree_digest(csv_data)
    assert "Petunjuk" in google.spreadsheets.get(STATUS_KEY, status_sheet).worksheets
    assert "Status Penarikan" not in google.spreadsheets.get(STATUS_KEY, status_sheet).worksheets
