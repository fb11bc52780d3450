"""The public-data suite: code and category mappings, tolerant readers, scoring.

Mapping and scoring tests use hand-built inputs (sentences written for these tests, never text
from the datasets). Reader tests on the real files skip where ../shared/data lacks them; the
pipeline runs on a dozen sentences in all.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from actorgraph import public_data as pd
from actorgraph.schemas import ActorRecord, DocumentRecord, DocumentResult, Mention, RelationRecord
from conftest import REPO

STATES = frozenset({"ISR", "USA", "PSE", "ETH", "JPN", "IRN", "OMN", "PAK", "IND"})


# -- helpers ---------------------------------------------------------------------------------
def need(shared: Path, relative: str) -> Path:
    path = shared / "data" / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in ../shared/data")
    return path


def actor(actor_id, type_="STATE", country=None, spans=()):
    mentions = [Mention(doc_id="d", text="x", start=s, end=e) for s, e in spans]
    country = actor_id if type_ == "STATE" and country is None else country
    return ActorRecord(id=actor_id, name=actor_id, type=type_, country=country, mentions=mentions)


def relation(source, rel, target, *, negated=False, hedged=False):
    return RelationRecord(
        doc_id="d",
        relation=rel,
        source=source,
        target=target,
        source_text=source,
        target_text=target,
        sentence="s",
        start=0,
        end=1,
        trigger="t",
        confidence=0.5,
        hedged=hedged,
        negated=negated,
        pattern="p",
    )


def result(actors=(), relations=()):
    document = DocumentRecord(doc_id="d", status="ok", chars=1)
    return DocumentResult(document=document, actors=list(actors), relations=list(relations))


def event(source, target, code):
    mapper = pd.CodeMapper(STATES)
    return pd.cameo_event({"sourcecode": source, "targetcode": target, "eventcode": code}, mapper)


def sentence(*events, text="unused"):
    return pd.GoldSentence(id="s", text=text, published=None, events=tuple(events))


# -- CAMEO and PLOVER mappings -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("045", "mediates"),
        ("046", "negotiates-with"),
        ("042", None),
        ("040", None),
        ("057", "agrees-with"),
        ("030", None),
        ("0311", None),
        ("036", None),
        ("051", "supports"),
        ("055", None),
        ("072", "supports"),
        ("064", None),
        ("100", "demands"),
        ("1014", "demands"),
        ("110", "accuses"),
        ("112", "accuses"),
        ("1124", "accuses"),
        ("138", "threatens"),
        ("141", None),
        ("173", None),
        ("183", "attacks"),
        ("190", "attacks"),
        ("191", None),
        ("192", None),
        ("195", "attacks"),
        ("202", "attacks"),
        ("174K", None),
        (" 112 ", "accuses"),
        ("45", None),
        ("", None),
        ("abc", None),
    ],
)
def test_cameo_relation(code, expected):
    assert pd.cameo_relation(code) == expected


@pytest.mark.parametrize("code", ["040", "041", "042", "043", "044"])
def test_consult_variant_counts_meetings_as_negotiation(code):
    assert pd.cameo_relation(code, pd.CONSULT) == "negotiates-with"
    assert pd.cameo_relation(code, pd.STRICT) is None


def test_consult_variant_changes_nothing_else():
    assert pd.cameo_relation("045", pd.CONSULT) == "mediates"
    assert pd.cameo_relation("112", pd.CONSULT) == "accuses"


@pytest.mark.parametrize(
    ("category", "text", "reciprocal", "expected"),
    [
        ("DISAPPROVE", "condemned", False, "accuses"),
        ("ACCUSE", "accused", False, "accuses"),
        ("THREATEN", "threatened", False, "threatens"),
        ("DEMAND", "demanded", False, "demands"),
        ("ASSAULT", "bombed", False, "attacks"),
        ("FIGHT", "shelled", False, "attacks"),
        ("AID", "sent food", False, "supports"),
        ("SUPPORT", "endorsed", False, "supports"),
        ("SUPPORT", "signed accord", True, "agrees-with"),
        ("SUPPORT", "made an apology", False, None),
        ("SUPPORT", "restored diplomatic ties", True, None),
        ("AGREE", "agreed truce", True, "agrees-with"),
        ("AGREE", "agreed to send aid", False, None),
        ("AGREE", "will visit", True, None),
        ("CONSULT", "offered to mediate", False, "mediates"),
        ("CONSULT", "talks in Geneva", True, "negotiates-with"),
        ("CONSULT", "resumed negotiations", True, "negotiates-with"),
        ("CONSULT", "state visit", False, None),
        ("COOPERATE", "shared intelligence", True, None),
        ("PROTEST", "marched", False, None),
        ("consult", "Held Talks", True, "negotiates-with"),
    ],
)
def test_plover_relation(category, text, reciprocal, expected):
    relation, basis = pd.plover_relation(category, text, reciprocal=reciprocal)
    assert relation == expected
    assert basis


def test_plover_consult_variant_counts_visits():
    relation, _ = pd.plover_relation("CONSULT", "state visit", reciprocal=False, variant=pd.CONSULT)
    assert relation == "negotiates-with"


# -- actor codes -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ISR", "ISR"),
        ("ISRGOV", "ISR"),
        ("USAMIL", "USA"),
        ("PSEREBHMSGOV", "PSE"),
        ("pse", "PSE"),
        ("JAP", "JPN"),
        ("---REB", None),
        ("---", None),
        ("IGOUNO", "UN"),
        ("IGOUNOMIL", "UN"),
        ("UNO", "UN"),
        ("IGOEUREEC", "EU"),
        ("IMGMUSISI", "ISIL"),
        ("IGO", None),
        ("NGO", None),
        ("IMG", None),
        ("ARN", None),
        ("FRAGOV", None),  # FRA is not in this test's set of states
        ('"THE MINISTRY"', None),
        ("", None),
    ],
)
def test_code_to_actor(code, expected):
    assert pd.code_to_actor(code, STATES) == expected


def test_allowed_codes_limit_countries():
    assert pd.code_to_actor("ETHGOV", STATES, frozenset({"ISR"})) is None
    assert pd.code_to_actor("ISRGOV", STATES, frozenset({"ISR"})) == "ISR"
    assert pd.code_to_actor("IGOUNO", STATES, frozenset()) == "UN"


def test_mapping_tables_name_registry_actors():
    registry = pd.registry()
    states = pd.state_ids()
    assert "XKX" in states and len(states) > 190
    for actor_id in [*pd.ORG_CODES.values(), *pd.ORG_FAMILY, *pd.ORG_FAMILY.values()]:
        assert registry.get(actor_id) is not None, actor_id
    for legacy, iso in pd.LEGACY_COUNTRY_CODES.items():
        assert legacy not in states, legacy
        assert iso in states, iso


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (actor("PAK"), "PAK"),
        (actor("KHAWAJA_ASIF", "MINISTER", "PAK"), "PAK"),
        (actor("HAMAS", "MILITANT_GROUP", "PSE"), "PSE"),
        (actor("ISIL", "MILITANT_GROUP"), "ISIL"),
        (actor("UNSC", "ORGANIZATION"), "UN"),
        (actor("EUROPEAN_COMMISSION", "ORGANIZATION"), "EU"),
        (actor("UN", "ORGANIZATION"), "UN"),
        (actor("JOHN_DOE", "PERSON"), "JOHN_DOE"),
    ],
)
def test_actor_key(record, key):
    assert pd.actor_key(record) == key


def test_make_triple():
    assert pd.make_triple("USA", "negotiates-with", "IRN") == ("IRN", "negotiates-with", "USA")
    assert pd.make_triple("USA", "agrees-with", "IRN") == ("IRN", "agrees-with", "USA")
    assert pd.make_triple("USA", "accuses", "IRN") == ("USA", "accuses", "IRN")
    assert pd.make_triple("USA", "accuses", "USA") is None


def test_system_triples_reduce_to_country_and_leave_out_negated():
    res = result(
        [actor("USA"), actor("IRN"), actor("JOHN_KERRY", "MINISTER", "USA"), actor("OMN")],
        [
            relation("JOHN_KERRY", "accuses", "IRN", hedged=True),
            relation("OMN", "mediates", "IRN", negated=True),
            relation("USA", "accuses", "JOHN_KERRY"),
        ],
    )
    assert pd.system_triples(res) == {("USA", "accuses", "IRN")}


# -- gold sets and scoring -------------------------------------------------------------------------
def test_gold_set_outcomes():
    gold = pd.gold_set(
        sentence(
            event("ISRGOV", "PSE", "112"),
            event("ISR", "PSECVL", "1123"),  # same triple at country level
            event("---REB", "ISR", "190"),
            event("USA", "USAGOV", "112"),
            event("USA", "IRN", "042"),
        )
    )
    assert gold.triples == {("ISR", "accuses", "PSE")}
    assert gold.blind == {"attacks"}
    assert gold.outcome == {
        "kept": 2,
        "actor code missing or not mappable": 1,
        "self-relation": 1,
        "event type not mapped": 1,
    }
    assert gold.unmapped_codes == {"---REB": 1}


def test_gold_set_consult_variant():
    gold = pd.gold_set(sentence(event("USA", "IRN", "042")), pd.CONSULT)
    assert gold.triples == {("IRN", "negotiates-with", "USA")}


def test_score_triples_counts_and_ignores():
    gold = {("ISR", "accuses", "PSE"), ("USA", "attacks", "IRN")}
    system = {
        ("ISR", "accuses", "PSE"),
        ("PSE", "accuses", "ISR"),
        ("OMN", "mediates", "IRN"),
        ("IRN", "attacks", "USA"),
    }
    tallies = pd.score_triples(gold, system, ["accuses", "attacks"], blind={"attacks"})
    assert (tallies["accuses"].tp, tallies["accuses"].fp, tallies["accuses"].fn) == (1, 1, 0)
    assert (tallies["attacks"].tp, tallies["attacks"].fp, tallies["attacks"].fn) == (0, 0, 1)
    assert "mediates" not in tallies


def test_score_coded_hand_built():
    dataset = pd.Dataset(
        "toy",
        [
            sentence(event("ISRGOV", "PSE", "112")),
            sentence(event("USA", "IRN", "046")),
            sentence(event("USA", "IRN", "042")),
        ],
        read=3,
    )
    results = [
        result([actor("ISR"), actor("PSE")], [relation("ISR", "accuses", "PSE")]),
        result([actor("IRN"), actor("USA")], [relation("IRN", "negotiates-with", "USA")]),
        result(
            [actor("IRN"), actor("USA"), actor("OMN")],
            [relation("USA", "negotiates-with", "IRN"), relation("OMN", "mediates", "IRN")],
        ),
    ]
    report = pd.score_coded(dataset, results)
    rows = {row.label: row for row in report.rows}
    assert rows["accuses"].tp == 1 and rows["accuses"].fp == 0
    assert (rows["negotiates-with"].tp, rows["negotiates-with"].fp) == (1, 1)
    consult = rows["negotiates-with (consult)"]
    assert (consult.gold, consult.tp, consult.fp) == (2, 2, 0)
    assert rows["actors (recall)"].gold == 6 and rows["actors (recall)"].tp == 6
    assert report.counts["ignored_system_triples"] == {"mediates": 1}
    assert "mediates" not in rows


# -- readers on hand-written files ----------------------------------------------------------------
PETR_SNIPPET = """<Validation>
# a header that is not XML <EventCoding...> and must be ignored
<Sentences>
<Sentence id="s1" date="20080804" category="X" evaluate="true"/>
<!-- a comment <EventCoding eventcode="999" sourcecode="A" targetcode="B"/> -->
<EventCoding eventcode="112" sourcecode="ISRGOV" targetcode="PSE" />
<Text>
Israel blamed the Palestinian side
for the breakdown.
</Text>
<Parse>ignored</Parse>
</Sentence>
<Sentence id="s2" date="2008xx04">
<EventCoding noevents="True" />
<Text>Nothing is coded here.</Text>
</Sentence>
<Sentence id="s3" date="19950101">
<EventCoding error="storydiscard" />
<Text>An error test.</Text>
</Sentence>
<Sentence id="s4" date="19950101">
<EventCoding eventcode="032" targetcode="ISR" />
<Text>Someone said something to Israel.</Text>
</Sentence>
<Sentence id="s5" date="20150101" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="USA" targetcode="IRN" />
<Text>
</Text>
<Parse>
1\tWashington\tWashington\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tstruck\tstrike\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
</Parse></Sentence>
<Sentence id="s6">
<EventCoding eventcode="112" sourcecode="USA" targetcode="IRN" />
</Sentence>
<Sentence id="s7">
<EventCoding sourcecode="USA" targetcode="IRN" />
<Text>No event code.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_petr_reader_is_tolerant(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(PETR_SNIPPET, encoding="utf-8")
    dataset = pd.read_petr_records(path, pd.CodeMapper(STATES), "toy")
    assert dataset.read == 7
    assert [s.id for s in dataset.records] == ["s1", "s4", "s5"]
    first, fourth, fifth = dataset.records
    assert first.text == "Israel blamed the Palestinian side for the breakdown."
    assert first.published == "2008-08-04"
    assert [(e.source, e.relation, e.target) for e in first.events] == [("ISR", "accuses", "PSE")]
    assert fourth.events[0].source is None and fourth.events[0].target == "ISR"
    assert fifth.text == "Washington struck."
    assert dataset.repaired == {"empty <Text>, sentence rebuilt from the CoNLL-U parse": 1}
    assert sum(dataset.skipped.values()) == 4
    assert dataset.skipped["error test (expects a discard, not an event)"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20080804", "2008-08-04"),
        ("2000-01-01", "2000-01-01"),
        ("2008xx04", None),
        ("20081304", None),
        (None, None),
    ],
)
def test_iso_date(value, expected):
    assert pd.iso_date(value) == expected


DICTIONARY_SNIPPET = """<!-- a toy dictionary
ETHIOPIA [XXX] inside a comment -->
ETHIOPIA  [ETH]
NARNIA  [ERI]
+NARNIAN
THE_VALE  [FRO/VAL]
JAPAN_  [JAP]  # old code
+NIPPON
LILLIPUT
\t[LIL <911226]
#COMMENTED [ISR]
<! -- odd comment line -->
"""


def test_actor_dictionary_and_vouched_countries(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(DICTIONARY_SNIPPET, encoding="utf-8")
    dictionary = pd.read_actor_dictionary(path)
    assert dictionary["ETH"] == {"ETHIOPIA"}
    assert dictionary["ERI"] == {"NARNIA", "NARNIAN"}
    assert dictionary["FRO"] == dictionary["VAL"] == {"THE VALE"}
    assert dictionary["LIL"] == {"LILLIPUT"}
    assert "XXX" not in dictionary and "ISR" not in dictionary
    assert pd.vouched_countries(dictionary, pd.registry()) == {"ETH", "JPN"}


def plover_record(**fields):
    base = {"id": "PLOVER-GSR01-DEMAND-0001", "event": "DEMAND", "eventText": "demanded"}
    base["text"] = "Ruritania demanded that Freedonia withdraw."
    base.update(fields)
    return base


def test_plover_reader_is_tolerant(tmp_path):
    records = [
        {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT"},
        plover_record(source=[{"code": "USA"}], target=[{"code": "IRN"}, "junk"]),
        plover_record(
            id="PLOVER-GSR01-AGREE-0001",
            event="AGREE",
            eventText="agreed truce",
            source=[{"code": "ISR"}, {"code": "PSEGOV"}],
            target="",
            textInfo={"markup": "(SRC/TAR: Israel) and (SRC/TAR: Palestinians) agreed"},
        ),
        plover_record(source=[{"code": "IGO"}], target=None),
        plover_record(text=""),
        plover_record(id="PLOVER-GSR01-SANCTION-0001", event="FIGHT"),
        "not a record",
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    dataset = pd.read_plover_gsr(path, pd.CodeMapper(STATES))
    assert dataset.read == 6
    assert len(dataset.records) == 3
    assert sum(dataset.skipped.values()) == 3
    demand, agree, no_target = dataset.records
    assert [(e.source, e.relation, e.target) for e in demand.events] == [("USA", "demands", "IRN")]
    assert {(e.source, e.target) for e in agree.events} == {("ISR", "PSE"), ("PSE", "ISR")}
    assert pd.gold_set(agree).triples == {("ISR", "agrees-with", "PSE")}
    assert no_target.events[0].target is None
    assert any("without a code" in note for note in dataset.notes)


def test_plover_reader_survives_a_broken_file(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text("[{", encoding="utf-8")
    dataset = pd.read_plover_gsr(path, pd.CodeMapper(STATES))
    assert dataset.records == [] and dataset.notes


RE3D_TEXT = "Ruritania attacked Freedonia. The Ruritanian Army (RA) denied it."


def _write_re3d(folder: Path) -> None:
    folder.mkdir(parents=True)
    doc = {"_id": "D1", "text": RE3D_TEXT, "title": "t"}
    (folder / "documents.json").write_text(json.dumps(doc) + "\n", encoding="utf-8")

    def ent(begin, end, type_, confidence=1):
        value = RE3D_TEXT[begin:end]
        return dict(
            documentId="D1", begin=begin, end=end, type=type_, value=value, confidence=confidence
        )

    entities = [ent(0, 9, "Organisation"), ent(19, 28, "Location"), ent(30, 50, "Organisation")]
    entities += [ent(52, 54, "Organisation"), ent(0, 9, "Person", 0)]
    entities += [{**ent(0, 9, "Person"), "value": "wrong"}]
    lines = [json.dumps(e) for e in entities] + ["{not json"]
    (folder / "entities.json").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def rel(type_, a, b, confidence=1):
        source = dict(sourceBegin=a[0], sourceEnd=a[1], source=RE3D_TEXT[a[0] : a[1]])
        target = dict(targetBegin=b[0], targetEnd=b[1], target=RE3D_TEXT[b[0] : b[1]])
        return dict(documentId="D1", type=type_, confidence=confidence, **source, **target)

    relations = [
        rel("FightingAgainst", (0, 9), (19, 28)),
        rel("IsSynonymOf", (30, 50), (52, 54)),
        rel("IsSynonymOf", (52, 54), (30, 50)),
        rel("Dislikes", (0, 9), (19, 28), 0.1),
    ]
    (folder / "relations.json").write_text(
        "\n".join(json.dumps(r) for r in relations) + "\n", encoding="utf-8"
    )


def test_re3d_reader_and_scoring(tmp_path):
    _write_re3d(tmp_path / "re3d" / "Source A")
    dataset = pd.read_re3d(tmp_path / "re3d")
    assert dataset.read == 1
    doc = dataset.records[0]
    assert len(doc.entities) == 5 and len(doc.relations) == 4
    assert sum(dataset.skipped.values()) == 2
    assert pd.synonym_pairs(doc) == {(pd.Span(30, 50), pd.Span(52, 54))}
    system = result(
        [
            actor("RUR", "STATE", spans=[(0, 9)]),
            actor("FRE", "STATE", spans=[(19, 28)]),
            actor("RA", "ORGANIZATION", "RUR", spans=[(34, 50), (52, 54)]),
        ],
        [relation("RUR", "attacks", "FRE"), relation("FRE", "accuses", "RUR")],
    )
    report = pd.score_re3d(dataset, [system])
    rows = {row.label: row for row in report.rows}
    assert (rows["actor mentions"].tp, rows["actor mentions"].fp) == (3, 0)
    assert rows["actor mentions"].fn == 0
    alias = rows["alias (IsSynonymOf)"]
    assert (alias.gold, alias.system, alias.tp) == (1, 1, 1)
    attacks = rows["attacks (doc, rough)"]
    assert (attacks.gold, attacks.tp, attacks.fp) == (1, 1, 0)
    accuses = rows["accuses (doc, rough)"]
    assert (accuses.gold, accuses.fp) == (0, 1)  # the Dislikes annotation has confidence 0.1


def test_best_mention_cover():
    mentions = [pd.MentionSpan(17, 22, "SYR", "SYR")]
    title = pd.Span(0, 22)  # "the President of Ruritania"-like title, a country inside
    assert pd.best_mention(title, mentions) == mentions[0]
    assert pd.best_mention(title, mentions, min_cover=0.5) is None


CONLL_SNIPPET = """Ruritania B-S
's O
army I-S
shelled O
Freedonia B-T
( O
again O
) O
. O

Ruritania B-R
and O
Freedonia B-R
met O

nothing O
here O
"""


def test_conflibert_reader(tmp_path):
    path = tmp_path / "test.txt"
    path.write_text(CONLL_SNIPPET, encoding="utf-8")
    dataset = pd.read_conflibert_ner(path)
    assert dataset.read == 3 and len(dataset.records) == 2
    first, second = dataset.records
    assert first.text == "Ruritania's army shelled Freedonia (again)."
    assert [(first.text[s.start : s.end], s.label) for s in first.spans] == [
        ("Ruritania", "S"),
        ("army", "S"),
        ("Freedonia", "T"),
    ]
    assert [s.label for s in second.spans] == ["R", "R"]
    assert dataset.skipped == {"no source/target span": 1}


def test_conflibert_direction():
    text_sentence = pd.SpanSentence("x", "A hit B", (pd.Span(0, 1, "S"), pd.Span(6, 7, "T")))
    actors = [actor("AAA", spans=[(0, 1)]), actor("BBB", spans=[(6, 7)])]
    dataset = pd.Dataset("c", [text_sentence, text_sentence, text_sentence], read=3)
    results = [
        result(actors, [relation("AAA", "accuses", "BBB")]),
        result(actors, [relation("BBB", "accuses", "AAA")]),
        result(actors, [relation("BBB", "negotiates-with", "AAA")]),
    ]
    report = pd.score_conflibert(dataset, results)
    row = {r.label: r for r in report.rows}["direction (any relation)"]
    assert (row.gold, row.tp, row.fp, row.fn) == (3, 2, 1, 1)


# -- output and the bench --------------------------------------------------------------------------
def test_format_table():
    rows = [
        pd.tally_row("toy", "accuses", pd.Tally(1, 1, 2)),
        pd.recall_row("toy", "actors (recall)", 3, 4),
    ]
    lines = pd.format_table(rows).splitlines()
    assert lines[0].split() == list(pd.COLUMNS)
    assert lines[2].split() == [
        "toy",
        "accuses",
        "3",
        "2",
        "1",
        "1",
        "2",
        "0.500",
        "0.333",
        "0.400",
    ]
    assert lines[3].split()[-3:] == ["-", "0.750", "-"]


def test_missing_datasets_are_skipped(tmp_path):
    reports, skipped = pd.run_suites(None, tmp_path, limit=1)
    assert reports == []
    assert len(skipped) == len(pd.SUITES)


def _bench():
    spec = importlib.util.spec_from_file_location("quality", REPO / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_exits_zero_without_shared(tmp_path, capsys):
    assert _bench().main(["--shared", str(tmp_path / "absent")]) == 0
    assert "nothing to score" in capsys.readouterr().out


# -- the real files (skipped without ../shared) ----------------------------------------------------
def test_reads_petr2_validation(shared):
    path = need(shared, "universalpetrarch/PETR2_GSR_validation.xml")
    dataset = pd.read_petr_records(path, pd.CodeMapper(pd.state_ids()), "petr2-gsr")
    assert dataset.read == 78
    assert len(dataset.records) + sum(dataset.skipped.values()) == dataset.read
    assert all(s.text and s.events for s in dataset.records)
    codes = {e.source_code for s in dataset.records for e in s.events}
    assert "USA" in codes


def test_reads_petr2_unit_tests_with_real_countries_only(shared):
    path = need(shared, "petrarch2/PETR.UnitTest.records.xml")
    dictionary = pd.read_actor_dictionary(
        need(shared, "petrarch2/dictionaries/PETR.Validate.actors.txt")
    )
    vouched = pd.vouched_countries(dictionary, pd.registry())
    assert {"ETH", "USA", "PAK"} <= vouched
    assert not {"ERI", "FRO"} & vouched  # given to invented places there
    dataset = pd.read_petr_records(path, pd.CodeMapper(pd.state_ids(), vouched), "petr2-unit")
    assert dataset.read == 284
    ids = {e.source for s in dataset.records for e in s.events} - {None}
    assert "ERI" not in ids


def test_reads_plover(shared):
    path = need(shared, "plover/PLOVER_GSR_CAMEO.txt")
    dataset = pd.read_plover_gsr(path, pd.CodeMapper(pd.state_ids()))
    assert dataset.read == 322
    assert len(dataset.records) + sum(dataset.skipped.values()) == 322
    relations = {e.relation for s in dataset.records for e in s.events}
    assert {"accuses", "threatens", "attacks", "agrees-with", "mediates"} <= relations


def test_reads_re3d(shared):
    dataset = pd.read_re3d(need(shared, "re3d"))
    assert dataset.read == 98
    pairs = sum(len(pd.synonym_pairs(d)) for d in dataset.records)
    assert 40 <= pairs <= 105


def test_reads_conflibert(shared):
    dataset = pd.read_conflibert_ner(need(shared, "conflibert/cameo_ner/test.txt"))
    assert dataset.read == 451
    assert all(s.spans for s in dataset.records)


def test_suites_run_on_a_few_records(shared, ag):
    need(shared, ".")
    names = ["petr2-gsr", "plover-gsr", "conflibert"]
    reports, _ = pd.run_suites(ag, shared / "data", limit=3, names=names)
    assert reports
    for report in reports:
        for row in report.rows:
            assert row.gold == row.tp + row.fn
            if row.system is not None:
                assert row.system == row.tp + row.fp


# -- the pipeline on sentences written for this test ----------------------------------------------
def test_score_own_sentences_end_to_end(ag):
    sentences = [
        sentence(
            event("PAKGOV", "IND", "112"), text="Pakistan accused India of sheltering militants."
        ),
        sentence(
            event("OMN", "IRN", "045"),
            event("OMN", "USA", "045"),
            text="Oman mediated between Iran and the United States.",
        ),
        # gold says ETH accuses USA; the negated ETH->IRN accusation must not count at all
        sentence(event("ETH", "USA", "112"), text="Ethiopia did not accuse Iran of anything."),
    ]
    dataset = pd.Dataset("own", sentences, read=3)
    results = pd.run_pipeline(ag, ((s.id, s.text, None) for s in sentences))
    rows = {row.label: row for row in pd.score_coded(dataset, results).rows}
    assert (rows["accuses"].tp, rows["accuses"].fp, rows["accuses"].fn) == (1, 0, 1)
    assert (rows["mediates"].tp, rows["mediates"].fn) == (2, 0)
