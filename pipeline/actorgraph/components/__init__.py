"""actorgraph's spaCy components, one per module, each with its factory beside its class.

They are registered through the ``spacy_factories`` entry points in pyproject.toml, so
``spacy.load()`` of a built pipeline works without importing actorgraph first. Pipeline order:
``actorgraph_actor_ruler`` -> ``actorgraph_alias_resolver`` -> ``actorgraph_actor_typer`` ->
``actorgraph_relation_extractor``, after the statistical English base.
"""
