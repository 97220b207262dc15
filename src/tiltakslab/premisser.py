"""Case premises: which synthetic participants an exercise may be shown with.

An exercise may declare ``premisser``: a list of conditions that must all hold (AND) for a case to
be drawn for it, e.g. «not a vocational-rehabilitation client», «mapped with a KIS-like form»::

    premisser:
      - {kolonne: arbeidssokerstatus, operator: ikke_i, verdier: [Yrkeshemmede i tiltak]}
      - {kolonne: kis_kartlagt, operator: "==", verdi: true}

The condition format, its validation and its application are :mod:`tiltakslab.betingelser` (shared with the
row filter of ``tallsvar`` exercises); this module only says what premises allow (:data:`REGLER`): the
columns of the synthetic participant files ``deltakere``, ``kartlegging`` and ``utfall`` (joined on
``deltaker_id``), values only (no ``mot_kolonne``), at most 10 conditions of at most 30 values.
``valider``, ``oppfylt`` (one dict row) and ``rader`` (data stored by column) never import pandas; ``maske``
takes a DataFrame.
"""

from __future__ import annotations

from collections.abc import Mapping

from tiltakslab import betingelser

# Columns of deltakere.csv, kartlegging.csv and utfall.csv (tests check these against tiltakslab.data.SKJEMA).
KOLONNER = (
    "satsingsenhet", "malgruppe", "alder", "aldersgruppe", "kjonn", "innvandrerbakgrunn",
    "arbeidssokerstatus", "tiltak", "i_tiltak", "startdato", "maneder_sosialhjelp_siste_ar",
    "helseproblem", "rusproblem", "problem_avdekket_etter_start", "saksbehandler_id", "handlingsplan",
    "individuell_plan", "ansvarsgruppe",
    "screenet", "kis_kartlagt", "kartlagt_dato", "samtale_nr",
    "egen_formell_kompetanse", "veileder_formell_kompetanse", "egen_personlige_styrker",
    "veileder_personlige_styrker", "egen_nettverk", "veileder_nettverk", "egen_naerhet_arbeidsmarkedet",
    "veileder_naerhet_arbeidsmarkedet", "anbefalt_tiltak",
    "avsluttet", "sluttdato", "maneder_i_satsingen", "utfall",
)

REGLER = betingelser.Regler(maks=10, maks_verdier=30, kolonner=frozenset(KOLONNER),
                            ukjent_kolonne="premiss.ukjent_kolonne", mot_kolonne=False)


def valider(premisser: object, felt: str = "premisser") -> list[str]:
    """Norwegian problems with a premise list (empty list: valid)."""
    return betingelser.valider(premisser, felt, REGLER)


def maske(df, premisser: list | None):
    """Boolean Series: rows of ``df`` (participants, joined columns) that satisfy every premise.

    Missing values never satisfy a comparison or ``i``; they do satisfy ``ikke_i`` and ``!=``
    (a participant with no measure is «not in» a list of measures). Raises ``FilterFeil`` (a ``ValueError``).
    """
    return betingelser.maske(df, premisser, REGLER)


def oppfylt(rad: Mapping, premisser: list | None) -> bool:
    """True when one participant's fields (a mapping column → value, missing as ``None``) satisfy every
    premise; the same rules as :func:`maske`, without pandas. Give dates as ``datetime.date``: then they
    compare with ISO date texts as the frame's date columns do (an ISO text is compared as text)."""
    return betingelser.oppfyller(rad, premisser, REGLER)


def rader(kolonner: Mapping, premisser: list | None, utvalg=None) -> list[int]:
    """Positions (of ``utvalg``) of participants stored by column (``{kolonne: [value per participant]}``,
    missing as ``None``, dates as ``datetime.date``) that satisfy every premise; the same rules, without pandas."""
    return betingelser.rader(kolonner, premisser, utvalg, REGLER)
