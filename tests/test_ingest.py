"""Reading articles: file types, encodings, metadata, doc ids, and bad inputs as records."""

from __future__ import annotations

import json
import os

import pytest

from actorgraph.encoding import decode
from actorgraph.errors import InputNotFound
from actorgraph.ingest import clean_text, find_inputs, read_articles
from actorgraph.schemas import Article, DocumentRecord


def _read(folder):
    out = []
    for item in find_inputs([folder]):
        out.extend(read_articles(item))
    return out


def _one(folder, name, data: bytes):
    (folder / name).write_bytes(data)
    (entry,) = _read(folder)
    return entry


def test_text_and_markdown_files(tmp_path):
    (tmp_path / "a.txt").write_text("Qatar mediated.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\nOman mediated.", encoding="utf-8")
    a, b = _read(tmp_path)
    assert (a.doc_id, a.text) == ("a.txt", "Qatar mediated.")
    assert b.doc_id == "b.md" and "Oman" in b.text


def test_folders_are_walked_recursively_in_name_order(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "x.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a.txt").write_text("two", encoding="utf-8")
    assert [e.doc_id for e in _read(tmp_path)] == ["a.txt", "z/x.txt"]


def test_hidden_files_are_passed_over(tmp_path):
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    assert [e.doc_id for e in _read(tmp_path)] == ["a.txt"]


def test_html_main_text_title_and_date(tmp_path):
    html = b"""<html><head><title>Talks resume</title>
    <meta property="article:published_time" content="2025-10-26T08:00:00Z">
    <script>var Pakistan = 1;</script><style>.x{}</style></head>
    <body><nav>Home | World</nav><article><h1>Talks resume</h1>
    <p>Qatar hosted talks between Rwanda and the M23.</p><p>More soon.</p></article>
    <footer>Copyright</footer></body></html>"""
    article = _one(tmp_path, "a.html", html)
    assert isinstance(article, Article)
    assert article.title == "Talks resume" and article.published == "2025-10-26"
    assert "Qatar hosted talks" in article.text
    assert "var Pakistan" not in article.text and "Home" not in article.text
    assert "Copyright" not in article.text


def test_json_object_and_list(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Oman mediated.", "date": "2024-05-01"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "a"}, {"title": "no text"}]))
    entries = {e.doc_id: e for e in _read(tmp_path)}
    assert entries["one.json"].published == "2024-05-01"
    assert isinstance(entries["many.json#1"], Article)
    assert entries["many.json#2"].status == "failed" and "text" in entries["many.json#2"].error


def test_jsonl_bad_lines_become_records_and_the_rest_is_read(tmp_path):
    lines = [
        json.dumps({"text": "first", "url": "https://example.org/1"}),
        "{broken",
        "",
        json.dumps({"text": "fourth"}),
        json.dumps([1, 2]),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    entries = _read(tmp_path)
    assert [e.doc_id for e in entries] == ["a.jsonl#1", "a.jsonl#2", "a.jsonl#4", "a.jsonl#5"]
    assert entries[0].source == "https://example.org/1"
    assert entries[1].status == "failed" and "line 2" in entries[1].error
    assert isinstance(entries[2], Article)
    assert entries[3].status == "failed"


def test_lone_surrogate_escape_in_json_is_removed(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "Oman\\ud800 mediated."}\n', encoding="utf-8")
    (article,) = _read(tmp_path)
    assert article.text == "Oman mediated."


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("empty.txt", b"", "skipped", "empty"),
        ("blank.txt", b"  \n\t \n", "skipped", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "skipped", "binary"),
        ("report.pdf", b"%PDF-1.4", "skipped", "unsupported file type .pdf"),
        ("bad.json", b"{not json", "failed", "invalid JSON"),
        ("num.json", b"42", "failed", "article object"),
        ("empty.jsonl", b"\n\n", "skipped", "empty JSONL"),
    ],
)
def test_bad_inputs_become_records_with_a_reason(tmp_path, name, data, status, reason):
    record = _one(tmp_path, name, data)
    assert isinstance(record, DocumentRecord)
    assert record.status == status and reason in record.error


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Türkiye mediated.".encode(), "Türkiye mediated."),
        (b"\xef\xbb\xbfT\xc3\xbcrkiye", "Türkiye"),
        ("Türkiye".encode("utf-16"), "Türkiye"),
        ("Côte d’Ivoire".encode("cp1252"), "Côte d’Ivoire"),
    ],
)
def test_decoding(data, text):
    assert decode(data).text == text


def test_control_characters_are_removed():
    assert clean_text("a\x00b\x0bc\x1bd\ufffee\tf\n") == "abcde\tf\n"


def test_symlinks_are_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "loop").symlink_to(root)
    entries = _read(root)
    assert [e.doc_id for e in entries] == ["link.txt", "loop"]
    assert all(e.status == "skipped" and "symbolic link" in e.error for e in entries)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (record,) = _read(tmp_path)
    assert record.status == "skipped" and "regular file" in record.error


def test_an_output_folder_inside_the_input_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    out = tmp_path / "expected"
    out.mkdir()
    for name in ("documents.jsonl", "actors.jsonl", "relations.jsonl"):
        (out / name).write_text("{}\n", encoding="utf-8")
    entries = _read(tmp_path)
    assert [e.doc_id for e in entries] == ["a.txt", "expected"]
    assert entries[1].status == "skipped" and "output folder" in entries[1].error


def test_several_inputs_get_their_name_in_front(tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(name, encoding="utf-8")
    items = find_inputs([tmp_path / "x", tmp_path / "y"])
    assert [i.doc_id for i in items] == ["x/a.txt", "y/a.txt"]


def test_a_single_file_input_is_named_by_its_file_name(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    assert [i.doc_id for i in find_inputs([tmp_path / "a.txt"])] == ["a.txt"]


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(InputNotFound, match="E001"):
        find_inputs([tmp_path / "nope"])
