"""The programme of a meeting as an accessible table, shared by meeting and news pages.

A real ``<table>`` with a caption and column headers (Tid | Punkt | Oplægsholder); breaks
and meals get a row class and a text label, so they differ by more than colour. Item
descriptions are Markdown and are rendered by MkDocs (``md_in_html``): ``md_in_html`` only
looks inside a nested element when every element on the way carries ``markdown``, so the
table, its body and a row with a description do, and ``TableCaptions`` (which the MkDocs
glue adds to the Markdown extensions) keeps the caption out of a ``<p>``.
"""

from __future__ import annotations

from markdown import Extension, Markdown

from netvaerk.model import Kind, Meeting, resolve_slots
from netvaerk.text.danish import date_range, long_date, time_range
from netvaerk.text.markup import html_text, md_text

_KIND_LABEL = {Kind.BREAK: "Pause", Kind.MEAL: "Måltid"}


class TableCaptions(Extension):
    """Python-Markdown does not count ``<caption>`` as a block element, so inside a
    ``<table markdown="block">`` it would wrap the caption in a paragraph (invalid HTML)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")


def programme_table(meeting: Meeting) -> str:
    """The programme as an HTML table inside Markdown, or '' when there is none."""
    slots = resolve_slots(meeting)
    if not slots:
        return ""
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
                f'<tr class="nk-day"><th colspan="3" scope="colgroup">'
                f"Dag {item.day}: {long_date(meeting.day_date(item.day))}</th></tr>"
            )
        css = f' class="nk-{item.kind.value}"' if item.kind != Kind.SESSION else ""
        label = _KIND_LABEL.get(item.kind)
        # In a row with a description the cell is Markdown, so the title is escaped for it.
        title = md_text(item.title) if item.description else html_text(item.title)
        if label and label.casefold() not in item.title.casefold():
            title = f'<span class="nk-kind">{label}:</span> {title}'
        punkt = f"<strong>{title}</strong>" if item.kind == Kind.SESSION else title
        row = ""
        if item.description:
            punkt = f'<td markdown="block">\n\n{punkt}\n\n{item.description}\n\n</td>'
            row = ' markdown="block"'
        else:
            punkt = f"<td>{punkt}</td>"
        speakers = ", ".join(html_text(s) for s in item.speakers)
        when = time_range(item.start, slot.end)
        rows.append(
            f'<tr{css}{row}><th scope="row" class="nk-time">{when}</th>{punkt}'
            f"<td>{speakers}</td></tr>"
        )
    body = "\n".join(rows)
    return (
        '<div class="nk-programme" markdown="block">\n'
        f'<table markdown="block">\n<caption>{caption}</caption>\n<thead><tr>'
        '<th scope="col">Tid</th><th scope="col">Punkt</th><th scope="col">Oplægsholder</th>'
        f'</tr></thead>\n<tbody markdown="block">\n{body}\n</tbody>\n</table>\n</div>\n'
    )
