"""The mass-removal guard (scripts/intake/guard.py): which pulls are refused."""

import pytest

from scripts.intake import guard
from scripts.model import store


def records(n: int, prefix: str = "r") -> list[dict]:
    return [{"id": f"{prefix}{i}"} for i in range(n)]


@pytest.mark.parametrize(
    ("before", "after", "refused"),
    [
        (100, 80, False),  # a fifth removed: allowed
        (100, 79, True),  # more than a fifth
        (5, 4, False),  # one withdrawal of five
        (4, 3, True),  # one of four is 25 %
        (1, 0, True),  # all of them
        (0, 0, False),  # nothing published yet: the first pull
        (10, 30, False),  # growth
    ],
)
def test_removal_of_more_than_a_fifth_or_of_everything_is_refused(before, after, refused):
    found = guard.removals({"members": records(before)}, {"members": records(after)})
    assert bool(found) == refused


def test_replaced_records_count_as_removed():
    """Ids that change are removals, whatever the count after."""
    found = guard.removals({"programs": records(10)}, {"programs": records(10, "baru")})
    assert [(r.name, r.before, r.after, r.removed) for r in found] == [("programs", 10, 10, 10)]


def test_the_refusal_says_counts_causes_and_the_way_on():
    found = guard.removals({"members": records(64)}, {"members": []})
    text = guard.refusal(found)
    assert "anggota yang terbit akan berkurang dari 64 menjadi 0 (64 dihapus, 100%)" in text
    assert "tab lembar yang salah" in text and "--accept-removals" in text


def test_withdrawals_and_declines_are_removals_asked_for():
    before = {
        "members": [
            {"id": "a", "nib": "1", "name": "PT A"},
            {"id": "b", "nib": "2", "name": "PT B"},
        ],
        "programs": [{"id": "a-1", "member": "a"}, {"id": "b-1", "member": "b"}],
    }
    fates = {"1": "no_consent"}
    asked = guard.asked_removals(before, lambda nib, name: fates.get(nib))
    assert asked == {"members": {"a"}, "programs": {"a-1"}}
    after = {"members": before["members"][1:], "programs": before["programs"][1:]}
    assert guard.removals(before, after, asked) == []  # half of them, but asked for
    assert [r.name for r in guard.removals(before, after)] == ["members", "programs"]


def test_the_guard_reads_only_what_ties_each_published_record_to_its_member(tmp_path):
    members = [
        {"id": "pt-a", "name": "PT A", "nib": "9120001112223", "kecamatan": "serang"},
        {"id": "cv-b", "name": "CV B", "nib": None, "kecamatan": "curug"},
    ]
    programs = [{"id": "pt-a-bedah-rumah", "member": "pt-a", "title": "Bedah Rumah"}]
    store.save(tmp_path, {"members": members, "programs": programs, "needs": []})
    assert guard.published(tmp_path) == {
        "members": [
            {"id": "pt-a", "nib": "9120001112223", "name": "PT A"},
            {"id": "cv-b", "nib": None, "name": "CV B"},
        ],
        "programs": [{"id": "pt-a-bedah-rumah", "member": "pt-a"}],
    }


def test_nothing_published_yet_is_no_record(tmp_path):
    assert guard.published(tmp_path / "data") == {"members": [], "programs": []}


def test_a_published_file_that_cannot_be_read_is_an_error(tmp_path):
    (tmp_path / "programs.yaml").write_text("- id: [\n", encoding="utf-8")
    with pytest.raises(store.StoreError, match=r"programs\.yaml: bukan YAML yang sah"):
        guard.published(tmp_path)
