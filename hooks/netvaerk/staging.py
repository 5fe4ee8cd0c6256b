"""Build into a fresh directory; replace the last good site only when the whole build succeeded.

MkDocs empties ``site_dir`` at the start of a build, so anything that fails later (a Markdown
recursion, a file collision, a strict-mode warning, which aborts only after ``on_post_build``)
used to leave a half or empty site behind, and ``mkdocs serve`` served it. Checking more up
front closes the cases one knows; this closes all of them by construction: the glue points
``site_dir`` at a fresh directory beside the real one (``begin``), and only when the build has
got through ``on_post_build`` with no warning counted does it swap the new directory in
(``publish``). Any other ending throws the new directory away (``discard``) and the last good
site is untouched, byte for byte.

The swap is two renames in one directory (the same file system, so each is atomic): the old
site aside, the new one into place, then the old one removed. A process killed between the two
renames leaves ``site/`` missing and the old site beside it under a name with the dead
process's id; the next build puts it back (``recover``) before anything else. Directories left
by dead processes are removed (``sweep``); those of a build still running are left alone.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from enum import Enum
from pathlib import Path
from typing import NamedTuple

# `.site.ny-<pid>-<random>`: a build in progress; `.site.gammel-<pid>-<random>`: the old site
# between the two renames of a swap.
NEW = "ny"
OLD = "gammel"
_LEFTOVER = re.compile(rf"\.(?P<name>.+)\.(?P<kind>{NEW}|{OLD})-(?P<pid>\d+)-[^/]+")


class StagingError(OSError):
    """The new site could not be put in place; the message is Danish. The old site stays."""


class Stage(NamedTuple):
    """One build's fresh output directory and the site directory it is meant to replace."""

    target: Path
    path: Path


def _temp_dir(target: Path, kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-{os.getpid()}-", dir=target.parent))


def begin(target: Path, *, keep_existing: bool = False) -> Stage:
    """A fresh, empty directory beside ``target`` for the build to write into.

    ``keep_existing`` (a ``--dirty`` build, which rewrites only changed pages) starts it as a
    copy of the current site, modification times kept, so the result is still complete.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    sweep(target)
    path = _temp_dir(target, NEW)
    if keep_existing and target.is_dir():
        shutil.copytree(target, path, symlinks=True, dirs_exist_ok=True)
    return Stage(target=target, path=path)


def publish(stage: Stage) -> None:
    """Put the finished build in place of the old site (two atomic renames), then remove the old.

    Raises ``StagingError`` if the new site cannot be moved in; the old one is then restored.
    """
    target = stage.target
    old: Path | None = None
    if target.exists() or target.is_symlink():
        old = _temp_dir(target, OLD)
        try:
            os.replace(target, old / target.name)
        except OSError as exc:
            shutil.rmtree(old, ignore_errors=True)
            discard(stage)
            raise StagingError(
                f"{target}: den gamle side kunne ikke flyttes til side ({exc.strerror}); "
                "den er ikke rørt, og den nye er kasseret"
            ) from None
    try:
        os.replace(stage.path, target)
    except OSError as exc:
        if old is not None:
            os.replace(old / target.name, target)
            shutil.rmtree(old, ignore_errors=True)
        discard(stage)
        raise StagingError(
            f"{target}: den nye side kunne ikke lægges på plads ({exc.strerror}); "
            "den gamle er lagt tilbage"
        ) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(stage: Stage) -> None:
    """Throw a build's output away (a failed build): the old site is left as it was."""
    shutil.rmtree(stage.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _leftovers(target: Path, kind: str) -> list[Path]:
    """Directories of dead processes beside ``target`` of one kind, newest first."""
    found = []
    if not target.parent.is_dir():
        return []
    for entry in target.parent.iterdir():
        match = _LEFTOVER.fullmatch(entry.name)
        if (
            match
            and match["name"] == target.name
            and match["kind"] == kind
            and not _alive(int(match["pid"]))
        ):
            found.append(entry)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def recover(target: Path) -> bool:
    """Put back an old site that a killed process left between the two renames of a swap."""
    if target.exists() or target.is_symlink():
        return False
    for old in _leftovers(target, OLD):
        inner = old / target.name
        if inner.exists() or inner.is_symlink():
            os.replace(inner, target)
            return True
    return False


def sweep(target: Path) -> list[Path]:
    """Remove unfinished builds and old sites left beside ``target`` by processes now dead."""
    removed = [*_leftovers(target, NEW), *_leftovers(target, OLD)]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


# What `mkdocs serve` says after a failed rebuild: the last good pages are still served.
REBUILD_HINT = (
    "Forhåndsvisningen viser stadig den sidste gode udgave. Ret fejlen og gem filen, "
    "så bygges siden igen."
)
_STRICT_ABORT = r"Aborted with (\d+) warnings in strict mode!"  # compiled when a build fails


def failure(exc: BaseException) -> str:
    """What stopped a build, in one line (the engine has logged the problems themselves)."""
    text = str(exc).strip() or type(exc).__name__
    strict = re.fullmatch(_STRICT_ABORT, text)
    if strict is not None:
        return f"{strict[1]} advarsel(er) ovenfor (--strict)"
    if isinstance(exc, SystemExit):
        return "fejlen ovenfor"
    return f"{type(exc).__name__}: {text}"


# --- what the glue says and does at each ending (hooks/build_output.py maps MkDocs onto these)


def data_stopped(problems: str, *, serving: bool) -> str:
    """The error that stops a build on bad data; under ``mkdocs serve`` with the hint that the
    last good pages are still served."""
    return f"{problems}\n{REBUILD_HINT}" if serving else problems


def rebuild_stopped(exc: BaseException) -> tuple[int, str]:
    """Level and message for a rebuild of ``mkdocs serve`` that failed for any reason but bad
    data (which ``data_stopped`` has reported already)."""
    return logging.ERROR, f"Genopbygningen stoppede: {failure(exc)}\n{REBUILD_HINT}"


def cannot_begin(site_dir: str, exc: OSError) -> str:
    """No fresh directory could be made beside ``site_dir`` (``begin`` failed)."""
    return f"{site_dir}: kan ikke lave en ny mappe at bygge i ({exc.strerror})"


class Ending(Enum):
    """What becomes of a finished build's new directory."""

    PUBLISH = "publish"  # no warning counted: it replaces the old site
    DISCARD = "discard"  # strict mode counted warnings and will abort the build: thrown away
    UNKNOWN = "unknown"  # the engine's warning counter was not found: thrown away, and say so


def ending(warnings: int | None) -> Ending:
    """The fate of the new directory from the warnings counted in a strict build (0 when the
    build is not strict; None when the counter could not be found)."""
    if warnings is None:
        return Ending.UNKNOWN
    return Ending.PUBLISH if warnings == 0 else Ending.DISCARD


def unknown_warnings(stage: Stage) -> str:
    """The error for ``Ending.UNKNOWN``: nobody can tell whether the build succeeded."""
    return f"kan ikke se, om bygningen gav advarsler (--strict): {stage.target} er ikke skiftet ud"
