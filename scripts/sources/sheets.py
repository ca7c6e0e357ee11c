"""The network sources: Google Sheets through its API, and sheets published to the web as CSV.

Both return the forum's sheets as `Table`s keyed like `sources.read_sample()`.

The Sheets reader uses gspread with a read-only service account. A pull costs one
token exchange plus two reads per spreadsheet — its metadata, then one
`values:batchGet` for all the worksheets it holds — far below the quota of 60 reads
per minute. Values are read as the sheet shows them (formatted strings), so a NIB
or a phone number keeps its leading zero.

Every failure becomes a `SourceError` in Indonesian naming the spreadsheet or the
form — never a cell, the key, the token or a published link (which is itself a key).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from google.auth.exceptions import DefaultCredentialsError, RefreshError, TransportError
from google.auth.transport.requests import AuthorizedSession
from google.oauth2.service_account import Credentials
from gspread import HTTPClient
from gspread.exceptions import APIError, NoValidUrlKeyFound
from gspread.utils import absolute_range_name, extract_id_from_url
from requests.adapters import BaseAdapter

from scripts.config import SHEET_KEYS, SheetsSource
from scripts.errors import GaveUp, SourceError
from scripts.model import links
from scripts.model.reference import FORM_TITLES
from scripts.sources import retry
from scripts.sources.table import Table, from_records, parse_csv

SHEETS_API = "https://sheets.googleapis.com/"
READ_ONLY = ["https://www.googleapis.com/auth/spreadsheets.readonly"]
# Only for the status spreadsheet: the forms' responses are opened read-only.
READ_WRITE = ["https://www.googleapis.com/auth/spreadsheets"]
OPTIONAL = ("needs",)  # a forum may not keep regional needs; the forms are required
GUIDE = "Lihat README, bagian 'Menghubungkan Google Form'."

# What may pass after a wait: quota (429) and server errors (5xx) as answers, a
# lost connection or a timeout (also while fetching the token) as exceptions.
TRANSIENT_ERRORS = (
    APIError,
    requests.HTTPError,
    requests.ConnectionError,
    requests.Timeout,
    TransportError,
    RefreshError,
)


@dataclass(frozen=True)
class Network:
    """How the network sources use HTTP."""

    policy: retry.Policy = field(default_factory=retry.Policy)
    # For tests only: a transport for the requests gspread sends to SHEETS_API, which
    # leads them to a local stand-in for Google. Nothing else about the client changes.
    sheets_adapter: BaseAdapter | None = None


@dataclass(frozen=True)
class Worksheet:
    key: str  # members | programs | needs
    spreadsheet: str  # the spreadsheet's key
    title: str


def _status(exc: BaseException) -> int | None:
    """The HTTP status of a failure that is an answer; None for a connection failure."""
    if isinstance(exc, APIError | requests.HTTPError) and exc.response is not None:
        return exc.response.status_code
    return None


def _transient(exc: Exception) -> bool:
    if isinstance(exc, RefreshError):
        return exc.retryable  # google-auth knows which token errors pass
    status = _status(exc)
    return status is None or status == 429 or status >= 500


def _gave_up(cause: BaseException, attempts: int, where: str) -> str:
    status = _status(cause)
    if status == 429:
        return (
            f"Kuota Google Sheets API habis (batasnya 60 pembacaan per menit) saat membaca "
            f"{where}, dan belum pulih setelah {attempts} percobaan. Tunggu beberapa menit lalu "
            "jalankan lagi; bila terus terjadi, pastikan akun layanan ini tidak dipakai "
            "program lain."
        )
    if status is not None:
        return (
            f"Google Sheets sedang bermasalah (HTTP {status}) saat membaca {where}, dan tetap "
            f"gagal setelah {attempts} percobaan. Coba lagi nanti."
        )
    # google-auth wraps the token request's failures; what happened is their cause.
    if isinstance(cause, requests.Timeout) or isinstance(cause.__cause__, requests.Timeout):
        return (
            f"Google Sheets tidak menjawab dalam batas waktu saat membaca {where}, "
            f"{attempts} kali berturut-turut. Periksa koneksi internet, atau coba lagi nanti."
        )
    return (
        f"Tidak dapat terhubung ke Google saat membaca {where} ({attempts} percobaan). "
        "Periksa koneksi internet, atau coba lagi nanti."
    )


def _ask(
    action: Callable[[], Any],
    policy: retry.Policy,
    where: str,
    refused: Callable[[Exception], str],
) -> Any:
    """`action()` under the retry policy; every failure becomes a `SourceError`.

    `refused` words a final refusal (an HTTP error that waiting does not cure).
    """
    try:
        return retry.call(action, policy, TRANSIENT_ERRORS, _transient, where)
    except GaveUp as exc:
        raise SourceError(_gave_up(exc.__cause__ or exc, exc.attempts, where)) from exc
    except (APIError, requests.HTTPError, RefreshError) as exc:
        raise SourceError(refused(exc)) from exc
    except requests.JSONDecodeError as exc:
        raise SourceError(_unreadable(where)) from exc


def _unreadable(where: str) -> str:
    return f"Jawaban Google Sheets untuk {where} tidak dapat dibaca. Coba lagi nanti."


# --- Google Sheets -------------------------------------------------------------------


def _spreadsheet_key(value: str, key: str) -> str:
    """The key as written, or taken from a pasted spreadsheet address."""
    if "/" not in value:
        return value
    try:
        return extract_id_from_url(value)
    except NoValidUrlKeyFound:
        raise SourceError(
            f"sources.sheets.{key}.spreadsheet di config.yml bukan kunci atau alamat "
            "spreadsheet Google yang dikenali."
        ) from None


def _worksheets(settings: SheetsSource) -> list[Worksheet]:
    """The worksheets the config names; the required ones must all be named."""
    found, missing = [], []
    for key in SHEET_KEYS:
        entry = settings.sheets[key]
        spreadsheet = entry.spreadsheet
        title = entry.worksheet
        if not spreadsheet:
            if key not in OPTIONAL:
                missing.append(f"sources.sheets.{key}.spreadsheet")
            continue
        if not title.strip():
            raise SourceError(
                f"sources.sheets.{key}.worksheet di config.yml kosong: tulis nama lembar kerja "
                "(tab di bagian bawah spreadsheet) yang berisi jawaban formulir."
            )
        found.append(Worksheet(key, _spreadsheet_key(spreadsheet, key), title))
    if missing:
        raise SourceError(
            f"Sumber 'sheets' belum disetel: isi {' dan '.join(missing)} di config.yml dengan "
            "kunci spreadsheet (bagian alamat spreadsheet di antara /d/ dan /edit). " + GUIDE
        )
    return found


def _credentials(settings: SheetsSource, scopes: list[str] = READ_ONLY) -> Credentials:
    """The service account's credentials (read-only unless `scopes` say otherwise): from
    the environment variable named in the config (the JSON text, as a GitHub secret
    holds it), else from the key file."""
    env = settings.credentials_env
    text = os.environ.get(env, "").strip()
    origin = f"variabel lingkungan {env}"
    if not text:
        if not settings.credentials_file:
            raise SourceError(
                f"Kredensial Google belum disetel. Isi variabel lingkungan {env} dengan seluruh "
                "isi berkas kunci JSON akun layanan (di GitHub: Settings > Secrets and "
                f"variables > Actions, secret {env}), atau tulis path berkas kunci itu di "
                "sources.sheets.credentials_file pada config.yml. " + GUIDE
            )
        path = Path(settings.credentials_file).expanduser()
        origin = f"berkas {path}"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SourceError(
                f"Berkas kunci akun layanan {path} tidak dapat dibaca ({exc.strerror})."
            ) from exc
        except UnicodeDecodeError:
            raise SourceError(f"Berkas kunci akun layanan {path} bukan teks JSON.") from None
    # `from None` from here on: the parsers' exceptions carry the secret text itself.
    try:
        info = json.loads(text)
    except json.JSONDecodeError:
        raise SourceError(
            f"Isi {origin} bukan JSON yang sah. Salin seluruh isi berkas kunci JSON akun "
            "layanan apa adanya, dari '{' sampai '}'."
        ) from None
    if not isinstance(info, dict) or info.get("type") != "service_account":
        raise SourceError(
            f'Isi {origin} bukan kunci akun layanan Google ("type" harus '
            '"service_account"). Buat kunci JSON untuk akun layanan di Google Cloud Console.'
        )
    try:
        return Credentials.from_service_account_info(info, scopes=scopes)
    except (ValueError, DefaultCredentialsError):
        raise SourceError(
            f"Kunci akun layanan di {origin} tidak lengkap atau rusak. Buat dan unduh kunci "
            "JSON baru di Google Cloud Console."
        ) from None


def _sheets_refused(
    exc: Exception, where: str, account: str, role: str = "Pelihat (Viewer)"
) -> str:
    if isinstance(exc, RefreshError) or _status(exc) == 401:
        return (
            f"Google menolak kunci akun layanan {account} (kunci mungkin sudah dihapus atau "
            "dicabut). Buat kunci JSON baru dan perbarui kredensialnya. " + GUIDE
        )
    status = _status(exc)
    details = exc.error.get("details") if isinstance(exc, APIError) else None
    reasons = {d.get("reason") for d in details if isinstance(d, dict)} if details else set()
    if status == 403 and "SERVICE_DISABLED" in reasons:
        return (
            f"Google Sheets API belum diaktifkan di proyek Google Cloud akun layanan {account}. "
            "Aktifkan di Google Cloud Console (APIs & Services > Library > Google Sheets API), "
            "tunggu beberapa menit, lalu jalankan lagi."
        )
    if status == 403:
        return (
            f"Akun layanan tidak diizinkan membuka {where}: spreadsheet itu belum "
            f"dibagikan kepadanya. Buka spreadsheet, klik Bagikan (Share), lalu bagikan kepada "
            f"{account} sebagai {role}."
        )
    if status == 404:
        return (
            f"Google Sheets tidak menemukan {where}. Periksa kunci spreadsheet di config.yml "
            "(bagian alamat spreadsheet di antara /d/ dan /edit)."
        )
    return f"Google Sheets menolak membuka {where} (HTTP {status})."


def _grid(value_range: object) -> list[list[str]] | None:
    """The rows of one answered range, or None when it is not shaped like the API's."""
    rows = value_range.get("values", []) if isinstance(value_range, dict) else None
    if not isinstance(rows, list):
        return None
    if not all(isinstance(row, list) and all(isinstance(c, str) for c in row) for row in rows):
        return None
    return rows


def _padded(rows: list[list[str]]) -> list[list[str]]:
    """Sheets omits a row's trailing empty cells; give every row the full width back."""
    width = max(map(len, rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def _read_spreadsheet(
    client: HTTPClient,
    spreadsheet: str,
    wanted: list[Worksheet],
    policy: retry.Policy,
    account: str,
) -> dict[str, Table]:
    forms = ", ".join(FORM_TITLES[w.key] for w in wanted)
    where = f"spreadsheet '{spreadsheet}' ({forms})"

    def ask(action):
        return _ask(action, policy, where, lambda exc: _sheets_refused(exc, where, account))

    metadata = ask(
        lambda: client.fetch_sheet_metadata(
            spreadsheet,
            params={"includeGridData": "false", "fields": "properties.title,sheets.properties"},
        )
    )
    try:
        title = str(metadata["properties"]["title"])
        existing = [str(sheet["properties"]["title"]) for sheet in metadata["sheets"]]
    except (KeyError, TypeError) as exc:
        raise SourceError(_unreadable(where)) from exc
    for w in wanted:
        if w.title not in existing:
            listed = ", ".join(f"'{name}'" for name in existing)
            raise SourceError(
                f"Lembar kerja '{w.title}' tidak ada di spreadsheet '{title}' ({forms}). "
                f"Lembar kerja yang ada: {listed}. Bila lembarnya diganti nama, perbarui "
                f"sources.sheets.{w.key}.worksheet di config.yml."
            )

    # All worksheets in one request: the quota counts requests, not cells.
    answer = ask(
        lambda: client.values_batch_get(
            spreadsheet,
            [absolute_range_name(w.title) for w in wanted],
            params={"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"},
        )
    )
    ranges = answer.get("valueRanges") if isinstance(answer, dict) else None
    grids = [_grid(r) for r in ranges] if isinstance(ranges, list) else []
    if len(grids) != len(wanted) or None in grids:
        raise SourceError(_unreadable(where))
    return {
        w.key: from_records(_padded(grid), f"{title} › {w.title}")
        for w, grid in zip(wanted, grids, strict=True)
    }


def read_sheets(settings: SheetsSource, network: Network | None = None) -> dict[str, Table]:
    """The forum's sheets from Google Sheets, as the config's `sources.sheets` names them."""
    network = network or Network()
    wanted = _worksheets(settings)
    creds = _credentials(settings)
    by_spreadsheet: dict[str, list[Worksheet]] = {}
    for w in wanted:
        by_spreadsheet.setdefault(w.spreadsheet, []).append(w)
    tables: dict[str, Table] = {}
    with AuthorizedSession(creds) as session:
        if network.sheets_adapter is not None:
            session.mount(SHEETS_API, network.sheets_adapter)
        client = HTTPClient(creds, session)
        client.set_timeout(network.policy.timeout)
        for spreadsheet, group in by_spreadsheet.items():
            tables.update(
                _read_spreadsheet(
                    client, spreadsheet, group, network.policy, creds.service_account_email
                )
            )
    return tables


# --- The status spreadsheet (written) ------------------------------------------------


def _status_refused(exc: Exception, where: str, account: str) -> str:
    status = _status(exc)
    message = exc.error.get("message", "") if isinstance(exc, APIError) else ""
    if status == 400 and "limit" in message:
        return (
            f"{where} sudah penuh (Google Sheets membatasi jumlah sel per spreadsheet). "
            "Hapus lembar kerja lain yang tidak terpakai di spreadsheet itu, atau pakai "
            "spreadsheet status yang baru."
        )
    return _sheets_refused(exc, where, account, role="Editor")


def _cell(value: str | int) -> dict:
    """A cell as entered: a number, or text as a string value (never a formula)."""
    if isinstance(value, int):
        return {"userEnteredValue": {"numberValue": value}}
    return {"userEnteredValue": {"stringValue": value}}


def _ours(client: HTTPClient, key: str, title: str, marker: str, ask) -> bool:
    """Whether an existing worksheet may be overwritten: empty, or our own (its first
    cell begins with `marker`)."""
    first = ask(lambda: client.values_get(key, absolute_range_name(title, "A1")))
    cell = (first.get("values") or [[""]])[0] if isinstance(first, dict) else [""]
    if cell and str(cell[0]).startswith(marker):
        return True
    whole = ask(lambda: client.values_get(key, absolute_range_name(title)))
    rows = whole.get("values", []) if isinstance(whole, dict) else []
    return not any(str(c).strip() for row in rows for c in row)


def write_status(
    settings: SheetsSource,
    lines: list[list[str | int]],
    marker: str,
    frozen: int,
    network: Network | None = None,
) -> None:
    """Replace the status worksheet (`sources.sheets.status`) with `lines`, in one
    batch update: the worksheet made when missing, resized to the lines (which clears
    what an older, longer status left), the lines written as values. A worksheet that
    holds something else is refused, never overwritten. Failures raise `SourceError`."""
    network = network or Network()
    target = settings.status
    key = _spreadsheet_key(target.spreadsheet, "status")
    creds = _credentials(settings, READ_WRITE)
    account = creds.service_account_email
    where = f"spreadsheet status '{key}' (sources.sheets.status)"

    def ask(action):
        return _ask(action, network.policy, where, lambda e: _status_refused(e, where, account))

    width = max(map(len, lines), default=1)
    with AuthorizedSession(creds) as session:
        if network.sheets_adapter is not None:
            session.mount(SHEETS_API, network.sheets_adapter)
        client = HTTPClient(creds, session)
        client.set_timeout(network.policy.timeout)
        metadata = ask(
            lambda: client.fetch_sheet_metadata(key, params={"fields": "sheets.properties"})
        )
        try:
            existing = {
                str(sheet["properties"]["title"]): int(sheet["properties"]["sheetId"])
                for sheet in metadata["sheets"]
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise SourceError(_unreadable(where)) from exc
        grid = {"rowCount": max(len(lines), frozen + 1), "columnCount": width}
        grid["frozenRowCount"] = frozen
        if target.worksheet in existing:
            if not _ours(client, key, target.worksheet, marker, ask):
                raise SourceError(
                    f"Lembar kerja '{target.worksheet}' di {where} sudah berisi data lain, "
                    "jadi tidak ditimpa. Kosongkan atau hapus lembar itu, atau tulis nama "
                    "lembar lain di sources.sheets.status.worksheet pada config.yml."
                )
            sheet_id = existing[target.worksheet]
            shape = {
                "updateSheetProperties": {
                    "properties": {"sheetId": sheet_id, "gridProperties": grid},
                    "fields": "gridProperties(rowCount,columnCount,frozenRowCount)",
                }
            }
        else:
            sheet_id = max(existing.values(), default=0) + 1
            properties = {"sheetId": sheet_id, "title": target.worksheet, "gridProperties": grid}
            shape = {"addSheet": {"properties": properties}}
        cells = {
            "updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
                "rows": [{"values": [_cell(c) for c in line]} for line in lines],
                "fields": "userEnteredValue",
            }
        }
        ask(lambda: client.batch_update(key, {"requests": [shape, cells]}))


# --- Published CSV -------------------------------------------------------------------


def _read_url(session: requests.Session, url: str, key: str, policy: retry.Policy) -> Table:
    title = FORM_TITLES[key]
    where = f"tautan CSV {title} (sources.url.{key})"

    def fetch() -> bytes:
        response = session.get(url, timeout=policy.timeout)
        response.raise_for_status()
        return response.content

    def refused(exc: Exception) -> str:
        return (
            f"Tautan CSV {title} tidak dapat dibuka (HTTP {_status(exc)}). Pastikan lembarnya "
            "masih dipublikasikan ke web (File > Bagikan > Publikasikan ke web, format CSV) "
            f"dan sources.url.{key} di config.yml berisi tautan itu secara utuh."
        )

    content = _ask(fetch, policy, where, refused)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(f"Tautan CSV {title} (sources.url.{key}) bukan teks UTF-8.") from None
    return parse_csv(text, title)


def read_urls(urls: dict[str, str], network: Network | None = None) -> dict[str, Table]:
    """The forum's sheets from their 'publish to web' CSV links, no credentials needed."""
    network = network or Network()
    urls = {key: urls.get(key, "") for key in SHEET_KEYS}
    missing = [f"sources.url.{k}" for k in SHEET_KEYS if not urls[k] and k not in OPTIONAL]
    if missing:
        raise SourceError(
            f"Sumber 'url' belum disetel: isi {' dan '.join(missing)} di config.yml dengan "
            "tautan 'Publikasikan ke web' berformat CSV. " + GUIDE
        )
    for key, url in urls.items():
        if url and links.http_url(url) is None:
            raise SourceError(f"sources.url.{key} di config.yml bukan tautan http(s).")
    with requests.Session() as session:
        return {
            key: _read_url(session, url, key, network.policy) for key, url in urls.items() if url
        }
