"""Pydantic models for everything that crosses a boundary: input articles, output records, options.

The output records are the contract of ``actorgraph extract`` (see DESIGN.md and docs/OUTPUT.md):
``RelationRecord`` is one line of relations.jsonl, ``ActorRecord`` one line of actors.jsonl,
``DocumentRecord`` one line of documents.jsonl. ``actorgraph schema`` prints their JSON Schema.
Records forbid unknown fields, so a field added to the output is a deliberate contract change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

from .encoding import check_encoding
from .errors import UnknownEncoding

RelationName = Literal[
    "accuses",
    "mediates",
    "negotiates-with",
    "threatens",
    "demands",
    "attacks",
    "supports",
    "agrees-with",
    "leads",
]
ActorTypeName = Literal["STATE", "MINISTER", "MILITANT_GROUP", "ORGANIZATION", "PERSON"]
Status = Literal["ok", "skipped", "failed"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Record):
    """One input article, as ingest produces it."""

    doc_id: str = Field(
        description=(
            "Path relative to the input folder; '#N' for the N-th object of a JSON/JSONL file."
        )
    )
    text: str = Field(description="The article text the pipeline reads; all offsets refer to it.")
    title: str | None = Field(default=None, description="Title from the file's metadata, if any.")
    published: str | None = Field(
        default=None, description="Publication date (ISO 8601) from metadata, if any."
    )
    source: str | None = Field(
        default=None, description="Where the article came from (URL or source name), if given."
    )
    path: str = Field(description="The file the article was read from.")
    encoding: str | None = Field(
        default=None, description="How the file's bytes were decoded (see DocumentRecord)."
    )


class Mention(_Record):
    """Where an actor is named: one entry of ``ActorRecord.mentions``."""

    doc_id: str
    text: str = Field(description="The mention exactly as written.")
    start: int = Field(ge=0, description="Character offset of the mention in the article text.")
    end: int = Field(ge=0, description="Character offset just past the mention.")
    candidates: list[str] | None = Field(
        default=None,
        description=(
            "Only where the name could mean several registry actors ('Congolese'): all of them."
            " Absent otherwise."
        ),
    )
    resolved_by: Literal["date", "context", "country", "first"] | None = Field(
        default=None,
        description=(
            "Only with candidates: why this actor was chosen. 'date': the only one valid on the"
            " article's date; 'context': the only one the article also names unambiguously;"
            " 'country': the one of the country the article's other actors belong to;"
            " 'first': no context decided, the registry's first-listed sense."
        ),
    )

    @model_serializer(mode="wrap")
    def _omit_unresolved(self, handler):
        data = handler(self)
        for key in ("candidates", "resolved_by"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class ActorRecord(_Record):
    """One canonical actor (a line of actors.jsonl)."""

    id: str = Field(
        description=(
            "Canonical id: ISO 3166-1 alpha-3 for states, a stable uppercase id otherwise (a slug"
            " of the name for actors the registry does not know)."
        )
    )
    name: str = Field(
        description="Display name: the registry name, or the longest mention for unknown actors."
    )
    type: ActorTypeName
    country: str | None = Field(
        default=None,
        description="ISO3 of the state the actor belongs to (a state's own id for a state).",
    )
    roles: list[str] = Field(
        default_factory=list,
        description=(
            "Roles: MEDIATOR for an actor that mediates in some document; office titles found in "
            "the text."
        ),
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="Every distinct surface form the articles used for this actor, sorted.",
    )
    mentions: list[Mention] = Field(
        default_factory=list, description="Every mention, in document and text order."
    )


class RelationRecord(_Record):
    """One relation instance with its evidence (a line of relations.jsonl)."""

    doc_id: str
    relation: RelationName
    source: str = Field(
        description=(
            "Actor id of the source (the accuser, the mediator, ...). For symmetric relations the"
            " first-named party."
        )
    )
    target: str = Field(description="Actor id of the target.")
    source_text: str = Field(
        description=(
            "The source mention as written. Where an office holder acts for their state, the"
            " state's mention in the sentence, else the state's name (the person is in"
            " attributed_to)."
        )
    )
    target_text: str = Field(
        description="The target mention as written (the same rule as source_text)."
    )
    sentence: str = Field(description="The evidence sentence.")
    start: int = Field(
        ge=0, description="Character offset of the evidence sentence in the article text."
    )
    end: int = Field(ge=0, description="Character offset just past the evidence sentence.")
    trigger: str = Field(
        description="The word that signals the relation (accused, talks, mediated, ...)."
    )
    confidence: float = Field(
        ge=0.0,
        le=1.0,
        description=(
            "0..1, from the pattern's strength, lowered for hedged or document-linked relations."
        ),
    )
    attributed_to: str | None = Field(
        default=None,
        description=(
            "Actor id of whoever the text says made the claim (reported speech), else null."
        ),
    )
    hedged: bool = Field(
        description="The text only suggests the relation ('may have', 'allegedly', 'appears to')."
    )
    negated: bool = Field(
        description=(
            "The text denies the relation ('did not accuse'). Negated relations are not graph "
            "edges by default."
        )
    )
    pattern: str = Field(description="Id of the rule in relations.yaml that found the relation.")


class DefinedAlias(_Record):
    """A name the article itself defined: one entry of ``DocumentRecord.defined_aliases``."""

    alias: str = Field(description="The name as the article writes it.")
    actor_id: str = Field(description="The actor the article says it names.")


class DocumentRecord(_Record):
    """What happened to one input document (a line of documents.jsonl)."""

    doc_id: str
    status: Status = Field(
        description=(
            "ok: processed; skipped: nothing to process (empty, unsupported type); failed: could "
            "not be read or processed."
        )
    )
    error: str | None = Field(
        default=None, description="Why a document was skipped or failed, in words."
    )
    chars: int = Field(
        ge=0, description="Length of the article text in characters (0 when it could not be read)."
    )
    sha256: str | None = Field(
        default=None,
        description=(
            "SHA-256 of the article text (UTF-8), or of the raw bytes when the text could not be "
            "decoded."
        ),
    )
    defined_aliases: list[DefinedAlias] = Field(
        default_factory=list,
        description=(
            "Names the article defines and the actor they name there ('the Rapid Support Forces"
            " (RSF)', 'X, also known as Y', 'X, a term for Y'): candidates for the registry."
        ),
    )
    encoding: str | None = Field(
        default=None,
        description=(
            "The encoding the file was decoded with (a Python codec name: utf-8, utf-8-sig, "
            "utf-16, utf-32, cp1252, ...), with '+repaired' when mojibake was repaired; null when "
            "no text was decoded or the text was given directly."
        ),
    )
    chunks: int = Field(
        default=0,
        ge=0,
        description=(
            "How many pieces the text was processed in: 1 for a whole article, more for a text "
            "longer than the chunk limit (paragraph-aligned chunks; offsets still index the whole "
            "text), 0 when it was not processed."
        ),
    )


class DocumentResult(_Record):
    """Everything actorgraph found in one article: what ``Actorgraph.extract`` returns."""

    document: DocumentRecord
    actors: list[ActorRecord] = Field(
        default_factory=list,
        description="Actors of this document, each with this document's mentions only.",
    )
    relations: list[RelationRecord] = Field(default_factory=list)


class IngestOptions(_Record):
    """How input files are read (the library's ``ingest`` argument, the CLI's ``--encoding``)."""

    encoding: str | None = Field(
        default=None,
        description=(
            "Encoding of files that are neither UTF-8 nor start with a byte order mark; "
            "None to take an HTML page's declared charset or detect it."
        ),
    )
    max_chars: int = Field(
        default=10_000_000,
        gt=0,
        description="Articles longer than this (in characters) are skipped with a reason.",
    )
    trim_boilerplate: bool = Field(
        default=True,
        description="Cut comment prompts, teasers and share lines after the article "
        "(data/boilerplate.yaml).",
    )

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            return check_encoding(value.strip())
        except LookupError:
            raise UnknownEncoding(name=value) from None


OUTPUT_RECORDS: dict[str, type[BaseModel]] = {
    "relations.jsonl": RelationRecord,
    "actors.jsonl": ActorRecord,
    "documents.jsonl": DocumentRecord,
}
