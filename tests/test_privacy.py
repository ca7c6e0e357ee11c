"""Nothing private leaks, and what is withdrawn is gone.

The whole chain runs as the nightly workflow runs it: pull, the job summary, the
site build. Every personal value of the fixtures (collected e-mails, contact persons
without contact consent, reporters, phones, secretariat notes, and any e-mail address
or phone number a respondent typed into another answer) is then looked for in data/,
every file of site/ (pages, search index, sitemap, feed, downloads), the pull
report, the job summary, the quality check and everything printed or logged; the
quality check names the records whose text had a contact masked. Then a business
withdraws its consent, another is declined, a third answers again without consent and
a program is declined: the next pull and build remove them from data/, the site, its
search index and its downloads.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess

import pytest

from scripts.checks import quality
from scripts.intake.questions import VERIFICATION
from scripts.model import store
from scripts.nightly import run as nightly
from scripts.site import build
from scripts.sources import files as sources

from .helpers import FORMS, REPO, build_sample, config_with_forms, main, pull_code, pull_tables
from .privacy import (
    HOSTILE_FORMS,
    hostile_forms,
    leaks,
    private_values,
    readable,
    readable_tree,
)

CORPORA = {
    "sample": (sources.read_sample, {}),
    "hostile": (
        hostile_forms,
        {"paths": {key: HOSTILE_FORMS / f"{key}.csv" for key in sources.SHEET_KEYS}},
    ),
}


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_personal_value_is_published_printed_or_logged(corpus, tmp_path, capfd, caplog):
    read, options = CORPORA[corpus]
    source = "sample" if corpus == "sample" else "csv"
    data_dir, site_dir = tmp_path / "data", tmp_path / "site"
    summary, report = tmp_path / "ringkasan.md", tmp_path / "laporan.json"
    config = config_with_forms(tmp_path, FORMS)
    caplog.set_level(logging.DEBUG)
    code = nightly.run(
        source, data_dir, site_dir, summary_path=summary, config_path=config, **options
    )
    assert code == 0
    # The report the `pull --report` option writes: pulled again, nothing changes.
    status = tmp_path / "status.csv"
    paths = options.get("paths")
    assert pull_code(source, data_dir, report, config, paths, status_file=status) == 0
    assert status.is_file()  # for the secretariat alone, yet without a personal value
    assert leaks(status.read_text(encoding="utf-8-sig"), private_values(read())) == []
    capfd.readouterr()
    assert main(["quality", "--data-dir", str(data_dir)]) == 0
    checks = capfd.readouterr().out
    out, err = capfd.readouterr()  # the MkDocs subprocess's output too
    outputs = {
        **{f"data/{name}": text for name, text in readable_tree(data_dir).items()},
        **{f"site/{name}": text for name, text in readable_tree(site_dir).items()},
        "pull report": json.dumps(json.loads(report.read_text(encoding="utf-8"))),
        "job summary": summary.read_text(encoding="utf-8"),
        "output": out + err + caplog.text,
        "quality check": checks,
    }
    assert "site/sitemap.xml.gz" in outputs
    assert [name for name in outputs if name.startswith("site/pagefind/fragment/")]
    private = private_values(read())
    assert len(private) > 100
    found = leaks("\n".join(outputs.values()), private)
    assert found == [], {name: leaks(text, set(found)) for name, text in outputs.items()}
    # The quality check names each record whose text had a contact masked, for a word
    # with the respondent.
    masked = {
        route(record["id"])
        for kind, route in quality.ROUTES.items()
        for record in store.load(data_dir)[kind]
        if "disembunyikan]" in json.dumps(record)
    }
    flagged = checks.split("[contact-in-text]")[1].split("\n[")[0].split()
    assert masked and masked <= set(flagged)


def _edit(table: sources.Table, column: str, value: str, where) -> sources.Table:
    """The table with `column` set to `value` in every row `where(row)` holds."""
    index = table.header.index(column)
    rows = [
        [*row[:index], value, *row[index + 1 :]] if where(row) else list(row) for row in table.rows
    ]
    assert rows != [list(row) for row in table.rows]
    return sources.Table(table.title, table.header, rows)


def _publish(root, tables) -> tuple[dict, dict[str, str]]:
    """Pull the tables and build the site: (data, every site file's readable text).
    Withdrawals and declines are removals asked for: the mass-removal guard lets them
    through, however many of a small data set they are."""
    assert pull_tables(root, tables) == 0
    site = root / "site"
    assert build.build(root / "data", site, root / "build", config_with_forms(root, FORMS)) == 0
    return store.load(root / "data"), readable_tree(site)


def test_withdrawn_consent_and_declined_rows_are_taken_down(tmp_path):
    corpus = hostile_forms()
    before, site_before = _publish(tmp_path, corpus)
    members = {m["nib"]: m for m in before["members"]}
    # PT Skrip withdraws its consent, Yayasan Admonisi is declined, PT Jinja answers again.
    withdrawn, declined, answered = (members[f"91000000000{i:02d}"] for i in (1, 3, 4))
    (declined_program,) = [p for p in before["programs"] if p["title"] == "=1+1"]
    gone_members = {m["id"] for m in (withdrawn, declined, answered)}
    gone_programs = [p for p in before["programs"] if p["member"] in gone_members]
    gone_programs.append(declined_program)
    assert len(gone_programs) >= 6

    members_table, programs_table = corpus["members"], corpus["programs"]
    nib = members_table.header.index("NIB")
    members_table = _edit(  # the secretariat records the withdrawal of consent
        members_table, "Persetujuan Publikasi", "Tidak", lambda r: r[nib] == withdrawn["nib"]
    )
    members_table = _edit(
        members_table, VERIFICATION, "Ditolak", lambda r: r[nib] == declined["nib"]
    )
    # The business answers the form again a month later, without consent; it is verified.
    header = members_table.header
    (again,) = [list(r) for r in members_table.rows if r[nib] == answered["nib"]]
    again[header.index("Stempel waktu")] = "01/04/2025 10:00:00"
    again[header.index("Persetujuan Publikasi")] = "Tidak"
    members_table = sources.Table(members_table.title, header, [*members_table.rows, again])
    title = programs_table.header.index("Nama Program")
    programs_table = _edit(
        programs_table, VERIFICATION, "Ditolak", lambda r: r[title] == declined_program["title"]
    )
    after, site_after = _publish(
        tmp_path, {**corpus, "members": members_table, "programs": programs_table}
    )

    assert {m["id"] for m in before["members"]} - {
        m["id"] for m in after["members"]
    } == gone_members
    assert {p["id"] for p in before["programs"]} - {p["id"] for p in after["programs"]} == {
        p["id"] for p in gone_programs
    }
    (need,) = [need for need in after["needs"] if need["id"] == "HOST-01"]
    assert need["programs"] == []  # its only adopter was withdrawn
    # Whatever identified them, in data/ and in every file of the site.
    traces = [m[key] for m in (withdrawn, declined, answered) for key in ("id", "name", "nib")]
    traces += [p["title"] for p in gone_programs] + [f"program/{p['id']}/" for p in gone_programs]
    published = {**readable_tree(tmp_path / "data"), **site_after}
    found = {name: [t for t in traces if t in text] for name, text in published.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
    assert [name for name in site_after if any(i in name for i in gone_members)] == []
    # Not vacuous: before, every page named them, the search index included.
    for download in ("data/members.csv", "data/members.json"):
        assert withdrawn["name"] in site_before[download]
    indexed = [text for name, text in site_before.items() if name.startswith("pagefind/fragment/")]
    assert any(withdrawn["name"] in text for text in indexed)
    assert withdrawn["name"] in site_before["data/data-terbuka.xlsx"]
    assert declined_program["title"] in site_before["data/programs.csv"]
    assert f"anggota/{withdrawn['id']}/index.html" in site_before
    assert members["9100000000014"]["name"] in site_after["anggota/index.html"]


def test_consented_contacts_stay_out_of_git_and_on_their_pages(tmp_path, sample):
    """Issue 14, item 7: after pulling the sample, no contact person's value is in any
    file git tracks (data/ and its history are public; a withdrawal must leave nothing
    behind), while the member pages still show the consented contacts."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    data_dir, site_dir = build_sample(root)
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "--all"], check=True)
    tracked = subprocess.run(
        ["git", "-C", str(root), "ls-files"], check=True, capture_output=True, text=True
    ).stdout.split()
    assert "data/members.yaml" in tracked and "data.contacts.yaml" not in tracked
    contacts = private_values(sample, consented=True) - private_values(sample)
    assert len(contacts) > 10  # the consented contacts, not vacuous
    found = leaks(
        "\n".join(readable(name, (root / name).read_bytes()) for name in tracked), contacts
    )
    assert found == []
    members = store.load(data_dir)["members"]
    shown = [m for m in members if m.get("contact", {}).get("phone")]
    assert shown  # read back from beside data/
    for member in shown:
        page = (site_dir / "anggota" / member["id"] / "index.html").read_text("utf-8")
        assert member["contact"]["name"] in page
    assert "contact_published: true" in (data_dir / "members.yaml").read_text("utf-8")
