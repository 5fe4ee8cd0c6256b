"""The programme of a meeting as an accessible table, shared by meeting and news pages.

A real ``<table>`` with a caption and column headers (Tid | Punkt | Oplægsholdere); the
speakers' column is left out when no item has a speaker. Breaks and meals get a row class,
and a text label ("Pause:", "Måltid:") only when their title does not already say what they
are: "Frokost" needs no "Måltid:" in front (``kind_label``).

On a phone the speakers' column is hidden and the same names are shown under the item's
title in its own cell (``.nk-speakers-inline``, shown by netvaerk.css only on narrow
screens), so the table fits 375 px without scrolling sideways; ``display: none`` keeps the
hidden copy out of screen readers on either screen.

Item descriptions are Markdown and are rendered by MkDocs (``md_in_html``): ``md_in_html``
only looks inside a nested element when every element on the way carries ``markdown``, so
the table, its body and a row with a description do, and ``TableCaptions`` (which the MkDocs
glue adds to the Markdown extensions) keeps the caption out of a ``<p>``.
"""

from __future__ import annotations

from markdown import Extension, Markdown

from netvaerk.model import Kind, Meeting, resolve_slots
from netvaerk.text.danish import date_range, long_date, time_range
from netvaerk.text.markup import html_text, md_text
from netvaerk.text.safe_markdown import checked

# Words that already tell a reader that an item is a break or a meal: "Frokost",
# "Kaffepause", "Ankomst og kaffe", "Middag på hotellet". Matched inside words, case-blind.
BREAK_OR_MEAL_WORDS = (
    "pause",
    "kaffe",
    "frokost",
    "middag",
    "morgenmad",
    "aftensmad",
    "spisning",
    "måltid",
    "brunch",
    "buffet",
    "forfriskning",
)


def kind_label(kind: Kind, title: str) -> str:
    """'Pause' or 'Måltid' to show before a break's or meal's title, or '' when the item
    is a session or its title already says what it is."""
    label = "" if kind == Kind.SESSION else kind.label  # the model's word, as the form's
    words = title.casefold()
    if not label or any(word in words for word in BREAK_OR_MEAL_WORDS):
        return ""
    return label


def speakers_header(count: int) -> str:
    """'Oplægsholder' for one name, 'Oplægsholdere' for more (and for the column)."""
    return "Oplægsholder" if count == 1 else "Oplægsholdere"


class TableCaptions(Extension):
    """Python-Markdown does not count ``<caption>`` as a block element, so inside a
    ``<table markdown="block">`` it would wrap the caption in a paragraph (invalid HTML)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")


def markdown_extensions() -> list[Extension]:
    """What the build adds to mkdocs.yml's Markdown extensions (objects, which mkdocs.yml
    cannot name): the programme tables' captions. The MkDocs glue adds them, and the
    editor's preview pane converts with them too (``editor_preview.py``)."""
    return [TableCaptions()]


def programme_table(meeting: Meeting) -> str:
    """The programme as an HTML table inside Markdown, or '' when there is none."""
    slots = resolve_slots(meeting)
    if not slots:
        return ""
    with_speakers = any(slot.item.speakers for slot in slots)
    columns = 3 if with_speakers else 2
    two_days = meeting.end_date is not None
    caption = (
        f"Program for {html_text(meeting.title)}, {date_range(meeting.date, meeting.end_date)}"
    )
    rows: list[str] = []
    current_day = 0
    for slot in slots:
        item = slot.item
        if two_days and item.day != current_day:
            current_day = item.day
            rows.append(
                f'<tr class="nk-day"><th colspan="{columns}" scope="colgroup">'
                f"Dag {item.day}: {long_date(meeting.day_date(item.day))}</th></tr>"
            )
        css = f' class="nk-{item.kind.value}"' if item.kind != Kind.SESSION else ""
        label = kind_label(item.kind, item.title)
        # In a row with a description the cell is Markdown, so the title is escaped for it.
        title = md_text(item.title) if item.description else html_text(item.title)
        if label:
            title = f'<span class="nk-kind">{label}:</span> {title}'
        punkt = f"<strong>{title}</strong>" if item.kind == Kind.SESSION else title
        speakers = ", ".join(html_text(s) for s in item.speakers)
        if speakers:  # the phone's copy, under the title (see the module's docstring)
            punkt += (
                ' <span class="nk-speakers-inline"><span class="nk-sr-only">'
                f"{speakers_header(len(item.speakers))}: </span>{speakers}</span>"
            )
        row = ""
        if item.description:
            punkt = f'<td markdown="block">\n\n{punkt}\n\n{checked(item.description)}\n\n</td>'
            row = ' markdown="block"'
        else:
            punkt = f"<td>{punkt}</td>"
        when = time_range(item.start, slot.end)
        cells = f'<th scope="row" class="nk-time">{when}</th>{punkt}'
        if with_speakers:
            cells += f'<td class="nk-speakers">{speakers}</td>'
        rows.append(f"<tr{css}{row}>{cells}</tr>")
    body = "\n".join(rows)
    header = '<th scope="col">Tid</th><th scope="col">Punkt</th>'
    if with_speakers:
        header += f'<th scope="col" class="nk-speakers">{speakers_header(2)}</th>'
    return (
        f'<div class="nk-programme" markdown="block">\n'
        f'<table markdown="block">\n<caption>{caption}</caption>\n<thead><tr>{header}'
        f'</tr></thead>\n<tbody markdown="block">\n{body}\n</tbody>\n</table>\n</div>\n'
    )
