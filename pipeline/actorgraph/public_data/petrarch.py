"""PETRARCH XML records and actor dictionaries, for two suites:

* ``petr2-gsr``: UniversalPetrarch ``PETR2_GSR_validation.xml``, real news sentences with CAMEO
  ``EventCoding`` rows.
* ``petr2-unit``: PETRARCH2 ``PETR.UnitTest.records.xml``. Most of its actors are invented
  places and some invented codes collide with ISO3 codes (``ERI`` is not Eritrea there), so a
  country code counts only when the unit tests' own actor dictionary
  (``PETR.Validate.actors.txt``) names that country with it (``vouched_countries``).

The files are not well-formed XML (self-closing ``<Sentence/>`` tags closed again later), so both
are read by a tolerant tag scanner rather than an XML parser; an empty ``<Text>`` is rebuilt from
the CoNLL-U ``<Parse>``.

Not supported: PETRARCH discard and error tests (records coded only ``noevents``, or with an
``error`` coding, are skipped rather than scored as negatives); from the dictionaries, anything
but codes and names (date restrictions and comments are ignored).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .mapping import CONSULT, LEGACY_COUNTRY_CODES, CodeMapper, cameo_relation, state_ids
from .records import Dataset, GoldEvent, GoldSentence, iso_date

if TYPE_CHECKING:  # pragma: no cover
    from ..gazetteer import Gazetteer

# -- PETRARCH XML records --------------------------------------------------------------------------
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE_TAG = re.compile(r"<Sentence\s([^>]*?)/?>")
_CODING_TAG = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')


def _attributes(tag_body: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _ATTR.findall(tag_body)}


def petr_blocks(raw: str) -> Iterator[tuple[dict[str, str], str]]:
    """(Sentence attributes, the text up to the next Sentence) for each record of a PETR file."""
    start = raw.find("<Sentences>")
    body = _COMMENT.sub("", raw[start:] if start >= 0 else raw)
    tags = list(_SENTENCE_TAG.finditer(body))
    for index, tag in enumerate(tags):
        end = tags[index + 1].start() if index + 1 < len(tags) else len(body)
        yield _attributes(tag.group(1)), body[tag.end() : end]


def cameo_event(coding: Mapping[str, str], mapper: CodeMapper) -> GoldEvent:
    source, target = coding.get("sourcecode", ""), coding.get("targetcode", "")
    code = coding["eventcode"]
    return GoldEvent(
        source_code=source,
        target_code=target,
        source=mapper(source) if source else None,
        target=mapper(target) if target else None,
        code=code,
        relation=cameo_relation(code),
        relation_consult=cameo_relation(code, CONSULT),
        basis="CAMEO code",
    )


_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


def text_from_conllu(block: str) -> str:
    """The sentence rebuilt from a CoNLL-U ``<Parse>`` (token forms, ``SpaceAfter=No``)."""
    parse = _PARSE.search(block)
    parts = []
    for line in (parse.group(1) if parse else "").splitlines():
        fields = line.split("\t")
        if len(fields) < 10 or not fields[0].isdigit():
            continue
        parts.append(fields[1] + ("" if "SpaceAfter=No" in fields[9] else " "))
    return "".join(parts).strip()


def petr_text(block: str, repaired: Counter[str]) -> str | None:
    match = _TEXT.search(block)
    text = " ".join(match.group(1).split()) if match else ""
    if not text:
        text = text_from_conllu(block)
        if text:
            repaired["empty <Text>, sentence rebuilt from the CoNLL-U parse"] += 1
    return html.unescape(text) if text else None


def parse_petr_block(
    attrs: Mapping[str, str], block: str, mapper: CodeMapper, dataset: Dataset
) -> GoldSentence | None:
    """One PETR record, or None (the reason counted in ``dataset.skipped``).

    A record whose only coding is ``noevents`` is skipped: in these files it often marks a
    PETRARCH discard rule (a year, a dateline) firing on a sentence that does report an event,
    so it is no gold negative. A coding without a source or target code keeps its event, with
    that actor missing.
    """
    skipped = dataset.skipped
    codings = [_attributes(m.group(1)) for m in _CODING_TAG.finditer(block)]
    text = petr_text(block, dataset.repaired)
    if text is None:
        skipped["no <Text>"] += 1
        return None
    if not codings:
        skipped["no <EventCoding>"] += 1
        return None
    if any("error" in coding for coding in codings):
        skipped["error test (expects a discard, not an event)"] += 1
        return None
    events = [c for c in codings if c.get("noevents", "").lower() != "true"]
    if not events:
        skipped["noevents only (a PETRARCH discard test, not a gold negative)"] += 1
        return None
    if not all(c.get("eventcode") for c in events):
        skipped["EventCoding without eventcode"] += 1
        return None
    return GoldSentence(
        id=attrs.get("id") or f"record-{dataset.read}",
        text=text,
        published=iso_date(attrs.get("date")),
        events=tuple(cameo_event(coding, mapper) for coding in events),
    )


def read_petr_records(path: Path, mapper: CodeMapper, name: str) -> Dataset:
    """Sentences with CAMEO EventCoding rows from a PETRARCH validation/unit-test file."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    dataset = Dataset(name, [])
    for attrs, block in petr_blocks(raw):
        dataset.read += 1
        sentence = parse_petr_block(attrs, block, mapper, dataset)
        if sentence is not None:
            dataset.records.append(sentence)
    return dataset


# -- PETRARCH actor dictionaries ------------------------------------------------------------------
_CODE_IN_BRACKETS = re.compile(r"\[([^\]]+)\]")


def _dictionary_codes(line: str) -> list[str]:
    codes = []
    for inner in _CODE_IN_BRACKETS.findall(line):
        token = inner.split()[0] if inner.split() else ""
        codes.extend(c.upper() for c in token.split("/") if c)
    return codes


def read_actor_dictionary(path: Path) -> dict[str, set[str]]:
    """code -> names (entry names and ``+`` aliases, underscores as spaces) of a PETRARCH
    ``*.actors.txt`` dictionary. Comments, dates and odd lines are tolerated."""
    raw = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    by_code: dict[str, set[str]] = {}
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        for code in codes:
            by_code.setdefault(code, set()).update(names)

    for line in raw.splitlines():
        content = line.split("#", 1)[0].rstrip()
        if not content.strip() or content.lstrip().startswith("<"):
            continue
        if content.startswith("+"):
            names.append(_dictionary_name(content[1:]))
        elif content[0].isspace():
            codes.extend(_dictionary_codes(content))
        else:
            flush()
            names = [_dictionary_name(content.split("[", 1)[0])]
            codes = _dictionary_codes(content)
    flush()
    return by_code


def _dictionary_name(text: str) -> str:
    return " ".join(text.replace("_", " ").split())


def vouched_countries(dictionary: Mapping[str, set[str]], registry_: Gazetteer) -> frozenset[str]:
    """ISO3 codes a dictionary uses for the real country: some name it gives the code resolves
    to that state in actorgraph's registry (``ETH`` named Ethiopia does; ``ERI`` given to an
    invented place does not)."""
    states = state_ids()
    out = set()
    for code, names in dictionary.items():
        country = LEGACY_COUNTRY_CODES.get(code[:3], code[:3])
        if country not in states:
            continue
        if any(form.actor_id == country for name in names for form in registry_.lookup(name)):
            out.add(country)
    return frozenset(out)
