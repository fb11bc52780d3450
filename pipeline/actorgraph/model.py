"""Building the actorgraph pipeline from a config, and caching the built pipeline on disk.

``build_pipeline(config)`` sources the statistical components from the English base package
named in ``[paths] base_model`` (see resources.resolve_base_model), creates actorgraph's
components and initialises only those (the sourced components keep their trained weights).
``load_pipeline()`` does what ``actorgraph extract`` does without ``--model``: it loads the
built pipeline from the cache folder, or builds and caches it first. The cache key covers the
config, every data file it reads, and the versions of actorgraph, spaCy and the base package,
so editing an alias file rebuilds on the next run. Cache folder: ``$ACTORGRAPH_CACHE``, else
``$XDG_CACHE_HOME/actorgraph``, else ``~/.cache/actorgraph``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import registry
from thinc.api import Config

from . import __version__
from .errors import ConfigError, ModelLoadError
from .resources import (
    actors_dir,
    default_config,
    places_file,
    relations_file,
    resolve_base_model,
    titles_file,
)

log = logging.getLogger("actorgraph")

OUR_PREFIX = "actorgraph_"


def read_config(path: Path | str | None = None) -> tuple[Path, Config]:
    """The config file (the packaged default when None), not yet interpolated."""
    path = Path(path) if path else default_config()
    if not path.is_file():
        raise ConfigError(path=path, detail="file not found")
    try:
        config = spacy.util.load_config(path, interpolate=False)
    except Exception as exc:  # confection raises several types for a malformed file
        raise ConfigError(path=path, detail=str(exc).strip().splitlines()[0]) from exc
    if "nlp" not in config or "components" not in config:
        raise ConfigError(path=path, detail="missing [nlp] or [components] section")
    config.setdefault("paths", {})
    base = config["paths"].get("base_model")
    if base:
        config["paths"]["base_model"] = resolve_base_model(base)
    return path, config


def build_pipeline(config_path: Path | str | None = None) -> Language:
    """Assemble and initialise the pipeline a config describes."""
    path, config = read_config(config_path)
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
        # Language.initialize() would re-initialise the vocabulary the sourced components were
        # trained with; run only the config's before_init (which copies the base package's
        # tokenizer and vocabulary, lexeme norms included) and actorgraph's own components.
        init = nlp.config.interpolate()["initialize"]
        if init.get("before_init"):
            registry.resolve({"callback": init["before_init"]})["callback"](nlp)
        settings = init.get("components", {})
        for name in nlp.pipe_names:
            pipe = nlp.get_pipe(name)
            if _factory(nlp, name).startswith(OUR_PREFIX) and hasattr(pipe, "initialize"):
                pipe.initialize(lambda: [], nlp=nlp, **settings.get(name, {}))
    except (OSError, ValueError, KeyError) as exc:  # spaCy's config and factory errors
        raise ConfigError(path=path, detail=str(exc).strip().splitlines()[0]) from exc
    return nlp


def _factory(nlp: Language, name: str) -> str:
    return nlp.get_pipe_meta(name).factory


def cache_dir() -> Path:
    if os.environ.get("ACTORGRAPH_CACHE"):
        return Path(os.environ["ACTORGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "actorgraph"


def pipeline_key(config_path: Path | str | None = None) -> str:
    """A digest of everything a built pipeline depends on."""
    path, config = read_config(config_path)
    digest = hashlib.sha256()
    base = config["paths"].get("base_model") or ""
    for part in (__version__, spacy.__version__, base, _package_version(base)):
        digest.update(str(part).encode() + b"\0")
    digest.update(path.read_bytes())
    for file in _data_files(config):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _package_version(name: str) -> str:
    try:
        return spacy.util.get_package_version(name) or ""
    except Exception:  # a directory or an oddly packaged pipeline: its name is enough
        return ""


def _data_files(config: Config) -> list[Path]:
    paths = config["paths"]
    actors = Path(paths.get("actors") or actors_dir())
    files = sorted(actors.glob("*.y*ml")) if actors.is_dir() else []
    defaults = (
        ("rules", relations_file()),
        ("titles", titles_file()),
        ("places", places_file()),
    )
    for name, default in defaults:
        value = paths.get(name)
        file = Path(value or default)
        if file.is_file():
            files.append(file)
    return files


def cached_pipeline_dir(config_path: Path | str | None = None) -> Path:
    """The cache folder of the pipeline a config describes (it may not be built yet)."""
    return cache_dir() / f"actorgraph-{__version__}-{pipeline_key(config_path)[:16]}"


def load_pipeline(
    config_path: Path | str | None = None, model: Path | str | None = None
) -> Language:
    """A ready pipeline: from ``model`` if given, else from the cache (built when missing)."""
    if model is not None:
        return _load_dir(Path(model))
    target = cached_pipeline_dir(config_path)
    if (target / "config.cfg").is_file():
        try:
            return spacy.load(target)
        except Exception as exc:  # a damaged cache entry is rebuilt, never fatal
            log.warning("cached pipeline %s is unreadable (%s); rebuilding", target, exc)
    log.info("building the pipeline (cached in %s)", target)
    nlp = build_pipeline(config_path)
    save_pipeline(nlp, target)
    return nlp


def save_pipeline(nlp: Language, target: Path) -> None:
    """``nlp.to_disk`` into a temporary folder renamed into place, so a reader never sees half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        nlp.to_disk(tmp)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except OSError as exc:
        log.warning("could not cache the pipeline in %s: %s", target, exc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _load_dir(path: Path) -> Language:
    if not (path / "config.cfg").is_file():
        raise ModelLoadError(path=path, detail="no config.cfg there")
    try:
        return spacy.load(path)
    except Exception as exc:
        raise ModelLoadError(path=path, detail=str(exc).strip().splitlines()[0]) from exc
