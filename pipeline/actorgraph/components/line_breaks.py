"""Line breaks end sentences: headlines, bullets, datelines and paragraphs stay apart.

News text puts a headline, bullet points and a dateline on lines of their own, without final
punctuation; left to itself the parser often runs them together into one "sentence", which
makes poor evidence and a poor parse. This component runs before the parser and marks the
first token after every line break as a sentence start (the parser keeps preset boundaries and
may add more). It never removes a boundary.

A dateline opening a line ("BAKU —", "ISLAMABAD:", "PORT SUDAN (Reuters) —", "SANAA/MUSCAT —")
is cut off from the sentence it precedes, so "BAKU" is not parsed as the subject of "Armenia
and Azerbaijan signed ...", and goes to ``doc.spans["datelines"]``: the place a story was filed
from is not an actor (the alias resolver drops mentions inside it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

_DATELINE_ENDS = {"—", "–", "--", "-", ":"}
_DATELINE_JOINERS = {",", "/", "&"}
_MAX_DATELINE_TOKENS = 12
_MIN_DATELINE_LETTERS = 4  # "ROME —" is a dateline; "US — Iran talks" is a headline


class LineBreaks:
    def __init__(self, name: str = "actorgraph_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        line_starts = [0] if len(doc) else []
        for token in doc[:-1]:
            if "\n" in token.text_with_ws and (token.is_space or "\n" in token.whitespace_):
                following = doc[token.i + 1]
                if not following.is_space:
                    following.is_sent_start = True
                    line_starts.append(following.i)
        datelines = []
        for start in line_starts:
            end = _dateline_end(doc, start)
            if end is not None:
                doc[end].is_sent_start = True
                datelines.append(Span(doc, start, end, label="DATELINE"))
        doc.spans["datelines"] = datelines
        return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The index of the first token after a dateline opening at ``start``, if there is one.

    A dateline is one or more upper-case words (with commas, slashes, a date or a parenthesised
    agency after a comma or in brackets), then a dash or a colon, then more text on the line.
    """
    i, depth, words = start, 0, 0  # words: letters in upper-case words
    limit = min(len(doc), start + _MAX_DATELINE_TOKENS)
    after_comma = False
    while i < limit:
        token = doc[i]
        if "\n" in token.text or (i > start and "\n" in doc[i - 1].whitespace_):
            return None
        if depth:
            depth += (token.text == "(") - (token.text == ")")
        elif token.text == "(":
            depth = 1
        elif token.text in _DATELINE_ENDS and words >= _MIN_DATELINE_LETTERS:
            following = i + 1
            if following < len(doc) and not doc[following].is_space and doc[following].is_alpha:
                return following
            return None
        elif token.text in _DATELINE_JOINERS:
            after_comma = token.text == ","
        elif token.is_upper and any(c.isalpha() for c in token.text):
            words += sum(c.isalpha() for c in token.text)
        elif not (after_comma and (token.is_title or token.like_num)):
            return None  # ordinary text: "The talks — mediated by ..." is no dateline
        i += 1
    return None


@Language.factory("actorgraph_line_breaks", assigns=["token.is_sent_start", "doc.spans"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks(name)
