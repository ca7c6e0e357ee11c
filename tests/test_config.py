"""config.yml is read once, checked once: every problem names its key, in Indonesian."""

from __future__ import annotations

import pytest
import yaml

from scripts import config
from scripts.errors import ConfigError


def _write(tmp_path, change) -> config.Config:
    settings = yaml.safe_load(config.DEFAULT_CONFIG.read_text(encoding="utf-8"))
    change(settings)
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config.load(path)


def test_the_default_config_is_kota_serang():
    settings = config.load()
    assert settings.region.name == "Kota Serang" and settings.region.code == "36.73"
    assert [k.slug for k in settings.region.kecamatan] == [
        "serang",
        "kasemen",
        "walantaka",
        "curug",
        "cipocok-jaya",
        "taktakan",
    ]
    assert len(settings.sectors) == 8 and settings.sectors[-1].slug == "lainnya"
    assert settings.forms["members"].url.startswith("https://")


def _drop(*keys):
    def change(settings):
        node = settings
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return change


def _set(value, *keys):
    def change(settings):
        node = settings
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (_drop("region"), "kunci region:"),
        (_drop("forum", "name"), "kunci forum.name:"),
        (_set("Cipocok Jaya", "region", "kecamatan", 4, "slug"), "kunci region.kecamatan[5].slug:"),
        (_set("serang", "region", "kecamatan", 1, "slug"), "kunci region.kecamatan[2].slug:"),
        (_set("dua belas", "region", "kecamatan", 0, "kelurahan"), "region.kecamatan[1].kelurahan"),
        (_set([1, 1], "region", "kecamatan", 1, "tile"), "region.kecamatan[2].tile: kotak [1, 1]"),
        (_set([1], "region", "kecamatan", 0, "tile"), "region.kecamatan[1].tile:"),
        (_set("1,1", "region", "kecamatan", 0, "tile"), "region.kecamatan[1].tile:"),
        (_set([], "sectors"), "kunci sectors:"),
        (_set([{"slug": "kesehatan", "label": "Kesehatan"}], "sectors"), "'lainnya'"),
        (_set({"member": {"url": "x"}}, "forms"), "kunci forms.member:"),
        (_set("ymd", "date_order"), "kunci date_order:"),
        (_set("teks", "sources", "sheets"), "kunci sources.sheets:"),
        (_set("content/assets/tidak-ada.png", "forum", "logo"), "kunci forum.logo:"),
        (_set("config.yml", "forum", "logo"), "kunci forum.logo:"),  # not a picture
        (_set([], "forum", "signatories"), "kunci forum.signatories:"),
        (_set([{"name": "Budi"}], "forum", "signatories"), "forum.signatories[0].role:"),
    ],
)
def test_a_bad_config_is_refused_naming_its_key(tmp_path, change, key):
    with pytest.raises(ConfigError) as refused:
        _write(tmp_path, change)
    assert key in str(refused.value)
    assert str(tmp_path / "config.yml") in str(refused.value)


def test_unreadable_and_non_mapping_files(tmp_path):
    with pytest.raises(ConfigError, match="tidak dapat dibaca"):
        config.load(tmp_path / "tidak-ada.yml")
    (tmp_path / "list.yml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pasangan kunci"):
        config.load(tmp_path / "list.yml")


def test_letterhead_and_signatories(tmp_path):
    settings = _write(tmp_path, _set("tests/fixtures/logo.png", "forum", "logo"))
    assert settings.forum.logo == config.REPO_ROOT / "tests" / "fixtures" / "logo.png"
    assert settings.forum.address.startswith("Sekretariat")
    assert [s.role for s in settings.forum.signatories] == ["Ketua Forum", "Sekretariat Forum"]
    default = _write(tmp_path, _drop("forum", "signatories"))
    assert default.forum.signatories == config.SIGNATORIES and default.forum.logo is None
