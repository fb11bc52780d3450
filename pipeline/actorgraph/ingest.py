"""Reading articles from files and folders.

Supported: ``.txt``/``.md`` (the whole file is the article), ``.html``/``.htm`` (the main text,
title and date: see htmltext.py), ``.json`` (one article object, or a list of them) and
``.jsonl`` (one article object per line, read line by line). An article object has ``text``
and optionally ``title``, ``date`` (or ``published``) and ``url`` (or ``source``).

Folders are walked in name order; only regular files are read (no FIFOs or devices), hidden
files and folders are passed over, and symbolic links inside a folder are never followed (each
gets a row saying where it points: inside or outside the input folder, nowhere, or in a loop);
a file named directly as an input is read even through a link. A folder holding an actorgraph
output (documents.jsonl and actors.jsonl) is reported as skipped rather than read, so
``actorgraph extract seeds/`` does not read ``seeds/expected/``. Doc ids are the relative path
with undecodable bytes and control characters written as ``\\xNN`` escapes; no output path is
ever made from them.

Text is decoded as encoding.py describes (BOM, strict UTF-8, declared charset, detection) and
recorded in ``DocumentRecord.encoding``; characters XML 1.0 forbids (control characters, lone
surrogates, from the bytes or from JSON ``\\ud800`` escapes) are removed, certain mojibake is
repaired and the site furniture after the article is cut (boilerplate.py) before the pipeline
sees the text, so every offset refers to the text as cleaned and every output stays valid XML.
Binary files (by their first bytes: PDF, images, archives, office files; or NUL bytes in more
than 1% of the first 64 KiB, or control bytes in more than 5%) are skipped; a few stray NUL or
control bytes in a text file are removed.

Every input yields either an :class:`Article` or a :class:`DocumentRecord` saying why it was
skipped or failed; nothing raises for a bad file. Not supported: PDF, images, office formats,
archives (skipped with a reason), UTF-16/32 without a byte order mark.
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
from typing import BinaryIO

from .boilerplate import trim_tail
from .encoding import REPAIRED_SUFFIX, Decoded, bom_encoding, decode, html_charset, repair_mojibake
from .errors import InputNotFound
from .schemas import Article, DocumentRecord, IngestOptions

log = logging.getLogger("actorgraph")

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl"}
OUTPUT_MARKERS = ("documents.jsonl", "actors.jsonl")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# Whole files above this are not read into memory (JSONL is read line by line instead).
MAX_FILE_BYTES = 256 * 2**20
_HEAD_BYTES = 65536
DEFAULT_OPTIONS = IngestOptions()

# XML 1.0 allows tab, newline, carriage return and U+0020.. except surrogates, FFFE and FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters a doc id shows as escapes: all control characters, and what XML forbids.
_ID_ESCAPED = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Control bytes text never holds in numbers (tab, newline, form feed, CR and ESC are left out).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# File signatures of binary formats people leave in article folders.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3", "an SQLite database"),
)
_BINARY_SUFFIXES = {
    ".pdf": "PDF documents",
    ".doc": "Word documents",
    ".docx": "Word documents",
    ".odt": "office documents",
    ".rtf": "RTF documents",
    ".epub": "e-books",
}


@dataclass(frozen=True)
class InputFile:
    """A file to read, the doc id prefix it gets (its path relative to the input root), and the
    input folder it was found in (None for a file named directly, whose links are followed)."""

    path: Path
    doc_id: str
    root: Path | None = None


def clean_text(text: str) -> str:
    """Remove characters XML 1.0 forbids; they break GraphML and some spaCy internals."""
    return _XML_FORBIDDEN.sub("", text)


def printable_id(name: str) -> str:
    """A file path as a doc id: undecodable bytes and control characters as ``\\xNN``."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", errors="backslashreplace")
    return _ID_ESCAPED.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
        head = f"{printable_id(path.name)}/" if prefix else ""
        if path.is_dir():
            for file in _walk(path):
                doc_id = head + printable_id(file.relative_to(path).as_posix())
                out.append(InputFile(file, doc_id, root=path))
        else:
            out.append(InputFile(path, head.rstrip("/") or printable_id(path.name)))
    return out


def is_output_dir(path: Path) -> bool:
    """Whether a folder holds an actorgraph run's output (never read back as articles)."""
    return all((path / name).is_file() for name in OUTPUT_MARKERS)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in name order (a folder's files where its name sorts), without
    following links or recursing; a folder that cannot be listed is yielded itself, for
    read_articles to report why."""
    stack = [_entries(root)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, Path):
            yield entry
        elif _is_folder(entry) and not is_output_dir(Path(entry.path)):
            stack.append(_entries(Path(entry.path)))
        else:
            yield Path(entry.path)


def _entries(folder: Path) -> Iterator[os.DirEntry | Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc.strerror or exc)
        yield folder
        return
    yield from (e for e in entries if not e.name.startswith("."))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def read_articles(
    item: InputFile, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | DocumentRecord]:
    """The articles in one file, or one record saying why there are none."""
    path, doc_id = item.path, item.doc_id
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        yield _failed(doc_id, f"cannot read file: {exc.strerror or exc}")
        return
    if stat.S_ISLNK(mode):
        if item.root is not None:
            yield _skipped(doc_id, _link_reason(path, item.root))
            return
        try:
            mode = path.stat().st_mode
        except (OSError, RuntimeError) as exc:
            yield _failed(doc_id, f"cannot follow symbolic link: {_os_reason(exc)}")
            return
    if stat.S_ISDIR(mode):
        yield _folder_record(path, doc_id)
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _BINARY_SUFFIXES.get(suffix)
        yield _skipped(
            doc_id,
            f"unsupported file type {suffix or '(no extension)'}"
            + (f" ({hint} are not read: convert them to .txt first)" if hint else "")
            + f"; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}",
        )
        return
    if not stat.S_ISREG(mode):
        yield _skipped(doc_id, "not a regular file (a FIFO, device or socket)")
        return
    follow = item.root is None
    jsonl = suffix in JSONL_SUFFIXES  # read line by line, whatever its size: look at its head
    try:
        data, size = _read(path, follow=follow, limit=_HEAD_BYTES if jsonl else MAX_FILE_BYTES)
    except OSError as exc:
        yield _failed(doc_id, f"cannot read file: {_os_reason(exc)}")
        return
    if size > MAX_FILE_BYTES and not jsonl:
        yield _skipped(
            doc_id,
            f"file too large: {size / 2**20:.0f} MiB, above the {MAX_FILE_BYTES // 2**20} MiB "
            "actorgraph reads as one file (split it, or use JSONL, one article a line)",
        )
        return
    kind = binary_kind(data)
    if kind:
        yield _skipped(doc_id, f"binary file ({kind}): not an article", None if jsonl else data)
        return
    if jsonl:
        yield from _jsonl_articles(doc_id, path, options, follow=follow)
        return
    if suffix in HTML_SUFFIXES:
        decoded = decode(data, options.encoding or html_charset(data))
        yield _html_article(doc_id, path, decoded, data, options)
        return
    decoded = decode(data, options.encoding)
    if suffix in TEXT_SUFFIXES:
        yield _article(doc_id, path, decoded, options, text=decoded.text)
    else:
        yield from _json_articles(doc_id, path, decoded, data, options)


def _read(path: Path, *, follow: bool, limit: int) -> tuple[bytes, int]:
    """The file's bytes (only the first ``limit`` when it is larger: none for whole files
    over the limit, which are refused unread) and its size."""
    with open_regular(path, follow=follow) as f:
        size = os.fstat(f.fileno()).st_size
        if size <= limit:
            return f.read(), size
        return (f.read(limit) if limit < MAX_FILE_BYTES else b""), size


def open_regular(path: Path, *, follow: bool) -> BinaryIO:
    """``path`` opened for reading, checked to be a regular file once open: a file swapped for
    a FIFO or (unless ``follow``) a link after the walk raises OSError instead of blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path.name} is not a regular file")
    return os.fdopen(fd, "rb")


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is in (from its first bytes), or None for text."""
    if bom_encoding(data):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:65536]
    if head and head.count(0) > len(head) / 100:
        return "it contains NUL bytes"
    if head and len(head.translate(None, _CONTROL_BYTES)) < len(head) * 0.95:
        return "over 5% of its bytes are control characters"
    return None


def _link_reason(path: Path, root: Path) -> str:
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"dangling symbolic link (its target {os.readlink(path)!r} does not exist): skipped"
    except (OSError, RuntimeError):
        return "symbolic link loop: not followed"
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return "symbolic link pointing outside the input folder: not followed"
    return "symbolic link inside the input folder: not followed (its target is read as itself)"


def _folder_record(path: Path, doc_id: str) -> DocumentRecord:
    if is_output_dir(path):
        return _skipped(
            doc_id,
            "an actorgraph output folder (it holds documents.jsonl and "
            "actors.jsonl): not read as articles",
        )
    try:
        os.scandir(path).close()
    except OSError as exc:
        return _failed(doc_id, f"cannot list folder: {_os_reason(exc)}")
    return _skipped(doc_id, "a folder named as a file: not read")


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError):
        return "symbolic link loop"
    return getattr(exc, "strerror", None) or str(exc)


def _article(
    doc_id: str,
    path: Path,
    decoded: Decoded,
    options: IngestOptions,
    *,
    text: str,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Article | DocumentRecord:
    encoding = decoded.encoding
    text = clean_text(text)
    text, repaired = repair_mojibake(text)
    if repaired:
        text = clean_text(text)
        encoding += REPAIRED_SUFFIX
    if options.trim_boilerplate:
        text = trim_tail(text)
    if not text.strip():
        return _skipped(doc_id, "empty document: no text to process", text.encode(), encoding)
    if len(text) > options.max_chars:
        return _skipped(
            doc_id,
            f"article too long: {len(text):,} characters, above the limit of "
            f"{options.max_chars:,}; split it into several articles",
            text.encode(),
            encoding,
        )
    return Article(
        doc_id=doc_id,
        text=text,
        title=clean_text(title).strip() or None if title else None,
        published=_iso_date(published),
        source=clean_text(source) if source else None,
        path=str(path),
        encoding=encoding,
    )


def _html_article(
    doc_id: str, path: Path, decoded: Decoded, data: bytes, options: IngestOptions
) -> Article | DocumentRecord:
    from .htmltext import extract_html

    try:
        page = extract_html(clean_text(decoded.text))
    except ValueError as exc:
        return _failed(doc_id, f"cannot parse HTML: {exc}", data, decoded.encoding)
    return _article(
        doc_id,
        path,
        decoded,
        options,
        text=page.text,
        title=page.title,
        published=page.published,
        source=page.url,
    )


def _json_articles(
    doc_id: str, path: Path, decoded: Decoded, data: bytes, options: IngestOptions
) -> Iterator[Article | DocumentRecord]:
    try:
        payload = json.loads(decoded.text)
    except (ValueError, RecursionError) as exc:
        yield _failed(doc_id, f"invalid JSON: {_json_error(exc)}", data, decoded.encoding)
        return
    if isinstance(payload, dict):
        yield _object_article(doc_id, path, payload, decoded, options)
    elif isinstance(payload, list):
        if not payload:
            yield _skipped(doc_id, "empty JSON list: no articles", data, decoded.encoding)
        for index, item in enumerate(payload, start=1):
            yield _object_article(f"{doc_id}#{index}", path, item, decoded, options)
    else:
        yield _failed(
            doc_id,
            f"JSON must be an article object or a list of them, not {_json_type(payload)}",
            data,
            decoded.encoding,
        )


def _jsonl_articles(
    doc_id: str, path: Path, options: IngestOptions, *, follow: bool
) -> Iterator[Article | DocumentRecord]:
    """One article per line; each line is decoded and parsed on its own, so a bad byte or a
    broken line costs only that line."""
    lines = 0
    try:
        for number, decoded in _jsonl_lines(path, options.encoding, follow=follow):
            lines += 1
            line_id = f"{doc_id}#{number}"
            try:
                item = json.loads(decoded.text)
            except (ValueError, RecursionError) as exc:
                yield _failed(
                    line_id,
                    f"invalid JSON on line {number}: {_json_error(exc)}",
                    decoded.text.encode("utf-8", "replace"),
                    decoded.encoding,
                )
                continue
            yield _object_article(line_id, path, item, decoded, options)
    except OSError as exc:
        yield _failed(doc_id, f"cannot read file (after {lines} lines): {_os_reason(exc)}")
        return
    if lines == 0:
        yield _skipped(doc_id, "empty JSONL file: no articles")


def _jsonl_lines(
    path: Path, encoding: str | None, *, follow: bool
) -> Iterator[tuple[int, Decoded]]:
    """The file's non-blank lines, numbered from 1, each decoded on its own."""
    with open_regular(path, follow=follow) as f:
        bom = bom_encoding(f.read(4))
        f.seek(0)
        if bom and bom != "utf-8-sig":  # UTF-16/32: newlines are not single bytes
            whole = decode(f.read())
            for number, line in enumerate(whole.text.split("\n"), start=1):
                if line.strip():
                    yield number, Decoded(line, whole.encoding)
            return
        for number, line in enumerate(f, start=1):
            if number == 1 and bom:
                line = line[len(codecs.BOM_UTF8) :]
            if line.strip():
                yield number, decode(line, encoding)


def _object_article(
    doc_id: str, path: Path, item: object, decoded: Decoded, options: IngestOptions
) -> Article | DocumentRecord:
    if not isinstance(item, dict):
        return _failed(
            doc_id, f"not a JSON object but {_json_type(item)}", encoding=decoded.encoding
        )
    body = item.get("text")
    if body is None:
        keys = ", ".join(sorted(str(k) for k in item)[:8]) or "none"
        return _failed(
            doc_id,
            f"article object has no 'text' field (its fields: {keys})",
            encoding=decoded.encoding,
        )
    if not isinstance(body, str):
        return _failed(
            doc_id,
            f"article object's 'text' is {_json_type(body)}, not a string",
            encoding=decoded.encoding,
        )
    return _article(
        doc_id,
        path,
        decoded,
        options,
        text=body,
        title=_str(item.get("title")),
        published=_str(item.get("date") or item.get("published")),
        source=_str(item.get("url") or item.get("source")),
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _json_error(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return clean_text(str(exc))


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


def _skipped(
    doc_id: str, reason: str, data: bytes | None = None, encoding: str | None = None
) -> DocumentRecord:
    return _record(doc_id, "skipped", reason, data, encoding)


def _failed(
    doc_id: str, reason: str, data: bytes | None = None, encoding: str | None = None
) -> DocumentRecord:
    return _record(doc_id, "failed", reason, data, encoding)


def _record(
    doc_id: str, status: str, reason: str, data: bytes | None, encoding: str | None
) -> DocumentRecord:
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    return DocumentRecord(
        doc_id=doc_id, status=status, error=reason, chars=0, sha256=digest, encoding=encoding
    )
