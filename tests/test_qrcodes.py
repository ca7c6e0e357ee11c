"""QR codes and posters of the forum's forms: every PNG holds exactly the
configured URL (read back by zbarimg), SVGs are well-formed and square, the
poster PDFs are one A4 page, and a form without an address builds a page that
says it is not open yet, with no QR code."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import xml.etree.ElementTree as ET

import pypdf
import pytest
from PIL import Image, ImageChops, ImageStat

from scripts import config
from scripts.site import posters as joining
from scripts.site import qrcodes

from .helpers import (
    FORMS,
    Page,
    build_sample,
    decode_qr,
    pdf_fonts,
    pdf_text,
    site_forms,
    tree_digest,
)

SVG = "{http://www.w3.org/2000/svg}"
URLS = [
    "https://forms.gle/ContohDaftarAnggota",
    "https://docs.google.com/forms/d/e/1FAIpQLSdContohLaporanProgramCsrKotaSerang0123456789ab/viewform?usp=sf_link",
    "http://contoh.example/formulir?nama=Forum%20CSR&tahun=2025#bagian-2",
]
UPDATED = datetime.date(2026, 11, 30)
FORUM = dataclasses.replace(
    config.load().forum, name="Forum CSR Kota Serang", full_name="FTJSLBU Kota Serang"
)


def open_forms(url: str, short_url: str = "") -> dict[str, joining.Form]:
    entry = {"url": url, "short_url": short_url}
    return site_forms({"members": entry, "programs": entry})


@pytest.mark.parametrize("url", URLS)
def test_png_holds_exactly_the_url_with_a_quiet_zone(url, tmp_path):
    path = tmp_path / "qr.png"
    path.write_bytes(qrcodes.png(url))
    assert decode_qr(path) == [url]
    image = Image.open(path).convert("L")
    assert image.width == image.height >= 1000
    module = image.width // qrcodes.side(url)
    assert image.width == module * qrcodes.side(url)
    quiet = 4 * module
    inside = image.crop((quiet, quiet, image.width - quiet, image.height - quiet))
    assert image.getextrema() == (0, 255)
    # Four white modules all round, then the black corner of a finder pattern.
    assert image.histogram()[0] == inside.histogram()[0]
    assert image.getpixel((quiet, quiet)) == 0
    assert qrcodes.png(url) == path.read_bytes()  # same URL, same bytes


@pytest.mark.parametrize("url", URLS)
def test_svg_is_well_formed_square_and_labelled(url):
    markup = qrcodes.svg(url, "Kode QR formulir <Pendaftaran Anggota>")
    assert not markup.startswith("<?xml")
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (x, y) == (0, 0) and width == height == qrcodes.side(url)
    assert "width" not in root.attrib and "height" not in root.attrib
    assert root.get("role") == "img"
    assert root.get("aria-label") == root.find(f"{SVG}title").text
    assert root.find(f"{SVG}title").text == "Kode QR formulir <Pendaftaran Anggota>"
    assert [e for e in root.iter() if "id" in e.attrib] == []
    assert "\n" not in markup  # one line: it sits in a raw HTML block of Markdown
    assert qrcodes.svg(url, "x") == qrcodes.svg(url, "x")


def test_form_addresses_are_checked():
    forms = site_forms({"members": {"url": "forms.gle/Abc"}})
    assert forms["members"].url == "https://forms.gle/Abc"
    assert forms["programs"].url is None
    assert site_forms({})["members"].url is None
    assert site_forms({"members": {"url": ""}})["members"].url is None
    for bad in ("javascript:alert(1)", "ftp://contoh.example/f", "https://contoh.example/a b"):
        with pytest.raises(config.ConfigError, match=r"forms\.members\.url"):
            site_forms({"members": {"url": bad}})
    with pytest.raises(config.ConfigError, match="member"):
        site_forms({"member": {"url": URLS[0]}})


def test_link_text_is_the_short_address_without_https():
    forms = open_forms(URLS[1], "https://s.id/LaporCSRSerang")
    assert forms["programs"].url == URLS[1]
    assert forms["programs"].link_text == "s.id/LaporCSRSerang"
    assert open_forms(URLS[0])["members"].link_text == "forms.gle/ContohDaftarAnggota"
    closed = site_forms({"members": {"short_url": "https://s.id/x"}})["members"]
    assert closed.url is None and closed.short_url is None


@pytest.mark.parametrize("url", URLS[:2])
def test_posters_are_one_vector_a4_page_that_scans(url, tmp_path):
    forms = open_forms(url)
    joining.write_assets(forms, FORUM, tmp_path / "a", UPDATED)
    joining.write_assets(forms, FORUM, tmp_path / "b", UPDATED)
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")  # nightly: no change
    for form in forms.values():
        folder = tmp_path / "a" / form.page
        pdf = folder / form.poster_pdf
        assert decode_qr(folder / form.qr_png) == [url]
        reader = pypdf.PdfReader(pdf)
        assert len(reader.pages) == 1
        box = reader.pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.01)
        assert len(reader.pages[0].images) == 0  # the code is squares, not a picture
        fonts = pdf_fonts(pdf)
        assert {f["name"].split("+")[1] for f in fonts} == {"DejaVuSansBook", "DejaVuSansBold"}
        assert all(f["emb"] == "yes" for f in fonts)  # a true bold face, embedded
        (text,) = pdf_text(pdf, layout=True)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == FORUM.name  # the forum's name on one line
        link = lines[lines.index(joining.SCAN_HINT) + 1 : -1]
        assert "".join(link) == form.link_text  # broken only after its separators
        assert all(part.endswith(("/", "?", "&", "=")) for part in link[:-1])
        render = tmp_path / f"{form.stem}-150dpi"
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", pdf, render])
        assert decode_qr(render.with_suffix(".png")) == [url]
        # The PNG to share is the same page: the same size as poppler's render, the same ink.
        shared = Image.open(folder / form.poster_png).convert("L")
        assert decode_qr(folder / form.poster_png) == [url]
        drawn = Image.open(render.with_suffix(".png")).convert("L")
        assert abs(shared.width - drawn.width) <= 1 and abs(shared.height - drawn.height) <= 1
        difference = ImageChops.difference(shared, drawn.resize(shared.size))
        assert ImageStat.Stat(difference).mean[0] < 8  # of 255: anti-aliasing apart, equal


@pytest.fixture(scope="module")
def open_site(sample_site):
    return sample_site[1]


def downloads(page: Page) -> set[str]:
    return {a["href"] for tag, a in page.elements if tag == "a" and "download" in a}


@pytest.mark.parametrize("key", ["members", "programs"])
def test_form_page_shows_the_code_the_link_and_the_downloads(open_site, key):
    form = site_forms(FORMS)[key]
    url = form.url
    folder = open_site / form.page
    html = (folder / "index.html").read_text(encoding="utf-8")
    svgs = [part.split("</svg>")[0] for part in html.split('<figure class="form-link__qr">')[1:]]
    assert len(svgs) == 1
    root = ET.fromstring(svgs[0] + "</svg>")
    assert root.get("viewBox") == f"0 0 {qrcodes.side(url)} {qrcodes.side(url)}"
    page = Page(folder / "index.html")
    assert page.find("a", href=url, rel="noopener")
    assert decode_qr(folder / form.qr_png) == [url]
    assert downloads(page) >= {f"../{form.page}{form.qr_png}"}
    assert page.find("a", href=f"../{form.page}poster/")
    poster = Page(folder / "poster" / "index.html")
    assert poster.find("a", href=url, rel="noopener")
    assert downloads(poster) == {
        f"../../{form.page}{name}" for name in (form.poster_pdf, form.poster_png, form.qr_png)
    }
    for href in downloads(poster):
        assert (folder / "poster" / href).resolve().is_file()
    assert decode_qr(folder / form.poster_png) == [url]
    assert "belum dibuka" not in page.text


def test_short_address_is_the_text_under_the_code(open_site):
    page = Page(open_site / "lapor" / "index.html")
    assert page.find("a", href=FORMS["programs"]["url"], rel="noopener")
    assert "s.id/LaporCSRSerang" in page.text


def test_form_without_address_says_not_open_yet_and_shows_no_code(tmp_path):
    _, site = build_sample(tmp_path, forms=None)  # `forms:` removed from config.yml
    for form in joining.FORMS.values():
        folder = site / form.page
        page = Page(folder / "index.html")
        assert f"Formulir {form.name} belum dibuka." in " ".join(page.text.split())
        assert not page.find("svg", role="img") and not page.find("figure")
        assert sorted(p.name for p in folder.iterdir()) == ["index.html"]  # no poster, no PNG
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "forms.gle" not in text and "docs.google.com/forms" not in text, path
        assert "poster/" not in text, path


def test_the_forums_own_form_addresses_are_valid():
    joining.forms(config.load())  # raises ConfigError otherwise


def test_pdf_title_names_the_form_and_the_forum(tmp_path):
    joining.write_assets(open_forms(URLS[0]), FORUM, tmp_path, UPDATED)
    form = joining.FORMS["members"]
    reader = pypdf.PdfReader(tmp_path / form.page / form.poster_pdf)
    assert reader.metadata.title == "Poster Pendaftaran Anggota: Forum CSR Kota Serang"
    assert reader.metadata.creation_date.date() == UPDATED  # the data's date: same bytes
