"""A case's letter as PDF, for whoever may read it (checked per case in workflows)."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, send_file
from werkzeug.wrappers import Response

from web.transactions import read
from workflows import letters

bp = Blueprint("letters", __name__, url_prefix="/zaken")


@bp.get("/<id:case_id>/brieven/<id:letter_id>")
def download(case_id: int, letter_id: int) -> Response:
    found = read(letters.letter_pdf, case_id=case_id, letter_id=letter_id)
    return send_file(BytesIO(found.content), mimetype=found.content_type,
                     download_name=found.filename, as_attachment=True, max_age=0)
