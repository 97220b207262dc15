"""Case premises: which synthetic participants an exercise may be shown with.

An exercise may declare ``premisser``: a list of conditions that must all hold (AND) for a case to
be drawn for it, e.g. «not a vocational-rehabilitation client», «mapped with a KIS-like form»::

    premisser:
      - {kolonne: arbeidssokerstatus, operator: ikke_i, verdier: [Yrkeshemmede i tiltak]}
      - {kolonne: kis_kartlagt, operator: "==", verdi: true}

The conditions are data, interpreted here with plain comparisons: content never reaches an
evaluator (``eval``, ``DataFrame.query``). Columns are those of the synthetic participant files
``deltakere``, ``kartlegging`` and ``utfall`` (joined on ``deltaker_id``). The condition shape is the
same as the declarative row filter of ``tallsvar`` exercises.

This module has no pandas dependency for validation (the schema check uses it); ``maske`` takes a
DataFrame.
"""

from __future__ import annotations

from tiltakslab.meldinger import t

SAMMENLIGNING = ("==", "!=", "<", "<=", ">", ">=")
MENGDE = ("i", "ikke_i")
OPERATORER = SAMMENLIGNING + MENGDE
MAKS_BETINGELSER = 10
MAKS_VERDIER = 30
_NOKLER = {"kolonne", "operator", "verdi", "verdier"}

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


def _skalar(v: object) -> bool:
    return isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) > 200)


def valider(premisser: object, felt: str = "premisser") -> list[str]:
    """Norwegian problems with a premise list (empty list: valid)."""
    if not isinstance(premisser, list) or not 1 <= len(premisser) <= MAKS_BETINGELSER:
        return [t("premiss.ikke_liste", felt=felt, maks=MAKS_BETINGELSER)]
    feil: list[str] = []
    for i, b in enumerate(premisser):
        sti = f"{felt}[{i}]"
        if not isinstance(b, dict):
            feil.append(t("premiss.ikke_post", felt=sti))
            continue
        for k in sorted(set(b) - _NOKLER):
            feil.append(t("premiss.ukjent_felt", felt=f"{sti}.{k}"))
        if b.get("kolonne") not in KOLONNER:
            feil.append(t("premiss.ukjent_kolonne", felt=f"{sti}.kolonne", verdi=b.get("kolonne")))
        op = b.get("operator")
        if op not in OPERATORER:
            feil.append(t("premiss.ukjent_operator", felt=f"{sti}.operator", lovlige=", ".join(OPERATORER)))
            continue
        if op in MENGDE:
            v = b.get("verdier")
            if "verdi" in b or not isinstance(v, list) or not 1 <= len(v) <= MAKS_VERDIER \
                    or not all(map(_skalar, v)):
                feil.append(t("premiss.trenger_verdier", felt=sti, maks=MAKS_VERDIER))
        elif "verdier" in b or "verdi" not in b or not _skalar(b["verdi"]):
            feil.append(t("premiss.trenger_verdi", felt=sti))
    return feil


def maske(df, premisser: list | None):
    """Boolean Series: rows of ``df`` (participants, joined columns) that satisfy every premise.

    Missing values never satisfy a comparison or ``i``; they do satisfy ``ikke_i`` and ``!=``
    (a participant with no measure is «not in» a list of measures).
    """
    import operator  # noqa: PLC0415

    import pandas as pd  # noqa: PLC0415

    ok = pd.Series(True, index=df.index)
    if not premisser:
        return ok
    feil = valider(premisser)
    if feil:
        raise ValueError("; ".join(feil))
    fn = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
          ">": operator.gt, ">=": operator.ge}
    for b in premisser:
        serie = df[b["kolonne"]]
        tom = serie.isna()
        op = b["operator"]
        if op in MENGDE:
            treff = serie.astype("object").isin(list(b["verdier"])) & ~tom
            m = ~treff if op == "ikke_i" else treff
        else:
            verdi = b["verdi"]
            if pd.api.types.is_datetime64_any_dtype(serie):
                verdi = pd.Timestamp(str(verdi))
            try:
                m = fn[op](serie.astype("object").where(~tom, None), verdi)
            except TypeError as err:
                raise ValueError(t("premiss.feil_type", kolonne=b["kolonne"], operator=op)) from err
            m = pd.Series(m, index=df.index).fillna(False).astype(bool)
            m = (m | tom) if op == "!=" else (m & ~tom)
        ok &= m.astype(bool)
    return ok
