"""How a called-off meeting is described, in Danish: one set of words for every output.

A cancelled or postponed meeting must read the same on its page, in the meeting list, in
its invitation and the Atom feed, and in a subscriber's calendar, so the pages and the
calendar all take their words from here. The notice says it once: the status as its
heading, and the editor's reason (the meeting's ``summary``) as its text.
"""

from __future__ import annotations

from typing import NamedTuple

from netvaerk.model import Meeting, Status
from netvaerk.text.markup import md_text


class StatusText(NamedTuple):
    """The words for one status that is not ``planned``."""

    label: str  # 'Aflyst': in lists, before titles (the model's word, as the form says it)
    sentence: str  # 'Mødet er aflyst.'
    detail: str  # what else a reader of the site needs to know, '' when nothing
    calendar_detail: str  # the same for a calendar event, which has no page around it
    calendar_advice: str  # on the page, by the calendar links: what happens in your calendar

    @property
    def heading(self) -> str:
        """'Mødet er aflyst': the sentence as a heading."""
        return self.sentence.removesuffix(".")

    @property
    def summary_prefix(self) -> str:
        """'AFLYST: ' in front of a calendar event's title (Outlook ignores STATUS)."""
        return f"{self.label.upper()}: "

    @property
    def calendar_note(self) -> str:
        """The first line of a calendar event's description."""
        return " ".join(part for part in (self.sentence, self.calendar_detail) if part)


_LATER = "Den nye dato kommer {where}, så snart den er fastlagt."

STATUS_TEXT: dict[Status, StatusText] = {
    Status.CANCELLED: StatusText(
        label=Status.CANCELLED.label,
        sentence="Mødet er aflyst.",
        detail="",
        calendar_detail="",
        # Not "står som aflyst": Google Calendar drops a cancelled event from a feed.
        calendar_advice=(
            "Abonnerer du på netværkets kalender, kommer aflysningen med af sig selv. "
            "Har du hentet mødet som fil, skal du selv slette det i din kalender."
        ),
    ),
    Status.POSTPONED: StatusText(
        label=Status.POSTPONED.label,
        sentence="Mødet er udskudt.",
        detail=_LATER.format(where="her og i kalenderen"),
        calendar_detail=_LATER.format(where="i kalenderen"),
        calendar_advice=(
            "Abonnerer du på netværkets kalender, får du den nye dato af sig selv. "
            "Har du hentet mødet som fil, skal du selv flytte det, når den nye dato er kendt."
        ),
    ),
}


# How Material's admonitions colour the notice of a meeting that does not take place.
_NOTICE_KIND = {Status.CANCELLED: "danger", Status.POSTPONED: "warning"}


def status_label(meeting: Meeting) -> str:
    """'Aflyst' or 'Udskudt', or '' for a planned meeting."""
    text = STATUS_TEXT.get(meeting.status)
    return text.label if text else ""


def notice_lines(meeting: Meeting) -> list[str]:
    """The text under the notice's heading, as plain-text paragraphs: the editor's reason
    (``summary``) and what happens next. Empty for a planned meeting, and for a cancelled
    one without a reason: the heading says it all."""
    text = STATUS_TEXT.get(meeting.status)
    if text is None:
        return []
    return [part for part in (meeting.summary, text.detail) if part]


def status_notice(meeting: Meeting) -> str:
    """An unmistakable box for a cancelled or postponed meeting, '' for a planned one.

    Markdown (a Material admonition); the reason is the editor's plain text, escaped."""
    text = STATUS_TEXT.get(meeting.status)
    if text is None:
        return ""
    body = "".join(f"\n    {md_text(line)}\n" for line in notice_lines(meeting))
    return f'!!! {_NOTICE_KIND[meeting.status]} "{text.heading}"\n{body}'


def status_badge(meeting: Meeting) -> str:
    label = status_label(meeting)
    return (
        f'<span class="nk-status nk-status--{meeting.status.value}">{label}</span> '
        if label
        else ""
    )
