"""The few GitHub REST calls the publishing workflow makes, with the job's own token.

The workflow's unattended duties (keeping its daily schedule enabled, telling the editors in
an issue when a build fails) are Python so that tests can run them without GitHub: the
calls go through a ``Transport``, which tests replace, and ``HttpTransport`` is plain
``urllib`` against ``GITHUB_API_URL`` (a local server in the tests). Only the standard
library, so the keep-alive runs on the runner's own Python before anything is installed.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

API_VERSION = "2022-11-28"  # GitHub's REST API version header


class GitHubError(Exception):
    """A call that GitHub answered with an error status (or that never reached it)."""


class Transport(Protocol):
    def __call__(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        """Send one request; return the decoded JSON answer (None when there is none)."""


@dataclass(frozen=True)
class HttpTransport:
    """Requests to GitHub's REST API, authenticated with a token (the job's GITHUB_TOKEN)."""

    api_url: str
    token: str
    timeout: float = 30.0

    def __call__(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.api_url.rstrip("/") + path,
            data=data,
            method=method,
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": API_VERSION,
                "Content-Type": "application/json",
                "User-Agent": "netvaerk-site-workflow",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise GitHubError(f"{method} {path}: HTTP {exc.code}: {detail}") from exc
        except urllib.error.URLError as exc:
            raise GitHubError(f"{method} {path}: {exc.reason}") from exc
        return json.loads(raw) if raw.strip() else None


def from_environment(environ: Mapping[str, str] = os.environ) -> tuple[HttpTransport, str]:
    """The transport and ``owner/name`` of the repository a workflow job runs in."""
    missing = [n for n in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not environ.get(n)]
    if missing:
        raise GitHubError(f"missing environment: {', '.join(missing)} (set by the workflow)")
    api_url = environ.get("GITHUB_API_URL") or "https://api.github.com"
    return HttpTransport(api_url, environ["GITHUB_TOKEN"]), environ["GITHUB_REPOSITORY"]
