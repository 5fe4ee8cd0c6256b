"""How a called-off meeting is described, in Danish: one set of words for every output.

A cancelled or postponed meeting must read the same on its page, in the meeting list, in
its invitation and the Atom feed, and in a subscriber's calendar, so the pages and the
calendar both take their words from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from netvaerk.model import Meeting, Status


@dataclass(frozen=True)
class StatusText:
    """The words for one status that is not ``planned``."""

    label: str  # 'Aflyst': in lists, before titles, in the facts
    sentence: str  # 'Mødet er aflyst.'
    detail: str  # what it means for a reader of the site
    calendar_detail: str  # the same for a calendar event, which has no page around it

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
        label="Aflyst",
        sentence="Mødet er aflyst.",
        detail="Mødet bliver ikke afholdt.",
        calendar_detail="",
    ),
    Status.POSTPONED: StatusText(
        label="Udskudt",
        sentence="Mødet er udskudt.",
        detail=_LATER.format(where="her og i kalenderen"),
        calendar_detail=_LATER.format(where="i kalenderen"),
    ),
}


# How Material's admonitions colour the notice of a meeting that does not take place.
_NOTICE_KIND = {Status.CANCELLED: "danger", Status.POSTPONED: "warning"}


def status_label(meeting: Meeting) -> str:
    """'Aflyst' or 'Udskudt', or '' for a planned meeting."""
    text = STATUS_TEXT.get(meeting.status)
    return text.label if text else ""


def status_notice(meeting: Meeting) -> str:
    """An unmistakable box for a cancelled or postponed meeting, '' for a planned one."""
    text = STATUS_TEXT.get(meeting.status)
    if text is None:
        return ""
    return f'!!! {_NOTICE_KIND[meeting.status]} "{text.heading}"\n\n    {text.detail}\n'


def status_badge(meeting: Meeting) -> str:
    label = status_label(meeting)
    return (
        f'<span class="nk-status nk-status--{meeting.status.value}">{label}</span> '
        if label
        else ""
    )
