"""Fixed vocabularies for excerpts: themes and voices, with Norwegian display labels."""

from __future__ import annotations

MAIN_THEMES = ("oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid")
OTHER_THEMES = ("kontekst", "malgrupper", "resultater", "metode")
THEMES = MAIN_THEMES + OTHER_THEMES

THEME_LABELS = {
    "oppfolging": "Oppfølging",
    "relasjonsarbeid": "Relasjonsarbeid",
    "kartlegging": "Kartlegging",
    "samarbeid": "Samarbeid",
    "kontekst": "Kontekst",
    "malgrupper": "Målgrupper",
    "resultater": "Resultater",
    "metode": "Metode",
}

# Voice codes are fixed by the excerpt schema; labels are what learners see.
VOICES = ("evaluator", "caseworker", "manager", "participant")
VOICE_LABELS = {
    "evaluator": "evaluator",
    "caseworker": "saksbehandler",
    "manager": "leder",
    "participant": "deltaker",
}

# Minimum excerpt counts (issue 3).
MIN_EXCERPTS = 160
MIN_PER_MAIN_THEME = 30
MIN_PER_SOURCE = 10
MIN_PER_SOURCE_OVERRIDE = {"strategi-forsok-2003": 8}
MIN_GLOSSARY_TERMS = 80
