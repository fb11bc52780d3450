"""The main text, title, date and URL of an HTML article.

Scripts, styles, navigation, headers, footers, asides, forms and embedded frames are removed
from the page first, so none of their text can reach the pipeline whatever the extractor does.
The main text then comes from trafilatura (offline, ``favor_precision``: it drops menus, link
lists and comment sections), paragraphs separated by blank lines; when trafilatura finds no
main text (very short or oddly built pages), the text of the page's ``<article>``, ``<main>``
or ``<body>`` blocks is taken instead. The title is ``og:title`` or ``<title>``; the date the
first of the usual publication-date ``<meta>`` fields, a ``<time datetime>``, or trafilatura's
metadata (never guessed from the body text). Not supported: pages whose text is built by
JavaScript, frames, and pages that hold several articles (one article per file is read).
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

log = logging.getLogger("actorgraph")

DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "figcaption")
_DATE_META = (
    "article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    url: str | None


def extract_html(html: str) -> HtmlArticle:
    """The article in an HTML page; raises ValueError when the page cannot be parsed at all."""
    try:
        tree = lxml.html.document_fromstring(html, parser=_parser())
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ValueError(str(exc) or "no HTML elements found") from exc
    title = _meta(tree, "og:title") or _text(tree.findtext(".//title")) or None
    published = _meta(tree, *_DATE_META)
    if published is None:
        times = tree.xpath("//time/@datetime")
        published = times[0].strip() if times else None
    url = _meta(tree, "og:url")
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROP_TAGS)):
        element.drop_tree()
    text, date = _trafilatura(tree)
    if not text:
        text = _blocks(tree)
    return HtmlArticle(text=text, title=title, published=published or date, url=url)


def _parser() -> lxml.html.HTMLParser:
    # never fetch anything a page points to; comments and processing instructions are not text
    return lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def _trafilatura(tree) -> tuple[str, str | None]:
    import trafilatura

    # its per-page notes ("discarding data: None") are not the user's business; a level the
    # application set on these loggers is left as it is
    for name in ("trafilatura", "htmldate", "courlan"):
        if logging.getLogger(name).level == logging.NOTSET:
            logging.getLogger(name).setLevel(logging.ERROR)

    try:
        found = trafilatura.bare_extraction(
            copy.deepcopy(tree),
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # an extractor bug must cost the fallback, not the document
        log.debug("trafilatura failed (%s); using the page's blocks", exc)
        return "", None
    if found is None or not (found.text or "").strip():
        return "", None
    paragraphs = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in found.text.splitlines()]
    return "\n\n".join(p for p in paragraphs if p), found.date


def _blocks(tree) -> str:
    body = (tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree])[0]
    blocks = [re.sub(r"\s+", " ", b.text_content()).strip() for b in body.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    if blocks:
        return "\n\n".join(blocks)
    return re.sub(r"[ \t]+", " ", body.text_content()).strip()


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and found[0].strip():
                return found[0].strip()
    return None


def _text(value: str | None) -> str:
    return re.sub(r"\s+", " ", value or "").strip()
