"""Reading YAML data files into pydantic models, with ``file [location] message`` errors."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataFileError

M = TypeVar("M", bound=BaseModel)
# libyaml's parser when PyYAML has it: the same documents, parsed several times faster (the
# relation rules took 0.9 s to parse in pure Python, once per process that builds a graph).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_model(file: Path, model: type[M]) -> M:
    """Parse ``file`` and validate it as ``model``; any problem raises :class:`DataFileError`."""
    try:
        raw = yaml.load(Path(file).read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "yaml"
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if getattr(exc, "context", None):
            detail = f"{detail} ({exc.context})"
        raise DataFileError(path=file, location=location, detail=detail) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path=file, location="", detail=str(exc)) from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(path=file, **validation_location(exc)) from exc


def validation_location(exc: ValidationError) -> dict[str, str]:
    """The first pydantic error as ``location`` (``actors[3].aliases[0]``) and ``detail``."""
    err = exc.errors()[0]
    location = ""
    for part in err["loc"]:
        location += (
            f"[{part}]" if isinstance(part, int) else (f".{part}" if location else str(part))
        )
    detail = err["msg"]
    if exc.error_count() > 1:
        detail += f" (and {exc.error_count() - 1} more errors)"
    return {"location": location or "(top level)", "detail": detail}
