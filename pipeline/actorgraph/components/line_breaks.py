"""Line breaks end sentences: headlines, bullets, datelines and paragraphs stay apart.

News text puts a headline, bullet points and a dateline on lines of their own, without final
punctuation; left to itself the parser often runs them together into one "sentence", which
makes poor evidence and a poor parse. This component runs before the parser and marks the
first token after every line break as a sentence start (the parser keeps preset boundaries and
may add more). It never removes a boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreaks:
    def __init__(self, name: str = "actorgraph_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text_with_ws and (token.is_space or "\n" in token.whitespace_):
                following = doc[token.i + 1]
                if not following.is_space:
                    following.is_sent_start = True
        return doc


@Language.factory("actorgraph_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name)
