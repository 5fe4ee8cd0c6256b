"""``make audit``: known vulnerabilities in every locked package, or a plain »not scanned«.

The scanners are the ecosystems' own: pip-audit on both Python lock files (PyPI's advisory
data, by the exact pinned versions and hashes, nothing installed) and ``npm audit`` in each
npm folder (``admin/``, ``tests/js/``). Each needs its service on the network, and each can
fail quietly: pip-audit reports »No known vulnerabilities found« when it could look up none
of the packages, and ``npm audit`` fails with an HTTP error as if something were wrong with
the project. So each result is read here, and one of three things is said per scan:

- ``ok``: scanned, nothing known;
- ``vulnerable``: the advisories found, with the packages;
- ``not scanned``: the service could not be reached (or answered no package), said plainly.

Exit status 0 only when every scan ran and found nothing; 1 when something was found; 2 when
a scan could not run (a scan that did not happen is not a pass).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Status = Literal["ok", "vulnerable", "not scanned"]
LOCKS = ("requirements.txt", "requirements-dev.txt")
NPM_FOLDERS = ("admin", "tests/js")


@dataclass(frozen=True)
class Scan:
    name: str
    status: Status
    findings: list[str] = field(default_factory=list)
    note: str = ""

    def __str__(self) -> str:
        head = f"{self.name}: {self.status.upper()}"
        if self.note:
            head += f" – {self.note}"
        return "\n".join([head, *(f"    {finding}" for finding in self.findings)])


def _fixes(vulnerability: dict[str, Any]) -> str:
    return ", ".join(vulnerability.get("fix_versions") or []) or "no release yet"


def read_pip_audit(name: str, output: str) -> Scan:
    """pip-audit's JSON (``-f json``): every dependency, with its vulnerabilities or the
    reason it was skipped (»could not be audited« when the service gave no answer)."""
    try:
        report: dict[str, Any] = json.loads(output)
    except json.JSONDecodeError:
        return Scan(name, "not scanned", note="pip-audit gave no report: " + output[-300:])
    deps = report.get("dependencies", [])
    skipped = [d for d in deps if d.get("skip_reason")]
    findings = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {_fixes(v)})"
        for d in deps
        for v in d.get("vulns", [])
    ]
    if findings:
        note = f"{len(findings)} known vulnerabilities"
        if skipped:
            note += f"; {len(skipped)} of {len(deps)} packages could not be looked up"
        return Scan(name, "vulnerable", findings, note)
    if not deps or skipped:
        return Scan(
            name,
            "not scanned",
            [f"{d['name']}: {d['skip_reason']}" for d in skipped[:3]],
            f"{len(skipped)} of {len(deps)} packages could not be looked up: the vulnerability "
            "service is not reachable from this network",
        )
    return Scan(name, "ok", note=f"no known vulnerabilities in {len(deps)} packages")


def read_npm_audit(name: str, output: str) -> Scan:
    """``npm audit --json``: a report (``auditReportVersion``) or the registry's error."""
    try:
        report: dict[str, Any] = json.loads(output)
    except json.JSONDecodeError:
        return Scan(name, "not scanned", note="npm audit gave no report: " + output[-300:])
    if "auditReportVersion" not in report:
        reason = report.get("message") or report.get("error", {}).get("summary") or "no report"
        return Scan(
            name,
            "not scanned",
            note=f"the registry's audit service is not reachable from this network ({reason})",
        )
    vulnerabilities: dict[str, Any] = report.get("vulnerabilities", {})
    findings = []
    for package, info in sorted(vulnerabilities.items()):
        advisories = [v["url"] for v in info.get("via", []) if isinstance(v, dict) and "url" in v]
        via = ", ".join(advisories) or "via " + ", ".join(str(v) for v in info.get("via", []))
        findings.append(f"{package} ({info.get('severity', '?')}): {via}")
    if findings:
        return Scan(name, "vulnerable", findings, f"{len(findings)} vulnerable packages")
    total = report.get("metadata", {}).get("dependencies", {}).get("total", "?")
    return Scan(name, "ok", note=f"no known vulnerabilities in {total} packages")


def exit_status(scans: Sequence[Scan]) -> int:
    if any(scan.status == "vulnerable" for scan in scans):
        return 1
    if any(scan.status == "not scanned" for scan in scans):
        return 2
    return 0


def run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return done.stdout or done.stderr


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".")
    pip_audit = Path(sys.executable).parent / "pip-audit"
    scans = []
    for lock in LOCKS:
        command = [str(pip_audit), "--disable-pip", "--require-hashes", "-r", lock, "-f", "json"]
        scans.append(read_pip_audit(f"pip-audit {lock}", run(command, root)))
    for folder in NPM_FOLDERS:
        output = run(["npm", "audit", "--json"], root / folder)
        scans.append(read_npm_audit(f"npm audit {folder}/", output))
    for scan in scans:
        print(scan)
    status = exit_status(scans)
    if status == 2:
        print(
            "\nNOT A PASS: a scan could not run here (no access to the vulnerability services). "
            "Run `make audit` where the network allows it; CI on GitHub does."
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
