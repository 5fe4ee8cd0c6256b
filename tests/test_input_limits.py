"""Input a careless editor or a hostile contributor could write (issue 10): every case is a
Danish problem with file, line and field from ``make check`` and from the build, never a
traceback, a hang or a half-written site.

Most cases go through ``netvaerk.check.collect_problems`` (what ``make check`` runs);
``test_the_build_refuses_each_case_and_keeps_the_last_good_site`` builds the same cases with
MkDocs and checks that the build stops with the same lines and leaves ``site/`` untouched.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from factories import Project, facts, meeting, site
from htmlscan import content
from icstools import GitRepo, ical_js, js_utc, parse_icalendar, utc
from mkdocs.exceptions import Abort, PluginError

from netvaerk.check import collect_problems, main
from netvaerk.content import files
from netvaerk.content.derive import derive
from netvaerk.content.history import History
from netvaerk.content.news import NewsItem, announcements
from netvaerk.content.problems import Problem
from netvaerk.content.site import Site
from netvaerk.content.yamlsource import MAX_DEPTH, YamlRefused, load_plain, parse_yaml
from netvaerk.feeds.calendar import calendar_files
from netvaerk.model import Meeting, exists_locally, local_moment
from netvaerk.pages.meeting import meeting_page
from netvaerk.pages.news_pages import announcement_page, article_markdown
from netvaerk.pages.seo import event_data
from netvaerk.pages.subscribe import google_event_url, outlook_event_url
from netvaerk.text import rendering, safe_markdown
from netvaerk.text.safe_markdown import MAX_DEPTH as MD_DEPTH

MEETINGS = "data/meetings.yaml"
SITE_URL = "https://example.dk/"

# One valid meeting; line 2 is its id, line 3 its title.
MEETING = """\
meetings:
  - id: efteraar
    title: Efterårsmødet
    date: 2026-10-01
    start: 10:00
    end: 15:00
    venue:
      name: Rådhuset
    online:
      platform: Teams
      url: https://teams.example.dk/mode
    registration:
      url: https://example.dk/tilmelding
      deadline: 2026-09-24
      price: Gratis
    announcement:
      date: 2026-09-01
      title: Invitation til efterårsmødet
    programme:
      - start: 10:00
        title: Velkommen
        speakers: [Anna Hansen]
"""

# The billion laughs: 1 KB that PyYAML expands to 9^9 strings (40 s and MemoryError before).
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
RECURSION = "meetings: &p [*p]\n"
DEEP = "meetings: " + "[" * 600 + "]" * 600 + "\n"


def problems(project: Project) -> list[Problem]:
    """What ``make check`` reports for the project."""
    return collect_problems(project.root)


def only(project: Project) -> Problem:
    found = problems(project)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def meeting_with(old: str, new: str) -> str:
    assert old in MEETING, old
    return MEETING.replace(old, new, 1)


# --- hostile YAML ------------------------------------------------------------------------------


def test_the_alias_bomb_is_refused_line_by_line(project: Project) -> None:
    project.write(MEETINGS, BOMB)
    found = problems(project)
    # One problem per line (nine aliases on a line are one mistake), each naming the field.
    alias = [p for p in found if "&navn og *navn" in p.message]
    assert [(p.line, p.field) for p in alias] == [
        (n + 1, name) for n, name in enumerate("abcdefghi")
    ]
    assert "skriv værdien ud igen" in alias[0].message


def test_a_list_that_contains_itself_is_refused(project: Project) -> None:
    project.write(MEETINGS, RECURSION)
    problem = only(project)
    assert (problem.file, problem.line, problem.field) == (MEETINGS, 1, "meetings")
    assert "&navn og *navn" in problem.message


def test_deep_nesting_is_refused_at_the_level_that_is_too_deep(project: Project) -> None:
    project.write(MEETINGS, DEEP)
    problem = only(project)
    assert problem.line == 1
    assert f"mere end {MAX_DEPTH} niveauer" in problem.message
    assert problem.field == "meetings" + "[0]" * (MAX_DEPTH - 1)


def test_nesting_beyond_what_the_parser_reads_is_a_syntax_problem(project: Project) -> None:
    project.write(MEETINGS, "meetings:\n  - title: " + "[" * 5000 + "\n")
    problem = only(project)
    assert problem.line == 2
    assert "for mange niveauer" in problem.message


def test_the_contract_s_own_depth_is_well_inside_the_limit() -> None:
    # meetings → item → programme → item → speakers → name: five levels of lists and groups.
    doc, found = parse_yaml(MEETING, MEETINGS)
    assert found == [] and doc is not None
    nested = "a:\n" + "".join("  " * n + f"  b{n}:\n" for n in range(MAX_DEPTH - 2))
    assert parse_yaml(nested + "  " * MAX_DEPTH + "x\n", "f")[1] == []


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("meetings:\n  - title: !!python/name:os.system x\n", "!!python/name:os.system"),
        ("meetings:\n  - title: !!str Efterår\n", "!!str"),
        ("meetings: !!seq\n  - title: x\n", "!!seq"),
        ("meetings:\n  - title: !ukendt x\n", "!ukendt"),
    ],
)
def test_tags_are_refused_however_harmless(project: Project, text: str, tag: str) -> None:
    project.write(MEETINGS, text)
    found = [p for p in problems(project) if "YAML-mærker" in p.message]
    assert len(found) == 1
    assert tag in found[0].message
    assert found[0].file == MEETINGS


def test_load_plain_has_the_same_limits_and_reads_the_rest_as_text() -> None:
    for text in (BOMB, RECURSION, DEEP, "a: !!int 1\n", "a: [\n", "a: b\x00\n"):
        with pytest.raises(YamlRefused):
            load_plain(text)
    assert load_plain("a: 12:30\nb: [2021-01-28, yes, ~]\na: 2\n") == {
        "a": "2",  # a repeated key: the last counts, as in PyYAML's BaseLoader
        "b": ["2021-01-28", "yes", "~"],
    }
    assert load_plain("") is None


# --- control characters ------------------------------------------------------------------------


def test_a_nul_byte_is_reported_on_its_own_line(project: Project) -> None:
    text = meeting_with("    start: 10:00\n", "    start: 10:00\x00\n")
    project.write(MEETINGS, text)
    problem = only(project)
    assert (problem.file, problem.line) == (MEETINGS, 5)
    assert "U+0000" in problem.message


@pytest.mark.parametrize(
    ("escape", "code"), [("\\x01", "U+0001"), ("\\x7f", "U+007F"), ("\\x9b", "U+009B")]
)
def test_control_characters_in_text_are_refused_with_their_field(
    project: Project, escape: str, code: str
) -> None:
    text = meeting_with(
        "      title: Invitation til efterårsmødet\n",
        f'      title: "Invitation{escape} til efterårsmødet"\n',
    )
    project.write(MEETINGS, text)
    problem = only(project)
    assert (problem.line, problem.field) == (18, "meetings[0].announcement.title")
    assert code in problem.message


def test_a_carriage_return_written_as_an_escape_is_refused(project: Project) -> None:
    project.write(MEETINGS, meeting_with("      name: Rådhuset\n", '      name: "Råd\\rhuset"\n'))
    problem = only(project)
    assert (problem.line, problem.field) == (8, "meetings[0].venue.name")


@pytest.mark.parametrize(
    "title",
    [
        "Grøn omstilling på Ærø og i Åbenrå",
        "Landsbyer 🌾 og fællesskab 🤝",
        "Cafe\u0301 og kaffe",  # a combining accent
        "Møde\tom tabulatorer",  # a tab inside a text is allowed
        "Ældre\u00a0og yngre",  # a no-break space
    ],
)
def test_ordinary_text_stays_allowed(project: Project, title: str) -> None:
    quoted = '"' + title.replace("\t", "\\t") + '"'
    project.write(MEETINGS, meeting_with("    title: Efterårsmødet\n", f"    title: {quoted}\n"))
    assert problems(project) == []


def test_a_byte_order_mark_is_fine(project: Project) -> None:
    (project.root / MEETINGS).write_bytes(b"\xef\xbb\xbf" + MEETING.encode())
    news = project.root / "docs" / "nyheder" / "planen-for-2027.md"
    news.write_bytes(b"\xef\xbb\xbf" + news.read_bytes())
    assert problems(project) == []


# --- one-line fields and URLs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("    title: Efterårsmødet\n", "    title: |\n      Efterår\n      og mere\n", "title", 3),
        ("      name: Rådhuset\n", "      name: |\n        Råd\n        huset\n", "venue.name", 8),
        ("      platform: Teams\n", '      platform: "Teams\\nZoom"\n', "online.platform", 10),
        (
            "      price: Gratis\n",
            "      price: |\n        0 kr.\n        i alt\n",
            "registration.price",
            15,
        ),
        (
            "      title: Invitation til efterårsmødet\n",
            "      title: |\n        Invitation\n        til mødet\n",
            "announcement.title",
            18,
        ),
        (
            "        title: Velkommen\n",
            "        title: |\n          Vel\n          kommen\n",
            "programme[0].title",
            21,
        ),
        (
            "        speakers: [Anna Hansen]\n",
            '        speakers: ["Anna\\nHansen"]\n',
            "programme[0].speakers[0]",
            22,
        ),
    ],
)
def test_one_line_fields_refuse_line_breaks(
    project: Project, old: str, new: str, field: str, line: int
) -> None:
    project.write(MEETINGS, meeting_with(old, new))
    problem = only(project)
    assert (problem.line, problem.field) == (line, f"meetings[0].{field}")
    assert "skal stå på én linje" in problem.message and ">-" in problem.message


def test_a_folded_or_single_line_block_title_is_one_line(project: Project) -> None:
    for block in ("|", ">", ">-"):
        text = meeting_with("    title: Efterårsmødet\n", f"    title: {block}\n      Efterår og\n")
        if block != "|":
            text = text.replace("      Efterår og\n", "      Efterår\n      og mere\n")
        project.write(MEETINGS, text)
        assert problems(project) == [], block


def test_member_names_and_contacts_are_one_line(project: Project) -> None:
    members = (project.root / "data" / "members.yaml").read_text(encoding="utf-8")
    start = members.index("  - id: ", members.index("members:"))
    name_at = members.index("    name: ", start)
    broken = (
        members[:name_at]
        + '    name: "Ny\\nKommune"\n'
        + members[members.index("\n", name_at) + 1 :]
    )
    project.write("data/members.yaml", broken)
    found = [p for p in problems(project) if p.field.endswith(".name")]
    assert found and "skal stå på én linje" in found[0].message
    assert found[0].line == broken[:name_at].count("\n") + 1


@pytest.mark.parametrize(
    "url",
    [
        "|\n        https://teams.example.dk/\n        mode\n",  # a block scalar over two lines
        ">-\n        https://teams.example.dk/\n        mode\n",  # folded: a space inside
        '"https://teams.example.dk/\\tmode"\n',
    ],
)
def test_a_url_with_a_line_break_or_space_inside_is_refused(project: Project, url: str) -> None:
    project.write(
        MEETINGS, meeting_with("      url: https://teams.example.dk/mode\n", f"      url: {url}")
    )
    problem = only(project)
    assert (problem.line, problem.field) == (11, "meetings[0].online.url")
    assert "på én linje" in problem.message


def test_a_url_block_scalar_on_one_line_is_fine(project: Project) -> None:
    text = meeting_with(
        "      url: https://teams.example.dk/mode\n",
        "      url: |\n        https://teams.example.dk/mode\n",
    )
    project.write(MEETINGS, text)
    assert problems(project) == []


# --- dates and times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("    date: 2026-10-01\n", "    date: 0001-01-01\n", "date", 4),
        ("    date: 2026-10-01\n", "    date: 1989-12-31\n", "date", 4),
        ("    date: 2026-10-01\n", '    date: "2101-01-01"\n', "date", 4),
        (
            "      deadline: 2026-09-24\n",
            "      deadline: 0001-09-24\n",
            "registration.deadline",
            14,
        ),
        ("      date: 2026-09-01\n", "      date: 1900-09-01\n", "announcement.date", 17),
    ],
)
def test_dates_outside_1990_to_2100_are_refused(
    project: Project, old: str, new: str, field: str, line: int
) -> None:
    project.write(MEETINGS, meeting_with(old, new))
    found = [p for p in problems(project) if "uden for 1990–2100" in p.message]
    assert [(p.line, p.field) for p in found] == [(line, f"meetings[0].{field}")]


def test_end_date_and_news_dates_have_the_same_range(project: Project) -> None:
    project.write(
        MEETINGS,
        meeting_with("    date: 2026-10-01\n", "    date: 2026-10-01\n    end_date: 2999-10-02\n"),
    )
    project.write("docs/nyheder/gammel.md", "---\ndate: 0001-01-01\n---\n\n# Gammel\n")
    found = {(p.file, p.line, p.field) for p in problems(project) if "uden for" in p.message}
    assert found == {(MEETINGS, 5, "meetings[0].end_date"), ("docs/nyheder/gammel.md", 2, "date")}


def test_the_date_range_includes_its_ends(project: Project) -> None:
    text = meeting_with("    date: 2026-10-01\n", "    date: 2100-12-31\n").replace(
        "2026-09-24", "1990-01-01"
    )
    project.write(MEETINGS, text)
    assert problems(project) == []


def test_a_time_in_the_spring_gap_is_refused(project: Project) -> None:
    text = meeting_with("    date: 2026-10-01\n", "    date: 2026-03-29\n")
    text = text.replace("    start: 10:00\n", "    start: 02:30\n").replace("2026-09-", "2026-03-")
    text = text.replace("      - start: 10:00\n", "      - start: 02:30\n")
    project.write(MEETINGS, text)
    found = problems(project)
    assert [(p.line, p.field) for p in found] == [
        (5, "meetings[0].start"),
        (20, "meetings[0].programme[0].start"),
    ]
    assert "kl. 02.30 findes ikke søndag den 29. marts 2026" in found[0].message
    assert not exists_locally(date(2026, 3, 29), time(2, 30))
    assert exists_locally(date(2026, 3, 29), time(3, 0))


def test_an_autumn_time_that_occurs_twice_is_one_instant_everywhere(tmp_path: Path) -> None:
    """02:30 on 25 October 2026 occurs twice; model.local_moment: the first (summer time)."""
    meeting = Meeting.model_validate(
        {
            "id": "nat",
            "title": "Natmøde",
            "date": "2026-10-25",
            "start": "02:30",
            "end": "02:45",
            "online": {"platform": "Teams"},
        }
    )
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    end = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
    assert local_moment(meeting.date, meeting.start).astimezone(UTC) == first
    site = Site(meetings=(meeting,), members=(), organisers=())
    history = History({}, datetime(2026, 1, 1, tzinfo=UTC))
    ics = calendar_files(site, SITE_URL, derive(site, meeting.date, history=history))
    path = tmp_path / "nat.ics"
    path.write_bytes(ics["moeder/nat.ics"])
    [event] = ical_js([path])[str(path)]["events"]  # reads the file's own VTIMEZONE
    assert (js_utc(event["start"]), js_utc(event["end"])) == (first, end)
    [vevent] = parse_icalendar(ics["kalender.ics"]).walk("VEVENT")
    assert (utc(vevent["DTSTART"].dt), utc(vevent["DTEND"].dt)) == (first, end)
    data = event_data(meeting, SITE_URL, [])
    assert datetime.fromisoformat(data["startDate"]) == first
    assert datetime.fromisoformat(data["endDate"]) == end
    google = parse_qs(urlsplit(google_event_url(meeting, SITE_URL)).query)
    assert google["dates"] == ["20261025T003000Z/20261025T004500Z"]
    outlook = parse_qs(urlsplit(outlook_event_url(meeting, SITE_URL)).query)
    assert (outlook["startdt"], outlook["enddt"]) == (
        ["2026-10-25T00:30:00Z"],
        ["2026-10-25T00:45:00Z"],
    )


def test_other_times_keep_the_local_form_in_the_google_link() -> None:
    meeting = Meeting.model_validate(
        {
            "title": "Dag",
            "date": "2026-10-25",
            "start": "10:00",
            "end": "12:00",
            "online": {"platform": "Teams"},
        }
    )
    google = parse_qs(urlsplit(google_event_url(meeting, SITE_URL)).query)
    assert google["dates"] == ["20261025T100000/20261025T120000"]


# --- ids ---------------------------------------------------------------------------------------


def test_an_id_may_be_60_characters_not_61(project: Project) -> None:
    project.write(MEETINGS, meeting_with("  - id: efteraar\n", f"  - id: {'a' * 60}\n"))
    assert problems(project) == []
    project.write(MEETINGS, meeting_with("  - id: efteraar\n", f"  - id: {'a' * 300}\n"))
    problem = only(project)
    assert (problem.line, problem.field) == (2, "meetings[0].id")
    assert "300 tegn" in problem.message and "højst være 60" in problem.message


def test_the_meeting_list_s_name_is_no_meeting_id(project: Project) -> None:
    project.write(MEETINGS, meeting_with("  - id: efteraar\n", "  - id: index\n"))
    problem = only(project)
    assert (problem.line, problem.field) == (2, "meetings[0].id")
    assert "mødelisten" in problem.message


@pytest.mark.parametrize(
    "member_id", ["facilitatorer", "medlemmer", "region-midtjylland", "nk-chart-title"]
)
def test_member_ids_are_not_the_names_of_parts_of_the_members_page(
    project: Project, member_id: str
) -> None:
    members = (project.root / "data" / "members.yaml").read_text(encoding="utf-8")
    start = members.index("  - id: ", members.index("members:"))
    end = members.index("\n", start)
    project.write("data/members.yaml", members[:start] + f"  - id: {member_id}" + members[end:])
    found = [p for p in problems(project) if p.field.endswith(".id")]
    assert len(found) == 1 and "/medlemmer/" in found[0].message


# --- news front matter -------------------------------------------------------------------------

NEWS = "docs/nyheder/test.md"


def test_a_template_in_news_front_matter_is_refused(project: Project) -> None:
    project.write(NEWS, "---\ndate: 2026-11-01\ntemplate: ../../etc/passwd\n---\n\n# Nyt\n")
    problem = only(project)
    assert (problem.file, problem.line, problem.field) == (NEWS, 3, "template")
    assert "skabelon" in problem.message


def test_tags_in_news_front_matter_are_refused(project: Project) -> None:
    project.write(NEWS, "---\ndate: 2026-11-01\ntitle: !!python/name:os.system x\n---\n\n# Nyt\n")
    problem = only(project)
    assert (problem.file, problem.line, problem.field) == (NEWS, 3, "title")
    assert "!!python/name:os.system" in problem.message


def test_unknown_news_front_matter_keys_are_refused_and_known_ones_allowed(
    project: Project,
) -> None:
    project.write(
        NEWS, "---\ndate: 2026-11-01\nhide: [toc]\ndescription: Kort\nfoo: 1\n---\n\n# Nyt\n"
    )
    problem = only(project)
    assert (problem.line, problem.field) == (5, "foo")
    assert "ukendt felt »foo«" in problem.message


def test_a_two_line_news_title_is_refused(project: Project) -> None:
    project.write(NEWS, "---\ndate: 2026-11-01\ntitle: |\n  To\n  linjer\n---\n\nTekst\n")
    problem = only(project)
    assert (problem.line, problem.field) == (3, "title")


# --- files -------------------------------------------------------------------------------------


def test_a_data_file_linked_out_of_the_project_is_refused_unread(
    project: Project, tmp_path: Path
) -> None:
    secret = tmp_path / "hemmelig.yaml"
    secret.write_text("meetings:\n  - title: hemmelig kode 1234\n", encoding="utf-8")
    (project.root / MEETINGS).unlink()
    (project.root / MEETINGS).symlink_to(secret)
    found = problems(project)
    assert [(p.file, p.line) for p in found] == [(MEETINGS, 0)]
    assert "uden for projektet" in found[0].message
    assert "1234" not in str(found)  # not read, so nothing of it is quoted


def test_links_in_docs_out_of_the_project_are_refused_and_inside_ones_allowed(
    project: Project, tmp_path: Path
) -> None:
    outside = tmp_path / "id_rsa"
    outside.write_text("privat\n", encoding="utf-8")
    (project.root / "docs" / "nogle.txt").symlink_to(outside)
    (project.root / "docs" / "om-igen.md").symlink_to(project.root / "docs" / "om.md")
    (project.root / "docs" / "nyheder" / "ude.md").symlink_to(outside)
    found = sorted((p.file, p.line) for p in problems(project))
    assert found == [("docs/nogle.txt", 0), ("docs/nyheder/ude.md", 0)]


def test_links_in_docs_to_data_or_git_or_round_a_circle_are_refused(project: Project) -> None:
    """Inside the project, but never to be published: data/ (contacts without consent),
    .git/ (its config), and links MkDocs would follow round and round (issue 17)."""
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    docs = project.root / "docs"
    (docs / "materialer").mkdir(exist_ok=True)
    (docs / "materialer" / "medlemmer.yaml").symlink_to("../../data/members.yaml")
    (docs / "data").symlink_to(project.root / "data")
    (docs / "git.txt").symlink_to("../.git/config")
    (docs / "self").symlink_to(".")
    (docs / "a.md").symlink_to("b.md")
    (docs / "b.md").symlink_to("a.md")
    (docs / "om-igen.md").symlink_to("om.md")  # inside docs/: fine
    (docs / "frem").mkdir()
    (docs / "tilbage").mkdir()
    (docs / "frem" / "til-tilbage").symlink_to("../tilbage")  # a circle of two links
    (docs / "tilbage" / "til-frem").symlink_to("../frem")
    (docs / "tilbage" / "projektet").symlink_to("../..")  # holds data/ and .git/
    (docs / "materialer" / "igen").symlink_to("../frem")  # another way in: fine
    os.link(project.root / "data" / "members.yaml", docs / "kopi.yaml")  # a hard link
    # (the bare .git folder is also lost Git history, reported on data/meetings.yaml)
    found = {p.file: p.message for p in problems(project) if p.file.startswith("docs/")}
    assert sorted(found) == [
        "docs/a.md",
        "docs/b.md",
        "docs/data",
        "docs/frem/til-tilbage",
        "docs/git.txt",
        "docs/kopi.yaml",
        "docs/materialer/medlemmer.yaml",
        "docs/self",
        "docs/tilbage/projektet",
        "docs/tilbage/til-frem",
    ]
    private = ["docs/data", "docs/git.txt", "docs/kopi.yaml", "docs/materialer/medlemmer.yaml"]
    for name in [*private, "docs/tilbage/projektet"]:
        assert "intet fra data/ eller .git/ må udgives" in found[name]
    for name in ("docs/a.md", "docs/b.md", "docs/self", "docs/frem/til-tilbage"):
        assert "siden ville blive bygget i ring" in found[name]


def test_a_data_file_that_is_a_device_is_refused(project: Project) -> None:
    (project.root / MEETINGS).unlink()
    os.mkfifo(project.root / MEETINGS)  # reading a pipe would wait for ever
    found = problems(project)
    assert [(p.file, p.message) for p in found] == [
        (MEETINGS, "er ikke en almindelig fil; læg en almindelig tekstfil her")
    ]


def test_a_link_to_nothing_and_a_pipe_in_docs_are_refused(project: Project) -> None:
    (project.root / "docs" / "nyheder" / "vaek.md").symlink_to(project.root / "findes-ikke.md")
    os.mkfifo(project.root / "docs" / "ror.md")  # MkDocs would wait for ever reading it
    found = sorted((p.file, p.message) for p in problems(project))
    assert found == [
        ("docs/nyheder/vaek.md", "er en genvej (symlink) til en fil, der ikke findes; slet den"),
        ("docs/ror.md", "er ikke en almindelig fil; læg en almindelig tekstfil her"),
    ]


def test_a_huge_file_is_refused_unread(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write(MEETINGS, MEETING + "# " + "x" * 4000 + "\n")  # members.yaml: ~3,600 bytes
    monkeypatch.setattr(files, "MAX_BYTES", len(MEETING) + 100)
    [problem] = [p for p in problems(project) if p.file == MEETINGS]
    assert problem.line == 0
    assert "må højst fylde" in problem.message


# --- issue 17: editors' Markdown is text, links, lists and emphasis -----------------------------

# The description goes after `end: 15:00` (line 6): `description: |` on line 7, its first line
# on line 8, the hostile line on line 9.
DESCRIBED = "    end: 15:00\n    description: |\n      Om mødet.\n"


def described(*lines: str) -> str:
    return meeting_with(
        "    end: 15:00\n", DESCRIBED + "".join(f"      {line}\n" for line in lines)
    )


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (["[klik](javascript:alert(1))"], 9, "bruger javascript:"),
        (["[klik][x]", "", "[x]: javascript:alert(1)"], 11, "bruger javascript:"),
        # unused here, but a programme item on the same page could use it
        (["Tekst.", "", "[x]: jav&#x61;script:alert(1)"], 11, "bruger javascript:"),
        (["[klik](JaVa&#x53;cript:alert(1))"], 9, "bruger javascript:"),
        (["![x](data:image/svg+xml;base64,PHN2Zz4=)"], 9, "bruger data:"),
        (["[x](vbscript:msgbox(1))"], 9, "bruger vbscript:"),
        (["<script>alert(1)</script>"], 9, "<script>"),
        (["Tekst med <img src=x onerror=alert(1)> inde i"], 9, "<img>"),
        (['<iframe src="javascript:alert(1)"></iframe>'], 9, "<iframe>"),
        (["<style>body{display:none}</style>"], 9, "<style>"),
        (["Klik her", '{: onclick="alert(1)" }'], 10, "attributten onclick"),
        (["Klik her", "{: .md-button style='color:red' }"], 10, "attributten"),
        (["<!-- netvaerk:members-by-region -->"], 9, "pladsholderen"),
        (["- " * 1000], 9, "lister eller citater inde i hinanden"),
        (["> " * 1000], 9, "lister eller citater inde i hinanden"),
        (["<div markdown>"] * 1000 + ["x"] + ["</div>"] * 1000, 9, "<div>"),
        (["[" * 20_000], 9, "for lang tid at vise"),
        (["[" * 30_000], 7, "højst 30.000 tegn"),
        (["<a " * 5_000], 9, "for lang tid at vise"),
        (["x" * 40_000], 7, "højst 30.000 tegn"),
    ],
    ids=lambda value: str(value)[:30],
)
def test_unsafe_deep_or_slow_markdown_in_a_description_is_refused_at_its_line(
    project: Project, lines: list[str], line: int, words: str
) -> None:
    project.write(MEETINGS, described(*lines))
    found = problems(project)
    assert found, "accepted"
    assert {(p.file, p.field) for p in found} == {(MEETINGS, "meetings[0].description")}
    assert found[0].line == line, [str(p) for p in found]
    assert any(words in p.message for p in found), [str(p) for p in found]


def test_the_invitation_body_and_a_programme_description_are_checked_too(
    project: Project,
) -> None:
    text = meeting_with(
        "      title: Invitation til efterårsmødet\n",
        "      title: Invitation til efterårsmødet\n      body: |\n        Kom!\n"
        "        <script>alert(1)</script>\n",
    ).replace(
        "        speakers: [Anna Hansen]\n",
        "        speakers: [Anna Hansen]\n        description: '[x](javascript:alert(1))'\n",
    )
    project.write(MEETINGS, text)
    found = {(p.line, p.field) for p in problems(project)}
    assert found == {
        (21, "meetings[0].announcement.body"),
        (26, "meetings[0].programme[0].description"),
    }


def test_ordinary_markdown_stays_allowed(project: Project) -> None:
    """What editors write: emphasis, links of every allowed kind, lists, a table, an
    admonition, a definition list, code with markup in it, an escaped bracket, a comment."""
    project.write(
        MEETINGS,
        described(
            "**Fed**, *kursiv* og `<script>` som kode; 3 \\< 4 og a &lt;b&gt; c.",
            "",
            '[KL](https://www.kl.dk "KL\'s side"), [skriv](mailto:a@kl.dk), '
            "[ring](tel:+4512345678), <https://www.kl.dk>, [medlemmer](../medlemmer/index.md).",
            "",
            "1. Et",
            "2. To",
            "    - Under",
            "",
            "| Tid | Punkt |",
            "|:----|------:|",
            "| 10  | Kaffe |",
            "",
            '!!! note "Husk"',
            "    Tag madpakke med.",
            "",
            "Frokost",
            ":   Sandwich",
            "",
            "<!-- en note til redaktøren -->",
        ),
    )
    assert [str(p) for p in problems(project)] == []


def test_a_news_body_without_summary_that_nests_too_deep_is_refused(project: Project) -> None:
    project.write(NEWS, "---\ndate: 2026-11-01\n---\n\n# Nyt\n\nIndledning.\n\n" + "- " * 1000)
    problem = only(project)
    assert (problem.file, problem.line) == (NEWS, 9)
    assert "inde i hinanden" in problem.message


def test_a_deep_news_body_with_a_relative_link_is_not_rendered_by_the_link_check(
    project: Project,
) -> None:
    """The link check renders pages with relative links: not this one (a RecursionError)."""
    body = "[Om](../om.md)\n\n" + "- " * 1000 + "\n"
    project.write(NEWS, f"---\ndate: 2026-11-01\n---\n\n# Nyt\n\n{body}")
    problem = only(project)
    assert (problem.file, problem.line) == (NEWS, 9)


def test_a_hand_written_page_that_nests_too_deep_is_refused_but_may_hold_html(
    project: Project,
) -> None:
    page = project.root / "docs" / "om.md"
    text = page.read_text(encoding="utf-8")
    lines = text.count("\n")
    page.write_text(text + "\n<div markdown>\n*ja*\n</div>\n\n" + "> " * 1000 + "\n", "utf-8")
    problem = only(project)
    assert (problem.file, problem.line) == ("docs/om.md", lines + 6)
    assert "inde i hinanden" in problem.message
    nested = "<div markdown>\n" * (MD_DEPTH + 1) + "x\n" + "</div>\n" * (MD_DEPTH + 1)
    page.write_text(text + "\n[Møder](moeder/index.md)\n\n" + nested, "utf-8")
    problem = only(project)
    assert (problem.file, problem.line) == ("docs/om.md", lines + 4 + MD_DEPTH)
    assert "HTML-blokke med markdown" in problem.message


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("# Nyt <img src=x onerror=alert(1)>\n\nTekst.\n", 5, "<img>"),
        ("# Nyt\n\n[klik](javascript:alert(1))\n", 7, "bruger javascript:"),
        ("# Nyt\n\nTekst\n{: onclick=alert(1) }\n", 8, "onclick"),
        ("# Nyt\n\n<!-- netvaerk:organisers -->\n", 7, "pladsholderen"),
        ("# Nyt\n\nEt tegn \ufffe her.\n", 7, "U+FFFE"),
        ("# Nyt\n\n<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> ny\n", 7, "konfliktmarkering fra Git"),
    ],
    ids=lambda value: str(value)[:20],
)
def test_news_bodies_and_headings_have_the_same_rules(
    project: Project, body: str, line: int, words: str
) -> None:
    project.write(NEWS, f"---\ndate: 2026-11-01\n---\n\n{body}")
    found = problems(project)
    assert found and all(p.file == NEWS for p in found), [str(p) for p in found]
    assert found[0].line == line, [str(p) for p in found]
    assert words in found[0].message


@pytest.mark.parametrize(
    ("escape", "code"), [("\\uFFFE", "U+FFFE"), ("\\uffff", "U+FFFF"), ("\\U0000FFFE", "U+FFFE")]
)
def test_characters_xml_cannot_hold_are_refused_in_titles(
    project: Project, escape: str, code: str
) -> None:
    project.write(
        MEETINGS,
        meeting_with(
            "      title: Invitation til efterårsmødet\n",
            f'      title: "Invitation{escape} til efterårsmødet"\n',
        ),
    )
    project.write(NEWS, f'---\ndate: 2026-11-01\ntitle: "Nyt{escape}"\n---\n\nTekst.\n')
    found = {(p.file, p.line, p.field): p.message for p in problems(project)}
    assert set(found) == {
        (MEETINGS, 18, "meetings[0].announcement.title"),
        (NEWS, 3, "title"),
    }
    assert all(code in message for message in found.values())


def test_a_lone_surrogate_is_named_as_such_not_as_an_open_quote(project: Project) -> None:
    project.write(MEETINGS, meeting_with("    title: Efterårsmødet\n", '    title: "A\\ud800B"\n'))
    problem = only(project)
    assert problem.line == 3
    assert "\\u-kode" in problem.message
    assert "ikke lukket" not in problem.message


def test_git_conflict_markers_are_named_on_their_own_lines(project: Project) -> None:
    text = meeting_with(
        "    title: Efterårsmødet\n",
        "<<<<<<< HEAD\n    title: Efterårsmødet\n=======\n    title: Høstmødet\n>>>>>>> ny-titel\n",
    )
    project.write(MEETINGS, text)
    found = problems(project)
    assert [p.line for p in found] == [3, 5, 7]
    assert all("konfliktmarkering fra Git" in p.message for p in found)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_an_invisible_line_break_in_a_block_is_named_on_its_line(
    project: Project, char: str
) -> None:
    project.write(MEETINGS, described(f"Første{char}anden linje.", "Tredje linje."))
    problem = only(project)
    assert problem.line == 9
    assert f"U+{ord(char):04X}" in problem.message


def test_full_width_digits_in_the_preview_date_are_named() -> None:
    from netvaerk.content.clock import PreviewDateError, preview_date

    with pytest.raises(PreviewDateError) as info:
        preview_date({"NETVAERK_DATO": "２０２７-０３-０１"})
    assert "findes ikke" not in str(info.value)
    assert "0-9" in str(info.value)


@pytest.mark.parametrize(
    ("written", "slug"), [("0x1f", "0x1f"), ("0b101", "0b101"), ("0o17", "0o17")]
)
def test_yaml_1_1_number_forms_keep_the_text_written_as_id(
    tmp_path: Path, written: str, slug: str
) -> None:
    """0x1f is 31 to YAML 1.1: the page would be /moeder/31/. The id is the text written."""
    doc, found = parse_yaml(f"id: {written}\n", MEETINGS)
    assert found == [] and doc is not None
    assert doc.data == {"id": slug}


@pytest.mark.parametrize("written", ["1_000", ".inf", "1.0e+3", "12_30"])
def test_other_number_forms_are_refused_as_id(project: Project, written: str) -> None:
    project.write(MEETINGS, meeting_with("  - id: efteraar\n", f"  - id: {written}\n"))
    problem = only(project)
    assert (problem.line, problem.field) == (2, "meetings[0].id")
    assert f"»{written}«" in problem.message


def test_a_hex_number_is_no_municipality_code(project: Project) -> None:
    """0x2e4 is 740 to YAML 1.1; kept as written, the number field refuses it."""
    members = (project.root / "data" / "members.yaml").read_text(encoding="utf-8")
    assert "    code: 740\n" in members
    changed = members.replace("    code: 740\n", "    code: 0x2e4\n", 1)
    project.write("data/members.yaml", changed)
    line = changed.splitlines().index("    code: 0x2e4") + 1
    problem = only(project)
    assert (problem.file, problem.line, problem.field) == (
        "data/members.yaml",
        line,
        "members[0].code",
    )


# --- every problem in one run ------------------------------------------------------------------


def test_every_new_kind_of_problem_is_reported_in_one_run(project: Project) -> None:
    text = (
        meeting_with("  - id: efteraar\n", "  - id: index\n")
        .replace("    title: Efterårsmødet\n", "    title: |\n      To\n      linjer\n")
        .replace("      deadline: 2026-09-24\n", "      deadline: 0001-01-01\n")
        .replace(
            "      url: https://teams.example.dk/mode\n",
            "      url: |\n        https://x\n        y\n",
        )
        .replace("      platform: Teams\n", '      platform: "Te\\x01ams"\n')
    )
    project.write(MEETINGS, text)
    project.write(NEWS, "---\ndate: 2026-11-01\ntemplate: x.html\n---\n\n# Nyt\n")
    fields = {p.field for p in problems(project)}
    assert {
        "meetings[0].id",
        "meetings[0].title",
        "meetings[0].registration.deadline",
        "meetings[0].online.url",
        "meetings[0].online.platform",
        "template",
    } <= fields


# --- history: one bad commit never breaks later builds -----------------------------------------


@pytest.mark.build
def test_an_unreadable_committed_version_is_skipped_and_noted_once(
    project: Project, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    repo = GitRepo(project.root)
    when = datetime(2026, 9, 1, tzinfo=UTC)
    repo.commit(MEETINGS, MEETING, when)
    repo.commit(MEETINGS, "meetings: " + "[" * 400 + "]" * 400 + "\n", when.replace(day=2))
    repo.commit(MEETINGS, BOMB, when.replace(day=3))
    repo.commit(MEETINGS, MEETING.replace("Efterårsmødet", "Høstmødet"), when.replace(day=4))
    assert main([str(project.root)]) == 0
    out = capsys.readouterr().out
    assert out.count("2 gemt(e) udgave(r) af meetings.yaml i Git kan ikke læses") == 1
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.netvaerk"):
        project.build()
    notes = [r for r in caplog.records if "kan ikke læses" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO


# --- the build: the same verdict, and the last good site kept ----------------------------------


def snapshot(site_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


@pytest.mark.build
def test_the_build_refuses_each_case_and_keeps_the_last_good_site(
    project: Project, tmp_path: Path
) -> None:
    project.build()
    before = snapshot(project.site_dir)
    shipped = (project.root / MEETINGS).read_text(encoding="utf-8")
    outside = tmp_path / "ude.txt"
    outside.write_text("privat\n", encoding="utf-8")
    cases = {
        "bomb": lambda: project.write(MEETINGS, BOMB),
        "recursion": lambda: project.write(MEETINGS, RECURSION),
        "deep": lambda: project.write(MEETINGS, DEEP),
        "url": lambda: project.write(
            MEETINGS,
            meeting_with(
                "      url: https://teams.example.dk/mode\n",
                "      url: |\n        https://x\n        y\n",
            ),
        ),
        "year 1": lambda: project.write(
            MEETINGS, meeting_with("    date: 2026-10-01\n", "    date: 0001-10-01\n")
        ),
        "long id": lambda: project.write(
            MEETINGS, meeting_with("  - id: efteraar\n", f"  - id: {'a' * 300}\n")
        ),
        "index": lambda: project.write(
            MEETINGS, meeting_with("  - id: efteraar\n", "  - id: index\n")
        ),
        "two-line title": lambda: project.write(
            MEETINGS,
            meeting_with("    title: Efterårsmødet\n", "    title: |\n      To\n      linjer\n"),
        ),
        "control": lambda: project.write(
            MEETINGS,
            meeting_with("      title: Invitation til efterårsmødet\n", '      title: "\\x01"\n'),
        ),
        "spring gap": lambda: project.write(
            MEETINGS,
            meeting_with("    date: 2026-10-01\n", "    date: 2026-03-29\n")
            .replace("    start: 10:00\n", "    start: 02:30\n")
            .replace("2026-09-", "2026-03-"),
        ),
        "template": lambda: project.write(
            NEWS, "---\ndate: 2026-11-01\ntemplate: ../../etc/passwd\n---\n\n# Nyt\n"
        ),
        "news tag": lambda: project.write(
            NEWS, "---\ndate: !!python/name:os.system 2026-11-01\n---\n\n# Nyt\n"
        ),
        "link": lambda: (project.root / "docs" / "ude.txt").symlink_to(outside),
        # issue 17: Markdown that would run, recurse or take minutes, and what XML cannot hold
        "script": lambda: project.write(MEETINGS, described("<script>alert(1)</script>")),
        "javascript": lambda: project.write(MEETINGS, described("[x](javascript:alert(1))")),
        "attr_list": lambda: project.write(MEETINGS, described("Klik", "{: onclick=alert(1) }")),
        "placeholder": lambda: project.write(MEETINGS, described("<!-- netvaerk:organisers -->")),
        "deep list": lambda: project.write(MEETINGS, described("- " * 1000)),
        "brackets": lambda: project.write(MEETINGS, described("[" * 30_000)),
        "deep news": lambda: project.write(
            NEWS, "---\ndate: 2026-11-01\n---\n\n# Nyt\n\n" + "<div markdown>\n" * 1000
        ),
        "FFFE": lambda: project.write(NEWS, '---\ndate: 2026-11-01\ntitle: "\\uFFFE"\n---\n'),
        "conflict": lambda: project.write(MEETINGS, "<<<<<<< HEAD\n" + shipped),
        "U+2028": lambda: project.write(MEETINGS, described("a\u2028b")),
    }
    for name, make in cases.items():
        make()
        expected = [str(p) for p in problems(project)]
        assert expected, name
        with pytest.raises(Abort) as info:
            project.build()
        error = info.value.__context__
        assert isinstance(error, PluginError), (name, repr(error))
        for line in expected:
            assert f"  {line}" in str(error), (name, line)
        assert snapshot(project.site_dir) == before, name
        # Undo: the shipped data, no test news, no link.
        project.write(MEETINGS, shipped)
        (project.root / NEWS).unlink(missing_ok=True)
        (project.root / "docs" / "ude.txt").unlink(missing_ok=True)
    assert problems(project) == []


class _Markup(HTMLParser):
    """Every start tag of a page, and whether it stands in the page's content (<article>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], bool]] = []
        self._article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article += 1
        self.tags.append((tag, {k: v or "" for k, v in attrs}, self._article > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article:
            self._article -= 1


def executable(html: str) -> list[str]:
    """What in ``html`` could run script: a script element in the content, an event
    attribute or a javascript:/data:/vbscript: URL anywhere, an iframe, object or embed."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs, in_content in parser.tags:
        if in_content and tag in ("script", "style"):
            found.append(f"<{tag}> in the content")
        if tag in ("iframe", "object", "embed"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            scheme = "".join(value.split()).lower().split(":", 1)[0]
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            elif name in ("href", "src", "action", "formaction") and ":" in value:
                if scheme in ("javascript", "data", "vbscript"):
                    found.append(f"<{tag} {name}={value}>")
            elif name == "style" and in_content and not value.startswith("text-align"):
                found.append(f"<{tag} style={value}>")
    return found


HARMLESS = """\
meetings:
  - id: efteraar
    title: "<script>alert('titel')</script> Efterårsmødet"
    date: 2026-12-10
    start: 10:00
    end: 15:00
    summary: "<img src=x onerror=alert('resume')> kort"
    description: |
      Kode: `<script>alert(1)</script>` og `[x](javascript:alert(1))`.

      Tekst: javascript:alert(1) og &lt;img src=x onerror=alert(1)&gt; og 3 \\< 4.

      [KL](https://www.kl.dk) og <https://www.kl.dk>.
    venue:
      name: "<b onmouseover=alert(1)>Rådhuset</b>"
    announcement:
      date: 2026-11-01
      title: "<svg onload=alert(1)> Invitation"
      body: |
        Kom og vær med: `<iframe src=javascript:alert(1)>`.
    programme:
      - start: 10:00
        title: "<a href=javascript:alert(1)>Velkommen</a>"
        description: "`<style>body{display:none}</style>` og **fed** tekst"
"""


def test_the_reader_of_pages_finds_what_could_run() -> None:
    page = (
        '<article><script>x</script><a href=" java script:x" onclick="y">a</a>'
        '<img src="data:image/svg+xml,x"><p style="color:red">b</p></article>'
    )
    assert executable(page) == [
        "<script> in the content",
        "<a href= java script:x>",
        "<a onclick>",
        "<img src=data:image/svg+xml,x>",
        "<p style=color:red>",
    ]


def test_the_feed_s_html_is_sanitised_even_if_the_check_were_bypassed() -> None:
    """Defence in depth: what we render ourselves goes through nh3's allow-list."""
    hostile = (
        "<script>alert(1)</script>\n\n[klik](javascript:alert(1)) "
        "![x](data:image/png;base64,AA) <img src=x onerror=alert(1)>\n\n"
        'Tekst\n{: onclick="alert(1)" style="display:none" }\n\n'
        "<style>body{display:none}</style><!-- netvaerk:organisers -->\n"
    )
    html = rendering.standalone_html(hostile, "nyheder/x.md", "https://example.dk/")
    assert executable(f"<article>{html}</article>") == []
    assert "alert" not in html  # not in a script's text, an attribute or a link either
    assert "klik" in html


@pytest.mark.build
def test_pages_and_feed_built_from_hostile_looking_data_carry_no_script(
    project: Project,
) -> None:
    """Markup that passes the check (as code, escaped or in one-line fields) is shown, never
    run: parsed, not grepped, on every page it reaches and in the Atom feed."""
    project.write(MEETINGS, HARMLESS)
    project.write(
        NEWS,
        "---\ndate: 2026-11-02\n---\n\n# Nyt om `<script>`\n\n"
        "Teksten har `<img src=x onerror=alert(1)>` som kode.\n",
    )
    assert [str(p) for p in problems(project)] == []
    site = project.build(today="2026-11-30")
    pages = ["moeder/efteraar/", "nyheder/efteraar-invitation/", "nyheder/test/", "", "moeder/"]
    for page in pages:
        html = project.page(page)
        assert executable(html) == [], page
    meeting = content(project.page("moeder/efteraar/")).text
    assert "<script>alert(1)</script>" in meeting  # shown as text, as written
    assert "<img src=x onerror=alert(1)>" in meeting
    feed = ET.parse(site / "nyheder" / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    bodies = [entry.findtext(f"{atom}content") or "" for entry in feed.iter(f"{atom}entry")]
    assert len(bodies) >= 2
    for body in bodies:
        assert executable(f"<article>{body}</article>") == []


@pytest.mark.parametrize(
    "text",
    [
        "Tekst med **fed** og [link](https://www.kl.dk/a?b=c#d) og [side](../om.md).",
        "- punkt\n- [mail](mailto:a@kl.dk)\n\n> citat\n\n| a | b |\n|:--|--:|\n| 1 | 2 |",
        '!!! æble "Titel"\n    Tekst i en boks.\n\nOrd\n:   Forklaring',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](\njavascript:alert(1))",
        "[x](java&#x73;cript:alert(1))",
        "[x][y]\n\n[y]: javascript:alert(1)",
        "Tekst\n{: onclick=alert(1) }",
        "![x](data:image/png;base64,AA)",
        "[x](vbscript:msgbox)",
    ],
    ids=lambda value: value[:24],
)
def test_the_shortcut_for_plain_text_agrees_with_rendering(text: str) -> None:
    """Texts without markup are not rendered by the check (it cost a 1,000-meeting build two
    seconds); whatever the shortcut lets through, rendering finds nothing in either."""
    if safe_markdown._plainly_safe(text):
        safe_markdown.markdown_problems.cache_clear()
        converter = safe_markdown._converter().reset()
        inspector = safe_markdown._Inspector()
        inspector.feed(converter.convert(text))
        assert inspector.findings == [], text
        assert not converter.htmlStash.rawHtmlBlocks
    else:
        assert "alert" in text or "msgbox" in text or "base64" in text, text
        assert safe_markdown.markdown_problems(text), text


def test_the_page_renderers_refuse_markdown_that_skipped_the_check() -> None:
    """Defence in depth where MkDocs renders: the renderers take only checked Markdown, so
    a route that forgot the check (a new command, a new page) fails instead of publishing."""
    hostile = "<script>alert(1)</script>"
    day = date(2027, 1, 1)
    for unchecked in (
        meeting(description=hostile),
        meeting(programme=[{"start": "10:00", "title": "A", "description": hostile}]),
    ):
        with pytest.raises(safe_markdown.UnsafeMarkdown):
            meeting_page(facts(unchecked, day), site(unchecked))
    invited = meeting(announcement={"date": "2027-01-01", "body": f"[x](javascript:{hostile})"})
    [item] = announcements(site(invited))
    with pytest.raises(safe_markdown.UnsafeMarkdown):
        announcement_page(item, facts(invited, day), site(invited))
    news = NewsItem("nyt", day, "Nyt", "", "Tekst\n")
    with pytest.raises(safe_markdown.UnsafeMarkdown):
        article_markdown("# Nyt\n\nTekst\n{: onclick=alert(1) }\n", news)
    assert "Tekst" in article_markdown("# Nyt\n\nTekst\n", news)
    fed = meeting(description="**Fed**")
    assert "Tema" in meeting_page(facts(fed, day), site(fed))
