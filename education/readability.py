"""Reading-level measures for patient text.

Flesch-Kincaid counts sentences by their end marks, so a list item or a heading without a full stop would merge
into its neighbour and look like one very long sentence. Each block of the rendered article is read as its own
sentence instead, which is how a reader meets it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import textstat
from textstat.textstat import textstatistics

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "caption", "blockquote"}
SKIP_TAGS = {"sup"}  # footnote markers are not words a patient reads


class _BlockText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self._close()

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self._close()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def _close(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")


def plain_sentences(html: str) -> str:
    """The readable text of an HTML fragment, one sentence or more per block."""
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    parser._close()
    return " ".join(re.sub(r":$", ".", block) for block in parser.blocks)


def reading_grade(html: str) -> float:
    text = plain_sentences(html)
    if not text:
        return 0.0
    return round(textstat.flesch_kincaid_grade(text), 1)


# A measure of its own, so the Spanish syllable rules never leak into the English measures of another thread.
_spanish = textstatistics()
_spanish.set_lang("es")


def inflesz(html: str) -> float:
    """Szigriszt-Pazos perspicuity (the INFLESZ scale): 55 or more is plain Spanish, higher is easier."""
    text = plain_sentences(html)
    if not text:
        return 100.0
    return round(_spanish.szigriszt_pazos(text), 1)


def word_count(html: str) -> int:
    return textstat.lexicon_count(plain_sentences(html))
