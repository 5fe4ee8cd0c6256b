"""Which files in ``data/`` and ``docs/`` may be read and published at all.

A symbolic link in ``docs/`` is followed by MkDocs, which copies its target into the site: a
link to a file outside the project (``~/.ssh/id_rsa``, ``/etc/passwd``) would publish it. A
data file that is a link to a device or pipe (``/dev/zero``) would never finish reading. So
links that leave the project are refused, and only regular files of a sane size are read.

Links that stay inside the project are not harmless either. One in ``docs/`` to
``data/members.yaml`` (or to ``.git/config``) would publish contact details that are not public,
so nothing under ``data/`` or a ``.git`` folder may be the target of a link in ``docs/``. And a
link that leads back into a folder that holds it (``ln -s . docs/self``), or links that point at
each other, make MkDocs walk in a circle: refused too.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from netvaerk.content.problems import Problem

MAX_BYTES = 10_000_000  # about 4,000 meetings; a bigger editor's file is a mistake or an attack


def _outside(path: Path, root: Path) -> str | None:
    """The target of ``path`` if it is a link that leads out of ``root``, else None."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # a circle of links: _published_link names it
        return None
    return None if target.is_relative_to(root.resolve()) else str(target)


def _published_link(path: Path, root: Path, private: tuple[Path, ...]) -> Problem | None:
    """Why the link ``path`` in a folder MkDocs publishes must not be followed, or None."""
    if not path.is_symlink():
        return None
    shown = _shown(path, root)
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return Problem(shown, 0, "", _CIRCLE)
    except OSError:  # a link to nothing, or a circle of links (ELOOP)
        if os.path.lexists(path) and not os.path.exists(path) and _loops(path):
            return Problem(shown, 0, "", _CIRCLE)
        return None  # a link to nothing: outside_links reports it as such
    real_root = root.resolve()
    if not target.is_relative_to(real_root):
        return None  # outside the project: _link_problem
    inside = target.relative_to(real_root)
    holds_private = target.is_dir() and (
        (target / ".git").exists() or any(p.resolve().is_relative_to(target) for p in private)
    )
    if (
        ".git" in inside.parts
        or holds_private
        or any(target.is_relative_to(p.resolve()) for p in private)
    ):
        name = inside.as_posix() if inside.parts else "projektets mappe"
        return Problem(
            shown,
            0,
            "",
            f"er en genvej (symlink) til {name}; intet fra data/ eller .git/ må udgives "
            "(data/members.yaml har kontaktoplysninger, som ikke er offentlige); læg en kopi "
            "af det, der skal på nettet, i docs/ i stedet",
        )
    return None


_CIRCLE = (
    "er en genvej (symlink), der fører tilbage til en mappe, den selv ligger i, eller til en "
    "anden genvej, der fører tilbage til den; siden ville blive bygget i ring; slet den"
)


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _link_problem(display: str, target: str) -> Problem:
    return Problem(
        display,
        0,
        "",
        f"er en genvej (symlink) til {target}, uden for projektet; den bliver hverken læst "
        "eller udgivet, for så kunne filer uden for projektet komme på nettet; læg en kopi af "
        "filen i mappen i stedet",
    )


def refusal(file: Path, root: Path | None, display: str) -> Problem | None:
    """Why the editor's file ``file`` (named ``display``) in the project ``root`` may not be
    read, or None. Without ``root`` links are not checked.

    A missing file is no refusal here: the reader says so in its own words.
    """
    for path in (file, *file.parents) if root is not None else ():
        if root is None or path == root or root not in path.parents:
            break
        target = _outside(path, root)
        if target is not None:
            return _link_problem(display if path == file else _shown(path, root), target)
    if not file.exists():
        return _dangling(display) if file.is_symlink() else None
    if not file.is_file():
        return _not_regular(display)
    size = file.stat().st_size
    if size > MAX_BYTES:
        message = (
            f"filen fylder {size:,} byte og må højst fylde {MAX_BYTES:,}; "
            "er der kommet noget andet end tekst i den?"
        ).replace(",", ".")
        return Problem(display, 0, "", message)
    return None


def _dangling(display: str) -> Problem:
    return Problem(display, 0, "", "er en genvej (symlink) til en fil, der ikke findes; slet den")


def _not_regular(display: str) -> Problem:
    return Problem(display, 0, "", "er ikke en almindelig fil; læg en almindelig tekstfil her")


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def outside_links(
    folder: Path, root: Path, private: tuple[Path, ...] | None = None
) -> list[Problem]:
    """Every link under ``folder`` (itself included) that leads out of the project ``root``,
    and every file there that MkDocs could not read: a link to nothing, a pipe or a device.

    ``private``: ``folder`` is published (``docs/``); links into these folders (``data/``), into
    any ``.git`` folder, or round in a circle are refused as well.
    Hidden files and folders are skipped, as MkDocs leaves them out of the site.
    """
    problems: list[Problem] = []
    if not folder.exists():
        return problems
    target = _outside(folder, root)
    if target is not None:
        return [_link_problem(_shown(folder, root), target)]
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted([*dirs, *files]):
            if name.startswith("."):
                continue
            path = here / name
            target = _outside(path, root)
            refused = _published_link(path, root, private) if private is not None else None
            if target is not None:
                problems.append(_link_problem(_shown(path, root), target))
            elif refused is not None:
                problems.append(refused)
            elif name in files and not path.is_file():
                shown = _shown(path, root)
                problems.append(_dangling(shown) if not path.exists() else _not_regular(shown))
            elif name in files and private and (same := _same_file(path, private, root)):
                problems.append(_hard_link(_shown(path, root), same))
    return problems


# MkDocs walks docs/ following links to folders; so many folders through links is a mistake
# (or links that fan out and multiply the walk).
MAX_FOLDERS = 10_000


def circles(folder: Path, root: Path) -> list[Problem]:
    """Links to folders that lead back into a folder that holds them, however many links
    the way round takes (``ln -s . docs/self``; ``a/til-b`` → ``../b`` and ``b/til-a`` →
    ``../a``): MkDocs follows links to folders and would walk in a circle. Walked as MkDocs
    walks, each link that closes a circle named once."""
    problems: dict[str, Problem] = {}
    real_of: dict[str, str] = {str(folder): os.path.realpath(folder)}
    visited = 0
    top = Path(real_of[str(folder)])
    for current, dirs, _ in os.walk(folder, followlinks=True):
        visited += 1
        if visited > MAX_FOLDERS:
            message = (
                f"genveje (symlinks) til mapper gør {_shown(folder, root)}/ til mere end "
                f"{MAX_FOLDERS:,} mapper; slet genvejene"
            ).replace(",", ".")
            return [*problems.values(), Problem(_shown(folder, root), 0, "", message)]
        here = Path(current)
        above = set()
        walk = here
        while str(walk) in real_of:
            above.add(real_of[str(walk)])
            if walk == folder:
                break
            walk = walk.parent
        keep = []
        for name in dirs:
            if name.startswith("."):
                continue
            path = here / name
            real = os.path.realpath(path)
            if not Path(real).is_relative_to(top):
                continue  # out of docs/: refused or harmless (outside_links)
            if real in above:
                where = Path(real_of[str(here)]) / name  # where the link really lies
                shown = _shown(where, root) if where.is_relative_to(root) else _shown(path, root)
                problems.setdefault(shown, Problem(shown, 0, "", _CIRCLE))
                continue
            real_of[str(path)] = real
            keep.append(name)
        dirs[:] = keep
    return list(problems.values())


def _same_file(path: Path, private: tuple[Path, ...], root: Path) -> str | None:
    """The file under a private folder that ``path`` is a hard link to, or None."""
    try:
        info = path.stat()
    except OSError:
        return None
    if info.st_nlink < 2:
        return None
    for folder in private:
        for current, _, names in os.walk(folder):
            for name in names:
                other = Path(current) / name
                if other.is_file() and os.path.samefile(other, path):
                    return _shown(other, root)
    return None


def _hard_link(shown: str, other: str) -> Problem:
    return Problem(
        shown,
        0,
        "",
        f"er den samme fil som {other} (en hård genvej); intet fra data/ eller .git/ må "
        "udgives; læg en kopi af det, der skal på nettet, i docs/ i stedet",
    )
