"""Demo data: Regio Twente, "Inkoop Jeugdhulp 2025" (pure data, no DB, no project imports).

Sources (files in /work/shared/seeds/):
- 000_a5527371e6363379.txt  Raadsbrief Hengelo over de Inkoop Jeugdhulp 2025 (start 8 feb 2024):
  de vier regionaal ingekochte onderdelen, Hengelo-uitzondering op begeleiding, KIT, start 1-1-2025.
- 001_6eeea2779e0fe2a6.txt  Samenvatting inkoopstrategieen Jeugdhulp Twente 2025: segmenten en
  deelsegmenten (par. 4), inkoopvorm (par. 5), bekostiging (par. 6), deelnemende gemeenten (par. 10),
  KIT (Bibob-toets + geschiktheids- en kwaliteitseisen).
- 002_9d1e8f221af4b8a4.txt  Voortgangsbericht Regiovisie Twente (juni 2022): 14 gemeenten, planning,
  ingang nieuwe contracten januari 2025. No segment data.
- 003_7cb85ad9a438009d.txt  Inkoopstrategie Zorgregio Midden-IJssel/Oost-Veluwe 2026-2036 (NOT Twente):
  only used for governance criteria (Governance Code Zorg 2022, WNT) in KIT_CRITERIA.
- 004_533d8cc2ebf09d85.txt  Memo Raalte / regio IJsselland (NOT Twente): contract term 2 years,
  3 extensions, max 8 years -- reused for Twente as an assumption.

Convention: a comment "not in the seeds: assumed" marks every choice the seeds do not support.
"""

from __future__ import annotations

from typing import Any

# --------------------------------------------------------------------------- region
# SOURCES: 001 ("de 14 Twentse gemeenteraden"), 002 ("alle veertien Twentse gemeenten").
REGION = {"code": "twente", "name": "Regio Twente"}

# Regionally contracted from 1 January 2025.
# SOURCES: 000 ("implementatie van de nieuwe contracten vanaf 1 januari 2025"),
#          001 par. 12 ("start contract: 1 jan 2025"), 002 ("januari 2025 ingang nieuwe contracten").
CONTRACT_START_DATE = "2025-01-01"

# --------------------------------------------------------------------------- municipalities
# SOURCES: 001/002 give the count (14) and name Almelo and Hengelo; the full list of names is
# not in the seeds: assumed from the brief (the 14 municipalities of Twente).
MUNICIPALITIES: list[tuple[str, str]] = [
    ("almelo", "Almelo"),
    ("borne", "Borne"),
    ("dinkelland", "Dinkelland"),
    ("enschede", "Enschede"),
    ("haaksbergen", "Haaksbergen"),
    ("hellendoorn", "Hellendoorn"),
    ("hengelo", "Hengelo"),
    ("hof_van_twente", "Hof van Twente"),
    ("losser", "Losser"),
    ("oldenzaal", "Oldenzaal"),
    ("rijssen_holten", "Rijssen-Holten"),
    ("tubbergen", "Tubbergen"),
    ("twenterand", "Twenterand"),
    ("wierden", "Wierden"),
]

# --------------------------------------------------------------------------- segments
# SOURCES: 001 par. 4 table "De vijf segmenten zijn onderverdeeld in deelsegmenten":
#   Ambulant / Advies en expertise / Crisishulp / Wonen / Verblijf.
#   (000 groups "Wonen en Verblijf" as one of four onderdelen; 001 keeps them as two segments
#   with their own strategy, so they are two segments here.)
# procurement_form -- SOURCES: 001 par. 5 table "Best passende inkoopvormen":
#   "Toelatingsprocedure met voorwaarden" -> "admission"; "Aanbesteden" -> "tender".
# funding_types -- SOURCES: 001 par. 6 ("Wordt" column and the uitvoeringsvarianten table,
#   column "Bekostiging nieuw"): "P*Q" -> "pxq"; "Lumpsum"/"Taakgericht" -> "lumpsum";
#   "Beschikbaarheid" -> "availability".
# non_participating -- SOURCES: 001 par. 10 "Deelnemende gemeenten": everything is bought by
#   "alle 14 Twentse gemeenten" except begeleiding ("13 gemeenten (Almelo niet, Hengelo beperkt deel)").
# partially_participating -- extra key (not in the brief): municipalities that buy only part of
#   a subsegment regionally. SOURCES: 000 ("Hengelo doet op een aantal onderdelen voor begeleiding
#   regionaal niet mee ... lokale basisondersteuning"), 001 par. 10 ("Hengelo beperkt deel").
# products -- product codes are not in the seeds: assumed. Product names come from the seeds
#   where a seed names a "verbijzondering" (001 par. 6) or a form of help (000); otherwise the
#   single product is named after the subsegment (not in the seeds: assumed).
SEGMENTS: list[dict[str, Any]] = [
    {
        "code": "ambulant", "name": "Ambulante jeugdhulp",  # 001: "Ambulant"; 000: "Ambulante jeugdhulp"
        "subsegments": [
            {
                "code": "ambulant_begeleiding", "name": "Begeleiding",
                "procurement_form": "admission",  # 001: "Toelatingsprocedure met voorwaarden"
                "funding_types": ["pxq"],  # 001: "P*Q, bestede tijd"
                # 000: "begeleiding, behandeling, dagbesteding en dagbehandeling", "individueel of in
                # groepsverband". Split individueel/groep and dagbesteding under begeleiding:
                # not in the seeds: assumed.
                "products": [("begeleiding_individueel", "Begeleiding individueel"),
                             ("begeleiding_groep", "Begeleiding groep"), ("dagbesteding", "Dagbesteding")],
                "non_participating": ["almelo"],  # 001 par. 10: "Almelo niet"
                "partially_participating": ["hengelo"],  # 000 + 001 par. 10: "Hengelo beperkt deel"
            },
            {
                "code": "ambulant_behandeling", "name": "Behandeling",
                "procurement_form": "admission",  # 001 (same row as begeleiding)
                "funding_types": ["pxq"],  # 001: "P*Q, bestede tijd"
                # 000 names behandeling and dagbehandeling; the split is not in the seeds: assumed.
                "products": [("behandeling_individueel", "Behandeling individueel"),
                             ("behandeling_groep", "Behandeling groep"), ("dagbehandeling", "Dagbehandeling")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10: "alle 14 Twentse gemeenten"
            },
            {
                "code": "ambulant_ernstige_dyslexie", "name": "Ernstige Dyslexie",
                "procurement_form": "tender",  # 001: "Dyslexie  Open house  Aanbesteden"
                # 001: "Dyslexie pxq -> Vast tarief per traject" (outputgericht). Mapped to "pxq"
                # (P = fixed price per traject, Q = number of trajecten): interpretation, assumed.
                "funding_types": ["pxq"],
                "products": [("dyslexie_traject", "Ernstige dyslexie - traject (vast tarief per traject)")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10
            },
            {
                "code": "ambulant_medicatiecontrole", "name": "Medicatiecontrole exclusief medische comorbiditeit",
                "procurement_form": "tender",  # 001: "Open house -> Aanbesteden"
                "funding_types": ["pxq"],  # 001: "P*Q, bestede tijd"
                "products": [("medicatiecontrole", "Medicatiecontrole exclusief medische comorbiditeit")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10
            },
        ],
    },
    {
        "code": "advies_expertise",
        "name": "Advies en Expertise",  # 001: "vervangende term voor consultatie & diagnostiek"
        "subsegments": [
            {
                # 001 par. 4: deelsegment "n.v.t." -> one subsegment mirroring the segment;
                # its code is not in the seeds: assumed.
                "code": "advies_expertise_algemeen", "name": "Advies en Expertise",
                "procurement_form": "tender",  # 001: "Aanbesteden (beperkt aantal aanbieders)"
                "funding_types": ["lumpsum"],  # 001: "Advies & Expertise pxq -> Lumpsum" / "Taakgericht"
                "products": [("advies_expertise_inzet", "Advies en expertise (taakgericht)")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10: "alle 14 Twentse gemeente"
            },
        ],
    },
    {
        "code": "crisis", "name": "Crisishulp",  # 000: "Crisis: de regionale crisisroute"
        "subsegments": [
            {
                "code": "crisis_coordinatie_triage", "name": "Coördinatie en Triage",
                "procurement_form": "tender",  # 001: "Crisishulp  Aanbesteden  Aanbesteden"
                # 001 par. 6: coördinatie spoedhulp "Lumpsum"; bereikbaarheid JGGZ "P*Q, bestede tijd"
                # and "Per uitruk (stuks)" (outputgericht, counted as pxq: assumed).
                "funding_types": ["lumpsum", "pxq"],
                "products": [
                    ("crisis_coordinatie_spoedhulp", "Coördinatie spoedhulp"),
                    ("crisis_bereikbaarheid_jggz", "Bereikbaarheid JGGZ (bestede tijd)"),
                    ("crisis_bereikbaarheid_jggz_uitruk", "Bereikbaarheid JGGZ (per uitruk)"),
                ],
                "non_participating": [], "partially_participating": [],  # 001 par. 10: "Crisiszorg: alle 14 Twentse gemeente"
            },
            {
                "code": "crisis_interventie", "name": "Crisisinterventie",
                "procurement_form": "tender",  # 001
                # 001 par. 6: "Crisisverblijf pxq -> Beschikbaarheid + PxQ (werkelijk aantal bezette
                # plekken)"; other verbijzonderingen P*Q.
                "funding_types": ["pxq", "availability"],
                "products": [
                    ("crisis_ambulant_28_dagen", "Crisisinterventie ambulant binnen 28 dagen"),
                    ("crisis_pleegzorg", "Crisispleegzorg"),
                    ("crisis_verblijf", "Crisisverblijf"),
                    ("crisis_verblijf_behandeling", "Crisisverblijf behandeling"),
                ],
                "non_participating": [], "partially_participating": [],  # 001 par. 10
            },
        ],
    },
    {
        # 001 par. 5 "Wonen: Open house -> Toelatingsprocedure met voorwaarden";
        # 001 par. 6 table: all Wonen deelsegmenten "P*Q, etmaal tarief". Footnote 1: four
        # funding variants for Wonen en Verblijf, final choice in the bestek phase.
        "code": "wonen", "name": "Wonen",
        "subsegments": [
            {
                "code": "wonen_pleegzorg", "name": "Pleegzorg",
                "procurement_form": "admission",
                "funding_types": ["pxq"],
                "products": [("pleegzorg_etmaal", "Pleegzorg (etmaal)")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10: "Wonen: alle 14 Twentse gemeente"
            },
            {
                "code": "wonen_gezinshuis", "name": "Gezinshuis",
                "procurement_form": "admission",
                "funding_types": ["pxq"],
                "products": [("gezinshuis_etmaal", "Gezinshuis (etmaal)")],
                "non_participating": [], "partially_participating": [],
            },
            {
                "code": "wonen_woongroepen", "name": "Woongroepen",
                "procurement_form": "admission",
                "funding_types": ["pxq"],
                "products": [("woongroep_etmaal", "Woongroep (etmaal)")],
                "non_participating": [], "partially_participating": [],
            },
            {
                "code": "wonen_kleinschalig_hoogspecialistisch", "name": "Kleinschalige hoogspecialistische woonvoorziening",
                "procurement_form": "admission",
                "funding_types": ["pxq"],
                "products": [("kleinschalig_hoogspecialistisch_etmaal",
                              "Kleinschalige hoogspecialistische woonvoorziening (etmaal)")],
                "non_participating": [], "partially_participating": [],
            },
        ],
    },
    {
        # 001 par. 5 "Verblijf: Open house -> Toelatingsprocedure met voorwaarden".
        "code": "verblijf", "name": "Verblijf",
        "subsegments": [
            {
                "code": "verblijf_behandelgroep", "name": "Behandelgroep",
                "procurement_form": "admission",
                "funding_types": ["pxq"],  # 001: "P*Q, etmaal tarief"
                "products": [("behandelgroep_etmaal", "Behandelgroep (etmaal)")],
                "non_participating": [], "partially_participating": [],  # 001 par. 10: "Verblijf: alle 14 Twentse gemeente"
            },
            {
                "code": "verblijf_driemilieu", "name": "Driemilieuvoorziening",
                "procurement_form": "admission",
                # 001: "Kleinschalig verblijf (3 milieuvoorzieningen en jeugdzorgplus) pxq ->
                # Beschikbaarheid + PxQ (werkelijk aantal bezette plekken)"
                "funding_types": ["availability", "pxq"],
                "products": [
                    ("driemilieu_beschikbaarheid", "Driemilieuvoorziening (3M) beschikbaarheid"),
                    ("driemilieu_bezette_plek", "Driemilieuvoorziening (3M) bezette plek (etmaal)"),
                ],
                "non_participating": [], "partially_participating": [],
            },
            {
                "code": "verblijf_jeugdzorgplus", "name": "Jeugdzorgplus",
                "procurement_form": "admission",
                "funding_types": ["availability", "pxq"],  # 001 (same row as 3M)
                "products": [
                    ("jeugdzorgplus_beschikbaarheid", "JeugdzorgPlus (JZ+) beschikbaarheid"),
                    ("jeugdzorgplus_bezette_plek", "JeugdzorgPlus (JZ+) bezette plek (etmaal)"),
                ],
                "non_participating": [], "partially_participating": [],
            },
            {
                "code": "verblijf_deeltijd_logeren", "name": "Deeltijdverblijf/logeren",
                "procurement_form": "admission",
                "funding_types": ["pxq"],  # 001: "P*Q, etmaal tarief"
                "products": [("deeltijdverblijf_logeren_etmaal", "Deeltijdverblijf/logeren (etmaal)")],
                "non_participating": [], "partially_participating": [],
            },
        ],
    },
]

# --------------------------------------------------------------------------- contract term
# SOURCES: 004 (Raalte, regio IJsselland -- NOT Twente): "De overeenkomst wordt daarom afgesloten
#   voor 2 jaar, welke drie keer verlengd kan worden. Daarmee komt de maximale duur van de
#   overeenkomst uit op 8 jaar."  The Twente seeds (000/001/002) give no contract term; they only
#   say contracts start 1-1-2025 and 001 looks ahead "4-6 jaar ... tot 2029-2031".
#   Applying these numbers to Twente: not in the seeds: assumed.
CONTRACT_TERM_YEARS = 2
MAX_EXTENSIONS = 3
# Derived: (8 - 2) / 3 = 2 years per extension (the seed does not state it explicitly).
EXTENSION_TERM_YEARS = 2
MAX_CONTRACT_YEARS = 8

# --------------------------------------------------------------------------- KIT
# Kwaliteits- en Integriteitsinstrument Twente (KIT).
# SOURCES: 001 par. 5: "screening door toetsing op integriteit - o.a. op basis van de wet Bibob -
#   en anderzijds een toetsing op basis van geschiktheids- en kwaliteitseisen. Bij de aanstaande
#   inkoop wordt ingezet op een Bibob-toets voor álle aanbieders."  000: contract only with
#   providers "die kwalitatief goede jeugdhulp leveren en integer handelen".
KIT_CRITERIA: list[tuple[str, str]] = [
    ("bibob", "Bibob-toets (integriteitstoets o.b.v. Wet Bibob, Bibob-vragenlijst)"),  # 001
    ("suitability_requirements", "Geschiktheidseisen"),  # 001
    ("quality_requirements", "Kwaliteitseisen"),  # 001
    # 003 (Midden-IJssel/Oost-Veluwe, not the Twente KIT): "voldoen aan de Governance Code Zorg 2022"
    # and "de Wet Normering Topinkomens expliciet worden opgenomen". Part of KIT: assumed.
    ("governance_code_zorg_2022", "Governance Code Zorg 2022"),
    ("wnt", "Wet normering topinkomens (WNT)"),
    # Below: not in the seeds: assumed (common Dutch youth-care contracting requirements).
    ("kvk_registration", "Inschrijving Kamer van Koophandel (KvK)"),
    ("agb_registration", "AGB-code (registratie Vektis)"),
    ("vog", "Verklaring Omtrent het Gedrag (VOG)"),
    ("quality_certificate", "Kwaliteitskeurmerk / certificaat (bijv. HKZ of ISO)"),
]

FUNDING_TYPES = ("pxq", "lumpsum", "availability")
PROCUREMENT_FORMS = ("admission", "tender")

