"""Fixed vocabularies for excerpts: themes and voices, with Norwegian display labels."""

from __future__ import annotations

MAIN_THEMES = ("oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid")
OTHER_THEMES = ("kontekst", "malgrupper", "resultater", "metode")
THEMES = MAIN_THEMES + OTHER_THEMES

# Voice codes are fixed by the excerpt schema. What learners see, for themes and voices, is the catalogue's
# ``korpus.tema_<code>`` and ``korpus.stemme_<code>``.
VOICES = ("evaluator", "caseworker", "manager", "participant")


def theme_label(code: str) -> str:
    """The display label of a theme code (an unknown code is shown as it is)."""
    from tiltakslab.meldinger import t  # noqa: PLC0415

    return t(f"korpus.tema_{code}") if code in THEMES else code


def voice_label(code: str) -> str:
    """The display label of a voice code (an unknown code is shown as it is)."""
    from tiltakslab.meldinger import t  # noqa: PLC0415

    return t(f"korpus.stemme_{code}") if code in VOICES else code


def __getattr__(name: str) -> dict[str, str]:
    """``THEME_LABELS`` / ``VOICE_LABELS``: code -> label in the current language (lesson 07 maps a column)."""
    if name == "THEME_LABELS":
        return {k: theme_label(k) for k in THEMES}
    if name == "VOICE_LABELS":
        return {k: voice_label(k) for k in VOICES}
    raise AttributeError(name)


# Minimum excerpt counts (issue 3).
MIN_EXCERPTS = 160
MIN_PER_MAIN_THEME = 30
MIN_PER_SOURCE = 10
MIN_PER_SOURCE_OVERRIDE = {"strategi-forsok-2003": 8}
MIN_GLOSSARY_TERMS = 80
