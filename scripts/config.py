"""The forum's configuration file (`config.yml`), read once and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = REPO_ROOT / "config.yml"


class ConfigError(Exception):
    """The configuration file is missing or malformed (message in Indonesian)."""


@dataclass(frozen=True)
class Config:
    forum: dict = field(default_factory=dict)
    moderation: bool = True
    date_order: str = "dmy"
    column_names: dict[str, str] = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    forms: dict = field(default_factory=dict)


def load(path: Path = DEFAULT_CONFIG) -> Config:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(
            f"Berkas konfigurasi {path} tidak dapat dibaca ({exc.strerror})."
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"Berkas konfigurasi {path} bukan YAML yang sah: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"Berkas konfigurasi {path} harus berisi pasangan kunci: nilai.")
    config = Config(
        forum=raw.get("forum") or {},
        moderation=bool(raw.get("moderation", True)),
        date_order=str(raw.get("date_order", "dmy")),
        column_names={str(k): str(v) for k, v in (raw.get("column_names") or {}).items()},
        sources=raw.get("sources") or {},
        forms=raw.get("forms") or {},
    )
    if config.date_order not in ("dmy", "mdy"):
        raise ConfigError(f"{path}: date_order harus 'dmy' atau 'mdy'.")
    return config
