"""Issue 20: the network's own address (members.yaml ``network.email``) and what search
engines and calendar clients read about the network and its meetings: the calendar's
``mailto:`` ORGANIZER, the Event's ``offers`` and ``performer``, the home page's
Organization and the news' publisher with its logo.

JSON is read back with ``json``; calendars with ``icalendar``; pages with BeautifulSoup.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from factories import ROOT, VALID_MEMBERS, Project, dedented, load, meeting, problems

from netvaerk.content.loading import load_site
from netvaerk.content.site import Site
from netvaerk.feeds.calendar import organizer
from netvaerk.model import Network, Organiser
from netvaerk.pages.home import contact_link
from netvaerk.pages.seo import event_data, offer_data, organization_data, price_in_kroner

SITE_URL = "https://landdistriktskoordinatorer.dk/"
ADDRESS = "kontakt@landdistriktskoordinatorer.dk"
KL = Organiser(id="kl", name="KL", url="https://www.kl.dk")
LDF = Organiser(id="ldf", name="Landdistrikternes Fællesråd")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def with_network(email: str | None) -> Site:
    network = Network(email=email) if email else None
    return Site(meetings=(), members=(), organisers=(KL, LDF), network=network)


def test_the_calendar_organizer_is_the_network_s_address_as_mailto() -> None:
    value = organizer(with_network(ADDRESS))
    assert value is not None
    assert str(value) == f"mailto:{ADDRESS}"
    assert value.params["CN"] == "KL og Landdistrikternes Fællesråd"


def test_without_an_address_there_is_no_organizer_rather_than_a_web_address() -> None:
    assert organizer(with_network(None)) is None


def test_a_bad_network_address_is_a_danish_error_naming_file_line_and_field(
    tmp_path: Path,
) -> None:
    members = "network:\n  email: kontakt-landdistrikter.dk\n" + dedented(VALID_MEMBERS)
    [problem] = problems(tmp_path, members=members)
    assert (problem.line, problem.field) == (2, "network.email")
    assert problem.file.endswith("members.yaml")
    assert "er ikke en gyldig e-mailadresse" in problem.message


def test_the_address_is_read_from_members_yaml(tmp_path: Path) -> None:
    members = f"network:\n  email: {ADDRESS}\n" + dedented(VALID_MEMBERS)
    assert load(tmp_path, members=members).contact_email == ADDRESS
    (tmp_path / "uden").mkdir()
    assert load(tmp_path / "uden").contact_email is None


def test_the_shipped_data_names_the_network_s_address() -> None:
    shipped = load_site(ROOT / "data")
    assert shipped.contact_email is not None and "@" in shipped.contact_email


def test_contact_block_is_a_mail_link_or_the_organisers() -> None:
    assert contact_link(with_network(ADDRESS)) == f"[{ADDRESS}](<mailto:{ADDRESS}>)"
    assert contact_link(with_network(None)) == (
        "[KL](<https://www.kl.dk>) og Landdistrikternes Fællesråd"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("450 kr.", Decimal(450)),
        ("1.200 kr", Decimal(1200)),
        ("kr. 350,-", Decimal(350)),
        ("99,50 kr.", Decimal("99.5")),
        ("Gratis", Decimal(0)),
        ("Indgår i kommunens medlemskab", None),
        ("Gratis for medlemmer, 500 kr. for andre", None),
        (None, None),
    ],
)
def test_price_in_kroner(text: str | None, expected: Decimal | None) -> None:
    assert price_in_kroner(text) == expected


def test_offers_carry_url_deadline_to_the_end_of_that_day_and_price() -> None:
    m = meeting(
        registration={
            "url": "https://tilmeld.example.dk/x",
            "deadline": "2027-02-24",
            "price": "450 kr.",
        }
    )
    offer = event_data(m, SITE_URL, [KL])["offers"]
    assert offer["@type"] == "Offer"
    assert offer["url"] == "https://tilmeld.example.dk/x"
    valid = datetime.fromisoformat(offer["validThrough"])
    assert valid == datetime(2027, 2, 24, 23, 59, tzinfo=COPENHAGEN)
    assert valid.utcoffset() is not None
    assert (offer["price"], offer["priceCurrency"]) == ("450", "DKK")


def test_a_price_in_words_stays_words() -> None:
    offer = offer_data(
        meeting(
            registration={"url": "mailto:a@example.dk", "price": "Indgår i medlemskabet"}
        ).registration  # type: ignore[arg-type]
    )
    assert "price" not in offer and "validThrough" not in offer
    assert offer["description"] == "Indgår i medlemskabet"


def test_a_cancelled_meeting_offers_no_registration() -> None:
    m = meeting(status="cancelled", registration={"url": "https://tilmeld.example.dk/x"})
    assert "offers" not in event_data(m, SITE_URL, [KL])


def test_performers_are_the_speakers_once_each_in_order() -> None:
    m = meeting(
        programme=[
            {"start": "10:00", "title": "Velkommen", "speakers": "Åse Ørsted"},
            {"start": "11:00", "title": "Oplæg", "speakers": ["Bo Bæk", "Åse Ørsted"]},
            {"start": "12:00", "title": "Frokost", "kind": "meal"},
        ]
    )
    assert event_data(m, SITE_URL, [KL])["performer"] == [
        {"@type": "Person", "name": "Åse Ørsted"},
        {"@type": "Person", "name": "Bo Bæk"},
    ]
    assert "performer" not in event_data(meeting(), SITE_URL, [KL])


def test_organization_has_logo_contact_and_the_facilitators() -> None:
    data = organization_data(SITE_URL, "Netværket", ADDRESS, [KL, LDF])
    assert data["@id"] == SITE_URL + "#netvaerk"
    assert data["logo"]["url"] == SITE_URL + "assets/netvaerk.png"
    assert data["contactPoint"]["email"] == ADDRESS
    assert [o["name"] for o in data["parentOrganization"]] == ["KL", "Landdistrikternes Fællesråd"]
    assert "email" not in organization_data(SITE_URL, "Netværket", None, [])


def _jsonld(html: str) -> dict[str, object]:
    script = BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")
    assert script is not None
    data: dict[str, object] = json.loads(script.string or "")
    return data


@pytest.mark.build
def test_built_site_carries_the_address_everywhere(built_site: Project) -> None:
    home = _jsonld(built_site.page(""))
    assert home["@type"] == "Organization"
    assert home["email"] == built_site_address(built_site)
    logo = home["logo"]
    assert isinstance(logo, dict)
    assert (built_site.site_dir / "assets" / "netvaerk.png").read_bytes()[
        :8
    ] == b"\x89PNG\r\n\x1a\n"

    news = _jsonld(built_site.page("nyheder/2021-01-28-invitation/"))
    publisher = news["publisher"]
    assert isinstance(publisher, dict) and publisher["logo"] == logo

    address = built_site_address(built_site)
    calendar = icalendar.Calendar.from_ical((built_site.site_dir / "kalender.ics").read_bytes())
    organizers = {str(e["ORGANIZER"]) for e in calendar.walk("VEVENT")}
    assert organizers == {f"mailto:{address}"}

    for page in ("tilgaengelighed/", "nyheder/planen-for-2027/", "om/"):
        soup = BeautifulSoup(built_site.page(page), "html.parser")
        assert soup.select(f'a[href="mailto:{address}"]'), page


def built_site_address(project: Project) -> str:
    import yaml

    data = yaml.safe_load((project.root / "data" / "members.yaml").read_text("utf-8"))
    return str(data["network"]["email"])
