"""``make audit`` (issue 19): what each scanner's report means, said plainly.

The scanners' JSON is written here in their documented shapes (pip-audit ``-f json``,
``npm audit --json`` report version 2, and the error npm prints when the registry refuses the
audit call, as it does on this network). The point under test is the reading: a report in
which no package could be looked up is »not scanned«, never »no known vulnerabilities«.
"""

from __future__ import annotations

import json

from netvaerk.audit import Scan, exit_status, read_npm_audit, read_pip_audit


def pip_report(*deps: dict[str, object]) -> str:
    return json.dumps({"dependencies": list(deps), "fixes": []})


SKIPPED = "Dependency not found on PyPI and could not be audited: babel (2.19.0)"


def test_pip_audit_without_the_service_is_not_a_pass() -> None:
    """pip-audit itself says »No known vulnerabilities found« and exits 0 here."""
    scan = read_pip_audit(
        "pip-audit requirements.txt",
        pip_report(
            {"name": "babel", "skip_reason": SKIPPED},
            {"name": "jinja2", "skip_reason": SKIPPED.replace("babel", "jinja2")},
        ),
    )
    assert scan.status == "not scanned"
    assert "2 of 2 packages could not be looked up" in scan.note
    assert "not reachable from this network" in scan.note
    assert exit_status([scan]) == 2


def test_pip_audit_findings_name_package_advisory_and_fix() -> None:
    scan = read_pip_audit(
        "pip-audit requirements.txt",
        pip_report(
            {"name": "babel", "version": "2.19.0", "vulns": []},
            {
                "name": "jinja2",
                "version": "3.1.4",
                "vulns": [{"id": "GHSA-q2x7-8rv6-6q7h", "fix_versions": ["3.1.5"]}],
            },
        ),
    )
    assert scan.status == "vulnerable"
    assert scan.findings == ["jinja2 3.1.4: GHSA-q2x7-8rv6-6q7h (fixed in 3.1.5)"]
    assert exit_status([scan]) == 1


def test_pip_audit_clean_report() -> None:
    scan = read_pip_audit("p", pip_report({"name": "babel", "version": "2.19.0", "vulns": []}))
    assert (scan.status, scan.note) == ("ok", "no known vulnerabilities in 1 packages")
    assert exit_status([scan]) == 0


def test_pip_audit_that_crashed_is_not_a_pass() -> None:
    scan = read_pip_audit("p", "Traceback (most recent call last): ConnectionError")
    assert scan.status == "not scanned" and "ConnectionError" in scan.note


def test_npm_audit_refused_by_the_registry_is_not_a_pass() -> None:
    refused = {
        "message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
        "statusCode": 405,
        "error": {"summary": "", "detail": ""},
    }
    scan = read_npm_audit("npm audit admin/", json.dumps(refused))
    assert scan.status == "not scanned"
    assert "405 Method Not Allowed" in scan.note
    assert str(scan).startswith("npm audit admin/: NOT SCANNED – the registry's audit service")


def test_npm_audit_findings_name_the_advisory_and_the_chain() -> None:
    report = {
        "auditReportVersion": 2,
        "vulnerabilities": {
            "trim": {
                "name": "trim",
                "severity": "high",
                "via": [
                    {
                        "source": 1095102,
                        "name": "trim",
                        "title": "Regular Expression Denial of Service in trim",
                        "url": "https://github.com/advisories/GHSA-w5p7-h5w8-2hfq",
                        "severity": "high",
                    }
                ],
            },
            "remark-parse": {"name": "remark-parse", "severity": "high", "via": ["trim"]},
        },
        "metadata": {"dependencies": {"total": 1500}},
    }
    scan = read_npm_audit("npm audit admin/", json.dumps(report))
    assert scan.status == "vulnerable"
    assert scan.findings == [
        "remark-parse (high): via trim",
        "trim (high): https://github.com/advisories/GHSA-w5p7-h5w8-2hfq",
    ]


def test_one_scan_missing_makes_the_whole_audit_not_a_pass() -> None:
    ok = Scan("a", "ok")
    assert exit_status([ok, Scan("b", "not scanned")]) == 2
    assert exit_status([ok, Scan("b", "not scanned"), Scan("c", "vulnerable")]) == 1
    assert exit_status([ok, ok]) == 0
