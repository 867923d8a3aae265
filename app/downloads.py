"""File responses: exports download as attachments, certificates open inline."""

from __future__ import annotations

from flask import Response


def file_response(data: bytes | str, mimetype: str, filename: str,
                  inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})
