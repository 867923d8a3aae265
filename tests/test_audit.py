"""The dependency audit (.ci/audit.py) against a fake PyPI: what it reports and when it fails."""

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "ci_audit", Path(__file__).resolve().parents[1] / ".ci" / "audit.py")
assert _spec is not None
assert _spec.loader is not None
ci_audit = sys.modules["ci_audit"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ci_audit)

ADVISORY = {"id": "PYSEC-2026-1", "aliases": ["CVE-2026-0001"], "fixed_in": ["2.0.1"],
            "withdrawn": None}
PYPI = {  # a mirror that serves only project documents, as on this build machine
    "https://pypi.org/pypi/pip/json": {"info": {"version": "26.0"}},
    "https://pypi.org/pypi/safe/json": {"info": {"version": "1.0"}, "vulnerabilities": []},
    "https://pypi.org/pypi/bad/json": {"info": {"version": "2.0"},
                                       "vulnerabilities": [ADVISORY]},
    "https://pypi.org/pypi/old/json": {"info": {"version": "9.0"}, "vulnerabilities": []},
    "https://pypi.org/pypi/gone/json": {"info": {"version": "1.0"}, "vulnerabilities": [
        {**ADVISORY, "withdrawn": "2026-01-01"}]},
}


def _run(tmp_path, lock, pypi):
    path = tmp_path / "requirements.lock"
    path.write_text(lock)
    return ci_audit.main(str(path), fetch=pypi.get)


def test_a_vulnerable_pin_fails_the_run_and_names_the_fix(tmp_path, capsys):
    assert _run(tmp_path, "# comment\nsafe==1.0\nbad==2.0 ; python_version>'3'\n", PYPI) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE bad==2.0: PYSEC-2026-1 (CVE-2026-0001) fixed in 2.0.1" in out
    assert "2 of 2 pinned packages checked, 1 known vulnerabilities" in out


def test_an_older_pin_is_not_counted_as_audited_and_withdrawn_advisories_are_ignored(
        tmp_path, capsys):
    assert _run(tmp_path, "old==1.0\ngone==1.0\n", PYPI) == 0
    out = capsys.readouterr().out
    assert "not audited old==1.0 (latest 9.0" in out
    assert "1 of 2 pinned packages checked, 0 known vulnerabilities" in out


def test_the_per_release_document_is_used_where_it_is_served(tmp_path, capsys):
    full = {**PYPI, "https://pypi.org/pypi/old/1.0/json": {"info": {"version": "1.0"},
                                                           "vulnerabilities": [ADVISORY]}}
    assert _run(tmp_path, "old==1.0\n", full) == 1
    assert "VULNERABLE old==1.0" in capsys.readouterr().out


def test_no_network_skips_and_says_so(tmp_path, capsys):
    def offline(url):
        raise OSError("no route to host")

    (tmp_path / "requirements.lock").write_text("safe==1.0\n")
    assert ci_audit.main(str(tmp_path / "requirements.lock"), fetch=offline) == 0
    assert "audit SKIPPED" in capsys.readouterr().out


@pytest.mark.parametrize("line", ["", "# only a comment", "-e .", "pkg>=1"])
def test_lines_without_an_exact_pin_are_not_pins(line):
    assert ci_audit.pins(line) == []
