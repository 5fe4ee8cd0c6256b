"""Danish hyphenation for headings and table cells: soft hyphens where a word may break.

On a phone a heading like »Landdistriktskoordinatorer« or »Tilgængelighedserklæring« is
wider than the screen. Without help the browser breaks it at any letter
(»Landdistriktskoordinatore|r«); CSS ``hyphens: auto`` helps only where the browser has a
Danish dictionary, which many do not. So the build puts soft hyphens (U+00AD, invisible
unless the word breaks there) into the long words of headings and table cells, at the points
LibreOffice's Danish dictionary allows (``pyphen``, ``da_DK``).

The dictionary's patterns know syllables, not compounds: they would break
»landdistrikt-skoordinatorer«. ``COMPOUNDS`` lists the site's own long compounds with their
joints; each part is then hyphenated by the dictionary. Only words of ``MIN_LETTERS`` or more
get soft hyphens: shorter words fit every column the site has, and page text stays as
written for searching and copying (the search index is built before this runs).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen  # type: ignore[import-untyped]  # no type information shipped

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 13
# The site's own long compounds, with their joints (inflected forms share the entry's stem:
# a word is looked up by the longest entry it starts with). Such a word breaks only at its
# joints and within its last part.
COMPOUNDS = (
    "land-distrikts-koordinator",
    "land-distrikts-politik",
    "land-distrikts-kommune",
    "tilgængeligheds-erklæring",
    "medlems-kommune",
    "bosætnings-indsats",
    "erfarings-udveksling",
    "forenings-liv",
    "energi-fællesskab",
    "lands-by-planlægning",
    "lands-by-klynge",
    "overholdelses-status",
    "regions-kommune",
    "kalender-abonnement",
    "borger-inddragelse",
    "gruppe-drøftelse",
    "kontakt-oplysning",
    "mobilitets-løsning",
    "vest-himmerland",
    "samarbejds-partner",
)
_JOINTS = {entry.replace("-", ""): entry for entry in COMPOUNDS}
# A run of MIN_LETTERS letters or more. The look-behind starts a match only where a run
# starts: without it the search tried every letter of every short word again (−4 M of the
# 30-meeting build's 68 M of hyphenation, callgrind); the runs found are the same.
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{%d,}" % MIN_LETTERS)  # noqa: UP031 - a quantifier
_TAG = re.compile(r"(<[^>]*>)")
_DICTIONARY = pyphen.Pyphen(lang="da_DK", left=2, right=3)


def _parts(lower: str) -> list[str]:
    """The word split at its compound joints, when it starts with a known compound."""
    for stem in sorted(_JOINTS, key=len, reverse=True):
        if lower.startswith(stem):
            parts = _JOINTS[stem].split("-")
            parts[-1] += lower[len(stem) :]
            return parts
    return [lower]


@lru_cache(maxsize=65536)
def hyphenate_word(word: str) -> str:
    """``word`` with soft hyphens at every allowed break; case and letters unchanged."""
    if len(word) < MIN_LETTERS:
        return word
    points: list[int] = []
    offset = 0
    parts = _parts(word.lower())
    for index, part in enumerate(parts):
        # A known compound breaks at its joints, and by syllable only in its last part, so a
        # line never ends in »Landdi-« when »Land-« and »distrikts-« are there to take.
        if index == len(parts) - 1:
            points += [offset + p for p in _DICTIONARY.positions(part)]
        offset += len(part)
        points.append(offset)
    pieces, last = [], 0
    for point in sorted(set(points)):
        if point - last < 2 or point > len(word) - 3:  # never a lone letter on a line
            continue
        pieces.append(word[last:point])
        last = point
    pieces.append(word[last:])
    return SOFT_HYPHEN.join(pieces)


# Cached: the same cells and titles stand on many pages (a meeting's title in every list).
@lru_cache(maxsize=8192)
def hyphenate_text(text: str) -> str:
    """Every long word of plain text (no markup) with its soft hyphens."""
    return _WORD.sub(lambda m: hyphenate_word(m[0]), text)


# A heading or cell: its opening tag, its content (group 2) up to the first closing tag of
# its name, and that tag. The content is matched in stretches without »<« (a lazy ``.*?``
# tried the closing tag at every character: 20 M of the 30-meeting build, now 9 M).
_BLOCKS = re.compile(r"<(h[1-6]|th|td)\b[^>]*>([^<]*+(?:<(?!/\1>)[^<]*+)*+)</\1>", re.I)


@lru_cache(maxsize=8192)  # a cell of a list of meetings stands on many pages
def _block_text(inner: str) -> str:
    """A heading's or cell's content with its text hyphenated, its tags as they are."""
    if "<" not in inner:
        return hyphenate_text(inner)
    return "".join(
        part if part.startswith("<") else hyphenate_text(part) for part in _TAG.split(inner)
    )


def _hyphenated(html: str, start: int = 0, end: int | None = None) -> str:
    """``html`` with the long words of the headings and table cells between ``start`` and
    ``end`` hyphenated; the text between tags only, never a tag, attribute or entity (an
    entity has no run of 13 letters). ``html`` itself when nothing changes: no copy of the
    page. (With the caches and the patterns above: 69 → 34 M instructions for the 58 pages
    of the 30-meeting build, callgrind; the blocks searched letter by letter cost the most.)"""
    pieces: list[str] = []
    last = 0
    for match in _BLOCKS.finditer(html, start, len(html) if end is None else end):
        inner = match[2]
        if len(inner) < MIN_LETTERS:  # no word that long fits (most cells: times, names)
            continue
        new = _block_text(inner)
        if new != inner:
            pieces += (html[last : match.start(2)], new)
            last = match.end(2)
    if not pieces:
        return html
    pieces.append(html[last:])
    return "".join(pieces)


def hyphenate_html(html: str) -> str:
    """HTML with the long words in its headings and table cells hyphenated."""
    return _hyphenated(html)


# The page's own content in Material's layout: headings and table cells there get Danish
# soft hyphens; the header, the menu and the head stay as they are.
_ARTICLE_START = '<article class="md-content__inner'
_ARTICLE_END = "</article>"


def hyphenate_page(page: str) -> str:
    """A whole rendered page with soft hyphens in its content's headings and table cells
    only (from the content's start to its last ``</article>``: the content holds articles
    of its own, news and cards); a page without that content is returned as it is."""
    start = page.find(_ARTICLE_START)
    end = page.rfind(_ARTICLE_END)
    if start < 0 or end < start:
        return page
    return _hyphenated(page, start, end)
