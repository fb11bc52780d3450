"""A folder of hostile inputs: every one gets exactly one documents row with a reason a person
understands, the run completes, and the graph it writes is valid GraphML.

The folder is built by a fixture from the table below; each row names the file(s) it writes,
the doc id(s) and status it must get, and words its reason must contain.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.graphml_check import graphml_problems
from actorgraph.ingest import find_inputs, open_regular, read_articles
from actorgraph.schemas import Article, DocumentRecord

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ARTICLE = "Qatar mediated talks between Rwanda and the M23 in Doha on Sunday."
CP1252 = "Côte d’Ivoire accused Mali of backing the rebels — “firmly”, the minister said."
FRENCH = "Le ministre a déclaré à Paris que l’accord était signé."
MOJIBAKE = "Côte d’Ivoire accused Mali of backing the rebels, the minister said."
TURKISH = "Türkiye mediated between Russia and Ukraine in Istanbul."
HTML = f"""<!doctype html><html><head>
<meta charset="windows-1252"><title>Mali row | Site</title>
<meta property="article:published_time" content="2025-03-14T09:00:00Z">
<script>var Pakistan = "Pakistan accused India";</script><style>body {{color: red}}</style>
</head><body><nav><a href="/">Home</a> | <a href="/w">Israel</a> | <a>Iran news</a></nav>
<header>Breaking: Russia</header><article><h1>Mali row</h1><p>{CP1252}</p>
<p>Algeria summoned the ambassador of Mali on Monday, officials said.</p></article>
<aside>Must Read: Naqvi meets UK envoy</aside><footer>Copyright Sudan Times</footer>
</body></html>"""


@dataclass
class Case:
    """One hostile input: what it writes, and the rows it must get (doc id -> status, words)."""

    name: str
    make: Callable[[Path, Path], None]
    rows: dict[str, tuple[str, str]]
    text: str | None = None  # the exact article text, for ok rows that have one
    encoding: str | None = None
    marks: list = field(default_factory=list)


def _bytes(name: str, data: bytes) -> Callable[[Path, Path], None]:
    return lambda root, _outside: (root / name).write_bytes(data)


def _link(name: str, target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    return lambda root, outside: (root / name).symlink_to(target(root, outside))


def _unreadable(root: Path, _outside: Path) -> None:
    path = root / "unreadable.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)


def _fifo(root: Path, _outside: Path) -> None:
    os.mkfifo(root / "pipe.txt")


def _huge(root: Path, _outside: Path) -> None:
    line = (ARTICLE + " ") * 80 + "\n\n"
    with (root / "huge.txt").open("w", encoding="utf-8") as f:
        for _ in range(24 * 2**20 // len(line) + 1):
            f.write(line)


def _jsonl(root: Path, _outside: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "title": "Talks", "date": "2025-10-26"}).encode(),
        b"{broken",
        b"",
        json.dumps({"title": "no text here"}).encode(),
        json.dumps({"text": 42}).encode(),
        b"[1, 2]",
        b'{"text": "Oman\\ud800 mediated between Iran and the United States.\\udfff"}',
        b'{"text": "Qatar \xff mediated between Rwanda and the M23."}',
        b"   ",
    ]
    (root / "lines.jsonl").write_bytes(b"\n".join(lines))


CASES = [
    Case("empty", _bytes("empty.txt", b""), {"empty.txt": ("skipped", "empty document")}),
    Case(
        "whitespace",
        _bytes("blank.md", b" \n\t\r\n \xc2\xa0\n"),
        {"blank.md": ("skipped", "empty document")},
    ),
    Case(
        "pdf",
        _bytes("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        {"report.pdf": ("skipped", "unsupported file type .pdf (PDF documents are not read")},
    ),
    Case(
        "png",
        _bytes("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        {"photo.png": ("skipped", "unsupported file type .png")},
    ),
    Case(
        "zip",
        _bytes("bundle.zip", b"PK\x03\x04\x14\x00\x00\x00"),
        {"bundle.zip": ("skipped", "unsupported file type .zip")},
    ),
    Case(
        "pdf named .txt",
        _bytes("paper.txt", b"%PDF-1.4\n" + bytes(range(256)) * 4),
        {"paper.txt": ("skipped", "binary file (a PDF document)")},
    ),
    Case(
        "png named .html",
        _bytes("image.html", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        {"image.html": ("skipped", "binary file (a PNG image)")},
    ),
    Case(
        "zip named .json",
        _bytes("data.json", b"PK\x03\x04" + bytes(range(256))),
        {"data.json": ("skipped", "binary file (a ZIP archive")},
    ),
    Case(
        "gzip named .jsonl",
        _bytes("dump.jsonl", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8),
        {"dump.jsonl": ("skipped", "binary file (a gzip archive)")},
    ),
    Case(
        "NUL-filled binary",
        _bytes("blob.txt", b"\x00\x01\x02\x00\x00ab\x00" * 500),
        {"blob.txt": ("skipped", "binary file (it contains NUL bytes)")},
    ),
    Case(
        "stray NUL bytes",
        _bytes("nul.txt", (ARTICLE.replace("talks", "talks\x00") + ARTICLE * 2).encode()),
        {"nul.txt": ("ok", "")},
        text=ARTICLE * 3,
        encoding="utf-8",
    ),
    Case(
        "control characters",
        _bytes("control.txt", b"\x1b[31m" + ARTICLE.encode().replace(b" ", b" \x0b", 2) + b"\x07"),
        {"control.txt": ("ok", "")},
        text="[31m" + ARTICLE,
        encoding="utf-8",
    ),
    Case(
        "broken UTF-8",
        _bytes("broken.txt", (TURKISH * 2).encode() + b" \xe2\x80 and \xc3"),
        {"broken.txt": ("ok", "")},
        text=TURKISH * 2 + " \ufffd and \ufffd",
        encoding="utf-8",
    ),
    Case(
        "encoded surrogates",
        _bytes("surrogate.txt", b"Oman \xed\xa0\x80mediated in Muscat, T\xc3\xbcrkiye said."),
        {"surrogate.txt": ("ok", "")},
        encoding="utf-8",
    ),
    Case(
        "unreadable",
        _unreadable,
        {"unreadable.txt": ("failed", "cannot read file: Permission denied")},
        marks=[pytest.mark.skipif(IS_ROOT, reason="as root, chmod 000 does not stop reading")],
    ),
    Case(
        "dangling symlink",
        _link("dangling.txt", lambda root, _: str(root / "gone.txt")),
        {"dangling.txt": ("skipped", "dangling symbolic link")},
    ),
    Case(
        "looping symlink",
        _link("loop.txt", lambda root, _: str(root / "loop.txt")),
        {"loop.txt": ("skipped", "symbolic link loop")},
    ),
    Case(
        "symlink to a folder above",
        _link("up", lambda root, _: ".."),
        {"up": ("skipped", "outside the input folder")},
    ),
    Case(
        "symlink out of the input",
        _link("secret.txt", lambda _, outside: str(outside)),
        {"secret.txt": ("skipped", "pointing outside the input folder")},
    ),
    Case(
        "symlink inside the input",
        _link("zz_again.txt", lambda root, _: str(root / "cp1252.txt")),
        {"zz_again.txt": ("skipped", "inside the input folder: not followed")},
    ),
    Case(
        "odd file names",
        lambda root, _: [
            (root / n).write_text(ARTICLE, encoding="utf-8")
            for n in ("new\nline.txt", "a\\..\\..\\evil.txt", "-rf *.txt", "名前.txt")
        ],
        {
            "new\\x0aline.txt": ("ok", ""),
            "a\\..\\..\\evil.txt": ("ok", ""),
            "-rf *.txt": ("ok", ""),
            "名前.txt": ("ok", ""),
        },
        text=ARTICLE,
    ),
    Case(
        "undecodable file name",
        lambda root, _: Path(os.fsdecode(bytes(root) + b"/caf\xe9.txt")).write_text(ARTICLE),
        {"caf\\xe9.txt": ("ok", "")},
        text=ARTICLE,
    ),
    Case(
        "tens of MB",
        _huge,
        {"huge.txt": ("skipped", "article too long: 25,")},
    ),
    Case(
        "cp1252",
        _bytes("cp1252.txt", CP1252.encode("cp1252")),
        {"cp1252.txt": ("ok", "")},
        text=CP1252,
        encoding="cp1252",
    ),
    Case(
        "short cp1252 French (detectors say cp775)",
        _bytes("french.txt", FRENCH.encode("cp1252")),
        {"french.txt": ("ok", "")},
        text=FRENCH,
        encoding="cp1252",
    ),
    Case(
        "UTF-16 with BOM",
        _bytes("utf16.txt", TURKISH.encode("utf-16")),
        {"utf16.txt": ("ok", "")},
        text=TURKISH,
        encoding="utf-16",
    ),
    Case(
        "UTF-16 big-endian with BOM",
        _bytes("utf16be.md", codecs.BOM_UTF16_BE + TURKISH.encode("utf-16-be")),
        {"utf16be.md": ("ok", "")},
        text=TURKISH,
        encoding="utf-16",
    ),
    Case(
        "UTF-32",
        _bytes("utf32.txt", TURKISH.encode("utf-32")),
        {"utf32.txt": ("ok", "")},
        text=TURKISH,
        encoding="utf-32",
    ),
    Case(
        "UTF-8 with BOM",
        _bytes("bom.txt", codecs.BOM_UTF8 + TURKISH.encode()),
        {"bom.txt": ("ok", "")},
        text=TURKISH,
        encoding="utf-8-sig",
    ),
    Case(
        "mojibake",
        _bytes("mojibake.txt", MOJIBAKE.encode().decode("cp1252").encode()),
        {"mojibake.txt": ("ok", "")},
        text=MOJIBAKE,
        encoding="utf-8+repaired",
    ),
    Case(
        "HTML with scripts, styles and navigation, cp1252 declared",
        _bytes("page.html", HTML.encode("cp1252")),
        {"page.html": ("ok", "")},
        encoding="cp1252",
    ),
    Case(
        "HTML that is not HTML",
        _bytes("junk.htm", b"<<<>>> </p></p> &&&"),
        {"junk.htm": ("ok", "")},
        encoding="utf-8",
    ),
    Case(
        "HTML with no text",
        _bytes("blank.html", b"<html><head><script>x()</script></head><body> </body></html>"),
        {"blank.html": ("skipped", "empty document")},
    ),
    Case(
        "JSONL with bad lines",
        _jsonl,
        {
            "lines.jsonl#1": ("ok", ""),
            "lines.jsonl#2": ("failed", "invalid JSON on line 2"),
            "lines.jsonl#4": ("failed", "no 'text' field (its fields: title)"),
            "lines.jsonl#5": ("failed", "'text' is a number, not a string"),
            "lines.jsonl#6": ("failed", "not a JSON object but a list"),
            "lines.jsonl#7": ("ok", ""),
            "lines.jsonl#8": ("ok", ""),
        },
    ),
    Case(
        "JSON nested too deeply",
        _bytes("deep.json", b"[" * 100_000 + b"]" * 100_000),
        {"deep.json": ("failed", "invalid JSON: nested too deeply")},
    ),
    Case(
        "JSON that is a number",
        _bytes("number.json", b"42"),
        {"number.json": ("failed", "JSON must be an article object or a list of them, not a")},
    ),
    Case(
        "no extension",
        _bytes("README", b"Read me."),
        {"README": ("skipped", "unsupported file type (no extension)")},
    ),
    Case(
        "FIFO",
        _fifo,
        {"pipe.txt": ("skipped", "not a regular file")},
        marks=[pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")],
    ),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The folder with every case in it (cases this platform cannot make are left out)."""
    base = tmp_path_factory.mktemp("hostile")
    root = base / "in"
    root.mkdir()
    outside = base / "outside.txt"
    outside.write_text("A secret outside the input folder.", encoding="utf-8")
    for case in CASES:
        if case.name == "FIFO" and not hasattr(os, "mkfifo"):
            continue
        case.make(root, outside)
    yield root
    (root / "unreadable.txt").chmod(0o644)


@pytest.fixture(scope="module")
def entries(hostile) -> dict[str, list[Article | DocumentRecord]]:
    out: dict[str, list] = {}
    for item in find_inputs([hostile]):
        for entry in read_articles(item):
            out.setdefault(entry.doc_id, []).append(entry)
    return out


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES if c.rows]
)
def test_each_input_gets_one_row_with_its_reason(entries, case):
    for doc_id, (status, words) in case.rows.items():
        assert doc_id in entries, sorted(entries)
        (entry,) = entries[doc_id]
        if status == "ok":
            assert isinstance(entry, Article), entry
            if case.text is not None:
                assert entry.text == case.text
            if case.encoding is not None:
                assert entry.encoding == case.encoding
        else:
            assert isinstance(entry, DocumentRecord) and entry.status == status, entry
            assert words in entry.error


def test_html_keeps_the_article_and_drops_the_page_furniture(entries):
    (page,) = entries["page.html"]
    assert page.title == "Mali row | Site" and page.published == "2025-03-14"
    assert CP1252 in page.text and "Algeria summoned the ambassador" in page.text
    for furniture in ("Pakistan", "color", "Home", "Israel", "Breaking", "Naqvi", "Copyright"):
        assert furniture not in page.text


def test_jsonl_lines_are_cleaned_and_decoded_one_by_one(entries):
    (line7,) = entries["lines.jsonl#7"]
    assert line7.text == "Oman mediated between Iran and the United States."
    (line8,) = entries["lines.jsonl#8"]
    assert (
        line8.text == "Qatar ÿ mediated between Rwanda and the M23." and line8.encoding == "cp1252"
    )
    (line1,) = entries["lines.jsonl#1"]
    assert (line1.title, line1.published) == ("Talks", "2025-10-26")


def test_no_article_text_holds_a_character_xml_forbids(entries):
    import re

    forbidden = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    for found in entries.values():
        for entry in found:
            if isinstance(entry, Article):
                assert not forbidden.search(entry.text), entry.doc_id
                assert not forbidden.search(entry.doc_id)


def test_the_hostile_folder_runs_to_completion(hostile, tmp_path, ag):
    out = tmp_path / "out"
    before = {p.name for p in tmp_path.iterdir()} | {"out"}
    result = CliRunner().invoke(main, ["extract", str(hostile), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == before  # nothing written beside out
    assert {p.name for p in out.iterdir()} == {
        "relations.jsonl",
        "actors.jsonl",
        "documents.jsonl",
        "graph.graphml",
        "graph.json",
    }
    rows = [json.loads(line) for line in (out / "documents.jsonl").open(encoding="utf-8")]
    ids = [r["doc_id"] for r in rows]
    expected = {doc_id for case in CASES for doc_id in case.rows}
    if not hasattr(os, "mkfifo"):
        expected.discard("pipe.txt")
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert all(r["status"] == "ok" or r["error"] for r in rows)
    assert graphml_problems(out / "graph.graphml") == []
    graph = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    actors = {json.loads(a)["id"]: json.loads(a) for a in (out / "actors.jsonl").open()}
    assert set(graph.nodes) == set(actors)
    assert "Côte d’Ivoire" in actors["CIV"]["aliases"]  # from the cp1252 and HTML files
    assert "Türkiye" in actors["TUR"]["aliases"]  # from the UTF-16/32 files
    assert {"PAK", "IND", "ISR"}.isdisjoint(actors)  # script and navigation text of page.html


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_file_swapped_for_a_fifo_after_the_walk_is_refused_not_waited_on(tmp_path):
    from actorgraph.ingest import InputFile

    os.mkfifo(tmp_path / "late.txt")  # the walk saw a regular file; now it is a FIFO
    with pytest.raises(OSError, match="not a regular file"):
        open_regular(tmp_path / "late.txt", follow=False)
    (record,) = read_articles(InputFile(tmp_path / "late.txt", "late.txt", root=tmp_path))
    assert record.status == "skipped" and "not a regular file" in record.error


def test_a_link_named_directly_as_input_is_followed(tmp_path):
    (tmp_path / "real.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "named.txt").symlink_to(tmp_path / "real.txt")
    (item,) = find_inputs([tmp_path / "named.txt"])
    (article,) = read_articles(item)
    assert article.doc_id == "named.txt" and article.text == ARTICLE


def test_permission_denied_is_a_failed_row_even_as_root(tmp_path, monkeypatch):
    import actorgraph.ingest as ingest

    (tmp_path / "locked.txt").write_text(ARTICLE, encoding="utf-8")

    def denied(path, *, follow):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ingest, "open_regular", denied)
    (record,) = read_articles(find_inputs([tmp_path])[0])
    assert record.status == "failed" and record.error == "cannot read file: Permission denied"


def test_a_folder_that_cannot_be_listed_gets_a_row(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = [e for item in find_inputs([tmp_path]) for e in read_articles(item)]
    assert [e.doc_id for e in entries] == ["a.txt", "locked"]
    assert entries[1].status == "failed"
    assert entries[1].error == "cannot list folder: Permission denied"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    import actorgraph.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    (tmp_path / "many.jsonl").write_text(
        "\n".join(json.dumps({"text": ARTICLE}) for _ in range(30)), encoding="utf-8"
    )
    entries = [e for item in find_inputs([tmp_path]) for e in read_articles(item)]
    assert entries[0].doc_id == "big.html" and entries[0].status == "skipped"
    assert entries[0].error.startswith("file too large")
    assert len(entries) == 31 and all(isinstance(e, Article) for e in entries[1:])
