"""A local stand-in for Google: its OAuth token endpoint, the part of the Sheets v4 REST
API that gspread calls, and sheets published to the web as CSV.

It also takes the one write a pull makes, `spreadsheets:batchUpdate` with
`addSheet`, `updateSheetProperties` (the grid's size) and `updateCells`, applied
all or nothing as Google does; a spreadsheet shared read-only refuses it, and one
over its cell limit answers as Google does.

`FakeGoogle` runs a ThreadingHTTPServer on 127.0.0.1 (a free port) in a thread.
Like the real API it checks the service account's signed JWT before it hands out
a token, and the token on every Sheets request; it answers with formatted
strings unless asked for UNFORMATTED_VALUE (then numbers lose their leading
zeros, as they do at Google), omits a row's trailing empty cells and a sheet's
trailing empty rows, and words its errors as Google does. Tests script faults
per endpoint and read the request log to count what one pull asks.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from gspread.utils import absolute_range_name, rowcol_to_a1

ERRORS = {
    400: ("INVALID_ARGUMENT", "Request contains an invalid argument."),
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: (
        "RESOURCE_EXHAUSTED",
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
        "minute per user' of service 'sheets.googleapis.com'.",
    ),
    500: ("INTERNAL", "Internal error encountered."),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
}

ROUTES = [
    ("POST", re.compile(r"/token"), "token"),
    ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)"), "metadata"),
    ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)/values:batchGet"), "batchGet"),
    ("GET", re.compile(r"/v4/spreadsheets/([^/:]+)/values/([^/:]+)"), "values"),
    ("GET", re.compile(r"/spreadsheets/d/e/([^/]+)/pub"), "csv"),
    ("POST", re.compile(r"/v4/spreadsheets/([^/:]+):batchUpdate"), "batchUpdate"),
]
CELL_LIMIT = 10_000_000  # per spreadsheet, at Google


@dataclass
class Spreadsheet:
    title: str
    worksheets: dict[str, list[list[str]]]  # title -> rows, the header first
    shared: bool = True  # with the service account
    writable: bool = True  # shared as Editor, not Viewer
    cell_limit: int = CELL_LIMIT
    # What each write entered, cell by cell, as the API got it ({"stringValue": …}).
    entered: dict[str, list[list[dict]]] = field(default_factory=dict)
    grids: dict[str, tuple[int, int]] = field(default_factory=dict)  # set by a write

    def sheet_ids(self) -> dict[int, str]:
        return {1000 * index: title for index, title in enumerate(self.worksheets)}


@dataclass
class Published:
    body: str
    content_type: str = "text/csv; charset=utf-8"


@dataclass
class Fault:
    """One scripted answer that replaces the real one, `times` times in a row."""

    status: int = 500
    body: str | None = None  # None: Google's JSON error for the status
    hang: bool = False  # answer nothing until the server stops
    times: int = 1


@dataclass(frozen=True)
class Logged:
    method: str
    endpoint: str | None
    args: tuple[str, ...]
    query: dict[str, list[str]] = field(hash=False)


def error_body(status: int, message: str | None = None) -> str:
    name, default = ERRORS.get(status, ("UNKNOWN", "Error."))
    return json.dumps({"error": {"code": status, "message": message or default, "status": name}})


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _sheet_title(a1_range: str) -> str:
    """The sheet an A1 range names: `'Form Responses 1'!A1:Z` or `Sheet1`."""
    quoted = re.fullmatch(r"'((?:[^']|'')*)'(?:!.*)?", a1_range)
    if quoted:
        return quoted.group(1).replace("''", "'")
    return a1_range.split("!", 1)[0]


def as_api_sends(rows: list[list[str]], render: str) -> list[list]:
    """Rows as the API sends them: no trailing empty cells or rows; numbers unformatted
    on request."""
    sent = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] == "":
            cells.pop()
        if render == "UNFORMATTED_VALUE":
            cells = [int(c) if re.fullmatch(r"-?\d+", c) else c for c in cells]
        sent.append(cells)
    while sent and not sent[-1]:
        sent.pop()
    return sent


class FakeGoogle:
    def __init__(self, spreadsheets: dict[str, Spreadsheet], public_key: rsa.RSAPublicKey):
        self.spreadsheets = spreadsheets
        self.published: dict[str, Published] = {}
        self.public_key = public_key
        self.token = f"ya29.lokal-{secrets.token_hex(16)}"
        self.log: list[Logged] = []
        self.claims: list[dict] = []  # of every JWT the token endpoint accepted
        self._faults: dict[str, list[Fault]] = defaultdict(list)
        self._lock = threading.Lock()
        self.stopped = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))

    def __enter__(self) -> FakeGoogle:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()  # releases hanging handlers
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def fail(self, endpoint: str, fault: Fault) -> None:
        with self._lock:
            self._faults[endpoint].append(fault)

    def count(self, endpoint: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.log if endpoint in (None, r.endpoint))

    def requests(self, endpoint: str) -> list[Logged]:
        with self._lock:
            return [r for r in self.log if r.endpoint == endpoint]

    def record(self, entry: Logged) -> Fault | None:
        """Log a request; the scripted fault that answers it, if any."""
        with self._lock:
            self.log.append(entry)
            queue = self._faults.get(entry.endpoint or "")
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def accept_jwt(self, assertion: str) -> bool:
        """The token endpoint's check: a JWT signed with the service account's key."""
        try:
            header, payload, signature = assertion.split(".")
            self.public_key.verify(
                _b64decode(signature),
                f"{header}.{payload}".encode("ascii"),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except (ValueError, InvalidSignature):
            return False
        with self._lock:
            self.claims.append(json.loads(_b64decode(payload)))
        return True


class _Handler(BaseHTTPRequestHandler):
    server_version = "ESF"

    def log_message(self, format, *args) -> None:
        """Quiet: the fake's log is `FakeGoogle.log`."""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self, method: str) -> None:
        fake: FakeGoogle = self.server.fake  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        endpoint, args = None, ()
        for route_method, pattern, name in ROUTES:
            match = pattern.fullmatch(parts.path)
            if route_method == method and match:
                endpoint, args = name, tuple(unquote(g) for g in match.groups())
                break
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        fault = fake.record(Logged(method, endpoint, args, query))
        if fault is not None:
            if fault.hang:
                fake.stopped.wait(30)
                return
            self._send(fault.status, error_body(fault.status) if fault.body is None else fault.body)
        elif endpoint is None:
            self._send(404, error_body(404))
        elif endpoint == "token":
            self._token(fake, parse_qs(body))
        elif endpoint == "csv":
            self._published(fake, args[0])
        elif self.headers.get("Authorization") != f"Bearer {fake.token}":
            self._send(401, error_body(401))
        else:
            self._sheets(fake, endpoint, args, query, body)

    def _token(self, fake: FakeGoogle, form: dict[str, list[str]]) -> None:
        grant = form.get("grant_type", [""])[0]
        assertion = form.get("assertion", [""])[0]
        if grant != "urn:ietf:params:oauth:grant-type:jwt-bearer" or not fake.accept_jwt(assertion):
            body = {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
            self._send(400, json.dumps(body))
            return
        body = {"access_token": fake.token, "expires_in": 3599, "token_type": "Bearer"}
        self._send(200, json.dumps(body))

    def _published(self, fake: FakeGoogle, name: str) -> None:
        page = fake.published.get(name)
        if page is None:
            self._send(404, "<html><body>Not Found</body></html>", "text/html")
        else:
            self._send(200, page.body, page.content_type)

    def _sheets(self, fake: FakeGoogle, endpoint: str, args, query, body: str) -> None:
        spreadsheet = fake.spreadsheets.get(args[0])
        if spreadsheet is None:
            self._send(404, error_body(404))
            return
        if not spreadsheet.shared:
            self._send(403, error_body(403))
            return
        if endpoint == "batchUpdate":
            with fake._lock:
                status, answer = _batch_update(spreadsheet, args[0], json.loads(body))
            self._send(status, answer)
            return
        if endpoint == "metadata":
            self._send(200, json.dumps(self._metadata(args[0], spreadsheet)))
            return
        ranges = query.get("ranges", []) if endpoint == "batchGet" else [args[1]]
        render = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
        value_ranges = []
        for a1_range in ranges:
            title = _sheet_title(a1_range)
            if title not in spreadsheet.worksheets:
                self._send(400, error_body(400, f"Unable to parse range: {a1_range}"))
                return
            value_ranges.append(self._value_range(title, spreadsheet.worksheets[title], render))
        if endpoint == "values":
            self._send(200, json.dumps(value_ranges[0]))
        else:
            self._send(200, json.dumps({"spreadsheetId": args[0], "valueRanges": value_ranges}))

    @staticmethod
    def _grid_size(rows: list[list[str]]) -> tuple[int, int]:
        return max(1000, len(rows)), max(26, max(map(len, rows), default=0))

    def _metadata(self, key: str, spreadsheet: Spreadsheet) -> dict:
        sheets = []
        for index, (title, rows) in enumerate(spreadsheet.worksheets.items()):
            row_count, column_count = self._grid_size(rows)
            properties = {
                "sheetId": 1000 * index,
                "title": title,
                "index": index,
                "sheetType": "GRID",
                "gridProperties": {"rowCount": row_count, "columnCount": column_count},
            }
            sheets.append({"properties": properties})
        return {
            "spreadsheetId": key,
            "properties": {
                "title": spreadsheet.title,
                "locale": "in_ID",
                "timeZone": "Asia/Jakarta",
            },
            "sheets": sheets,
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit",
        }

    def _value_range(self, title: str, rows: list[list[str]], render: str) -> dict:
        row_count, column_count = self._grid_size(rows)
        answer = {
            "range": absolute_range_name(title, f"A1:{rowcol_to_a1(row_count, column_count)}"),
            "majorDimension": "ROWS",
        }
        values = as_api_sends(rows, render)
        if values:  # the API leaves out `values` for an empty range
            answer["values"] = values
        return answer


def _batch_update(spreadsheet: Spreadsheet, key: str, body: dict) -> tuple[int, str]:
    """Apply a batchUpdate's requests to a copy, then swap it in: all or nothing."""
    if not spreadsheet.writable:
        return 403, error_body(403)
    sheets = {title: [list(r) for r in rows] for title, rows in spreadsheet.worksheets.items()}
    ids = spreadsheet.sheet_ids()
    grids = dict(spreadsheet.grids)
    entered = dict(spreadsheet.entered)
    for request in body.get("requests", []):
        (kind, spec), *more = request.items()
        if more:
            return 400, error_body(400, "Each request must have exactly one kind.")
        if kind == "addSheet":
            props = spec["properties"]
            if props["title"] in sheets or props["sheetId"] in ids:
                return 400, error_body(
                    400, f'A sheet with the name "{props["title"]}" already exists.'
                )
            sheets[props["title"]] = []
            ids[props["sheetId"]] = props["title"]
            grid = props.get("gridProperties", {})
            grids[props["title"]] = (grid.get("rowCount", 1000), grid.get("columnCount", 26))
        elif kind == "updateSheetProperties":
            props = spec["properties"]
            title = ids.get(props["sheetId"])
            if title is None:
                return 400, error_body(400, f"No grid with id: {props['sheetId']}")
            grid = props["gridProperties"]
            rows, columns = grid["rowCount"], grid["columnCount"]
            sheets[title] = [row[:columns] for row in sheets[title][:rows]]
            entered[title] = [row[:columns] for row in entered.get(title, [])[:rows]]
            grids[title] = (rows, columns)
        elif kind == "updateCells":
            start = spec["start"]
            title = ids.get(start["sheetId"])
            if title is None or spec.get("fields") != "userEnteredValue":
                return 400, error_body(400, "Invalid updateCells request.")
            top, left = start.get("rowIndex", 0), start.get("columnIndex", 0)
            limit = grids.get(title, (10**9, 10**9))
            new = spec["rows"]
            if top + len(new) > limit[0] or any(left + len(r["values"]) > limit[1] for r in new):
                return 400, error_body(400, "Range exceeds grid limits.")
            target, raw = sheets[title], entered.setdefault(title, [])
            for offset, row in enumerate(new):
                at = top + offset
                for grid_rows, empty in ((target, ""), (raw, {})):
                    while len(grid_rows) <= at:
                        grid_rows.append([])
                    while len(grid_rows[at]) < left + len(row["values"]):
                        grid_rows[at].append(empty)
                for column, cell in enumerate(row["values"], left):
                    value = cell.get("userEnteredValue", {})
                    target[at][column] = str(value.get("stringValue", value.get("numberValue", "")))
                    raw[at][column] = value
        else:
            return 400, error_body(400, f"Unknown request {kind}.")
    cells = sum(rows * columns for rows, columns in grids.values())
    if cells > spreadsheet.cell_limit:
        message = (
            "Invalid requests[0].updateSheetProperties: This action would increase the number "
            f"of cells in the workbook above the limit of {spreadsheet.cell_limit} cells."
        )
        return 400, error_body(400, message)
    spreadsheet.worksheets, spreadsheet.grids, spreadsheet.entered = sheets, grids, entered
    # The metadata numbers sheets by their order (sheet_ids), as a later read sees them.
    return 200, json.dumps(
        {"spreadsheetId": key, "replies": [{} for _ in body.get("requests", [])]}
    )
