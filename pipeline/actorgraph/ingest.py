"""Reading articles from files and folders.

Supported: ``.txt``/``.md`` (the whole file is the article), ``.html``/``.htm`` (the main text:
scripts, styles, navigation, headers, footers and forms removed; title and publication date from
the page's metadata), ``.json`` (one article object, or a list of them) and ``.jsonl`` (one
article object per line). An article object has ``text`` and optionally ``title``,
``date`` (or ``published``) and ``url`` (or ``source``).

Folders are walked recursively in name order; only regular files are read (no FIFOs or
devices), hidden files and folders are passed over, symbolic links are not followed, and a
folder holding an actorgraph output (documents.jsonl and actors.jsonl) is reported as skipped
rather than read, so ``actorgraph extract seeds/`` does not read ``seeds/expected/``.
Text is decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, else cp1252; characters
that XML 1.0 forbids (control characters, lone surrogates) are removed before the pipeline sees
the text, so every offset refers to the text as cleaned and every output stays valid XML.

Every input yields either an :class:`Article` or a :class:`DocumentRecord` saying why it was
skipped or failed; nothing raises for a bad file.
Not yet handled: encoding detection beyond the above, boilerplate trimming, PDF and images
(skipped as unsupported).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputNotFound
from .schemas import Article, DocumentRecord

log = logging.getLogger("actorgraph")

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
OUTPUT_MARKERS = ("documents.jsonl", "actors.jsonl")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

# XML 1.0 allows tab, newline, carriage return and U+0020.. except surrogates, FFFE and FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DROP_HTML = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "figcaption")
_DATE_META = (
    "article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
)


@dataclass(frozen=True)
class InputFile:
    """A file to read and the doc id prefix it gets (its path relative to the input root)."""

    path: Path
    doc_id: str


def clean_text(text: str) -> str:
    """Remove characters XML 1.0 forbids; they break GraphML and some spaCy internals."""
    return _XML_FORBIDDEN.sub("", text)


def decode(data: bytes) -> str:
    """Decode bytes: a BOM wins, then strict UTF-8, then cp1252 (which never fails)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def find_inputs(paths: Iterable[Path | str]) -> list[InputFile]:
    """Every file under the given paths, with doc ids; raises InputNotFound for a missing path.

    A doc id is the path relative to the input folder (the file name for a file input); when
    several inputs are given, the input's own name is put in front so ids stay unique.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputNotFound(path=path)
    prefix = len(paths) > 1
    out: list[InputFile] = []
    for path in paths:
        head = f"{path.name}/" if prefix else ""
        if path.is_dir():
            for file in _walk(path):
                out.append(InputFile(file, head + file.relative_to(path).as_posix()))
        else:
            out.append(InputFile(path, path.name if not prefix else head.rstrip("/")))
    return out


def is_output_dir(path: Path) -> bool:
    """Whether a folder holds an actorgraph run's output (never read back as articles)."""
    return all((path / name).is_file() for name in OUTPUT_MARKERS)


def _walk(root: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", root, exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if is_output_dir(Path(entry.path)):
                yield Path(entry.path)  # read_articles reports it as skipped
            else:
                yield from _walk(Path(entry.path))
        else:
            yield Path(entry.path)


def read_articles(item: InputFile) -> Iterator[Article | DocumentRecord]:
    """The articles in one file, or one record saying why there are none."""
    path, doc_id = item.path, item.doc_id
    if path.is_dir() and is_output_dir(path):
        yield _skipped(
            doc_id,
            "an actorgraph output folder (it holds documents.jsonl and "
            "actors.jsonl): not read as articles",
        )
        return
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        yield _failed(doc_id, f"cannot read file: {exc.strerror or exc}")
        return
    if stat.S_ISLNK(mode):
        yield _skipped(doc_id, "symbolic link: not followed")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield _skipped(
            doc_id,
            f"unsupported file type {suffix or '(no extension)'}; "
            f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
        return
    if not stat.S_ISREG(mode):
        yield _skipped(doc_id, "not a regular file (a FIFO, device or socket)")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _failed(doc_id, f"cannot read file: {exc.strerror or exc}")
        return
    if b"\x00" in data and not data.startswith(tuple(b for b, _ in _BOMS)):
        yield _skipped(doc_id, "binary file (contains NUL bytes)", data)
        return
    text = decode(data)
    if suffix in TEXT_SUFFIXES:
        yield _article(doc_id, path, text=text)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(doc_id, path, text, data)
    elif suffix in JSON_SUFFIXES:
        yield from _json_articles(doc_id, path, text, data)
    else:
        yield from _jsonl_articles(doc_id, path, text)


def _article(
    doc_id: str,
    path: Path,
    *,
    text: str,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Article | DocumentRecord:
    text = clean_text(text)
    if not text.strip():
        return _skipped(doc_id, "empty document: no text to process", text.encode("utf-8"))
    return Article(
        doc_id=doc_id,
        text=text,
        title=clean_text(title).strip() or None if title else None,
        published=_iso_date(published),
        source=clean_text(source) if source else None,
        path=str(path),
    )


def _html_article(doc_id: str, path: Path, text: str, data: bytes) -> Article | DocumentRecord:
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(clean_text(text))
    except (ValueError, lxml.etree.ParserError) as exc:
        return _failed(doc_id, f"cannot parse HTML: {exc}", data)
    title = _meta(tree, "og:title") or (tree.findtext(".//title") or "").strip() or None
    published = _meta(tree, *_DATE_META)
    if published is None:
        times = tree.xpath("//time/@datetime")
        published = times[0] if times else None
    for element in tree.xpath("|".join(f"//{tag}" for tag in _DROP_HTML)):
        element.drop_tree()
    body = (tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree])[0]
    blocks = [b.text_content().strip() for b in body.iter(*_BLOCKS)]
    blocks = [re.sub(r"\s+", " ", b) for b in blocks if b]
    main = "\n\n".join(blocks) if blocks else re.sub(r"[ \t]+", " ", body.text_content()).strip()
    return _article(
        doc_id, path, text=main, title=title, published=published, source=_meta(tree, "og:url")
    )


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return None


def _json_articles(
    doc_id: str, path: Path, text: str, data: bytes
) -> Iterator[Article | DocumentRecord]:
    try:
        payload = json.loads(text)
    except ValueError as exc:
        yield _failed(doc_id, f"invalid JSON: {exc}", data)
        return
    if isinstance(payload, dict):
        yield _object_article(doc_id, path, payload)
    elif isinstance(payload, list):
        if not payload:
            yield _skipped(doc_id, "empty JSON list: no articles", data)
        for index, item in enumerate(payload, start=1):
            yield _object_article(f"{doc_id}#{index}", path, item)
    else:
        yield _failed(doc_id, "JSON must be an article object or a list of them", data)


def _jsonl_articles(doc_id: str, path: Path, text: str) -> Iterator[Article | DocumentRecord]:
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        lines += 1
        try:
            item = json.loads(line)
        except ValueError as exc:
            yield _failed(
                f"{doc_id}#{number}",
                f"invalid JSON on line {number}: {exc}",
                line.encode("utf-8", "replace"),
            )
            continue
        yield _object_article(f"{doc_id}#{number}", path, item)
    if lines == 0:
        yield _skipped(doc_id, "empty JSONL file: no articles", text.encode("utf-8", "replace"))


def _object_article(doc_id: str, path: Path, item: object) -> Article | DocumentRecord:
    if not isinstance(item, dict):
        return _failed(doc_id, "not a JSON object")
    body = item.get("text")
    if not isinstance(body, str):
        return _failed(doc_id, "article object has no 'text' string")
    return _article(
        doc_id,
        path,
        text=body,
        title=_str(item.get("title")),
        published=_str(item.get("date") or item.get("published")),
        source=_str(item.get("url") or item.get("source")),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _iso_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a metadata value, or None when it is not one."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _skipped(doc_id: str, reason: str, data: bytes | None = None) -> DocumentRecord:
    return _record(doc_id, "skipped", reason, data)


def _failed(doc_id: str, reason: str, data: bytes | None = None) -> DocumentRecord:
    return _record(doc_id, "failed", reason, data)


def _record(doc_id: str, status: str, reason: str, data: bytes | None) -> DocumentRecord:
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    return DocumentRecord(doc_id=doc_id, status=status, error=reason, chars=0, sha256=digest)
