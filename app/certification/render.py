"""The certificate PDF: a Jinja template in certificates/, WeasyPrint, Sarabun, a QR code.

PDFs are cached on disk under a name that includes a hash of the template and stylesheet,
so a changed template regenerates them."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import segno
from flask import current_app
from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.certification import signing
from app.certification.models import Certificate
from app.dates import thai_date
from app.pdf import render_pdf
from app.subsystems import SYSTEM_NAMES
from app.web import public_url

LEVEL_TH = {1: "ระดับพื้นฐาน", 2: "ระดับปฏิบัติงานได้ด้วยตนเอง", 3: "ระดับชำนาญ"}


def _folder() -> Path:
    return Path(current_app.config["CONTENT_ROOT"]) / "certificates"


@lru_cache(maxsize=2)
def _environment(folder: str) -> Environment:
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html"]))


def template_hash() -> str:
    digest = hashlib.sha256()
    for name in ("certificate.html", "certificate.css"):
        digest.update((_folder() / name).read_bytes())
    return digest.hexdigest()[:12]


def qr_image(text: str) -> str:
    """An <img> with the QR code as a one-pixel-per-module PNG, scaled up crisply by CSS.
    A fixed mask pattern (valid for every reader) skips segno's slow search for the best
    one: about 7 ms instead of 26 ms per code."""
    uri = segno.make(text, error="m", mask=2).png_data_uri(scale=1, border=4,
                                                            dark="#1b2a4a")
    return f'<img class="qr-code" alt="QR" src="{uri}">'



def build_html(cert: Certificate, thai_digits: bool = False) -> str:
    verify_url = public_url("certification.verify_page", code=cert.code)
    return _environment(str(_folder())).get_template("certificate.html").render(
        cert=cert, system=SYSTEM_NAMES.get(cert.subsystem, cert.subsystem),
        level=LEVEL_TH.get(cert.level, str(cert.level)),
        issued=thai_date(cert.issued_on, thai_digits=thai_digits),
        expires=thai_date(cert.expires_on, thai_digits=thai_digits),
        qr=qr_image(signing.qr_text(verify_url, cert.payload, cert.signature)),
        verify_url=verify_url)


def pdf_bytes(cert: Certificate, thai_digits: bool = False) -> bytes:
    """The certificate PDF, from the cache when the template has not changed."""
    cache = Path(current_app.config.get("CERT_CACHE_DIR") or
                 Path(current_app.instance_path) / "certificate-cache")
    # the random code makes the name unique to this certificate, even across databases
    name = f"{cert.serial}-{cert.code}-{'th' if thai_digits else 'ar'}-{template_hash()}.pdf"
    path = cache / name
    if path.exists():
        return path.read_bytes()
    css = (_folder() / "certificate.css").read_text("utf-8")
    data = render_pdf(build_html(cert, thai_digits), css)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # atomic: a reader never sees half a file
    return data
