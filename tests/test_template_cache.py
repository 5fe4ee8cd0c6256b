"""Compiled Jinja templates are kept between builds (netvaerk/text/templating.py, bytecode_cache).

The cache must give the same pages as compiling, be used when the source is unchanged, be
refused when the source or the Environment's compile options differ, and never fail a
build: a cache that cannot be read or written only means compiling.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from factories import Project, epoch
from jinja2 import Environment, FileSystemLoader, Template

from netvaerk.text.templating import bytecode_cache


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Jinja's cache lives in the system temp directory: a fresh one per test."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def templates(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return folder


def cached_env(folder: Path, **options: object) -> Environment:
    return bytecode_cache(Environment(loader=FileSystemLoader(folder), **options))  # type: ignore[arg-type]


def never_compiles(env: Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the cache had the template")

    monkeypatch.setattr(env, "compile", compile_)


def cache_files(temp: Path) -> list[Path]:
    return sorted(temp.glob("_jinja2-cache-*/__netvaerk_*.cache"))


def test_a_second_environment_loads_the_compiled_template(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = templates(tmp_path, "<p>{{ name | upper }}{% if n > 1 %} ×{{ n }}{% endif %}</p>")
    first = cached_env(folder).get_template("page.html").render(name="møde", n=3)
    assert first == "<p>MØDE ×3</p>"
    assert len(cache_files(private_tmp)) == 1

    second = cached_env(folder)  # a new build: a new Environment
    never_compiles(second, monkeypatch)
    assert second.get_template("page.html").render(name="møde", n=3) == first


def test_a_changed_template_is_compiled_again(tmp_path: Path, private_tmp: Path) -> None:
    folder = templates(tmp_path, "<p>{{ name }}</p>")
    assert cached_env(folder).get_template("page.html").render(name="a") == "<p>a</p>"
    templates(tmp_path, "<h1>{{ name }}</h1>")
    assert cached_env(folder).get_template("page.html").render(name="a") == "<h1>a</h1>"


def test_environments_that_compile_differently_do_not_share_code(
    tmp_path: Path, private_tmp: Path
) -> None:
    """Jinja's own key is the template's name and file: autoescape, trim_blocks … change the
    code, so they are part of the file name."""
    folder = templates(tmp_path, "{% if x %}\n<b>{{ x }}</b>\n{% endif %}\n")
    plain = cached_env(folder).get_template("page.html").render(x="<i>")
    escaped = cached_env(folder, autoescape=True).get_template("page.html").render(x="<i>")
    trimmed = cached_env(folder, trim_blocks=True).get_template("page.html").render(x="<i>")
    assert plain == "\n<b><i></b>\n"
    assert escaped == "\n<b>&lt;i&gt;</b>\n"
    assert trimmed == "<b><i></b>\n"
    assert len(cache_files(private_tmp)) == 3


def test_a_broken_cache_file_means_compiling(tmp_path: Path, private_tmp: Path) -> None:
    folder = templates(tmp_path, "<p>{{ name }}</p>")
    cached_env(folder).get_template("page.html")
    (cached,) = cache_files(private_tmp)
    for damaged in (b"", cached.read_bytes()[:40], b"not a cache at all"):
        cached.write_bytes(damaged)
        assert cached_env(folder).get_template("page.html").render(name="x") == "<p>x</p>"


def test_no_usable_cache_directory_means_compiling(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = templates(tmp_path, "<p>{{ name }}</p>")
    # Where Jinja's private directory should be, a file: Jinja refuses it as unsafe.
    (private_tmp / f"_jinja2-cache-{os.getuid()}").write_text("", encoding="utf-8")
    env = cached_env(folder)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(name="x") == "<p>x</p>"

    # A cache that cannot be written (the directory went away): the build goes on.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "other"))
    (tmp_path / "other").mkdir()
    env = cached_env(folder)
    assert env.bytecode_cache is not None
    monkeypatch.setattr(env.bytecode_cache, "directory", str(tmp_path / "gone"))
    template: Template = env.get_template("page.html")
    assert template.render(name="y") == "<p>y</p>"


def mkdocs_build(project: Project, site: Path, temp: Path) -> None:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(epoch("2026-11-30")),
        "NO_MKDOCS_2_WARNING": "1",
        "TMPDIR": str(temp),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(project.root / "mkdocs.yml"), "--site-dir", str(site)]
    result = subprocess.run(
        command, cwd=project.root, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.build
def test_a_build_from_the_cache_is_byte_identical(tmp_path: Path) -> None:
    """The first build compiles every template (MkDocs', Material's, ours) and fills the
    cache; the second loads every one of them from it and writes the very same site."""
    project = Project(tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    mkdocs_build(project, tmp_path / "cold", temp)
    filled = {p: p.stat().st_mtime_ns for p in cache_files(temp)}
    assert len(filled) > 20  # Material's templates and partials, the overrides, ours

    mkdocs_build(project, tmp_path / "warm", temp)
    # Jinja writes a template's file only when it had to compile it: none was.
    assert {p: p.stat().st_mtime_ns for p in cache_files(temp)} == filled
    cold, warm = tree(tmp_path / "cold"), tree(tmp_path / "warm")
    assert len(cold) > 10 and "search/search_index.json" in cold
    assert cold == warm
