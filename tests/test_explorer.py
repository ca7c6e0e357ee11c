"""The explorer's data (scripts/site/explorer.py) for the hand-made data set: every
program once, in the default order, its facts as numbers the browser sums."""

import datetime

from scripts import config
from scripts.model import store
from scripts.site import explorer, stats

from .helpers import FIXTURES


def figures():
    return stats.compute(store.load(FIXTURES / "site"), datetime.date(2025, 7, 2), config.load())


def test_facts_hold_every_program_as_numbers_in_the_default_order():
    f = figures()
    facts = explorer.facts(f)
    columns, labels = facts["columns"], facts["labels"]
    assert facts["count"] == len(f.programs) == len(columns["amount"])
    for i, program in enumerate(f.programs):
        assert labels["sektor"][columns["sektor"][i]][0] == program["sector"]
        assert [labels["kecamatan"][k][0] for k in columns["kecamatan"][i]] == program["kecamatan"]
        assert labels["tahun"][columns["tahun"][i]][0] == str(program["year"])
        assert labels["anggota"][columns["anggota"][i]][0] == program["member"]
        assert columns["amount"][i] == program["amount"]  # None stays None: never 0
        assert columns["beneficiaries"][i] == program["beneficiaries"]
    status = [labels["status"][s][0] if s >= 0 else None for s in columns["status"]]
    assert status == [p["status"] for p in f.programs]
    by_rank = sorted(range(facts["count"]), key=lambda i: columns["title_rank"][i])
    titles = [f.programs[i]["title"].casefold() for i in by_rank]
    assert titles == sorted(titles)


def test_rows_come_in_chunks_in_the_same_order():
    f = figures()
    rows = [row for chunk in explorer.chunks(f) for row in chunk]
    assert rows == [[p["id"], p["title"]] for p in f.programs]
    assert all(len(chunk) <= explorer.CHUNK for chunk in explorer.chunks(f))


def test_members_are_listed_by_name_as_the_directory_lists_them():
    f = figures()
    names = [name for _, name in explorer.labels(f)["anggota"]]
    assert names == [mf.member["name"] for mf in f.member_figures if mf.programs]


def test_ten_thousand_programs_of_one_title_keep_one_place_each():
    data = store.load(FIXTURES / "site")
    first = data["programs"][0]
    data["programs"] = [first | {"id": f"{first['member']}-sama-{n:05}"} for n in range(10_000)]
    f = stats.compute(data, datetime.date(2025, 7, 2), config.load())
    facts = explorer.facts(f)
    assert sorted(facts["columns"]["title_rank"]) == list(range(10_000))  # a true order
    rows = [row for chunk in explorer.chunks(f) for row in chunk]
    assert len({row[0] for row in rows}) == 10_000 == facts["count"]
