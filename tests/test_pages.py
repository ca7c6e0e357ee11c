"""The built site: every page, its figures, Indonesian formats, escaping of
hostile data, and no request to another host."""

from __future__ import annotations

import base64
import copy
import datetime
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
import yaml
from markupsafe import Markup

from scripts import config
from scripts.model import reference, store
from scripts.model.dates import past_end
from scripts.site import build, pages, render, stats
from scripts.site.formats import rupiah_compact

from .helpers import FIXTURES, FORMS, REPO, Page, broken_links, search_fragments

MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
DATE = re.compile(rf"\b\d{{1,2}} ({MONTHS}) \d{{4}}\b")
PAYLOADS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ config }}",
    "{% raw %}",
    "<img src=x onerror=alert(1)>",
    '--8<-- "/etc/passwd"',
    "!!! note",
    ":material-alert:",
]


def rupiah(value: int) -> str:
    return "Rp" + f"{value:,}".replace(",", ".")


@pytest.fixture(scope="module")
def sample(sample_site):
    data_dir, site = sample_site
    return store.load(data_dir), site


@pytest.fixture(scope="module")
def hostile(hostile_site):
    return hostile_site[1]


def test_every_page_is_built(sample):
    data, site = sample
    expected = [
        "index.html",
        "sektor/index.html",
        "anggota/index.html",
        "program/index.html",
        "kebutuhan/index.html",
        "kepatuhan/index.html",
        "tentang/index.html",
        "dasar-hukum/index.html",
        "privasi/index.html",
        "assets/stylesheets/site.css",
        "assets/javascripts/explorer.js",
    ]
    expected += [f"sektor/{s}/index.html" for s in ("kesehatan", "kesejahteraan-sosial", "lainnya")]
    expected += [f"anggota/{m['id']}/index.html" for m in data["members"]]
    expected += [f"program/{p['id']}/index.html" for p in data["programs"]]
    assert [path for path in expected if not (site / path).is_file()] == []
    assert len(data["members"]) > 20 and len(data["programs"]) > 50


def test_home_figures_are_the_sums_of_data(sample):
    data, site = sample
    home = Page(site / "index.html")
    programs = data["programs"]
    expected = {
        "members": str(len(data["members"])),
        "programs": str(len(programs)),
        "amount": rupiah(sum(p["amount"] for p in programs if p["amount"] is not None)),
        "amount-compact": rupiah_compact(
            sum(p["amount"] for p in programs if p["amount"] is not None)
        ),
        "beneficiaries": f"{sum(p['beneficiaries'] or 0 for p in programs):,}".replace(",", "."),
    }
    assert {key: home.figures.get(key) for key in expected} == expected


def test_member_and_program_pages_show_their_own_numbers(sample):
    data, site = sample
    program = next(p for p in data["programs"] if p["amount"] and p["amount"] >= 1000)
    page = Page(site / "program" / program["id"] / "index.html")
    assert page.figures["amount"] == rupiah(program["amount"])
    member = program["member"]
    own = [p["amount"] for p in data["programs"] if p["member"] == member and p["amount"]]
    assert Page(site / "anggota" / member / "index.html").figures["amount"] == rupiah(sum(own))


def test_indonesian_formats_and_data_date_on_every_page(sample):
    _, site = sample
    for path in site.rglob("*.html"):
        text = Page(path).text
        assert re.search(rf"Data diperbarui:\s+{DATE.pattern}", text), path
        assert not re.search(r"\bRp\s\d|IDR\s?\d|\d,\d{3},\d{3}", text), path
    program = Page(next((site / "program").glob("*/index.html"))).text
    assert DATE.search(program) and re.search(r"Rp\d{1,3}(\.\d{3})+\b|–", program)


def test_navigation_stays_short(sample):
    _, site = sample
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'href="[^"]*program/[a-z0-9-]+/"', home.split('class="md-content"')[0])


def test_search_indexes_programs_members_sectors_needs_and_pages_without_their_tables(sample):
    data, site = sample
    indexed = {f["url"]: f for f in search_fragments(site)}
    programs = {f"/program/{p['id']}/" for p in data["programs"]}
    members = {f"/anggota/{m['id']}/" for m in data["members"]}
    assert programs | members <= set(indexed)
    assert {"/sektor/kesehatan/", "/kebutuhan/", "/tentang/", "/bergabung/"} <= set(indexed)
    # Lists, figures and reports are read on their own pages; not in the index.
    assert not {"/", "/program/", "/anggota/", "/kepatuhan/", "/laporan/", "/data/"} & set(indexed)
    assert not [url for url in indexed if url.startswith(("/laporan/2", "/bergabung/poster"))]
    assert {f["filters"]["jenis"][0] for f in indexed.values()} == set(
        pages.KINDS
    )  # as the page lists
    first = data["programs"][0]
    program = indexed[f"/program/{first['id']}/"]
    assert program["meta"]["title"] == first["title"]
    assert program["filters"]["jenis"] == ["Program"]
    assert program["filters"]["tahun"] == [str(first["year"])]
    sector = indexed["/sektor/kesehatan/"]["content"]
    assert "Anggota Kecamatan Tahun Status Nilai" not in sector  # no flattened table
    assert sector.startswith("Kesehatan. Sektor Kesehatan: Rp")  # a meaningful excerpt
    for member in data["members"]:
        if member.get("contact", {}).get("phone"):
            assert member["contact"]["phone"] not in indexed[f"/anggota/{member['id']}/"]["content"]


def _data_links(data: dict) -> set[str]:
    links = {m["website"] for m in data["members"] if m.get("website")}
    # The WhatsApp chat of a consented contact person: a link out, by design.
    links |= {
        render.whatsapp_href(m["contact"].get("phone")) for m in data["members"] if "contact" in m
    }
    return links | {link for p in data["programs"] for link in p["links"]}


@pytest.mark.parametrize("dataset", ["sample", "hostile"])
def test_no_page_references_another_host(dataset, request, sample):
    site = sample[1] if dataset == "sample" else request.getfixturevalue("hostile")
    data = sample[0] if dataset == "sample" else store.load(FIXTURES / "hostile")
    own = urlsplit(config.load().forum.site_url).hostname
    allowed = _data_links(data)
    forms = {form["url"] for form in FORMS.values()}
    for path in site.rglob("*.html"):
        for tag, attrs in Page(path).elements:
            for name in ("href", "src", "action", "srcset", "poster", "data"):
                value = (attrs.get(name) or "").strip()
                host = urlsplit(value).hostname if value else None
                if host and host != own and value in forms:  # the forum's own forms
                    assert tag == "a" and attrs.get("rel") == "noopener", (path, value)
                elif host and host != own:
                    assert tag == "a" and value in allowed, (path, tag, value)
                    assert attrs.get("rel") == "nofollow noopener", (path, value)
                if tag in ("script", "link", "img", "iframe"):
                    assert not value.startswith("//"), (path, value)


def test_hostile_values_appear_literally_and_nothing_is_interpreted(hostile, sample):
    clean = Page(sample[1] / "index.html")

    def scripts(page: Page) -> list[str]:
        return sorted(
            (a.get("src") or "").rsplit("/")[-1] for t, a in page.elements if t == "script"
        )

    pages_checked = 0
    for path in hostile.rglob("*.html"):
        page = Page(path)
        found = [t for t, a in page.elements]
        assert found.count("img") == 0, path
        assert scripts(page) == scripts(clean), path
        for tag, attrs in page.elements:
            assert not [k for k in attrs if k.startswith("on")], (path, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), path
            assert "admonition" not in (attrs.get("class") or ""), path
        if "hostile-member" in str(path) or path.parent.name == "kebutuhan":
            pages_checked += 1
            for payload in PAYLOADS:
                assert payload in page.text, (path, payload)
    assert pages_checked == 3
    program = (hostile / "program" / "hostile-member-program" / "index.html").read_text("utf-8")
    assert "root:" not in program  # the snippet line did not read /etc/passwd
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in program


def test_hostile_links_keep_their_text_and_only_http_is_linked(hostile):
    member = Page(hostile / "anggota" / "hostile-member" / "index.html")
    website = 'https://evil.example/"><script>alert(1)</script>'
    assert member.find("a", href=website, rel="nofollow noopener")
    program = Page(hostile / "program" / "hostile-member-program" / "index.html")
    assert program.find("a", href='https://evil.example/a"onmouseover="alert(1)')
    assert "Mitra\n" not in program.text and "Mitra" in program.text


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://forum.example.id/a?b=1#c", True),
        ("http://forum.example.id", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("https:///no-host", False),
        ("https://evil.example/ x", False),
        ("https://evil.example/\x00x", False),
        (None, False),
    ],
)
def test_only_http_urls_are_links(url, linked):
    assert render.http_url(url) == (url if linked else None)


def test_text_is_escaped_onto_one_line():
    assert pages.text("a\n\n<b>\x02c") == Markup("a<br><br>&lt;b&gt;c")
    assert pages.text(None) == "–"
    assert pages.text(Markup("<i>kept</i>")) == "<i>kept</i>"


def test_invalid_data_builds_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    records = store.load(FIXTURES / "site")
    records["members"][0]["id"] = "../../evil"
    store.save(data, records)
    assert build.build(data, tmp_path / "site", tmp_path / "build") == 1
    assert not (tmp_path / "site").exists()
    assert "python -m scripts check" in capsys.readouterr().err


def test_generated_config_inherits_mkdocs_yml(hostile):
    generated = yaml.safe_load((hostile.parent / "build" / "mkdocs.yml").read_text("utf-8"))
    assert generated["INHERIT"].endswith("mkdocs.yml")
    assert generated["extra"]["data_updated"] == {"iso": "2025-03-02", "text": "2 Maret 2025"}


def test_header_override_is_materials_partial_with_the_site_search():
    original = Path(material.__file__).parent / "templates" / "partials" / "header.html"
    ours = REPO / "overrides" / "partials" / "header.html"

    def body(path: Path) -> str:
        return path.read_text(encoding="utf-8").split("-#}\n", 1)[1]

    search = re.compile(
        r'    \{% if "material/search" in config.plugins %\}.*?\n    \{% endif %\}\n', re.S
    )
    assert search.search(body(original))
    site_search = '    {% include "partials/site-search.html" %}\n'
    assert body(ours) == search.sub(site_search, body(original), count=1)


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def test_every_page_opens_with_a_policy_that_runs_only_the_sites_own_scripts(sample):
    _, site = sample
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1].lstrip()
        # First in <head>: a policy in a <meta> element governs only what follows it.
        assert head.startswith('<meta http-equiv="Content-Security-Policy" content="'), path
        policy = head.split('content="', 1)[1].split('"', 1)[0]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        # WebAssembly only (the site search); never 'unsafe-inline' or 'unsafe-eval'.
        assert policy.count("unsafe") == 1 and "'wasm-unsafe-eval'" in policy
        assert "*" not in policy
        assert directives["default-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == directives["form-action"] == "'self'"
        allowed = directives["script-src"].split()
        assert allowed[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert all(a.startswith("'sha256-") for a in allowed[2:])
        for attributes, body in SCRIPT_TAG.findall(html):
            if "src=" in attributes or 'type="application/json"' in attributes:
                continue  # a file of this site, or data that never runs
            assert not attributes.strip(), (path, attributes)
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, (path, body[:60])


def test_a_member_without_a_reported_amount_shows_a_dash_not_rp0(sample):
    """Issue 12, defect 4: unknown is "–", never Rp0."""
    data, site = sample
    valued = {p["member"] for p in data["programs"] if p["amount"] is not None}
    silent = [m for m in data["members"] if m["id"] not in valued]
    assert silent  # the sample has members that reported no amount yet
    html = (site / "anggota" / "index.html").read_text(encoding="utf-8")
    for member in silent:
        row = html[html.index(f'anggota/{member["id"]}/"') :].split("</tr>", 1)[0]
        assert "Rp0" not in row and "–" in row, member["id"]


def test_compliance_page_states_its_period_and_agrees_with_the_annual_report(sample):
    """Issue 12, defect 2: /kepatuhan/ judges the latest report's year and counts the
    same members as /laporan/<year>/; each year has its own page."""
    data, site = sample
    year = max(p["year"] for p in data["programs"])
    page = Page(site / "kepatuhan" / "index.html")
    report = Page(site / "laporan" / str(year) / "index.html")
    assert page.figures["reported"] == report.figures["members-reported"]
    assert page.figures["missing"] == report.figures["members-missing"]
    assert f"Periode pelaporan: tahun {year}, tahun laporan tahunan terbaru." in page.text
    for other in {p["year"] for p in data["programs"]}:
        yearly = Page(site / "kepatuhan" / str(other) / "index.html")
        annual = Page(site / "laporan" / str(other) / "index.html")
        assert yearly.figures["reported"] == annual.figures["members-reported"]


def test_consented_contacts_are_tap_to_call_whatsapp_and_mailto_links(sample):
    """Issue 12, defect 12: a contact person can be reached from a phone in one tap."""
    data, site = sample
    member = next(m for m in data["members"] if "contact" in m and m["contact"]["phone"])
    page = Page(site / "anggota" / member["id"] / "index.html")
    phone, email = member["contact"]["phone"], member["contact"]["email"]
    assert page.find("a", href=f"tel:{phone}")
    if phone.startswith("+628"):
        assert page.find("a", href=f"https://wa.me/{phone[1:]}")
    if email:
        assert page.find("a", href=f"mailto:{email}")


@pytest.mark.parametrize(
    ("value", "tel", "whatsapp", "mailto"),
    [
        ("+6281234567890", "tel:+6281234567890", "https://wa.me/6281234567890", None),
        ("+62254211234", "tel:+62254211234", None, None),  # a landline has no WhatsApp
        ("javascript:alert(1)", None, None, None),
        ("+62 812 3456", None, None, None),
        ("budi@contoh.co.id", None, None, "mailto:budi@contoh.co.id"),
        ('budi@contoh.id" onclick="x', None, None, None),
        (None, None, None, None),
    ],
)
def test_contact_links_only_for_what_they_can_be(value, tel, whatsapp, mailto):
    assert render.tel_href(value) == tel
    assert render.whatsapp_href(value) == whatsapp
    assert render.mailto_href(value) == mailto


def test_the_error_page_is_indonesian_and_offers_a_way_on(sample):
    """Issue 12, defect 9: a shared link to a withdrawn record lands somewhere useful."""
    _, site = sample
    page = Page(site / "404.html")
    assert "Halaman tidak ditemukan" in page.text and "Not found" not in page.text
    links = {a.get("href") for a in page.find("a")}
    assert {"/", "/program/", "/anggota/"} <= links


def test_a_program_past_its_end_date_says_so():
    """Issue 12, defect 7: Berjalan/Direncanakan after the end date is flagged, judged
    on the data date (the same data gives the same pages), on its page and in lists."""
    data = store.load(FIXTURES / "site")
    stale, done = copy.deepcopy(data["programs"][0]), copy.deepcopy(data["programs"][1])
    stale.update(status="berjalan", end_date="2025-01-31")
    done.update(status="selesai", end_date="2025-01-31")
    settings = config.load()
    fig = stats.compute(data, datetime.date(2025, 7, 2), settings)
    env = render.environment(settings, reference.of(settings))
    members = {m["id"]: m for m in data["members"]}

    def program_page(program) -> str:
        context = {"fig": fig, "members": members, "p": program, "need": None}
        context["member"] = members[program["member"]]
        page = pages.Page("program/x.md", "program.md.j2", "x", context)
        return pages.render(env, page)

    assert "melewati tanggal selesai 31 Januari 2025" in program_page(stale)
    assert "melewati tanggal selesai" not in program_page(done)
    later = stats.compute(data, datetime.date(2025, 1, 15), settings)
    assert not past_end(stale, later.updated)  # before its end date nothing is said


def test_every_page_has_a_link_preview(sample):
    """Issue 12, defect 10: a link shared on WhatsApp shows a title, a description and
    a picture; the home and sector pages describe their own figures."""
    data, site = sample
    base = config.load().forum.site_url
    for path in site.rglob("*.html"):
        page = Page(path)
        meta = {a.get("property") or a.get("name"): a.get("content") for a in page.find("meta")}
        for key in ("og:title", "og:description", "og:locale", "og:image", "twitter:card"):
            assert meta.get(key), (path, key)
        assert meta["og:locale"] == "id_ID" and meta["twitter:card"] == "summary_large_image"
        assert meta["og:image"].startswith(base) and meta["og:image"].endswith(".png")
    home = {a.get("property"): a.get("content") for a in Page(site / "index.html").find("meta")}
    total = sum(p["amount"] for p in data["programs"] if p["amount"] is not None)
    assert home["og:description"].startswith(rupiah_compact(total) + " untuk ")
    assert home["og:url"] == base
    sector = data["programs"][0]["sector"]
    page = Page(site / "sektor" / sector / "index.html")
    meta = {a.get("property"): a.get("content") for a in page.find("meta")}
    assert meta["og:image"] == f"{base}pratinjau/sektor-{sector}.png"
    assert meta["og:description"].startswith("Sektor ")


def test_preview_pictures_are_1200_by_630(sample):
    from PIL import Image

    _, site = sample
    sectors = {s.slug for s in config.load().sectors}
    names = {p.stem for p in (site / "pratinjau").glob("*.png")}
    assert names == {"beranda"} | {f"sektor-{s}" for s in sectors}
    for path in (site / "pratinjau").glob("*.png"):
        with Image.open(path) as picture:
            assert picture.size == (1200, 630)


@pytest.mark.parametrize(
    ("folder", "label"),
    [("bergabung", "Isi formulir pendaftaran"), ("lapor", "Isi formulir laporan")],
)
def test_a_phone_reader_gets_a_button_to_the_form_before_the_qr_code(sample, folder, label):
    """Issue 12, defect 11: the QR code cannot be scanned with the phone in your hand."""
    _, site = sample
    html = (site / folder / "index.html").read_text(encoding="utf-8")
    button = html.index(f">{label}</a>")
    assert button < html.index('class="form-link__qr"')
    assert 'class="md-button md-button--primary"' in html[html.rfind("<a", 0, button) : button]
    assert "/<wbr>" in html  # the address to type breaks after a slash, not inside a word


def test_home_page_shows_businesses_how_to_join_and_needs_how_to_adopt(sample):
    data, site = sample
    home = Page(site / "index.html")
    assert "Untuk badan usaha" in home.text
    hrefs = {a.get("href") for a in home.find("a")}
    assert {"bergabung/", "lapor/"} <= hrefs
    needs = Page(site / "kebutuhan" / "index.html").text
    for need in data["needs"]:
        if need["status"] in ("terbuka", None):
            assert f"tulis {need['id']} di kolom Kode Kebutuhan" in needs


def test_the_explorer_speaks_of_what_the_reader_can_do(sample):
    _, site = sample
    assert "JavaScript" not in Page(site / "program" / "index.html").text


def test_home_page_tells_the_figures_in_a_sentence_with_their_period(sample):
    data, site = sample
    home = Page(site / "index.html")
    years = sorted({p["year"] for p in data["programs"]})
    total = sum(p["amount"] for p in data["programs"] if p["amount"] is not None)
    assert home.figures["headline"] == (
        f"{rupiah_compact(total)} untuk {len(data['programs'])} program CSR dari "
        f"{len({p['member'] for p in data['programs']})} badan usaha, {years[0]}–{years[-1]}."
    )
    assert f"Tahun {years[-1]} dibanding {years[-2]}" in home.text
    assert home.figures["programs-change"].startswith(("naik", "turun", "tetap"))


def test_every_link_between_pages_leads_somewhere(sample):
    _, site = sample
    assert broken_links(site) == []


def test_home_page_has_its_own_layout_without_the_documentation_sidebars(sample):
    _, site = sample
    home = Page(site / "index.html")
    assert home.find("div", **{"class": "home"})
    sidebars = [a for _, a in home.elements if "md-sidebar " in f"{a.get('class')} "]
    assert sidebars and all("hidden" in a for a in sidebars)  # the phone drawer keeps the menu
    order = [home.text.index(h) for h in ("Angka utama", "dibanding", "Per sektor", "Yang bisa")]
    assert order == sorted(order)


def test_home_map_shades_each_kecamatan_by_its_programs_and_leads_to_them(sample):
    data, site = sample
    home = Page(site / "index.html")
    for slug in ("serang", "kasemen", "walantaka", "curug", "cipocok-jaya", "taktakan"):
        reaching = sum(1 for p in data["programs"] if slug in p["kecamatan"])
        assert home.figures[f"map-{slug}"] == f"{reaching} program"
        assert home.find("a", href=f"program/?kecamatan={slug}")
    assert "Peta skematis, bukan batas wilayah" in home.text
    assert "Sumber susunan: susunan kira-kira letak keenam kecamatan" in home.text


def test_overlapping_breakdowns_say_their_rule_and_split_nothing(sample):
    _, site = sample
    home = Page(site / "index.html").text
    assert "dihitung utuh" in home and "dibagi rata" not in home
    report = max((site / "laporan").glob("20*/index.html"))
    assert "dihitung utuh di setiap pilihannya" in Page(report).text


def test_table_cells_carry_their_column_label():
    html = (
        '<table class="data-table"><thead><tr><th scope="col">Anggota</th> '
        '<th scope="col" class="num">Nilai <abbr>Rp</abbr></th></tr></thead>'
        '<tbody><tr><td><a href="x/">PT A</a></td> <td class="num">Rp1</td></tr></tbody></table>'
    )
    out = render.labelled_cells(html)
    assert '<td data-label="Anggota"><a href="x/">PT A</a></td>' in out
    assert '<td data-label="Nilai Rp" class="num">Rp1</td>' in out
    assert render.labelled_cells("<p>tanpa tabel</p>") == "<p>tanpa tabel</p>"
