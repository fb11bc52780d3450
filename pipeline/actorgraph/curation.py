"""Tools for the curators of ``data/``: look a name up, check every data file.

``actorgraph actors lookup NAME [--date D]`` shows what the registry would make of a name: each
candidate actor with a score and the reason for it, so a curator sees why "Congolese" is
ambiguous or why "Taliban" means the Afghan state only after August 2021. ``actorgraph actors
validate`` loads every data file with its schema and then checks what a schema cannot: alias
clashes between actors, office dates, and names that would swallow ordinary words.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError
from .gazetteer import ActorEntry, Gazetteer, SurfaceForm, normalize
from .relation_rules import RelationRules

# How much a kind of match says about the name (an exact registry name beats a demonym).
_KIND_SCORE = {"name": 1.0, "alias": 0.95, "capital": 0.8, "demonym": 0.8}
_NORMALISED = 0.9  # the text only equals the form after folding case, diacritics, dashes
_CLOSE_CUTOFF = 0.82  # difflib ratio for "did you mean" suggestions
_CLOSE_SCORE = 0.5
_SURNAME_SCORE = 0.6
_PEOPLE = frozenset({"MINISTER", "PERSON"})
# Ordinary English words an alias must not be, unless it is matched in capitals only ("IS").
_COMMON_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "he", "his"}
    | {"in", "is", "it", "its", "me", "my", "no", "of", "on", "or", "our", "she", "so", "that"}
    | {"the", "their", "them", "they", "this", "to", "up", "us", "was", "we", "were", "who"}
    | {"will", "with", "you"}
)


@dataclass(frozen=True)
class Candidate:
    """One actor a name may mean, with how sure the registry is and why."""

    actor_id: str
    name: str
    type: str
    score: float
    reason: str


@dataclass(frozen=True)
class Finding:
    """A problem in a data file, printed as ``file [location] message``."""

    file: str
    location: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.file} [{self.location}] {self.severity}: {self.message}"


def lookup(gazetteer: Gazetteer, text: str, day: dt.date | None = None) -> list[Candidate]:
    """Every actor ``text`` may name, best first; names valid on another date score 0.

    With no registry form equal to the text, the closest forms are suggested instead.
    """
    found: dict[str, Candidate] = {}
    for form in gazetteer.lookup(text):
        candidate = _candidate(gazetteer, form, text, day)
        best = found.get(form.actor_id)
        if best is None or candidate.score > best.score:
            found[form.actor_id] = candidate
    if not found:  # "Asif": the people whose name ends with it
        key = normalize(text)
        for entry in gazetteer.entries.values():
            if entry.roles or entry.type.value in _PEOPLE:
                names = [entry.name, *(a.text for a in entry.aliases)]
                if any(normalize(n).endswith(" " + key) for n in names):
                    candidate = _candidate(
                        gazetteer, SurfaceForm(entry.name, entry.id, "name"), text, day
                    )
                    found[entry.id] = Candidate(
                        entry.id,
                        entry.name,
                        entry.type.value,
                        _SURNAME_SCORE,
                        f"surname of {entry.name}: found only after the full name in the same"
                        f" article{candidate.reason.partition(';')[1]}"
                        f"{candidate.reason.partition(';')[2]}",
                    )
    if not found:
        forms = {normalize(f.text): f for f in gazetteer.surface_forms()}
        for key in difflib.get_close_matches(normalize(text), forms, n=5, cutoff=_CLOSE_CUTOFF):
            form = forms[key]
            entry = gazetteer.entries[form.actor_id]
            ratio = difflib.SequenceMatcher(None, normalize(text), key).ratio()
            found.setdefault(
                form.actor_id,
                Candidate(
                    entry.id,
                    entry.name,
                    entry.type.value,
                    round(_CLOSE_SCORE * ratio, 3),
                    f"close to the {form.kind} {form.text!r} (not an exact match)",
                ),
            )
    return sorted(found.values(), key=lambda c: (-c.score, c.actor_id))


def _candidate(gazetteer: Gazetteer, form: SurfaceForm, text: str, day: dt.date | None):
    entry = gazetteer.entries[form.actor_id]
    score = _KIND_SCORE.get(form.kind, 0.8)
    reason = f"{form.kind} {form.text!r}"
    if form.text != text and form.text.casefold() != text.casefold():
        score *= _NORMALISED
        reason += " after folding diacritics, dashes or 'the'"
    if not form.valid_on(day):
        score = 0.0
        reason += f", valid only {_period(form)}"
    elif form.start or form.end:
        reason += f", valid {_period(form)}"
    office = entry.office_on(day) if entry.roles else None
    if office is not None:
        reason += f"; {office.title} of {office.of} on {day or 'an unknown date'}"
    return Candidate(entry.id, entry.name, entry.type.value, round(score, 3), reason)


def _period(form: SurfaceForm) -> str:
    start = form.start.isoformat() if form.start else "..."
    end = form.end.isoformat() if form.end else "..."
    return f"{start} to {end}"


def validate(data_dir: Path) -> list[Finding]:
    """Check the actor registry and the rule files under ``data_dir``.

    Schema errors (one per file: the loaders stop at the first) come first; then the checks
    across entries. An empty list means every file is sound.
    """
    findings: list[Finding] = []
    gazetteer = None
    try:
        gazetteer = Gazetteer.from_dir(data_dir / "actors")
    except DataFileError as exc:
        findings.append(_from_error(exc))
    relations = data_dir / "relations.yaml"
    if relations.exists():
        try:
            RelationRules.from_file(relations)
        except DataFileError as exc:
            findings.append(_from_error(exc))
    if gazetteer is not None:
        findings += _registry_findings(gazetteer)
    return findings


def _from_error(exc: DataFileError) -> Finding:
    fields = exc.fields
    return Finding(
        str(fields.get("path", "")), str(fields.get("location", "")), str(fields.get("detail", exc))
    )


def _registry_findings(gazetteer: Gazetteer) -> list[Finding]:
    where = {actor_id: (str(f), loc) for actor_id, (f, loc) in gazetteer.origins.items()}
    findings = []
    owners: dict[str, dict[str, SurfaceForm]] = {}
    for form in gazetteer.surface_forms():
        owners.setdefault(normalize(form.text), {}).setdefault(form.actor_id, form)
    for key, forms in sorted(owners.items()):
        if len(forms) > 1 and _overlapping(list(forms.values())):
            ids = sorted(forms)
            file, location = where.get(ids[0], ("?", "?"))
            findings.append(
                Finding(
                    file,
                    location,
                    f"the name {key!r} is shared by {', '.join(ids)}: the resolver picks by date,"
                    " then by the article's context, then the first listed",
                    "warning",
                )
            )
    for entry in gazetteer.entries.values():
        file, location = where.get(entry.id, ("?", "?"))
        findings += _entry_findings(entry, file, location)
    return findings


def _overlapping(forms: list[SurfaceForm]) -> bool:
    """Whether some two of the forms are valid on a common day (a real clash)."""
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            a_start, a_end = a.start or dt.date.min, a.end or dt.date.max
            b_start, b_end = b.start or dt.date.min, b.end or dt.date.max
            if a_start <= b_end and b_start <= a_end:
                return True
    return False


def _entry_findings(entry: ActorEntry, file: str, location: str) -> list[Finding]:
    out = []
    for i, alias in enumerate(entry.aliases):
        if alias.start and alias.end and alias.start > alias.end:
            out.append(Finding(file, f"{location}.aliases[{i}]", "start is after end"))
        if alias.text.casefold() in _COMMON_WORDS and not alias.text.isupper():
            out.append(
                Finding(
                    file,
                    f"{location}.aliases[{i}]",
                    f"alias {alias.text!r} is an ordinary English word",
                )
            )
    for i, role in enumerate(entry.roles):
        if role.end and role.start > role.end:
            out.append(Finding(file, f"{location}.roles[{i}]", "start is after end"))
    for i, a in enumerate(entry.roles):
        for b in entry.roles[i + 1 :]:
            same = (a.title, a.of) == (b.title, b.of)
            if same and a.start <= (b.end or dt.date.max) and b.start <= (a.end or dt.date.max):
                out.append(
                    Finding(
                        file,
                        f"{location}.roles",
                        f"two overlapping terms as {a.title} of {a.of}",
                        "warning",
                    )
                )
    return out
