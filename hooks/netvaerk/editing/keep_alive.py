"""Keep the daily rebuild's schedule alive in a repository that sees no commits for months.

GitHub disables the scheduled workflows of a public repository after 60 days without
repository activity, and a disabled deploy workflow means »kommende møder« goes stale and
dated news is never published, without a word. Every run of the deploy workflow therefore
enables itself again through the REST API (``PUT …/actions/workflows/{file}/enable``, the
job's token with ``actions: write``): a call that changes nothing while the workflow is
enabled, and that counts as activity, so the 60 days never run out. No commit is made.

    python3 -m netvaerk.editing.keep_alive deploy.yml   (PYTHONPATH=hooks, in the workflow)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from netvaerk.editing.github_api import GitHubError, Transport, from_environment


def enable_path(repository: str, workflow_file: str) -> str:
    """The REST path that enables a workflow given by its file name in .github/workflows/."""
    if "/" in workflow_file or not workflow_file.endswith((".yml", ".yaml")):
        raise ValueError(f"a workflow file name in .github/workflows/, not {workflow_file!r}")
    return f"/repos/{repository}/actions/workflows/{quote(workflow_file)}/enable"


def keep_enabled(transport: Transport, repository: str, workflow_file: str) -> None:
    transport("PUT", enable_path(repository, workflow_file))


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m netvaerk.editing.keep_alive",
        description="Enable a workflow again so GitHub never turns off its schedule.",
    )
    parser.add_argument("workflow_file", help="file name in .github/workflows/, e.g. deploy.yml")
    args = parser.parse_args(argv)
    try:
        transport, repository = from_environment(environ)
        keep_enabled(transport, repository, args.workflow_file)
    except (GitHubError, ValueError) as exc:
        print(f"keep-alive failed: {exc}", file=sys.stderr)
        return 1
    print(f"{repository}: {args.workflow_file} is enabled; its schedule stays on.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
