"""Pydantic models for everything that crosses a boundary: input articles, output records, options.

The output records are the contract of ``actorgraph extract`` (see DESIGN.md and docs/OUTPUT.md):
``RelationRecord`` is one line of relations.jsonl, ``ActorRecord`` one line of actors.jsonl,
``DocumentRecord`` one line of documents.jsonl. ``actorgraph schema`` prints their JSON Schema.
Records forbid unknown fields, so a field added to the output is a deliberate contract change.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Mention(_Record):
    """Where an actor is named: one entry of ``ActorRecord.mentions``."""

    doc_id: str
    text: str = Field(description="The mention exactly as written.")
    start: int = Field(ge=0, description="Character offset of the mention in the article text.")
    end: int = Field(ge=0, description="Character offset just past the mention.")


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
    source_text: str = Field(description="The source mention as written.")
    target_text: str = Field(description="The target mention as written.")
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


OUTPUT_RECORDS: dict[str, type[BaseModel]] = {
    "relations.jsonl": RelationRecord,
    "actors.jsonl": ActorRecord,
    "documents.jsonl": DocumentRecord,
}
