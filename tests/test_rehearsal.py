"""The Zensical rehearsal (issue 19): the engine's config and the list of what differs.

The CI job itself runs on GitHub with the pinned Zensical; here the two halves it relies on:
the rewritten ``mkdocs.yml`` (read back with a YAML parser) and ``compare`` on sites made
for the purpose, so every kind of difference is shown to be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from factories import ROOT

from netvaerk.rehearsal import Difference, article_text, compare, config, main


class _TaggedLoader(yaml.SafeLoader):
    """mkdocs.yml has a ``!!python/object/apply`` slug function: read it as a plain value."""


_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: "python-tag")


def test_the_engine_gets_no_hooks_no_overrides_and_the_pre_build_as_docs() -> None:
    text = config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "prebuilt", "site-z")
    original = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _TaggedLoader)
    engine = yaml.load(text, _TaggedLoader)
    assert "hooks" in original and "hooks" not in engine
    assert "custom_dir" in original["theme"] and "custom_dir" not in engine["theme"]
    assert engine["plugins"] == ["search"]  # Zensical refuses MkDocs' `lang` and `pipeline`
    assert (engine["docs_dir"], engine["site_dir"]) == ("prebuilt", "site-z")
    for key in ("site_name", "site_url", "nav", "markdown_extensions", "extra_css"):
        assert engine[key] == original[key], key
    assert engine["theme"]["language"] == "da"


def test_a_config_that_still_names_the_hooks_is_refused() -> None:
    with pytest.raises(ValueError):
        config("site_name: x\nplugins:\n  - search\nextra:\n  hook: hooks/x.py\n", "a", "b")


def page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Menu</nav>"
        f"<article><h1>{title}</h1>\n  <p>{body}</p></article></body></html>"
    )


def site(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


REFERENCE: dict[str, str | bytes] = {
    "index.html": page("Forside", "Næste møde 28. januar 2027"),
    "moeder/index.html": page("Møder", "Alle møder"),
    "moeder/2027-01-28/index.html": page("Møde", "Program"),
    "moeder/2027-01-28.ics": b"BEGIN:VCALENDAR\r\nSEQUENCE:2\r\nEND:VCALENDAR\r\n",
    "nyheder/feed.xml": b"<feed/>",
    "admin/index.html": "<html>Decap</html>",  # copied by the glue, never by an engine
    "search/search_index.json": "{}",
    "assets/app.js": "x",
}


def test_the_same_site_has_no_differences(tmp_path: Path) -> None:
    reference = site(tmp_path / "ref", REFERENCE)
    other = {k: v for k, v in REFERENCE.items() if not k.startswith(("admin/", "search/"))}
    other["index.html"] = str(other["index.html"]).replace("<nav>Menu</nav>", "<nav>Andet</nav>")
    other["search.json"] = "[]"  # the engine's own search index, named its own way
    assert compare(reference, site(tmp_path / "engine", other)) == []


def test_every_kind_of_difference_is_listed(tmp_path: Path) -> None:
    reference = site(tmp_path / "ref", REFERENCE)
    engine = dict(REFERENCE)
    del engine["moeder/2027-01-28/index.html"]
    engine["moeder/index.html"] = page("Møder", "Ingen møder")
    engine["moeder/2027-01-28.ics"] = b"BEGIN:VCALENDAR\r\nSEQUENCE:1\r\nEND:VCALENDAR\r\n"
    engine["om/index.html"] = page("Om", "")
    assert compare(reference, site(tmp_path / "engine", engine)) == [
        Difference("moeder/2027-01-28.ics", "bytes"),
        Difference("moeder/2027-01-28/index.html", "missing"),
        Difference(
            "moeder/index.html",
            "content",
            "from character 6: 'Alle møder' vs 'Ingen møder'",
        ),
        Difference("om/index.html", "extra"),
    ]


def test_article_text_is_the_content_only() -> None:
    html = page("Møder", "Alle <em>kommende</em> møder &amp; referater")
    assert article_text(html) == "Møder Alle kommende møder & referater"


def test_soft_hyphens_of_the_mkdocs_build_are_no_difference() -> None:
    """The build hyphenates long words after rendering (text/hyphenation.py); the engine's
    build of the pre-build does not: the same words either way."""
    hyphenated = page("Møder", "Landdistrikts&shy;koordinatorer i Tilgængeligheds\u00aderklæring")
    plain = page("Møder", "Landdistriktskoordinatorer i Tilgængelighedserklæring")
    assert article_text(hyphenated) == article_text(plain)
    assert article_text(page("Møder", "a-b")) != article_text(page("Møder", "ab"))


def test_the_command_lists_differences_and_fails_on_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = site(tmp_path / "ref", REFERENCE)
    engine = site(tmp_path / "engine", {**REFERENCE, "nyheder/feed.xml": b"<feed></feed>"})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["compare", str(reference), str(engine)]) == 1
    out = capsys.readouterr().out
    assert "bytes    nyheder/feed.xml" in out
    assert "1 differences between" in out
    assert summary.read_text(encoding="utf-8").startswith(
        "### Zensical: 1 differences from the MkDocs build\n\n- `bytes` `nyheder/feed.xml`"
    )
    assert main(["compare", str(reference), str(reference)]) == 0
