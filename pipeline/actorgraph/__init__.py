"""actorgraph: who does what to whom in news about diplomacy and conflict.

>>> import actorgraph
>>> ag = actorgraph.load()                    # builds or loads the cached pipeline
>>> result = ag.extract("Qatar mediated talks between Rwanda and Congo.", doc_id="a1")
>>> graph = actorgraph.build_graph([result])  # networkx.MultiDiGraph
>>> actorgraph.write_graphml(graph, "graph.graphml")

Importing this package is cheap: spaCy, networkx and the pipeline load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Actorgraph",
    "__version__",
    "build_graph",
    "evaluate",
    "extract_to_dir",
    "load",
    "write_graph",
    "write_graphml",
    "write_json",
]

if TYPE_CHECKING:  # pragma: no cover
    from .api import (
        Actorgraph,
        build_graph,
        evaluate,
        extract_to_dir,
        load,
        write_graph,
        write_graphml,
        write_json,
    )


def __getattr__(name: str) -> Any:
    if name in __all__ and name != "__version__":
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")
