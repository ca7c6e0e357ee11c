"""Test support for the Google sources: the fake service account, the fake's sheets
as the config names them, a retry policy on a fake clock, and the transport adapter
that leads gspread's requests to the local stand-in (tests/sheets_server.py)."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from requests.adapters import HTTPAdapter

from scripts.sources import retry, sheets
from scripts.sources.table import Table

from .sheets_server import FakeGoogle

ACCOUNT = "penarik-data@forum-csr-serang.iam.gserviceaccount.com"
FORMS_KEY = "1FormulirForumCsrKotaSerangContoh00000000000"
NEEDS_KEY = "1KebutuhanDaerahKotaSerangContoh000000000000"
MEMBERS_SHEET, PROGRAMS_SHEET, NEEDS_SHEET = "Jawaban Formulir 1", "Jawaban Formulir 2", "Data"
ENV = "GOOGLE_SERVICE_ACCOUNT_JSON"


class FakeClock:
    """Time that passes only when the retry policy sleeps: what it waited, exactly."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def policy(clock: FakeClock | None = None, **settings) -> retry.Policy:
    """Real timeouts; the waits between attempts on a fake clock, jitter at its maximum."""
    clock = clock or FakeClock()
    base = {"connect_timeout": 2, "read_timeout": 2, "attempts": 3, "total_seconds": 10}
    return retry.Policy(
        **(base | settings),
        clock=clock.clock,
        sleep=clock.sleep,
        uniform=lambda low, high: high,
    )


FAST = policy()


class LocalGoogle(HTTPAdapter):
    """Sends what gspread addresses to the Sheets API to the fake: only the host changes."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def send(self, request, **kwargs):
        request.url = f"{self.url}/{request.url.removeprefix(sheets.SHEETS_API)}"
        kwargs["proxies"] = {}  # chosen for the original host; the fake is local
        return super().send(request, **kwargs)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def rows(table: Table) -> list[list[str]]:
    """A table as the sheet holds it: the header row, then the data rows."""
    return [list(table.header), *(list(row) for row in table.rows)]


def account_json(google: FakeGoogle, key: rsa.RSAPrivateKey) -> str:
    return json.dumps(
        {
            "type": "service_account",
            "project_id": "forum-csr-serang",
            "private_key_id": "0123456789abcdef",
            "private_key": pem(key),
            "client_email": ACCOUNT,
            "client_id": "100000000000000000001",
            "token_uri": f"{google.url}/token",
        }
    )


def sheets_settings(**overrides) -> dict:
    settings = {
        "credentials_env": ENV,
        "credentials_file": None,
        "members": {"spreadsheet": FORMS_KEY, "worksheet": MEMBERS_SHEET},
        "programs": {"spreadsheet": FORMS_KEY, "worksheet": PROGRAMS_SHEET},
        "needs": {"spreadsheet": NEEDS_KEY, "worksheet": NEEDS_SHEET},
    }
    settings.update(overrides)
    return settings
