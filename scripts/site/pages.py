"""The pages of the site: which pages there are, from which template and data.

Pages are rendered from Jinja2 templates (templates/) into plain Markdown files
(see `build.py`). Safety: every value from data/ is text. Templates put values
only inside raw HTML blocks, where Markdown does not look, and every
`{{ value }}` goes through `render.text()`: HTML-escaped, on one line (a blank
line would end the HTML block). Every template line starts with a tag, so no
value can begin a line either (MkDocs always enables fenced code, whose fences
must start one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from scripts import config, paths
from scripts.config import REPO_ROOT
from scripts.errors import PageError
from scripts.model.reference import (
    BENEFICIARY_GROUPS,
    CONTRIBUTION_TYPES,
    NEED_STATUS,
    OWNERSHIP,
    PROGRAM_STATUS,
    Reference,
)
from scripts.site import explorer, exports, formats, history, posters, previews, qrcodes
from scripts.site import stats as fig
from scripts.site.render import labelled_cells, text

CONTENT = REPO_ROOT / "content"
OVERRIDES = REPO_ROOT / "overrides"
MKDOCS_CONFIG = REPO_ROOT / "mkdocs.yml"
BUILD_DIR = REPO_ROOT / "build"

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Index:
    """How a page enters the site search (Pagefind): its kind and the values it can
    be filtered and sorted by. Pages without one stay out of the index."""

    kind: str  # "Program", "Anggota", "Sektor", "Kebutuhan", "Halaman"
    filters: dict[str, list[str]] = field(default_factory=dict)
    sorts: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)  # shown with each result


PAGE_KIND = Index("Halaman")  # a hand-written page: one of KINDS
# The hidden values of an indexed page, at the top of its body (see render).
SEARCH_VALUES = "partials/search_values.j2"


@dataclass
class Page:
    path: str  # under the docs dir, e.g. "program/<id>.md"
    template: str
    title: str
    context: dict = field(default_factory=dict)
    description: str | None = None
    index: Index | None = None
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
    reporting = sum(1 for mf in f.member_figures if mf.programs)
    headline = previews.sentence(f.totals, f.years, reporting)
    yield Page(
        paths.source(paths.HOME),
        "home.md.j2",
        "Beranda",
        common | {"headline": headline},
        headline,
        meta={
            "og_image": previews.home_path(),
            "template": "home.html",
            "hide": ["navigation", "toc"],
        },
    )
    yield Page(
        paths.source(paths.SEARCH), "search.md.j2", "Cari", common | {"choices": _choices(f)}
    )
    yield Page(paths.source(paths.SECTORS), "sectors.md.j2", "Sektor", common)
    for sector in f.sectors:
        lead = f"Sektor {sector.label}: " + previews.sentence(
            sector.totals, [p["year"] for p in sector.programs]
        )
        yield Page(
            paths.source(paths.sector(sector.key)),
            "sector.md.j2",
            sector.label,
            common | {"s": sector, "lead": lead},
            lead,
            Index("Sektor", {"sektor": [sector.label]}),
            meta={"og_image": previews.sector_path(sector.key)},
        )
    yield Page(paths.source(paths.MEMBERS), "members.md.j2", "Anggota", common)
    for mf in f.member_figures:
        member = mf.member
        programs = formats.number(mf.totals.programs)
        summary = f"{member['name']}: anggota {f.forum.name}, {programs} program."
        yield Page(
            paths.source(paths.member(member["id"])),
            "member.md.j2",
            member["name"],
            common | {"mf": mf},
            summary,
            Index(
                "Anggota",
                {
                    "sektor": [f.ref.sectors[k] for k in mf.sectors],
                    "kecamatan": [f.ref.kecamatan[k] for k in [member["kecamatan"]] if k],
                },
            ),
        )
    # "Unduh yang tampil" builds its CSV from programs.json, columns as in programs.csv.
    download = {
        "json": exports.PROGRAMS_JSON,
        "fields": [f.name for f in exports.FIELDS["programs"]],
    }
    yield Page(
        paths.source(paths.PROGRAMS),
        "explorer.md.j2",
        "Program",
        common | download | {"lists": explorer.labels(f), "data": explorer},
    )
    for program in f.programs:
        member = members[program["member"]]
        summary = (
            f"{program['title']}: program CSR {member['name']}, "
            f"bidang {f.ref.sectors[program['sector']]}, {program['year']}."
        )
        context = common | {"p": program, "member": member, "need": needs.get(program["need"])}
        yield Page(
            paths.source(paths.program(program["id"])),
            "program.md.j2",
            program["title"],
            context,
            summary,
            Index(
                "Program",
                _program_filters(program, f.ref),
                _program_sorts(program),
                {"anggota": member["name"], "nilai": formats.rupiah(program["amount"])},
            ),
        )
    yield Page(
        paths.source(paths.NEEDS),
        "needs.md.j2",
        "Kebutuhan Daerah",
        common,
        index=Index("Kebutuhan"),
    )
    current = {"c": f.compliance, "current": True}
    yield Page(
        paths.source(paths.COMPLIANCE), "compliance.md.j2", "Kepatuhan Pelaporan", common | current
    )
    for c in f.compliance_years:
        yield Page(
            paths.source(paths.compliance(c.year)),
            "compliance.md.j2",
            f"Kepatuhan Pelaporan {c.year}",
            common | {"c": c, "current": False},
        )


def data_pages(
    f: fig.Figures,
    data: dict[str, list[dict]],
    downloads: list[exports.Download],
    updates: history.History,
) -> Iterator[Page]:
    """Open data, the annual reports for Kemensos and the DPRD, and the data updates."""
    common = {"fig": f, "members": {m["id"]: m for m in data["members"]}}
    yield Page(
        paths.source(paths.OPEN_DATA),
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
                ("Bidang (sector, sectors)", f.ref.sectors),
                ("Kecamatan (kecamatan)", f.ref.kecamatan),
                ("Kepemilikan (ownership)", OWNERSHIP),
                ("Status program (status di programs.csv)", PROGRAM_STATUS),
                ("Status kebutuhan (status di needs.csv)", NEED_STATUS),
                ("Bentuk kontribusi (contribution_types)", CONTRIBUTION_TYPES),
                ("Kelompok penerima manfaat (beneficiary_groups)", BENEFICIARY_GROUPS),
            ],
        },
    )
    yield Page(paths.source(paths.REPORTS), "reports.md.j2", "Laporan Tahunan", common)
    for report in f.reports:
        yield Page(
            paths.source(paths.report(report.year)),
            "annual.md.j2",
            f"Laporan Tahunan {report.year}",
            common | {"r": report},
            f"Laporan tahunan {report.year} program CSR anggota {f.forum.name}.",
            meta={"template": "report.html"},  # the A4 print stylesheet
        )
    yield Page(
        paths.source(paths.UPDATES),
        "updates.md.j2",
        "Pembaruan Data",
        common | {"history": updates},
        meta={"feed": True},
    )


def form_pages(cfg: config.Config, forms: dict[str, posters.Form]) -> Iterator[Page]:
    """How to join, how to report, and an A4 poster of each open form."""
    common = {"forum": cfg.forum, "moderation": cfg.moderation, "hint": posters.SCAN_HINT}
    qr = {
        key: Markup(qrcodes.svg(form.url, f"Kode QR formulir {form.name}")) if form.url else None
        for key, form in forms.items()
    }
    for key, template, title in (
        ("members", "join.md.j2", "Cara Bergabung"),
        ("programs", "report.md.j2", "Lapor Program CSR"),
    ):
        context = common | {"form": forms[key], "qr": qr[key]}
        yield Page(paths.source(forms[key].page), template, title, context, index=PAGE_KIND)
    for key, form in forms.items():
        if form.url:
            yield Page(
                paths.source(f"{form.page}poster/"),
                "poster.md.j2",
                f"Poster {form.name}",
                common | {"form": form, "qr": qr[key], "site_line": posters.site_line(cfg.forum)},
                # The poster needs the whole width on screen and its own print stylesheet.
                meta={"template": "poster.html", "hide": ["navigation", "toc"]},
            )


KINDS = ("Program", "Anggota", "Sektor", "Kebutuhan", "Halaman")


def _choices(f: fig.Figures) -> dict[str, list[str]]:
    """The values the search page offers for each filter of the index: the labels the
    explorer lists (members aside: they are no search filter), and the page kinds."""
    lists = explorer.labels(f)
    return {"jenis": list(KINDS)} | {
        key: [label for _, label in lists[key]]
        for key in ("sektor", "kecamatan", "tahun", "status")
    }


def _program_filters(program: dict, ref: Reference) -> dict[str, list[str]]:
    return {
        "sektor": [ref.sectors[program["sector"]]],
        "kecamatan": [ref.kecamatan[k] for k in program["kecamatan"]],
        "tahun": [str(program["year"])],
        "status": [PROGRAM_STATUS[program["status"]]] if program["status"] else [],
    }


def _program_sorts(program: dict) -> dict[str, str]:
    """Sort keys of a program page: a program without an amount sorts last by value
    (the key only orders; it is never shown)."""
    amount = program["amount"]
    return {
        "nilai": str(amount if amount is not None else -1),
        "tanggal": program["start_date"] or program["reported"],
    }


def render(env: Environment, page: Page) -> str:
    # Themes print titles and descriptions as HTML: they go in escaped. JSON
    # strings are YAML and much faster to write than yaml.safe_dump's.
    front = [f"title: {json.dumps(str(text(page.title)), ensure_ascii=False)}"]
    if page.description:
        front.append(f"description: {json.dumps(str(text(page.description)), ensure_ascii=False)}")
    front += [f"{key}: {json.dumps(value)}" for key, value in page.meta.items()]
    body = labelled_cells(env.get_template(page.template).render(root=page.root, **page.context))
    if page.index:
        # The theme wraps an indexed page for Pagefind (overrides/main.html); its values
        # go in the body, not the front matter, which the engine parses as YAML, slowly.
        front.append("pagefind: true")
        body = env.get_template(SEARCH_VALUES).render(index=page.index) + "\n\n" + body
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def check_ids(data: dict[str, list[dict]]) -> None:
    """Ids become file names and URLs: only slugs (the data contract's) are accepted."""
    for name in ("members", "programs"):
        for record in data[name]:
            if not SLUG.match(str(record.get("id", ""))):
                raise PageError(f"{name}.yaml: id '{record.get('id')}' bukan slug yang sah.")


# The hand-written pages: Markdown with the forum's names and facts from the config.
CONTENT_PAGES = (
    ("tentang.md", "Tentang Forum"),
    ("dasar-hukum.md", "Dasar Hukum"),
    ("privasi.md", "Privasi"),
    ("tanya-jawab.md", "Tanya Jawab"),
)


def content_pages(cfg: config.Config) -> Iterator[Page]:
    for path, title in CONTENT_PAGES:
        yield Page(path, f"content/{path}.j2", title, index=PAGE_KIND)
