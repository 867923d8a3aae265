"""Thai 13-digit national ID: check digit, keyed hash, masked display (PDPA: keep little)."""

from __future__ import annotations

import hashlib
import hmac
import re

from app.errors import N_

_DIGITS = re.compile(r"^\d{13}$")


def normalize(raw: str) -> str:
    """Drop the spaces and dashes people type between groups."""
    return re.sub(r"[\s-]", "", raw or "")


def is_valid(raw: str) -> bool:
    """True when 13 digits, first digit not 0 or 9, and the check digit matches."""
    nid = normalize(raw)
    if not _DIGITS.match(nid) or nid[0] in "09":
        return False
    total = sum(int(nid[i]) * (13 - i) for i in range(12))
    return (11 - total % 11) % 10 == int(nid[12])


def problem(raw: str) -> tuple[str, dict[str, int]] | None:
    """What is wrong with a typed ID, as a message id and its values (for gettext), or None:
    the count of digits when it is not 13 of them, else the check digit. The import and the
    transfer form say it alike."""
    if is_valid(raw):
        return None
    nid = normalize(raw)
    if not _DIGITS.match(nid):
        return (N_("Type the 13 digits of the national ID (%(count)d digits now)."),
                {"count": sum(c.isdigit() for c in nid)})
    return N_("The 13-digit number is not right: check the last digit again."), {}


def keyed_hash(raw: str, key: str) -> str:
    """HMAC-SHA256 of the normalised ID; the ID itself is never stored."""
    return hmac.new(key.encode(), normalize(raw).encode(), hashlib.sha256).hexdigest()


def last4(raw: str) -> str:
    return normalize(raw)[-4:]


def masked(last_four: str | None) -> str:
    """Display form x-xxxx-xxxxx-63-5 from the stored last four digits."""
    if not last_four or len(last_four) != 4:
        return "x-xxxx-xxxxx-xx-x"
    return f"x-xxxx-xxxxx-{last_four[1:3]}-{last_four[3]}"
