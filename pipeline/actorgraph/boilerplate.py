"""Trimming the site furniture that follows an article: comment prompts, teasers, share lines.

The marker lines are data (``data/boilerplate.yaml``), validated by :class:`BoilerplateRules`.
:func:`trim_tail` cuts the text at the first marker line found in the trailing part, and
nowhere else: a marker must be a whole short line, and only the last ``tail_fraction`` of the
text (at most ``max_tail_chars``) is searched, so the article body is never cut, however often
it says "reply" or "share". Not handled: furniture before or inside the article (bylines,
"Also read" lines between paragraphs) and furniture that shares a line with body text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .datafiles import load_yaml_model
from .resources import boilerplate_file

# Leading/trailing characters a marker line may carry around its words ("— Must Read —", "SHARE:").
_FRAME = " \t\u00a0-–—|:•·*#>»«()[]!.…"


class BoilerplateRules(BaseModel):
    """The contents of a boilerplate file (see data/boilerplate.yaml for the fields)."""

    model_config = ConfigDict(extra="forbid")

    tail_fraction: float = Field(gt=0.0, le=0.9)
    max_tail_chars: int = Field(gt=0)
    max_line_chars: int = Field(gt=0)
    markers: list[str] = Field(min_length=1)

    @field_validator("markers")
    @classmethod
    def _compile(cls, markers: list[str]) -> list[str]:
        for index, marker in enumerate(markers):
            try:
                re.compile(marker)
            except re.error as exc:
                raise ValueError(
                    f"marker {index} {marker!r} is not a regular expression: {exc}"
                ) from exc
        return markers

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{m})" for m in self.markers), re.IGNORECASE)

    @classmethod
    def from_file(cls, path: Path | str) -> BoilerplateRules:
        return load_yaml_model(Path(path), cls)


@functools.lru_cache(maxsize=4)
def load_rules(path: Path | str | None = None) -> BoilerplateRules:
    """The rules of a boilerplate file (the packaged one when None), read once."""
    return BoilerplateRules.from_file(path or boilerplate_file())


def trim_tail(text: str, rules: BoilerplateRules | None = None) -> str:
    """``text`` without the furniture after the article (unchanged when there is none)."""
    rules = rules or load_rules()
    tail = min(int(len(text) * rules.tail_fraction), rules.max_tail_chars)
    start = len(text) - tail
    # the tail begins at a line start, so the first marker is a whole line
    start = text.find("\n", start - 1) + 1 if start > 0 else 0
    if start <= 0:
        return text
    offset = start
    for line in text[start:].splitlines(keepends=True):
        words = line.strip().strip(_FRAME)
        if words and len(line.strip()) <= rules.max_line_chars and rules.pattern.fullmatch(words):
            return text[:offset].rstrip()
        offset += len(line)
    return text
