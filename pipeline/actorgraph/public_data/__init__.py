"""Public event-data sets as an evaluation suite: readers, mappings to actorgraph, scoring.

The datasets live under ``../shared/data`` (each folder has a SOURCE.md) and are read from there
at run time; nothing from them is copied into the repository. ``bench/quality.py`` runs every
available suite and prints one table; docs/PUBLIC_DATA_MAPPING.md documents the mappings.

Modules, one concern each (every public name is re-exported here):

* ``mapping``: CAMEO codes and PLOVER categories -> relations, actor codes -> actorgraph ids.
* ``records``: what the readers return (``Dataset``, ``GoldSentence``, ``GoldEvent``).
* ``petrarch``: the tolerant PETR XML scanner and actor dictionaries (``petr2-gsr``,
  ``petr2-unit``).
* ``plover``: PLOVER gold-standard records (``plover-gsr``).
* ``re3d``: Dstl re3d entities and relations, read and scored (``re3d``).
* ``conflibert``: ConfliBERT ``cameo_ner`` spans, read and scored for direction (``conflibert``).
* ``spans``: gold character spans matched to actorgraph mentions (re3d, conflibert).
* ``scoring``: triple-level scoring of the coded sentences (petr2-*, plover-gsr).
* ``report``: tallies, table rows, the fixed-width table and its JSON form.
* ``suites``: the ``SUITES`` registry and ``run_suites``, which runs actorgraph on each suite.

Importing the package loads neither actorgraph's pipeline nor its actor registry (``registry()``
loads that on first use), and ``import actorgraph`` does not import this package.

Not supported: event dates and locations, CAMEO codes outside the mapping (counted as unmapped),
person-level or organ-level actors (all reduced to the country), the ConfliBERT quad-class
labels, re3d relation types other than ``IsSynonymOf``, ``FightingAgainst`` and ``Dislikes``.
"""

from __future__ import annotations

from .conflibert import (
    SpanSentence,
    conll_sentences,
    detokenize,
    direction_status,
    gold_direction_pairs,
    read_conflibert_ner,
    score_conflibert,
    tagged_spans,
)
from .mapping import (
    CAMEO_RULES,
    CONSULT,
    CONSULT_CODES,
    LEGACY_COUNTRY_CODES,
    ORG_CODES,
    ORG_FAMILY,
    PLOVER_CATEGORIES,
    RELATIONS,
    STRICT,
    SYMMETRIC,
    VARIANTS,
    CodeMapper,
    actor_key,
    cameo_relation,
    code_to_actor,
    plover_relation,
    registry,
    state_ids,
)
from .petrarch import (
    cameo_event,
    parse_petr_block,
    petr_blocks,
    petr_text,
    read_actor_dictionary,
    read_petr_records,
    text_from_conllu,
    vouched_countries,
)
from .plover import (
    plover_category_conflict,
    plover_events,
    read_plover_gsr,
)
from .re3d import (
    ALIAS_MIN_COVER,
    MIN_CONFIDENCE,
    RE3D_ACTOR_TYPES,
    RE3D_NAMED_TYPES,
    RE3D_RELATIONS,
    Re3dDocument,
    Re3dDocumentRow,
    Re3dEntityRow,
    Re3dRelation,
    Re3dRelationRow,
    re3d_actor_tally,
    re3d_alias_counts,
    re3d_gold_triples,
    read_re3d,
    read_re3d_folder,
    score_re3d,
    synonym_pairs,
)
from .records import (
    Dataset,
    GoldEvent,
    GoldSentence,
    Triple,
    iso_date,
)
from .report import (
    COLUMNS,
    Row,
    SuiteReport,
    Tally,
    format_table,
    recall_row,
    reports_to_json,
    tally_row,
)
from .scoring import (
    GoldSet,
    coded_notes,
    gold_set,
    make_triple,
    measured_types,
    score_coded,
    score_triples,
    system_actor_keys,
    system_triples,
)
from .spans import (
    MentionSpan,
    Span,
    best_mention,
    match_spans,
    overlap,
    result_mentions,
)
from .suites import (
    SUITES,
    Suite,
    run_pipeline,
    run_suites,
)

__all__ = [
    "ALIAS_MIN_COVER",
    "CAMEO_RULES",
    "COLUMNS",
    "CONSULT",
    "CONSULT_CODES",
    "LEGACY_COUNTRY_CODES",
    "MIN_CONFIDENCE",
    "ORG_CODES",
    "ORG_FAMILY",
    "PLOVER_CATEGORIES",
    "RE3D_ACTOR_TYPES",
    "RE3D_NAMED_TYPES",
    "RE3D_RELATIONS",
    "RELATIONS",
    "STRICT",
    "SUITES",
    "SYMMETRIC",
    "VARIANTS",
    "CodeMapper",
    "Dataset",
    "GoldEvent",
    "GoldSentence",
    "GoldSet",
    "MentionSpan",
    "Re3dDocument",
    "Re3dDocumentRow",
    "Re3dEntityRow",
    "Re3dRelation",
    "Re3dRelationRow",
    "Row",
    "Span",
    "SpanSentence",
    "Suite",
    "SuiteReport",
    "Tally",
    "Triple",
    "actor_key",
    "best_mention",
    "cameo_event",
    "cameo_relation",
    "code_to_actor",
    "coded_notes",
    "conll_sentences",
    "detokenize",
    "direction_status",
    "format_table",
    "gold_direction_pairs",
    "gold_set",
    "iso_date",
    "make_triple",
    "match_spans",
    "measured_types",
    "overlap",
    "parse_petr_block",
    "petr_blocks",
    "petr_text",
    "plover_category_conflict",
    "plover_events",
    "plover_relation",
    "re3d_actor_tally",
    "re3d_alias_counts",
    "re3d_gold_triples",
    "read_actor_dictionary",
    "read_conflibert_ner",
    "read_petr_records",
    "read_plover_gsr",
    "read_re3d",
    "read_re3d_folder",
    "recall_row",
    "registry",
    "reports_to_json",
    "result_mentions",
    "run_pipeline",
    "run_suites",
    "score_coded",
    "score_conflibert",
    "score_re3d",
    "score_triples",
    "state_ids",
    "synonym_pairs",
    "system_actor_keys",
    "system_triples",
    "tagged_spans",
    "tally_row",
    "text_from_conllu",
    "vouched_countries",
]
