"""Decoding input bytes: BOMs, strict UTF-8, declared charsets, guarded detection, mojibake."""

from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.encoding import decode, html_charset, repair_mojibake
from actorgraph.errors import UnknownEncoding
from actorgraph.ingest import find_inputs, read_articles
from actorgraph.schemas import IngestOptions

FRENCH = "Le ministre a déclaré à Paris que l’accord était signé."
RUSSIAN = "Министр иностранных дел России заявил о переговорах в Стамбуле."
GREEK = "Ο υπουργός Εξωτερικών της Ελλάδας συναντήθηκε με τον Τούρκο ομόλογό του."
TURKISH = "Dışişleri Bakanı İstanbul'da görüşmelere ev sahipliği yaptı."
SPANISH = "El presidente habló en Bogotá."
CZECH = "Ministr zahraničí České republiky jednal v Bruselu o příměří."


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Türkiye mediated.".encode(), "Türkiye mediated.", "utf-8"),
        (codecs.BOM_UTF8 + "Türkiye".encode(), "Türkiye", "utf-8-sig"),
        ("Türkiye".encode("utf-16"), "Türkiye", "utf-16"),
        (codecs.BOM_UTF16_BE + "Türkiye".encode("utf-16-be"), "Türkiye", "utf-16"),
        ("Türkiye".encode("utf-32"), "Türkiye", "utf-32"),
        ("Côte d’Ivoire".encode("cp1252"), "Côte d’Ivoire", "cp1252"),
        # charset-normalizer alone reads these as cp1125, mac_latin2 and cp775
        (FRENCH.encode("cp1252"), FRENCH, "cp1252"),
        (
            "El presidente habló en Bogotá.".encode("latin-1"),
            "El presidente habló en Bogotá.",
            "cp1252",
        ),
        ("Die Außenministerin äußerte Bedenken.".encode("cp1252"), None, "cp1252"),
        # scripts cp1252 cannot write are detected
        (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251"),
        (GREEK.encode("cp1253"), GREEK, "cp1253"),
        (TURKISH.encode("cp1254"), TURKISH, "cp1254"),
        ("日本の外務大臣は北朝鮮のミサイル発射を非難した。".encode("shift_jis"), None, "cp932"),
        (b"", "", "utf-8"),
    ],
)
def test_decoding(data, text, encoding):
    decoded = decode(data)
    assert decoded.encoding == encoding
    if text is not None:
        assert decoded.text == text


def test_utf8_wins_over_a_declared_encoding():
    assert decode("Türkiye".encode(), "cp1251").text == "Türkiye"


def test_a_declared_encoding_wins_over_detection():
    decoded = decode(CZECH.encode("cp1250"), "cp1250")
    assert (decoded.text, decoded.encoding) == (CZECH, "cp1250")
    assert decode(CZECH.encode("cp1250")).text != CZECH  # undetectable without a declaration


def test_a_few_broken_bytes_do_not_turn_utf8_into_cp1252():
    decoded = decode("Türkiye and Côte d’Ivoire ".encode() + b"\xff talks")
    assert decoded.encoding == "utf-8"
    assert decoded.text == "Türkiye and Côte d’Ivoire \ufffd talks"


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1252">', "cp1252"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>", "koi8-r"),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>charset=utf-8 in the text</p>", None),
    ],
)
def test_html_declared_charset(head, charset):
    assert html_charset(b"<html><head>" + head + b"</head></html>") == charset


def test_html_meta_charset_decodes_the_page(tmp_path):
    page = "<html><head><meta charset='cp1251'></head><body><p>" + RUSSIAN + "</p></body></html>"
    (tmp_path / "ru.html").write_bytes(page.encode("cp1251"))
    (article,) = read_articles(find_inputs([tmp_path])[0])
    assert article.text == RUSSIAN and article.encoding == "cp1251"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("CÃ´te dâ€™Ivoire accused Mali.", "Côte d’Ivoire accused Mali."),
        ("TÃ¼rkiye mediated.", "Türkiye mediated."),
        ("Ã‰mile said Ã©tÃ©", "Émile said été"),
    ],
)
def test_certain_mojibake_is_repaired(text, fixed):
    assert repair_mojibake(text) == (fixed, True)


@pytest.mark.parametrize(
    "text",
    [
        "Café in Paris — “quoted” naïve résumé",
        "Ministr zahranièí Èeské",  # cp1250 read as cp1252: wrong, but not UTF-8 mojibake
        RUSSIAN,
        "Plain ASCII text.",
        "The Ã-mark is a letter in some transliterations.",
    ],
)
def test_text_that_is_not_certain_mojibake_is_left_alone(text):
    assert repair_mojibake(text) == (text, False)


def test_unknown_encoding_is_a_usage_error():
    with pytest.raises(UnknownEncoding, match="E009"):
        IngestOptions(encoding="no-such-codec")
    with pytest.raises(UnknownEncoding):
        IngestOptions(encoding="base64")  # a codec, but not a text encoding


def test_cli_encoding_option(tmp_path, ag):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cz.txt").write_bytes(CZECH.encode("cp1250"))
    (tmp_path / "in" / "utf8.txt").write_text("Oman mediated between Iran and the United States.")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path / "in"), "--out", str(out), "--encoding", "cp1250", "-q"]
    )
    assert result.exit_code == 0, result.output
    rows = {r["doc_id"]: r for r in map(json.loads, (out / "documents.jsonl").open())}
    assert rows["cz.txt"]["encoding"] == "cp1250" and rows["utf8.txt"]["encoding"] == "utf-8"
    assert rows["cz.txt"]["chars"] == len(CZECH)


def test_cli_unknown_encoding_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--encoding", "klingon"]
    )
    assert result.exit_code == 2 and "[E009]" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
