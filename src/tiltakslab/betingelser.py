"""Declarative conditions on rows: the one format for a computed key's row filter and for case premises.

A condition list is data that must all hold (AND); it never reaches an evaluator (``eval``,
``DataFrame.query``). Each condition is a mapping::

    {kolonne: alder, operator: "<", verdi: 25}
    {kolonne: kontakttype, operator: i, verdier: [Hjemmebesøk, Telefon]}
    {kolonne: egen_naerhet, operator: ">", mot_kolonne: veileder_naerhet}

Operators: ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (with ``verdi``, or ``mot_kolonne`` where the caller's
:class:`Regler` allow it), ``i`` and ``ikke_i`` (with ``verdier``). A missing value (empty cell, ``None``,
NaN) satisfies only ``!=`` and ``ikke_i``; a date column compares with an ISO date text (``"2004-03-01"``).

This module owns the format: :func:`valider` (Norwegian messages through the catalogue), the operator table,
:func:`maske`/:func:`filtrer` for a pandas frame, :func:`oppfyller` for one plain dict row and :func:`rader` for
data stored by column (those two never import pandas), :func:`beskriv` (the conditions in words) and
:func:`skjema` (the JSON Schema definition that the exercise schema shares between ``premisser`` and
``beregning.utvalg``/``nevner``). The callers say what they allow with :class:`Regler`:
``tiltakslab.ovelser.beregning`` (any column of a table, ``mot_kolonne``) and ``tiltakslab.premisser`` (the
participant columns only).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping
from dataclasses import dataclass

from tiltakslab.meldinger import t

SAMMENLIGNING = ("==", "!=", "<", "<=", ">", ">=")
MENGDE = ("i", "ikke_i")
OPERATORER = SAMMENLIGNING + MENGDE
MAKS_TEKST = 200  # longest text value
_FUNKSJON = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
             ">": operator.gt, ">=": operator.ge}
# operator -> catalogue key of the condition in words («`alder` er høyst 25»)
_OP_TEKST = {"==": "filter.op_lik", "!=": "filter.op_ulik", "<": "filter.op_mindre", "<=": "filter.op_hoyst",
             ">": "filter.op_storre", ">=": "filter.op_minst", "i": "filter.op_i", "ikke_i": "filter.op_ikke_i"}


@dataclass(frozen=True)
class Regler:
    """What one caller allows in its condition lists.

    ``kolonner``: the allowed column names (``None``: any non-empty name, checked against the table when
    applied); ``ukjent_kolonne``: the catalogue key (placeholders ``felt``, ``verdi``) for a name outside
    ``kolonner``; ``mot_kolonne``: whether a comparison may name a second column instead of a value.
    """

    maks: int = 20
    maks_verdier: int = 50
    kolonner: frozenset[str] | None = None
    ukjent_kolonne: str = "filter.ukjent_kolonne_navn"
    mot_kolonne: bool = True

    @property
    def nokler(self) -> tuple[str, ...]:
        return ("kolonne", "operator", "verdi", "verdier") + (("mot_kolonne",) if self.mot_kolonne else ())


STANDARD = Regler()


class FilterFeil(ValueError):
    """Conditions that cannot be applied (invalid, unknown column, incomparable values); Norwegian message."""


def _skalar(v: object) -> bool:
    return isinstance(v, (str, int, float, bool)) and not (isinstance(v, str) and len(v) > MAKS_TEKST)


def _kolonnenavn(v: object) -> bool:
    return isinstance(v, str) and bool(v)


def valider(betingelser: object, felt: str = "utvalg", regler: Regler = STANDARD) -> list[str]:
    """Norwegian problems with a condition list (empty list: valid). Its shape and, when the rules name
    them, its columns; a table's columns are checked when the conditions are applied."""
    if isinstance(betingelser, str):
        return [t("filter.tekst_ikke_lov", felt=felt)]
    if not isinstance(betingelser, list) or not 1 <= len(betingelser) <= regler.maks:
        return [t("filter.ikke_liste", felt=felt, maks=regler.maks)]
    feil: list[str] = []
    for i, b in enumerate(betingelser):
        sti = f"{felt}[{i}]"
        if not isinstance(b, dict):
            feil.append(t("filter.ikke_post", felt=sti))
            continue
        for k in sorted(set(b) - set(regler.nokler), key=str):
            feil.append(t("filter.ukjent_felt", felt=f"{sti}.{k}", lovlige=", ".join(regler.nokler)))
        kolonne = b.get("kolonne")
        if not _kolonnenavn(kolonne):
            feil.append(t("filter.mangler_kolonne", felt=sti))
        elif regler.kolonner is not None and kolonne not in regler.kolonner:
            feil.append(t(regler.ukjent_kolonne, felt=f"{sti}.kolonne", verdi=kolonne))
        op = b.get("operator")
        if op not in OPERATORER:
            feil.append(t("filter.ukjent_operator", felt=sti, lovlige=", ".join(OPERATORER)))
            continue
        if op in MENGDE:
            v = b.get("verdier")
            if not isinstance(v, list) or not 1 <= len(v) <= regler.maks_verdier or not all(map(_skalar, v)):
                feil.append(t("filter.trenger_verdier", felt=sti, maks=regler.maks_verdier))
            if "verdi" in b or "mot_kolonne" in b:
                feil.append(t("filter.en_av", felt=sti))
            continue
        har = [k for k in ("verdi", "mot_kolonne") if k in b and (k == "verdi" or regler.mot_kolonne)]
        if len(har) != 1 or "verdier" in b:
            feil.append(t("filter.en_av", felt=sti) if regler.mot_kolonne else t("filter.trenger_verdi", felt=sti))
        elif "verdi" in b and not _skalar(b["verdi"]):
            feil.append(t("filter.ugyldig_verdi", felt=sti))
        elif "mot_kolonne" in har:
            if not _kolonnenavn(b["mot_kolonne"]):
                feil.append(t("filter.mangler_kolonne", felt=sti))
            elif regler.kolonner is not None and b["mot_kolonne"] not in regler.kolonner:
                feil.append(t(regler.ukjent_kolonne, felt=f"{sti}.mot_kolonne", verdi=b["mot_kolonne"]))
    return feil


def _sikre(betingelser: object, regler: Regler) -> None:
    feil = valider(betingelser, "utvalg", regler)
    if feil:
        raise FilterFeil("; ".join(feil))


def _type_feil(b: dict) -> FilterFeil:
    return FilterFeil(t("filter.feil_type", kolonne=b["kolonne"], operator=b["operator"]))


# --- one plain dict row (the standard library only) -----------------------------------------------------

def _mangler(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _som_dato(v: object, b: dict) -> object:
    """A date text as a date when the row's value is a date (``datetime`` stays a ``datetime``)."""
    if isinstance(v, str):
        try:
            return dt.datetime.fromisoformat(v) if len(v) > 10 else dt.date.fromisoformat(v)
        except ValueError as err:
            raise _type_feil(b) from err
    return v


def _felt(rad: Mapping, navn: str) -> object:
    if navn not in rad:
        raise FilterFeil(t("filter.ukjent_kolonne", kolonne=navn, lovlige=", ".join(map(str, rad))))
    return rad[navn]


def _holder(rad: Mapping, b: dict) -> bool:
    x = _felt(rad, b["kolonne"])
    op = b["operator"]
    if op in MENGDE:
        treff = not _mangler(x) and any(x == v and not _mangler(v) for v in b["verdier"])
        return treff if op == "i" else not treff
    y = _felt(rad, b["mot_kolonne"]) if "mot_kolonne" in b else b["verdi"]
    if _mangler(x) or _mangler(y):
        return op == "!="
    if isinstance(x, dt.date) and not isinstance(y, dt.date):
        y = _som_dato(y, b)
        if isinstance(x, dt.datetime) != isinstance(y, dt.datetime):  # compare a datetime by its date
            x, y = (x.date() if isinstance(x, dt.datetime) else x), (y.date() if isinstance(y, dt.datetime) else y)
    try:
        return bool(_FUNKSJON[op](x, y))
    except TypeError as err:  # e.g. "<" between text and number
        raise _type_feil(b) from err


def oppfyller(rad: Mapping, betingelser: list | None, regler: Regler = STANDARD) -> bool:
    """True when one row (a mapping column → value) satisfies every condition. Never imports pandas.

    Raises :class:`FilterFeil` for invalid conditions, a column the row does not have, or values that
    cannot be compared. Every condition is checked (an error is not hidden by an earlier false one).
    """
    if not betingelser:
        return True
    _sikre(betingelser, regler)
    svar = [_holder(rad, b) for b in betingelser]
    return all(svar)


class _Rad(Mapping):
    """Row ``nr`` of a column store (column → list of values), read as a mapping without copying."""

    __slots__ = ("kolonner", "nr")

    def __init__(self, kolonner: Mapping, nr: int):
        self.kolonner, self.nr = kolonner, nr

    def __getitem__(self, navn: str) -> object:
        return self.kolonner[navn][self.nr]

    def __iter__(self):
        return iter(self.kolonner)

    def __len__(self) -> int:
        return len(self.kolonner)


def rader(kolonner: Mapping, betingelser: list | None, utvalg=None, regler: Regler = STANDARD) -> list[int]:
    """Positions (of ``utvalg``, default every position) where every condition holds, for data stored by
    column (``{kolonne: [value per row]}``, missing as ``None``, dates as ``datetime.date``): the same rules
    as :func:`oppfyller` and :func:`maske`, with the standard library only. Raises :class:`FilterFeil`;
    every condition is checked on every row given (an error is not hidden by an earlier false condition)."""
    if utvalg is None:
        utvalg = range(len(next(iter(kolonner.values()), [])))
    utvalg = list(utvalg)
    if not betingelser:
        return utvalg
    _sikre(betingelser, regler)
    treff = [True] * len(utvalg)
    for b in betingelser:
        for i, nr in enumerate(utvalg):
            if not _holder(_Rad(kolonner, nr), b):
                treff[i] = False
    return [nr for nr, ok in zip(utvalg, treff, strict=True) if ok]


# --- a pandas frame -------------------------------------------------------------------------------------

def _serie(df, navn: str):
    if navn not in df.columns:
        raise FilterFeil(t("filter.ukjent_kolonne", kolonne=navn, lovlige=", ".join(map(str, df.columns))))
    return df[navn]


def maske(df, betingelser: list | None, regler: Regler = STANDARD):
    """Boolean Series over ``df``'s rows: True where every condition holds (same rules as :func:`oppfyller`).
    Raises :class:`FilterFeil`."""
    import pandas as pd  # noqa: PLC0415 - the dict-row path stays free of pandas

    ok = pd.Series(True, index=df.index)
    if not betingelser:
        return ok
    _sikre(betingelser, regler)
    for b in betingelser:
        serie = _serie(df, b["kolonne"])
        tom = serie.isna().to_numpy()
        op = b["operator"]
        if op in MENGDE:
            verdier = [v for v in b["verdier"] if not _mangler(v)]
            treff = serie.astype("object").isin(verdier).to_numpy() & ~tom
            ok &= ~treff if op == "ikke_i" else treff
            continue
        if "mot_kolonne" in b:
            andre = _serie(df, b["mot_kolonne"])
            mangler = tom | andre.isna().to_numpy()
            y = andre.astype("object").where(~mangler, None)
        else:
            y = b["verdi"]
            mangler = tom
            if pd.api.types.is_datetime64_any_dtype(serie) and not _mangler(y):
                try:
                    y = pd.Timestamp(str(y))
                except ValueError as err:
                    raise _type_feil(b) from err
        x = serie.astype("object").where(~mangler, None)
        try:
            m = pd.Series(_FUNKSJON[op](x, y), index=df.index).fillna(False).astype(bool).to_numpy()
        except TypeError as err:  # e.g. "<" between text and number
            raise _type_feil(b) from err
        ok &= (m | mangler) if op == "!=" else (m & ~mangler)
    return ok


def filtrer(df, betingelser: list | None, regler: Regler = STANDARD):
    """The rows of ``df`` where every condition holds. Raises :class:`FilterFeil`."""
    if not betingelser:
        return df
    return df[maske(df, betingelser, regler).to_numpy()]


# --- in words, and in the exercise schema ---------------------------------------------------------------

def _verditekst(v: object) -> str:
    if isinstance(v, bool):
        return t("filter.sann") if v else t("filter.usann")
    return f"«{v}»" if isinstance(v, str) else str(v)


def beskriv(betingelser: list | None, regler: Regler = STANDARD) -> str:
    """The conditions in Norwegian words (feedback, instructors); «alle rader» for none or invalid ones."""
    if not betingelser or valider(betingelser, "utvalg", regler):
        return t("tall.alle_rader")
    deler = []
    for b in betingelser:
        if b["operator"] in MENGDE:
            hva = ", ".join(_verditekst(v) for v in b["verdier"])
        elif "mot_kolonne" in b:
            hva = f"`{b['mot_kolonne']}`"
        else:
            hva = _verditekst(b["verdi"])
        deler.append(t(_OP_TEKST[b["operator"]], kolonne=b["kolonne"], hva=hva))
    return t("filter.og").join(deler)


SKJEMA_NAVN = "betingelser"


def skjema() -> dict:
    """The JSON Schema definition of a condition list, shared in the exercise schema (``$defs``).

    It names and describes the format only: the shape is checked by :func:`valider` as a cross-field rule,
    whose messages say more than a schema's («kan ikke være en tekst (et uttrykk)», the allowed operators).
    """
    return {"title": "list of conditions (see «Conditions»)",
            "description": "deklarative betingelser (kolonne, operator, verdi | verdier | mot_kolonne); "
                           "kontrolleres av tiltakslab.betingelser.valider"}
