"""Letters of the admission procedure: Dutch HTML templates rendered to PDF.

Pure: data in, bytes out; no database, no engine, no web (an import contract). The
handler `handlers.letters.send_letter` gathers the data, stores the PDF with its sha256
and queues the mail; this package only writes. Every kind takes the common data

    reference     the case reference ("TW-2026-00012")
    date          the letter's date (ISO)
    legal_model   "awb" or "civil": the legal articles and the remedy clause follow it
    region        {"name": ..., "municipalities": [names]}: the letterhead
    addressee     {"name": ..., "email": ..., "kvk": ..., "agb": ...}
    subsegments   [{"code", "name", "municipalities": [names], "outcome" (decision only)}]

and per kind (a missing value fails the render, so no letter leaves without its parts):

    supplement_request     missing_items [str], supplement_last_day, received_on
    lbb_notice             lbb_requested_on, lbb_last_day, lbb_extended
    lbb_request            lbb_requested_on, lbb_last_day, lbb_motivation, contact
                           (to the Landelijk Bureau Bibob, which has no account here)
    views_request          intended_outcome, intended_reasons, views_last_day
    decision               outcome, motivation, decided_on, objection_last_day,
                           contracts [{"subsegment", "starts_on", "ends_on"}]
    objection_receipt      lodged_on, decision_last_day, model (as below)
    objection_decision     upheld (bool), reasons (str), model ("awb"|"civil", else the
                           case's legal_model); for the objection (Awb) or complaint (civil)
    withdrawal_confirmation  withdrawn_on, reason
    bridging_start         bridging_start, bridging_last_day, clients, subsegment
    bridging_reminder      bridging_last_day, clients_remaining, subsegment
"""

from letters.dates import dutch_date, dutch_long_date
from letters.mail import MailText, letter_mail, mail_text
from letters.render import KINDS, SUBJECTS, file_name, render_html, render_pdf, subject

__all__ = ["KINDS", "SUBJECTS", "MailText", "dutch_date", "dutch_long_date", "letter_mail",
           "file_name", "mail_text", "render_html", "render_pdf", "subject"]
