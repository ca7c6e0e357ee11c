"""Business names: the legal form they carry ("PT", "CV", "(Persero) Tbk" …) told apart
from the name itself. The intake keys a business's identity on both; the site sorts
names by the name alone, as an Indonesian reader looks "Banten Niaga" up under B."""

from __future__ import annotations

from functools import lru_cache

from scripts.model.text import clean, fold

# Legal-form words at either end of a business name, folded, with the canonical
# token they stand for; None: a qualifier dropped from the key. Persero and
# Perseroda companies are PTs ("PT X (Persero) Tbk" is "PT X").
_NAME_FORMS: dict[tuple[str, ...], str | None] = {
    ("pt",): "pt",
    ("p", "t"): "pt",
    ("perseroan", "terbatas"): "pt",
    ("persero",): "pt",
    ("perseroda",): "pt",
    ("tbk",): None,
    ("cv",): "cv",
    ("c", "v"): "cv",
    ("persekutuan", "komanditer"): "cv",
    ("ud",): "ud",
    ("u", "d"): "ud",
    ("usaha", "dagang"): "ud",
    ("fa",): "firma",
    ("firma",): "firma",
    ("koperasi",): "koperasi",
    ("kop",): "koperasi",
    ("yayasan",): "yayasan",
    ("perum",): "perum",
    ("perusahaan", "umum"): "perum",
    ("perumda",): "perumda",
    ("perusahaan", "umum", "daerah"): "perumda",
}
_NAME_FORM_ORDER = ("pt", "cv", "ud", "firma", "koperasi", "yayasan", "perum", "perumda")
_NAME_FORM_FIRST = frozenset(words[0] for words in _NAME_FORMS)
_NAME_FORM_LAST = frozenset(words[-1] for words in _NAME_FORMS)


@lru_cache(maxsize=4096)
def split_forms(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(canonical legal forms in a fixed order, the name's own words), both folded."""
    tokens = fold(clean(value)).split()
    if len(tokens) < 2 or (tokens[0] not in _NAME_FORM_FIRST and tokens[-1] not in _NAME_FORM_LAST):
        return (), tuple(tokens)  # no legal form at either end
    forms: set[str] = set()
    changed = True
    while changed:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) <= size:  # never strip the name itself away
                continue
            head, tail = tuple(tokens[:size]), tuple(tokens[-size:])
            if head in _NAME_FORMS:
                forms.add(_NAME_FORMS[head] or "")
                tokens = tokens[size:]
            elif tail in _NAME_FORMS:
                forms.add(_NAME_FORMS[tail] or "")
                tokens = tokens[:-size]
            else:
                continue
            changed = True
            break
    return tuple(form for form in _NAME_FORM_ORDER if form in forms), tuple(tokens)


def sort_key(name: str) -> str:
    """How a business name sorts for people: by its own words, legal form, case and
    punctuation ignored ("PT. Banten Niaga" among the B's, "CV Alam" among the A's)."""
    return " ".join(split_forms(name)[1])


def member_order(member: dict) -> tuple[str, str]:
    """Members in the order people look them up: by name (sort_key), then id."""
    return sort_key(member["name"]), member["id"]
