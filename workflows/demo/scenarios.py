"""The demo cases: every end state and every open phase, each a short story in days ago."""

from __future__ import annotations

from datetime import timedelta

from workflows import bridging, objections
from workflows.actors import SYSTEM
from workflows.demo import teams
from workflows.demo.steps import Demo

WINDOW = ["ambulant_begeleiding", "ambulant_behandeling", "wonen_gezinshuis",
          "verblijf_behandelgroep", "wonen_pleegzorg"]
BEG, BEH, GEZ = "ambulant_begeleiding", "ambulant_behandeling", "wonen_gezinshuis"


def admitted_contract_extended(d: Demo) -> None:
    """Toegelaten; overeenkomst eenmaal verlengd"""
    case = d.submit(800, 0, [BEG])
    d.assess(798, case, [BEG])
    d.decide(790, case, "admitted", [BEG])
    d.tick(740, case)
    contract = d.contract_case(case)
    d.tick(140, contract)
    d.do(138, "contract_manager", contract, "decide_extension", extend=True,
         motivation="Goede samenwerking, verlengd met twee jaar.")


def partly_admitted(d: Demo) -> None:
    """Deels toegelaten na zienswijze"""
    case = d.submit(200, 1, [BEG, BEH])
    d.assess(198, case, [BEG])
    d.views(185, case)
    d.decide(175, case, "partly_admitted", [BEG])
    d.tick(120, case)


def refused_incumbent_bridging(d: Demo) -> None:
    """Afgewezen na zienswijze; zittende aanbieder met overbrugging"""
    case = d.submit(150, 2, [BEH], incumbent=True, current_clients=12)
    d.assess(148, case, [BEH], own={"register_hits": 0, "criminal_antecedents": True},
             passed=False)
    d.views(140, case)
    d.decide(120, case, "refused", [])
    d.tick(70, case)
    d.run(69, bridging.start_bridging_for_incumbents, SYSTEM, window_id=d.window_id)
    agreement = d.bridging_case(case)
    d.tick(40, agreement)
    d.do(30, "contract_manager", agreement, "register_client_transfer", clients_remaining=5,
         transfer_note="Zeven cliënten zijn overgedragen.")


def not_considered(d: Demo) -> None:
    """Buiten behandeling: niet tijdig aangevuld"""
    case = d.submit(120, 3, [GEZ])
    d.do(118, "screening_officer", case, "check_completeness", complete=False,
         missing_items=["VOG bestuurders", "Kwaliteitscertificaat"])
    d.tick(100, case)
    d.decide(98, case, "not_considered", [])
    d.tick(50, case)


def withdrawn(d: Demo) -> None:
    """Ingetrokken door de aanvrager"""
    case = d.submit(60, 4, [BEG])
    d.do(58, "screening_officer", case, "check_completeness", complete=True)
    d.withdraw(55, case, "Wij richten ons op een andere regio.")


def lbb_advice(d: Demo) -> None:
    """Toegelaten na advies van het LBB (Bibob)"""
    case = d.submit(140, 5, [GEZ])
    d.do(138, "screening_officer", case, "check_completeness", complete=True)
    d.do(137, "integrity_officer", case, "review_bibob_questionnaire",
         questionnaire_complete=True, red_flags=2,
         bibob_note="Twee bestuurders waren eerder betrokken bij een faillissement.")
    d.do(136, "integrity_officer", case, "own_investigation", register_hits=0,
         criminal_antecedents=False,
         investigation_note="Justis-registers en KvK-historie nagelopen: geen treffers.")
    d.do(135, "integrity_officer", case, "decide_lbb_request", request_lbb=True,
         lbb_motivation="Signalen in de vragenlijst; advies LBB gevraagd.")
    d.quality(130, case, [GEZ])
    d.do(100, "integrity_officer", case, "register_lbb_advice", lbb_advice="no_risk",
         lbb_advice_summary="Geen ernstig gevaar; de financiering is herleidbaar.")
    d.do(99, "integrity_officer", case, "conclude_integrity", integrity_passed=True,
         integrity_motivation="LBB-advies: geen ernstig gevaar.")
    d.decide(98, case, "admitted", [GEZ])
    d.tick(50, case)


def open_completeness(d: Demo) -> None:
    """Open: volledigheidstoets"""
    d.submit(2, 6, [BEG, BEH])


def open_supplement(d: Demo) -> None:
    """Open: wacht op aanvulling"""
    case = d.submit(10, 0, [BEH])  # the demo applicant: a request to answer
    d.do(8, "screening_officer", case, "check_completeness", complete=False,
         missing_items=["Jaarrekening 2025"])


def open_assessment(d: Demo) -> None:
    """Open: integriteits- en kwaliteitstoets"""
    case = d.submit(15, 8, [GEZ])
    d.do(13, "screening_officer", case, "check_completeness", complete=True)
    d.do(10, "integrity_officer", case, "review_bibob_questionnaire",
         questionnaire_complete=True, red_flags=0)


def open_lbb(d: Demo) -> None:
    """Open: wacht op advies van het LBB"""
    case = d.submit(40, 9, [BEG])
    d.do(38, "screening_officer", case, "check_completeness", complete=True)
    d.do(35, "integrity_officer", case, "review_bibob_questionnaire",
         questionnaire_complete=True, red_flags=1)
    d.do(34, "integrity_officer", case, "own_investigation", register_hits=0,
         criminal_antecedents=False)
    d.do(33, "integrity_officer", case, "decide_lbb_request", request_lbb=True)
    d.quality(30, case, [BEG])


def open_views(d: Demo) -> None:
    """Open: zienswijze gevraagd"""
    case = d.submit(30, 10, [BEH])
    d.assess(28, case, [BEH], quality={"governance_code": False, "wnt_compliant": True,
                                       "certified": True, "registrations_valid": True})
    d.views(5, case, answer=False)


def open_decision(d: Demo) -> None:
    """Open: besluit"""
    case = d.submit(25, 11, [GEZ])
    d.assess(23, case, [GEZ])


def open_objection(d: Demo) -> None:
    """Open: bezwaartermijn loopt"""
    case = d.submit(70, 12, [BEG])
    d.assess(68, case, [BEG])
    d.decide(10, case, "admitted", [BEG])


def complaint_under_handling(d: Demo) -> None:
    """Open: klacht over een deels afgewezen aanvraag, gehoord; advies volgt"""
    case = d.submit(60, 0, [BEH, GEZ])
    d.assess(58, case, [GEZ])
    d.views(50, case)
    d.decide(20, case, "partly_admitted", [GEZ])
    lodged = d.run(12, objections.lodge_objection, d.applicants[0], case_id=case,
                   subsegments=[BEH], grounds="Wij hebben de gevraagde certificaten voor "
                   "ambulante behandeling wel; zie de bijlage.")
    # A complaint under the civil model, an objection under the Awb: each hears its own way.
    hear = "hear_complainant" if lodged.process_id == "complaint" else "hear_objector"
    d.do(5, "legal_counsel", lodged.case_id, hear,
         hearing_held_on=(d.now - timedelta(days=5)).date().isoformat(),
         hearing_report="De aanbieder lichtte de certificaten toe en legde ze over.")


SCENARIOS = [admitted_contract_extended, partly_admitted, refused_incumbent_bridging,
             not_considered, withdrawn, lbb_advice, open_completeness, open_supplement,
             open_assessment, open_lbb, open_views, open_decision, open_objection,
             complaint_under_handling, teams.spread_tasks]
