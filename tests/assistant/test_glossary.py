"""The FAQ assistant answers from the glossaries too (issue 17)."""

from pathlib import Path

from app.content.glossary import read_glossaries
from tests.conftest import token

ROOT = Path(__file__).resolve().parents[2]


def _thai_term(code):
    return next(t for t in read_glossaries(ROOT / "courses")[code]
                if any("\u0e01" <= ch <= "\u0e2e" for ch in t.th))


def test_the_assistant_finds_a_glossary_term(client, world):
    term = _thai_term("e-laas")
    body = client.post("/api/v1/assistant/ask", headers=token(client, "officer.a"),
                       json={"question": f"{term.th} ({term.en}) ใน e-LAAS หมายถึงอะไร"}).get_json()
    assert any(a.get("kind") == "glossary" and "/glossary/e-laas" in a["link"]
               for a in body["answers"])
