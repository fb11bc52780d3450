"""Turning the bytes of an input file into text, and saying which encoding was used.

The order, first that applies wins:

1. a byte order mark: UTF-8, UTF-16 or UTF-32 (a BOM is not valid UTF-8 except UTF-8's own);
2. strict UTF-8 (valid non-ASCII UTF-8 is almost never another encoding by accident);
3. a declared encoding: the caller's (``--encoding``), else an HTML ``<meta charset>``;
4. UTF-8 with a few broken bytes replaced by U+FFFD, when valid UTF-8 sequences outnumber them;
5. detection with charset-normalizer, guarded: detectors read short Western European text as
   DOS or Mac code pages (cp775, cp1125, mac_latin2, ...), so cp1252 is preferred whenever it
   decodes the bytes cleanly, unless the detector found a script cp1252 cannot write (Cyrillic,
   Greek, Arabic, Hebrew, Thai, CJK) or Turkish in cp1254;
6. cp1252 with undecodable bytes replaced (U+FFFD), which never fails.

Mojibake (UTF-8 read as cp1252 or Latin-1 somewhere upstream: ``CÃ´te dâ€™Ivoire``) is repaired
with ftfy only where it is certain: ftfy must find the text bad, explain the fix as nothing but
re-encoding steps, and leave nothing bad behind. Not supported: detecting Central European
(cp1250) or Baltic text on its own; such files decode as cp1252, pass ``--encoding`` for them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FALLBACK = "cp1252"
REPAIRED_SUFFIX = "+repaired"

# Code pages whose detection we trust over cp1252: each writes a script cp1252 cannot.
_OTHER_SCRIPTS = frozenset(
    {
        "cp1251",
        "koi8_r",
        "koi8_u",
        "iso8859_5",
        "mac_cyrillic",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "iso8859_8",
        "cp1256",
        "iso8859_6",
        "cp874",
        "tis_620",
        "cp932",
        "shift_jis",
        "euc_jp",
        "iso2022_jp",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "cp950",
        "euc_kr",
        "cp949",
        "johab",
    }
)
# Detection reads the start of a file only: 256 KiB tell the encoding as well as 25 MB do.
_DETECT_SAMPLE = 256 * 1024
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BROKEN_RUN = re.compile("\ufffd+")
# Fewer non-ASCII bytes than this are too little evidence for a script cp1252 cannot write.
_MIN_SCRIPT_EVIDENCE = 8
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding that decoded it (a Python codec name)."""

    text: str
    encoding: str


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``data`` names, if any."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_encoding(name: str) -> str:
    """The normalised codec name; raises LookupError for an encoding Python does not know
    or one that does not turn bytes into text (hex, base64, rot13)."""
    info = codecs.lookup(name)
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError(f"{name!r} is not a text encoding")
    return info.name


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return check_encoding(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` (see the module docstring for the order); never raises."""
    bom = bom_encoding(data)
    if bom:
        return Decoded(data.decode(bom, errors="replace"), bom)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        name = check_encoding(declared)
        if name != "utf-8":
            return Decoded(data.decode(name, errors="replace"), name)
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return Decoded(mostly, "utf-8")
    detected = _detect(data)
    if detected:
        return detected
    return Decoded(data.decode(FALLBACK, errors="replace"), FALLBACK)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with its few broken bytes replaced, when the valid multibyte sequences are at least
    as many as the broken spots (a truncated file, one pasted cp1252 byte); None otherwise.
    The start of the file is judged first, so a long legacy file is turned down quickly."""
    if len(data) > _DETECT_SAMPLE and _utf8_balance(data[:_DETECT_SAMPLE]) is None:
        return None
    return _utf8_balance(data)


def _utf8_balance(data: bytes) -> str | None:
    text = data.decode("utf-8", errors="replace")
    broken = len(_BROKEN_RUN.findall(text)) - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - text.count("\ufffd")
    return text if valid > 0 and broken <= valid else None


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    try:
        western = data.decode(FALLBACK)
    except UnicodeDecodeError:
        western = None
    best = from_bytes(data[:_DETECT_SAMPLE]).best()
    name = _codec(best.encoding) if best is not None else None
    trusted = name in _OTHER_SCRIPTS or (name == "cp1254" and best.language == "Turkish")
    evidence = len(data) - len(data.translate(None, _HIGH_BYTES))
    if trusted and (western is None or evidence >= _MIN_SCRIPT_EVIDENCE):
        return Decoded(data.decode(name, errors="replace"), name)
    if western is not None:
        return Decoded(western, FALLBACK)
    if name:
        return Decoded(data.decode(name, errors="replace"), name)
    return None


def _codec(name: str) -> str | None:
    try:
        return check_encoding(name)
    except LookupError:
        return None


def repair_mojibake(text: str) -> tuple[str, bool]:
    """``text`` with UTF-8-read-as-cp1252 mojibake undone, and whether anything changed.

    Only certain repairs are made (see the module docstring); anything else is left alone.
    """
    from ftfy import TextFixerConfig, fix_and_explain
    from ftfy.badness import is_bad

    if text.isascii() or not is_bad(text):
        return text, False
    config = TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=False,
        fix_c1_controls=False,
        explain=True,
    )
    fixed, steps = fix_and_explain(text, config)
    reencoding = {"encode", "decode", "transcode"}
    if fixed == text or not steps or any(step not in reencoding for step, _ in steps):
        return text, False
    if is_bad(fixed):
        return text, False
    return fixed, True
