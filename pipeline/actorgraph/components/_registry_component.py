"""Shared base for components that hold the actor registry (resolver and typer)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.util import ensure_path

from ..extensions import install_extensions
from ..gazetteer import Gazetteer
from ..resources import actors_dir


class RegistryComponent:
    """A component that reads ``doc.spans[spans_key]`` with the registry at hand.

    The registry is serialized with the component, so a built pipeline is self-contained;
    components of one pipeline that store the same registry share one object in memory.
    """

    file_name = "registry.json"

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "actors") -> None:
        install_extensions()
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.gazetteer = Gazetteer([])
        self._ready = False

    def ensure_ready(self) -> None:
        """Load the packaged registry if the component was never initialised or loaded."""
        if not self._ready:
            self.initialize()

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        actors: str | None = None,
    ) -> None:
        """Load the registry folder (the packaged ``data/actors`` when not given)."""
        self.gazetteer = Gazetteer.from_dir(actors or actors_dir())
        self._ready = True

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.gazetteer.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        self.gazetteer = Gazetteer.from_bytes(data)
        self._ready = True
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / self.file_name).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        return self.from_bytes((ensure_path(path) / self.file_name).read_bytes())
