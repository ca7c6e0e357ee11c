"""Every verb has help with an example and is documented in the README."""

import re

import pytest

from scripts.cli import build_parser, main

from .helpers import REPO


def _verbs():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "verb")
    return subparsers.choices


@pytest.mark.parametrize("verb", sorted(_verbs()))
def test_every_verb_has_help_and_readme_entry(verb, capsys):
    with pytest.raises(SystemExit) as done:
        main([verb, "--help"])
    assert done.value.code == 0
    help_text = capsys.readouterr().out
    assert re.search(rf"Example: python -m scripts {verb}\b", help_text)
    assert f"python -m scripts {verb}" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [["nonsense"], ["pull", "--source", "ftp"], ["pull", "--source", "csv"], []],
)
def test_bad_usage_exits_2(argv):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
