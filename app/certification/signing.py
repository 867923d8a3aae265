"""Ed25519 signing of certificate payloads; the public key is published for offline checks."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(payload: dict[str, Any]) -> str:
    """Compact JSON with sorted keys: the exact bytes that are signed."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The platform key, generated on first use (file mode 600)."""
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 private key")
        return key
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:  # exclusive create: two workers starting at once end up with the same key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return load_or_create_key(path)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_pem(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def sign(key: Ed25519PrivateKey, text: str) -> str:
    return b64(key.sign(text.encode("utf-8")))


def verify(public_key_pem: str, text: str, signature: str) -> bool:
    """True when the signature over text is valid for this public key."""
    key = serialization.load_pem_public_key(public_key_pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        return False
    try:
        key.verify(unb64(signature), text.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return True


def qr_text(verify_url: str, payload: str, signature: str) -> str:
    """What the QR code carries: the verify URL, then the signed payload after '#'."""
    return f"{verify_url}#{b64(payload.encode('utf-8'))}.{signature}"


def split_qr_text(text: str) -> tuple[str, str, str]:
    """(verify url, payload, signature) from a scanned QR text; ValueError if malformed."""
    url, _sep, fragment = text.strip().partition("#")
    encoded, _dot, signature = fragment.partition(".")
    if not encoded or not signature:
        raise ValueError("the QR text has no signed payload")
    return url, unb64(encoded).decode("utf-8"), signature
