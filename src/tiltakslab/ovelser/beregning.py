"""Compute the key of a ``tallsvar`` exercise from the synthetic data (``data/synthetic/<tabell>.csv``).

Rows are chosen by a *declarative* filter, never by an expression evaluator: ``utvalg`` and ``nevner``
are lists of conditions that must all hold (AND). Each condition is a mapping::

    {kolonne: alder, operator: "<", verdi: 25}
    {kolonne: kontakttype, operator: i, verdier: [Hjemmebesøk, Telefon]}
    {kolonne: egen_naerhet, operator: ">", mot_kolonne: veileder_naerhet}

Operators: ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (with ``verdi`` or ``mot_kolonne``), ``i`` and
``ikke_i`` (with ``verdier``). Content cannot reach ``eval`` or ``DataFrame.query``: the filter is a
data structure interpreted here with plain comparisons. ``valider_filter`` is what ``tiltakslab sjekk``
and the schema use.
"""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.paths import data_dir

SAMMENLIGNING = ("==", "!=", "<", "<=", ">", ">=")
MENGDE = ("i", "ikke_i")
OPERATORER = SAMMENLIGNING + MENGDE
MAKS_BETINGELSER = 20
MAKS_VERDIER = 50
_NOKLER = {"kolonne", "operator", "verdi", "verdier", "mot_kolonne"}


class BeregningFeil(ValueError):
    """The computation cannot run (missing table, bad filter); message in Norwegian."""


def _skalar(v: object) -> bool:
    return isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) > 200)


def valider_filter(filter_: object, felt: str = "utvalg") -> list[str]:
    """Norwegian problems with a declarative filter (empty list: valid). Only its shape, not columns."""
    if isinstance(filter_, str):
        return [t("filter.tekst_ikke_lov", felt=felt)]
    if not isinstance(filter_, list) or not 1 <= len(filter_) <= MAKS_BETINGELSER:
        return [t("filter.ikke_liste", felt=felt, maks=MAKS_BETINGELSER)]
    feil = []
    for i, b in enumerate(filter_):
        sti = f"{felt}[{i}]"
        if not isinstance(b, dict):
            feil.append(t("filter.ikke_post", felt=sti))
            continue
        for k in sorted(set(b) - _NOKLER):
            feil.append(t("filter.ukjent_felt", felt=f"{sti}.{k}"))
        if not isinstance(b.get("kolonne"), str) or not b["kolonne"]:
            feil.append(t("filter.mangler_kolonne", felt=sti))
        op = b.get("operator")
        if op not in OPERATORER:
            feil.append(t("filter.ukjent_operator", felt=sti, lovlige=", ".join(OPERATORER)))
            continue
        if op in MENGDE:
            v = b.get("verdier")
            if not isinstance(v, list) or not 1 <= len(v) <= MAKS_VERDIER or not all(map(_skalar, v)):
                feil.append(t("filter.trenger_verdier", felt=sti, maks=MAKS_VERDIER))
            if "verdi" in b or "mot_kolonne" in b:
                feil.append(t("filter.en_av", felt=sti))
        else:
            har = [k for k in ("verdi", "mot_kolonne") if k in b]
            if len(har) != 1 or "verdier" in b:
                feil.append(t("filter.en_av", felt=sti))
            elif "verdi" in b and not _skalar(b["verdi"]):
                feil.append(t("filter.ugyldig_verdi", felt=sti))
            elif "mot_kolonne" in b and (not isinstance(b["mot_kolonne"], str) or not b["mot_kolonne"]):
                feil.append(t("filter.mangler_kolonne", felt=sti))
    return feil


def _kolonne(df, navn: str):
    if navn not in df.columns:
        raise BeregningFeil(t("filter.ukjent_kolonne", kolonne=navn, lovlige=", ".join(map(str, df.columns))))
    return df[navn]


def _sammenlign(serie, op: str, verdi):
    import operator  # noqa: PLC0415

    fn = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
          ">": operator.gt, ">=": operator.ge}[op]
    return fn(serie, verdi)


def filtrer(df, filter_: list | None):
    """Rows of ``df`` where every condition holds. Raises ``BeregningFeil`` with a Norwegian reason."""
    if not filter_:
        return df
    feil = valider_filter(filter_)
    if feil:
        raise BeregningFeil("; ".join(feil))
    maske = None
    for b in filter_:
        serie = _kolonne(df, b["kolonne"])
        op = b["operator"]
        try:
            if op in MENGDE:
                m = serie.isin(b["verdier"])
                m = ~m if op == "ikke_i" else m
            elif "mot_kolonne" in b:
                m = _sammenlign(serie, op, _kolonne(df, b["mot_kolonne"]))
            else:
                m = _sammenlign(serie, op, b["verdi"])
        except TypeError as err:  # e.g. "<" between text and number
            raise BeregningFeil(t("filter.feil_type", kolonne=b["kolonne"], operator=op)) from err
        m = m.fillna(False).astype(bool)
        maske = m if maske is None else (maske & m)
    return df[maske]


# operator -> catalogue key of the condition in words («`alder` er høyst 25»)
_OP_TEKST = {"==": "filter.op_lik", "!=": "filter.op_ulik", "<": "filter.op_mindre", "<=": "filter.op_hoyst",
             ">": "filter.op_storre", ">=": "filter.op_minst", "i": "filter.op_i", "ikke_i": "filter.op_ikke_i"}


def _verditekst(v: object) -> str:
    if isinstance(v, bool):
        return t("filter.sann") if v else t("filter.usann")
    return f"«{v}»" if isinstance(v, str) else str(v)


def beskriv_filter(filter_: list | None) -> str:
    """A Norwegian description of a filter, for feedback and for the instructor."""
    if not filter_ or valider_filter(filter_):
        return t("tall.alle_rader")
    deler = []
    for b in filter_:
        if b["operator"] in MENGDE:
            hva = ", ".join(_verditekst(v) for v in b["verdier"])
        elif "mot_kolonne" in b:
            hva = f"`{b['mot_kolonne']}`"
        else:
            hva = _verditekst(b["verdi"])
        deler.append(t(_OP_TEKST[b["operator"]], kolonne=b["kolonne"], hva=hva))
    return t("filter.og").join(deler)


def last_tabell(tabell: str):
    import pandas as pd  # noqa: PLC0415 - keep import tiltakslab cheap

    sti = data_dir() / "synthetic" / f"{tabell}.csv"
    if not sti.is_file():
        raise BeregningFeil(t("tall.ingen_tabell", tabell=tabell))
    return pd.read_csv(sti)


def beregn(beregning: dict) -> float:
    """Evaluate a ``beregning`` block. Raises ``BeregningFeil``."""
    df = last_tabell(beregning["tabell"])
    utvalg = filtrer(df, beregning.get("utvalg"))
    if beregning["mal"] == "antall":
        verdi = float(len(utvalg))
    elif beregning["mal"] == "andel":
        nevner = filtrer(df, beregning.get("nevner"))
        if len(nevner) == 0:
            raise BeregningFeil(t("tall.tom_nevner"))
        verdi = len(utvalg) / len(nevner)
    else:
        kolonne = _kolonne(utvalg, beregning["kolonne"])
        try:
            verdi = float(kolonne.mean())
        except (TypeError, ValueError) as err:
            raise BeregningFeil(t("filter.ikke_tallkolonne", kolonne=beregning["kolonne"])) from err
    return verdi * float(beregning.get("skala", 1))
