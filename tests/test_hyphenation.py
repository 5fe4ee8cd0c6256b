"""Danish soft hyphens (text/hyphenation.py): a compound breaks at its joints, never at an
arbitrary letter, and the letters of the word are kept."""

from __future__ import annotations

from html.parser import HTMLParser

from netvaerk.text.hyphenation import (
    COMPOUNDS,
    MIN_LETTERS,
    SOFT_HYPHEN,
    hyphenate_page,
    hyphenate_text,
    hyphenate_word,
)


def breaks(word: str) -> list[str]:
    return hyphenate_word(word).split(SOFT_HYPHEN)


def test_a_known_compound_breaks_at_its_joints_and_by_syllable_only_in_its_last_part() -> None:
    pieces = breaks("Landdistriktskoordinatorer")
    assert "".join(pieces) == "Landdistriktskoordinatorer"
    assert pieces[:2] == ["Land", "distrikts"]  # never »Landdi-«
    assert len(pieces) > 3  # the last part still breaks where it must


def test_every_joint_of_every_listed_compound_is_a_break() -> None:
    for entry in COMPOUNDS:
        word = entry.replace("-", "")
        if len(word) < MIN_LETTERS:  # short words are left whole
            assert breaks(word) == [word]
            continue
        parts = entry.split("-")
        pieces = breaks(word.capitalize())
        assert "".join(pieces).lower() == word
        boundaries = {sum(len(p) for p in pieces[:i]) for i in range(1, len(pieces))}
        joints = {sum(len(p) for p in parts[:i]) for i in range(1, len(parts))}
        # A joint may be dropped only where it would leave fewer than two letters on a line.
        assert {j for j in joints if 2 <= j <= len(word) - 3} <= boundaries, entry
        # Before the last joint a word breaks only at joints (no »Landdi-«).
        assert all(b in joints for b in boundaries if b <= max(joints)), entry


class _Texts(HTMLParser):
    """Each element's own text by tag name, and every attribute value (stdlib parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        self.attributes += [value or "" for _, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts.setdefault(self.open[-1], []).append(data)


def _texts(page: str) -> _Texts:
    parser = _Texts()
    parser.feed(page)
    parser.close()
    return parser


LONG = "Landdistriktskoordinatorer"
BROKEN = f"Land{SOFT_HYPHEN}distrikts{SOFT_HYPHEN}"  # how the word starts once hyphenated


def test_a_page_gets_soft_hyphens_in_its_contents_headings_and_cells_only() -> None:
    page = (
        f"<html><head><title>{LONG}</title></head><body><header><h1>{LONG}</h1></header>"
        f'<article class="md-content__inner md-typeset"><h2 id="x">Om {LONG}</h2>'
        f"<p>{LONG} i løbende tekst</p><table><TR><TH>{LONG}</th>"
        f'<td><a href="/{LONG.lower()}/" title="{LONG}">Mødet for {LONG}</a> &amp; mere</td>'
        f"<td>9.30</td><td>{LONG}2027 og _{LONG}</td></TR></table></article>"
        f"<footer><h2>{LONG}</h2></footer></body></html>"
    )
    result = hyphenate_page(page)
    texts = _texts(result)
    assert result.replace(SOFT_HYPHEN, "") == page  # only soft hyphens were added
    assert texts.texts["title"] == [LONG]
    assert texts.texts["h1"] == [LONG]  # the header is not the content
    content_h2, footer_h2 = texts.texts["h2"]
    assert content_h2.startswith(f"Om {BROKEN}") and footer_h2 == LONG  # content only
    assert texts.texts["p"] == [f"{LONG} i løbende tekst"]  # running text as written
    assert texts.texts["th"][0].startswith(BROKEN)  # a tag name in capitals is a tag too
    assert texts.texts["a"][0].startswith(f"Mødet for {BROKEN}")  # inside a cell's link
    assert texts.attributes.count(LONG) == 1 and f"/{LONG.lower()}/" in texts.attributes
    # A run of letters is a word however it is joined to digits or an underscore.
    assert texts.texts["td"][-1].startswith(BROKEN) and f"_{BROKEN}" in texts.texts["td"][-1]


def test_a_page_without_long_words_in_its_content_is_left_as_it_is() -> None:
    page = (
        f'<h1>{LONG}</h1><article class="md-content__inner"><h2 class="{LONG}">Kort</h2>'
        "<table><th>Tid</th><td>09.30–10.00</td><td>Et <b>langt</b> ord?</td></table></article>"
    )
    assert hyphenate_page(page) == page
    assert hyphenate_page(f"<h2>{LONG}</h2>") == f"<h2>{LONG}</h2>"  # no content: as it is


def test_an_unclosed_heading_is_left_as_it_is_and_the_next_block_still_found() -> None:
    page = f'<article class="md-content__inner"><h3>{LONG}<td>{LONG}</td></article>'
    assert hyphenate_page(page) == (
        f'<article class="md-content__inner"><h3>{LONG}<td>{hyphenate_word(LONG)}</td></article>'
    )


def test_hyphenate_text_cached_gives_what_it_gives_uncached() -> None:
    for text in (f"Om {LONG} og {LONG.upper()}", "kort", "", f"{LONG}s {LONG}"):
        assert hyphenate_text(text) == hyphenate_text.__wrapped__(text)
        assert hyphenate_text(text) == hyphenate_text.__wrapped__(text)  # from the cache


def test_a_blocks_content_cached_gives_what_it_gives_uncached() -> None:
    from netvaerk.text.hyphenation import _block_text

    for inner in (f'<a href="/{LONG}/">Om {LONG}</a> og {LONG}', LONG, "<b>kort</b>", "x"):
        assert _block_text(inner) == _block_text.__wrapped__(inner)
        assert _block_text(inner) == _block_text.__wrapped__(inner)  # from the cache
