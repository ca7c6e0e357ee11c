"""The `build` verb: the public site, from data/ to site/.

Pages are rendered from Jinja2 templates (templates/) into plain Markdown files
under a build directory, next to a copy of the hand-written content/, and then
MkDocs with Material builds site/ from a generated config that inherits the
repo's mkdocs.yml. Plain generated files keep the site buildable by MkDocs'
successors too; none of them is ever committed.

Safety: every value from data/ is text. Templates put values only inside raw
HTML blocks, where Markdown does not look, and every `{{ value }}` goes through
`text()`: HTML-escaped, on one line (a blank line would end the HTML block).
Every template line starts with a tag, so no value can begin a line either
(MkDocs always enables fenced code, whose fences must start one).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from scripts.checks import schema as check
from scripts import config
from scripts.site.hooks import csp
from scripts.site import exports
from scripts.site import formats
from scripts.site import history
from scripts.site import posters as joining
from scripts.site import qrcodes
from scripts.model import store
from scripts.site import stats as fig
from scripts.config import REPO_ROOT
from scripts.model.reference import BENEFICIARY_GROUPS, CONTRIBUTION_TYPES, KECAMATAN, NEED_STATUS, OWNERSHIP, PROGRAM_STATUS, SECTORS

TEMPLATES = REPO_ROOT / "templates"
CONTENT = REPO_ROOT / "content"
OVERRIDES = REPO_ROOT / "overrides"
MKDOCS_CONFIG = REPO_ROOT / "mkdocs.yml"
BUILD_DIR = REPO_ROOT / "build"

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Controls but tab and line breaks (Python-Markdown uses STX/ETX as placeholders), and
# what YAML cannot read (lone surrogates, U+FFFE/U+FFFF): a front matter MkDocs fails
# to parse is rendered as Markdown, links and images included, instead of the page.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What `text()` must rewrite beyond escaping: those, and every line break.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class PageError(Exception):
    """The pages cannot be generated (message in Indonesian)."""


def text(value: object) -> Markup:
    """Any value as HTML text: escaped, line breaks as <br>, never a blank line.

    The Jinja environment's `finalize`: applied to every `{{ … }}`. Markup (a
    macro's output, built from already escaped values) passes unchanged.
    """
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup(escape(formats.MISSING))
    value = str(value)
    if not UNSAFE.search(value):
        return escape(value)  # the common case, kept fast: 10,000 pages call this a lot
    lines = CONTROL.sub("", value).splitlines()
    return Markup("<br>").join(escape(line) for line in lines)


def http_url(value: object) -> str | None:
    """The value if it is an http(s) URL with a host, else None (shown as text, not linked)."""
    if not isinstance(value, str) or CONTROL.search(value) or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme in ("http", "https") and parts.hostname else None


def _labeller(labels: dict[str, str]):
    return lambda key: labels.get(key, key) if key is not None else None


def _list_labeller(labels: dict[str, str]):
    return lambda keys: ", ".join(labels.get(k, k) for k in keys) if keys else None


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rupiah=formats.rupiah,
        number=formats.number,
        percent=formats.percent,
        date=formats.date,
        http_url=http_url,
        sector=_labeller(SECTORS),
        kecamatan=_labeller(KECAMATAN),
        kecamatan_list=_list_labeller(KECAMATAN),
        ownership=_labeller(OWNERSHIP),
        status=_labeller(PROGRAM_STATUS),
        need_status=_labeller(NEED_STATUS),
        contributions=_list_labeller(CONTRIBUTION_TYPES),
        groups=_list_labeller(BENEFICIARY_GROUPS),
        sectors=_list_labeller(SECTORS),
        filesize=formats.filesize,
    )
    env.globals.update(
        MISSING=formats.MISSING,
        SECTORS=SECTORS,
        KECAMATAN=KECAMATAN,
        PROGRAM_STATUS=PROGRAM_STATUS,
        download_path=exports.slice_path,
        report_path=exports.report_path,
    )
    return env


@dataclass
class Page:
    path: str  # under the docs dir, e.g. "program/<id>.md"
    template: str
    title: str
    context: dict = field(default_factory=dict)
    description: str | None = None
    searchable: bool = True
    meta: dict = field(default_factory=dict)  # more front matter, e.g. a theme template

    @property
    def root(self) -> str:
        """Relative prefix back to the site root from this page's URL (directory URLs)."""
        parts = Path(self.path).parts
        depth = len(parts) - 1 if parts[-1] == "index.md" else len(parts)
        return "../" * depth


def site_pages(f: fig.Figures, data: dict[str, list[dict]]) -> Iterator[Page]:
    members = {m["id"]: m for m in data["members"]}
    needs = {n["id"]: n for n in data["needs"]}
    common = {"fig": f, "members": members}
    yield Page("index.md", "home.md.j2", "Beranda", common)
    yield Page("sektor/index.md", "sectors.md.j2", "Sektor", common)
    for sector in f.sectors:
        yield Page(f"sektor/{sector.key}.md", "sector.md.j2", sector.label, common | {"s": sector})
    yield Page("anggota/index.md", "members.md.j2", "Anggota", common)
    for mf in f.member_figures:
        member = mf.member
        programs = formats.number(mf.totals.programs)
        summary = f"{member['name']}: anggota Forum CSR Kota Serang, {programs} program."
        yield Page(
            f"anggota/{member['id']}.md",
            "member.md.j2",
            member["name"],
            common | {"mf": mf},
            summary,
        )
    # The explorer and the program pages stay out of the search index: the
    # explorer finds programs, and 10,000 program pages would bloat the index.
    # "Unduh yang tampil" builds its CSV from programs.json, columns as in programs.csv.
    download = {
        "json": exports.PROGRAMS_JSON,
        "fields": [f.name for f in exports.FIELDS["programs"]],
    }
    yield Page("program/index.md", "explorer.md.j2", "Program", common | download, searchable=False)
    for program in f.programs:
        member = members[program["member"]]
        summary = (
            f"{program['title']}: program CSR {member['name']}, "
            f"bidang {SECTORS[program['sector']]}, {program['year']}."
        )
        context = common | {"p": program, "member": member, "need": needs.get(program["need"])}
        yield Page(
            f"program/{program['id']}.md",
            "program.md.j2",
            program["title"],
            context,
            summary,
            searchable=False,
        )
    yield Page("kebutuhan.md", "needs.md.j2", "Kebutuhan Daerah", common)
    yield Page("kepatuhan.md", "compliance.md.j2", "Kepatuhan Pelaporan", common)


def data_pages(
    f: fig.Figures,
    data: dict[str, list[dict]],
    downloads: list[exports.Download],
    updates: history.History,
) -> Iterator[Page]:
    """Open data, the annual reports for Kemensos and the DPRD, and the data updates."""
    common = {"fig": f, "members": {m["id"]: m for m in data["members"]}}
    yield Page(
        f"{exports.FOLDER}/index.md",
        "open_data.md.j2",
        "Data Terbuka",
        common
        | {
            "downloads": downloads,
            "fields": exports.FIELDS,
            "titles": exports.TITLES,
            "formula_note": exports.FORMULA_NOTE,
            "separator": exports.SEPARATOR,
            "codes": [
                ("Bidang (sector, sectors)", SECTORS),
                ("Kecamatan (kecamatan)", KECAMATAN),
                ("Kepemilikan (ownership)", OWNERSHIP),
                ("Status program (status di programs.csv)", PROGRAM_STATUS),
                ("Status kebutuhan (status di needs.csv)", NEED_STATUS),
                ("Bentuk kontribusi (contribution_types)", CONTRIBUTION_TYPES),
                ("Kelompok penerima manfaat (beneficiary_groups)", BENEFICIARY_GROUPS),
            ],
        },
    )
    yield Page("laporan/index.md", "reports.md.j2", "Laporan Tahunan", common)
    for report in f.reports:
        yield Page(
            f"laporan/{report.year}.md",
            "annual.md.j2",
            f"Laporan Tahunan {report.year}",
            common | {"r": report},
            f"Laporan tahunan {report.year} program CSR anggota Forum CSR Kota Serang.",
            # Its program list repeats the program pages, which stay out of the index too.
            searchable=False,
            meta={"template": "report.html"},  # the A4 print stylesheet
        )
    yield Page("pembaruan.md", "updates.md.j2", "Pembaruan Data", common | {"history": updates})


def form_pages(cfg: config.Config, forms: dict[str, joining.Form]) -> Iterator[Page]:
    """How to join, how to report, and an A4 poster of each open form."""
    common = {"forum": cfg.forum, "moderation": cfg.moderation, "hint": joining.SCAN_HINT}
    qr = {
        key: Markup(qrcodes.svg(form.url, f"Kode QR formulir {form.name}")) if form.url else None
        for key, form in forms.items()
    }
    for key, template, title in (
        ("members", "join.md.j2", "Cara Bergabung"),
        ("programs", "report.md.j2", "Lapor Program CSR"),
    ):
        context = common | {"form": forms[key], "qr": qr[key]}
        yield Page(f"{forms[key].page}/index.md", template, title, context)
    for key, form in forms.items():
        if form.url:
            yield Page(
                f"{form.page}/poster.md",
                "poster.md.j2",
                f"Poster {form.name}",
                common | {"form": form, "qr": qr[key], "site_line": joining.site_line(cfg.forum)},
                searchable=False,
                # The poster needs the whole width on screen and its own print stylesheet.
                meta={"template": "poster.html", "hide": ["navigation", "toc"]},
            )


def render(env: Environment, page: Page) -> str:
    # Themes print titles and descriptions as HTML: they go in escaped. JSON
    # strings are YAML and much faster to write than yaml.safe_dump's.
    front = [f"title: {json.dumps(str(text(page.title)), ensure_ascii=False)}"]
    if page.description:
        front.append(f"description: {json.dumps(str(text(page.description)), ensure_ascii=False)}")
    if not page.searchable:
        front.append("search:\n  exclude: true")
    front += [f"{key}: {json.dumps(value)}" for key, value in page.meta.items()]
    body = env.get_template(page.template).render(root=page.root, **page.context)
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def check_ids(data: dict[str, list[dict]]) -> None:
    """Ids become file names and URLs: only slugs (the data contract's) are accepted."""
    for name in ("members", "programs"):
        for record in data[name]:
            if not SLUG.match(str(record.get("id", ""))):
                raise PageError(f"{name}.yaml: id '{record.get('id')}' bukan slug yang sah.")


def generate(
    data: dict[str, list[dict]],
    figures: fig.Figures,
    docs_dir: Path,
    cfg: config.Config,
    forms: dict[str, joining.Form],
    updates: history.History,
) -> int:
    """Write the docs tree: content/ copied, the downloads and the feed, then every
    generated page. Returns the page count."""
    check_ids(data)
    shutil.rmtree(docs_dir, ignore_errors=True)
    shutil.copytree(CONTENT, docs_dir)
    joining.write_assets(forms, cfg.forum, docs_dir)
    downloads = exports.write(docs_dir / exports.FOLDER, data, figures, cfg.forum)
    members = {m["id"]: m for m in data["members"]}
    feed = history.feed(updates, members, cfg.forum, figures.updated)
    (docs_dir / history.FEED_PATH).write_bytes(feed)
    env = environment()
    count = 0
    for page in chain(
        site_pages(figures, data),
        data_pages(figures, data, downloads, updates),
        form_pages(cfg, forms),
    ):
        target = docs_dir / page.path
        if target.exists():
            raise PageError(
                f"content/{page.path} bertabrakan dengan halaman yang dibuat dari data."
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(env, page), encoding="utf-8")
        count += 1
    return count


def write_config(build_dir: Path, site_dir: Path, updated, forum: dict) -> Path:
    """The generated MkDocs config: the repo's mkdocs.yml plus this build's paths and date."""
    settings = {
        "INHERIT": str(MKDOCS_CONFIG),
        "docs_dir": str((build_dir / "docs").resolve()),
        "site_dir": str(site_dir.resolve()),
        # Relative paths of an inherited config resolve against this file: made absolute.
        "theme": {"custom_dir": str(OVERRIDES)},
        "extra": {
            "data_updated": {
                "iso": updated.isoformat() if updated else None,
                "text": formats.date(updated),
            },
            # The secretariat's address for questions, corrections and removals: every footer.
            "contact": {
                key: str(value)
                for key, value in (forum.get("contact") or {}).items()
                if key in ("email", "phone") and value
            },
        },
    }
    if forum.get("name"):
        settings["site_name"] = str(forum["name"])
    if forum.get("site_url"):
        settings["site_url"] = str(forum["site_url"])
    # Last: the theme's inline scripts are hashed as this config renders them, on
    # every page of the docs tree (overrides/main.html puts the policy in <head>).
    theme = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))["theme"]
    urls = csp.base_urls(build_dir / "docs", settings.get("site_url"))
    hashes = csp.script_hashes(urls, settings["extra"], theme.get("features") or [])
    settings["extra"]["csp"] = csp.policy(hashes)
    path = build_dir / "mkdocs.yml"
    store.write_atomic(path, yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    return path


def mkdocs_build(config_path: Path) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "--quiet"]
    # Material's end-of-life notice is known (see DESIGN.md); it would bury real warnings.
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command += ["--config-file", str(config_path)]
    return subprocess.run(command, env=env, check=False).returncode


def data_problems(data_dir: Path, data: dict[str, list[dict]]) -> list[str]:
    problems = []
    for name, records in data.items():
        problems += check.schema_problems(store.path_of(data_dir, name), name, records)
    return problems + check.integrity_problems(data_dir, data)


def build(
    data_dir: Path,
    site_dir: Path,
    build_dir: Path = BUILD_DIR,
    config_path: Path | None = None,
) -> int:
    """Generate the pages from data_dir and build the site into site_dir; exit code."""
    try:
        data = store.load(data_dir)
        cfg = config.load(config_path or config.DEFAULT_CONFIG)
        forms = joining.forms(cfg.forms)
    except (store.StoreError, config.ConfigError) as exc:
        print(f"Situs tidak dibangun: {exc}", file=sys.stderr)
        return 1
    problems = data_problems(data_dir, data)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(
            f"Situs tidak dibangun: {len(problems)} masalah di {data_dir} "
            "(periksa dengan `python -m scripts check`).",
            file=sys.stderr,
        )
        return 1
    updated = fig.data_updated(data_dir, data)
    try:
        figures = fig.compute(data, updated)
        updates = history.read(data_dir, data)
        count = generate(data, figures, build_dir / "docs", cfg, forms, updates)
    except PageError as exc:
        print(f"Situs tidak dibangun: {exc}", file=sys.stderr)
        return 1
    if mkdocs_build(write_config(build_dir, site_dir, updated, cfg.forum)) != 0:
        print("Situs tidak dibangun: MkDocs gagal (lihat pesan di atas).", file=sys.stderr)
        return 1
    print(f"Situs dibangun di {site_dir}: {count} halaman dari {data_dir}.")
    return 0
