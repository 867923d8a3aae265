"""Known vulnerabilities in the locked dependencies (`make audit`, run by CI).

PyPI's advisory data (the same data pip-audit reads) is asked per pinned release at
/pypi/<name>/<version>/json. Where only the project document /pypi/<name>/json is served
(the package mirror of the build machine), its `vulnerabilities` belong to the latest
release, so they answer for a pin exactly when the pin is that release; any other pin is
listed as not audited. A vulnerability fails the run; no answer at all skips it, saying so.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PYPI = "https://pypi.org/pypi"
Fetch = Callable[[str], "dict[str, Any] | None"]


def fetch_json(url: str) -> dict[str, Any] | None:
    """The JSON document at url; None when the server says it has none (404)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (fixed https host)
            return json.load(response)  # type: ignore[no-any-return]
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def pins(lock: str) -> list[tuple[str, str]]:
    found = []
    for line in lock.splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found.append((name.strip(), version.strip()))
    return found


@dataclass
class Report:
    vulnerable: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    audited: int = 0


def _advisories(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in document.get("vulnerabilities") or [] if not v.get("withdrawn")]


def _one(name: str, version: str, fetch: Fetch) -> tuple[list[str], str | None]:
    """(vulnerabilities, None) for an audited pin; ([], why) for one that could not be."""
    try:
        document = fetch(f"{PYPI}/{name}/{version}/json")
        if document is None:
            project = fetch(f"{PYPI}/{name}/json")
            latest = (project or {}).get("info", {}).get("version")
            if project is None or latest != version:
                return [], (f"{name}=={version} (latest {latest or '?'}: "
                            "no advisory data for this release here)")
            document = project
    except OSError as exc:
        return [], f"{name}=={version} ({exc})"
    return [f"{name}=={version}: {advisory.get('id')} "
            f"({', '.join(advisory.get('aliases') or [])}) fixed in "
            f"{', '.join(advisory.get('fixed_in') or []) or 'no release yet'}"
            for advisory in _advisories(document)], None


def audit(locked: list[tuple[str, str]], fetch: Fetch) -> Report:
    report = Report()
    with ThreadPoolExecutor(max_workers=8) as pool:
        for found, why in pool.map(lambda pin: _one(*pin, fetch), locked):
            if why is not None:
                report.unaudited.append(why)
            else:
                report.audited += 1
                report.vulnerable.extend(found)
    return report


def main(lock_path: str = "requirements.lock", fetch: Fetch = fetch_json) -> int:
    locked = pins(Path(lock_path).read_text("utf-8"))
    try:
        fetch(f"{PYPI}/pip/json")
    except (OSError, urllib.error.URLError) as exc:
        print(f"audit SKIPPED: PyPI's advisory data is not reachable here ({exc})")
        return 0
    report = audit(locked, fetch)
    for line in report.vulnerable:
        print(f"VULNERABLE {line}")
    for line in report.unaudited:
        print(f"not audited {line}")
    print(f"audit: {report.audited} of {len(locked)} pinned packages checked, "
          f"{len(report.vulnerable)} known vulnerabilities")
    return 1 if report.vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
