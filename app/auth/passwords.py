"""Password hashing (argon2id) and the strength rule for new passwords."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# a real hash to verify against when the username is unknown, so timing does not tell
_DUMMY_HASH = _hasher.hash("not-a-real-password-0")

MIN_LENGTH = 10
_COMMON = {
    "password123", "1234567890", "qwertyuiop", "password1234", "0123456789",
    "abcdefghij", "1111111111", "admin12345", "welcome123", "abc1234567",
    "password12", "iloveyou12", "qwerty1234", "1q2w3e4r5t",
}


def configure(fast: bool) -> None:
    """Use cheap parameters in tests; the production defaults otherwise."""
    global _hasher, _DUMMY_HASH
    _hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1) if fast else (
        PasswordHasher()
    )
    _DUMMY_HASH = _hasher.hash("not-a-real-password-0")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Check a password; an unknown user still costs one verification."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, username: str = "") -> list[str]:
    """Codes of every rule a new password breaks; empty when it is acceptable."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append("too_short")
    if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
        problems.append("needs_letter_and_digit")
    if username and len(username) >= 3 and username.lower() in password.lower():
        problems.append("contains_username")
    if password.lower() in _COMMON or len(set(password)) <= 2:
        problems.append("too_common")
    return problems
