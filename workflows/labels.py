"""Dutch labels for the codes the procedure uses: statuses, roles, processes and tasks.

Codes stay in the data and the API; people see these labels. The statuses come from the
`status` properties in the diagrams (a test checks that each one has a label here).
"""

from __future__ import annotations

from types import MappingProxyType

from workflows.tasks import REGISTRY

# status -> (for staff, for the applicant in plain language)
STATUSES = MappingProxyType({
    "starting": ("Wordt gestart", "Uw aanvraag wordt geregistreerd"),
    "in_progress": ("In behandeling", "Wij behandelen uw aanvraag"),
    "completeness": ("Volledigheidstoets", "Wij kijken of uw aanvraag compleet is"),
    "awaiting_supplement": ("Wacht op aanvulling", "Wij wachten op uw aanvulling"),
    "assessment": ("Integriteits- en kwaliteitstoets",
                   "Wij beoordelen uw integriteit en de kwaliteit van uw zorg"),
    "awaiting_lbb": ("Wacht op advies LBB",
                     "Wij wachten op advies van het Landelijk Bureau Bibob"),
    "views": ("Zienswijze", "U kunt reageren op ons voorgenomen besluit"),
    "decision": ("Besluitvorming", "Wij nemen een besluit over uw aanvraag"),
    "objection_period": ("Besluit genomen; termijn voor bezwaar of klacht loopt",
                         "Er is een besluit; u kunt nog reageren als u het er niet mee eens "
                         "bent"),
    "admitted": ("Toegelaten", "U bent toegelaten"),
    "partly_admitted": ("Deels toegelaten", "U bent voor een deel toegelaten"),
    "refused": ("Afgewezen", "Uw aanvraag is afgewezen"),
    "not_considered": ("Buiten behandeling gelaten", "Wij hebben uw aanvraag niet behandeld"),
    "withdrawn": ("Ingetrokken", "U heeft uw aanvraag ingetrokken"),
    "active": ("Lopend", "Loopt"),
    "extension_decision": ("Besluit over verlenging", "Wij besluiten over verlenging"),
    "ended": ("Beëindigd", "Beëindigd"),
    "expired": ("Termijn verstreken", "De termijn is verstreken"),
    "clients_moved": ("Cliënten overgedragen", "Alle cliënten zijn overgedragen"),
    "completed": ("Afgerond", "Afgerond"),
    "objection_hearing": ("Bezwaar: horen", "Wij horen u over uw bezwaar"),
    "objection_advice": ("Bezwaar: advies", "Wij vragen advies over uw bezwaar"),
    "objection_decision": ("Bezwaar: beslissing", "Wij beslissen op uw bezwaar"),
    "complaint_hearing": ("Klacht: horen", "Wij horen u over uw klacht"),
    "complaint_advice": ("Klacht: advies", "Wij vragen advies over uw klacht"),
    "complaint_decision": ("Klacht: beslissing", "Wij beslissen op uw klacht"),
    "upheld": ("Gegrond", "U krijgt gelijk"),
    "partly_upheld": ("Deels gegrond", "U krijgt voor een deel gelijk"),
    "dismissed": ("Ongegrond", "U krijgt geen gelijk"),
    "not_admissible": ("Niet-ontvankelijk", "Wij hebben de inhoud niet beoordeeld"),
})

ROLES = MappingProxyType({
    "screening_officer": "Behandelaar toelating",
    "integrity_officer": "Integriteitsbeoordelaar",
    "quality_assessor": "Kwaliteitsbeoordelaar",
    "legal_counsel": "Jurist",
    "decision_maker": "Besluitnemer",
    "contract_manager": "Contractmanager",
    "applicant": "Aanvrager",
    "auditor": "Auditor",
    "admin": "Beheerder",
    "system": "Toelating (automatisch)",
})

# The regime of a legal term (workflows.deadlines.REGIMES), in words.
REGIMES = MappingProxyType({
    "statute": "wettelijke termijn (Algemene termijnenwet)",
    "organ": "termijn gesteld door het bestuursorgaan (Algemene termijnenwet)",
    "contract": "contractuele termijn (geen Algemene termijnenwet)",
    "excluded": "termijn waarop de Algemene termijnenwet niet van toepassing is",
})

PROCESSES = MappingProxyType({
    "admission": "Aanvraag om toelating",
    "admission_procedure": "Behandeling van de aanvraag",
    "integrity": "Integriteitstoets",
    "quality": "Kwaliteitstoets",
    "contract": "Overeenkomst",
    "bridging": "Overbruggingsovereenkomst",
    "objection": "Bezwaar",
    "complaint": "Klacht",
})


def status(code: str, *, applicant: bool = False) -> str:
    labels = STATUSES.get(code)
    if labels is None:
        return "Onbekende fase" if not applicant else "In behandeling"
    return labels[1] if applicant else labels[0]


def role(code: str | None) -> str:
    return ROLES.get(code or "", "Onbekende rol")


def process(code: str) -> str:
    return PROCESSES.get(code, "Zaak")


def task(bpmn_id: str) -> str:
    spec = REGISTRY.get(bpmn_id)
    return spec.label if spec is not None else "Taak"


def regime(code: str) -> str:
    return REGIMES.get(code, "termijn")
