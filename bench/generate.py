"""Synthetic but realistic data for the benchmark: N meetings, the 98 municipalities as members.

Every meeting has an announcement (a news item), a Danish theme, summary and description, a
registration, and a programme of six to nine items with breaks, a meal and speakers; some
are two-day, hybrid or online meetings, a few are cancelled or postponed, and past meetings
have materials. The data is deterministic (a fixed seed) and passes the project's own
validation, so the benchmark measures the real pipeline.

    .venv/bin/python bench/generate.py 300 /tmp/data    # writes meetings.yaml, members.yaml
"""

from __future__ import annotations

import csv
import random
import re
import sys
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
from netvaerk.model import FIRST_DATE  # noqa: E402  (the model's earliest date, not a copy)

KOMMUNER = ROOT / "hooks" / "netvaerk" / "content" / "data" / "kommuner.csv"

LAST_MEETING = date(2027, 9, 23)  # a Thursday; the meetings are Thursdays up to it (spacing)
TODAY = date(2027, 5, 1)  # the build date: the last few meetings are upcoming
SEED = 20261130
LEAD_DAYS = 21  # the earliest date a meeting has: its announcement, three weeks before


def spacing(count: int) -> timedelta:
    """Days between meetings: every other Thursday, or every Thursday when ``count`` meetings
    every other week would start before the model's first date (1,000 meetings would reach
    back to 1989). Raises ValueError for more meetings than fit even weekly (about 1,900)."""
    if count < 1:
        raise ValueError(f"{count} meetings: the benchmark needs at least one")
    for days in (14, 7):
        first = LAST_MEETING - timedelta(days=days * (count - 1) + LEAD_DAYS)
        if first >= FIRST_DATE:
            return timedelta(days=days)
    raise ValueError(f"{count} meetings do not fit weekly between {FIRST_DATE} and {LAST_MEETING}")


THEMES = [
    "Landsbyklynger og lokale fællesskaber",
    "Bosætning og nye tilflyttere",
    "Strategisk landsbyplanlægning",
    "Lokal udvikling i en coronatid",
    "Landdistriktspolitik og lokalrådenes rolle",
    "Frivillighed og foreningsliv i små samfund",
    "Nærhed og service i landdistrikterne",
    "Grøn omstilling i landsbyerne",
    "Mobilitet og kollektiv trafik på landet",
    "Forsamlingshuse som samlingspunkt",
    "Borgerinddragelse i landsbyfornyelsen",
    "Landsbypuljer og lokale midler",
    "Nedrivning, forskønnelse og tomme huse",
    "Unge i landdistrikterne",
    "Skoler og dagtilbud i små byer",
    "Natur, friluftsliv og turisme",
    "Digital inklusion og bredbånd",
    "Kultur og fællesskab i landsbyerne",
]
ANGLES = [
    "erfaringer fra kommunerne",
    "hvad virker?",
    "fra strategi til handling",
    "samarbejde på tværs",
    "nye greb og gode eksempler",
    "status og næste skridt",
]
SESSIONS = [
    "Oplæg om {theme_l}",
    "Erfaringer fra {host}",
    "Paneldebat: {theme_l} i praksis",
    "Workshop – fra idé til projekt",
    "Gruppedrøftelser og erfaringsudveksling",
    "Nyt fra KL og Landdistrikternes Fællesråd",
    "Ekskursion til en lokal landsby",
    "Opsamling og næste møde",
]
FIRST = ["Anne", "Mette", "Lars", "Søren", "Jens", "Ida", "Karen", "Mikkel", "Sofie", "Ole"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Østergaard", "Bæk", "Lund"]
ORGS = ["KL", "Landdistrikternes Fællesråd", "Realdania", "Center for Landdistriktsforskning"]
STREETS = ["Torvegade", "Søvej", "Rådhustorvet", "Skolevej", "Kirkevej", "Østergade"]
PARAGRAPHS = [
    "På mødet deler kommunerne erfaringer med, hvordan de arbejder med **{theme_l}**, "
    "og vi ser på, hvad der skal til, for at indsatsen gør en forskel for landsbyerne.",
    "Vi hører om konkrete projekter, hvor kommune, lokalråd og foreninger har arbejdet "
    "sammen, og drøfter i mindre grupper, hvordan erfaringerne kan bruges hjemme.",
    "Mødet er også en anledning til at møde kolleger fra andre kommuner og få nye idéer "
    "til arbejdet med lokal udvikling, borgerinddragelse og landsbyernes fremtid.",
    "Læs mere om netværket og tidligere møder i [arkivet](https://www.example.dk/arkiv), "
    "eller skriv til os, hvis du har forslag til emner.",
]


@dataclass(frozen=True)
class Kommune:
    code: int
    name: str  # as the member is called, e.g. "Silkeborg Kommune"
    region: str
    slug: str


def slugify(text: str) -> str:
    text = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def kommuner() -> list[Kommune]:
    with KOMMUNER.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    found = []
    for row in rows:
        name = row["name"]
        full = "Bornholms Regionskommune" if name == "Bornholm" else f"{name} Kommune"
        found.append(
            Kommune(int(row["code"]), full, row["region"].removeprefix("Region "), slugify(name))
        )
    return found


def wrap(text: str) -> str:
    """Markdown paragraphs wrapped at 80 columns, as an editor types them."""
    return textwrap.fill(text, width=80, break_long_words=False, break_on_hyphens=False)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def members(rng: random.Random) -> dict[str, Any]:
    listed = []
    for k in kommuner():
        member: dict[str, Any] = {
            "id": k.slug,
            "name": k.name,
            "region": k.region,
            "code": k.code,
            "since": rng.randint(2019, 2026),
            "url": f"https://www.{k.slug}.dk",
        }
        name = person(rng)
        member["contacts"] = [
            {
                "name": name,
                "role": "Landdistriktskoordinator",
                "email": f"{slugify(name).replace('-', '.')}@{k.slug}.example.dk",
                "phone": f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                "public": rng.random() < 0.6,
            }
        ]
        listed.append(member)
    return {
        "organisers": [
            {"id": "kl", "name": "KL", "url": "https://www.kl.dk"},
            {
                "id": "ldf",
                "name": "Landdistrikternes Fællesråd",
                "url": "https://www.landdistrikterne.dk",
            },
        ],
        "members": listed,
    }


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def one_day_programme(
    rng: random.Random, start: int, end: int, words: dict[str, str], day: int | None = None
) -> list[dict[str, Any]]:
    """Items filling start–end: arrival, sessions, a lunch, a break, a wrap-up."""
    items: list[dict[str, Any]] = []
    t = start

    def add(length: int, title: str, kind: str = "session", **extra: Any) -> None:
        nonlocal t
        item: dict[str, Any] = {"start": hhmm(t), "end": hhmm(min(t + length, end))}
        item["title"] = title.format(**words)
        if kind != "session":
            item["kind"] = kind
        if day is not None:
            item["day"] = day
        item.update(extra)
        items.append(item)
        t = min(t + length, end)

    add(15, "Velkommen og kort nyt fra netværket")
    sessions = rng.sample(SESSIONS[:-1], k=min(len(SESSIONS) - 1, 3 + rng.randint(0, 2)))
    for index, title in enumerate(sessions):
        if t >= end - 45:
            break
        extra: dict[str, Any] = {}
        if rng.random() < 0.7:
            extra["speakers"] = [person(rng)] + ([rng.choice(ORGS)] if rng.random() < 0.3 else [])
        if rng.random() < 0.3:
            extra["description"] = (
                "Vi arbejder i grupper med konkrete greb, der kan bruges hjemme i kommunen."
            )
        add(45, title, **extra)
        if index == 0 and t < end - 60:
            add(15, "Kaffepause", "break")
        if 11 * 60 + 30 <= t < 13 * 60 and not any(i.get("kind") == "meal" for i in items):
            add(45, "Frokost", "meal")
    if t < end:
        add(end - t, SESSIONS[-1])
    return items


def meeting(rng: random.Random, index: int, count: int, hosts: list[Kommune]) -> dict[str, Any]:
    day = LAST_MEETING - spacing(count) * (count - 1 - index)
    theme = THEMES[index % len(THEMES)]
    title = f"{theme} – {rng.choice(ANGLES)}" if index >= len(THEMES) else theme
    host = rng.choice(hosts)
    words = {"theme_l": theme[0].lower() + theme[1:], "host": host.name}
    record: dict[str, Any] = {"id": day.isoformat(), "title": title, "date": day.isoformat()}
    two_days = rng.random() < 0.1
    if two_days:
        record["end_date"] = (day + timedelta(days=1)).isoformat()
        record.update(start="13:00", end="12:00")
    else:
        record.update(start="10:00", end="15:00")
    roll = rng.random()
    if roll < 0.03:
        record["status"] = "cancelled"
    elif roll < 0.04:
        record["status"] = "postponed"
    kind = rng.random()
    if kind < 0.8:
        record["venue"] = {
            "name": f"{host.name.removesuffix(' Kommune')} Rådhus",
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 40)}, "
            f"{rng.randint(1000, 9990)} {host.name.split()[0]}",
            "host": host.slug,
        }
    if kind >= 0.7:
        record["online"] = {"platform": "Teams", "url": "https://teams.microsoft.com/l/meetup/x"}
    record["summary"] = f"Netværksmøde om {words['theme_l']} – med oplæg, debat og workshop."
    record["description"] = "\n\n".join(
        wrap(p.format(**words)) for p in rng.sample(PARAGRAPHS, k=2 + rng.randint(0, 1))
    )
    record["registration"] = {
        "url": "https://www.example.dk/netvaerk/tilmelding",
        "deadline": (day - timedelta(days=14)).isoformat(),
        "price": "Indgår i kommunens medlemskab",
    }
    record["announcement"] = {
        "date": (day - timedelta(days=LEAD_DAYS)).isoformat(),
        "title": f"Invitation: {title}",
        "body": wrap(
            f"Netværket mødes {day.day}/{day.month} {day.year} om {words['theme_l']}. "
            "Tilmeld dig senest to uger før."
        )
        + "\n\n"
        + wrap(PARAGRAPHS[2]),
    }
    if two_days:
        programme = one_day_programme(rng, 13 * 60, 17 * 60, words, day=1)
        programme += one_day_programme(rng, 9 * 60, 12 * 60, words, day=2)
    else:
        programme = one_day_programme(rng, 10 * 60, 15 * 60, words)
    record["programme"] = programme
    if day < TODAY and rng.random() < 0.6:
        record["materials"] = [
            {
                "title": f"Slides: {programme[1]['title']}",
                "url": f"https://www.example.dk/netvaerk/{day.isoformat()}-slides.pdf",
            }
        ]
    return record


def meetings(count: int, rng: random.Random) -> dict[str, Any]:
    hosts = kommuner()
    return {"meetings": [meeting(rng, i, count, hosts) for i in range(count)]}


class _Dumper(yaml.CSafeDumper):
    """Multi-line text as ``|`` blocks, the way editors write descriptions. libyaml's emitter
    writes the same text as PyYAML's pure-Python one, five times faster (1,000 meetings in
    about a second), so the bench's test can afford every size."""


def _text(dumper: yaml.CSafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def meeting_chunks(count: int) -> tuple[str, list[str]]:
    """``members.yaml`` text, and each meeting as its own YAML list item (in date order).

    ``"meetings:\n" + "".join(chunks[:k])`` is a valid meetings file with the first k
    meetings: the benchmark builds a Git history of the file growing this way.
    """
    rng = random.Random(SEED)
    members_text = dump(members(rng))
    chunks = [
        dump({"meetings": [record]}).removeprefix("meetings:\n")
        for record in meetings(count, rng)["meetings"]
    ]
    return members_text, chunks


def write(count: int, data_dir: Path) -> None:
    """Write ``meetings.yaml`` (``count`` meetings) and ``members.yaml`` into ``data_dir``."""
    members_text, chunks = meeting_chunks(count)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "members.yaml").write_text(members_text, encoding="utf-8")
    (data_dir / "meetings.yaml").write_text("meetings:\n" + "".join(chunks), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(int(sys.argv[1]), Path(sys.argv[2]))
