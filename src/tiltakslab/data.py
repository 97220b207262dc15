"""Load the synthetic files with dtypes, validate them, report calibration, and write case vignettes.

Learner-facing API (Norwegian names): ``last``, ``kalibrering``, ``deltaker_for_student``, ``vignett``.
Errors in the data are raised as :class:`DataFeil` with a Norwegian message that names file, row
(the line number in the CSV file) and column; in Jupyter only the message is shown.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from tiltakslab import meldinger
from tiltakslab.paths import krev_data_dir


def standard_mappe() -> Path:
    """The synthetic data folder: ``<data>/synthetic``, where ``<data>`` honours ``TILTAKSLAB_DATA``."""
    return krev_data_dir(trenger=("synthetic",)) / "synthetic"


class DataFeil(ValueError):
    """Bad synthetic data or bad input; the message is Norwegian and meant for learners."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"DataFeil: {self}"]


# --- schema -----------------------------------------------------------------------------------------

def _kategorier() -> dict[str, list[str]]:
    from .synthetic import kohort, modell, tio, undersokelse

    t = kohort.tabeller()
    tiltak = list(dict.fromkeys([*t["tabell8"]["rader"], *t["tabell9"]["rader"]]))
    kat = {
        "satsingsenhet": kohort.enheter(),
        "malgruppe": list(kohort.MALGRUPPER),
        "aldersgruppe": list(t["tabell4"]["rader"]),
        "kjonn": ["Kvinne", "Mann"],
        "innvandrerbakgrunn": list(t["tabell6"]["rader"]),
        "arbeidssokerstatus": list(t["tabell7"]["rader"]),
        "tiltak": tiltak,
        "kontakttype": modell.KONTAKTTYPER,
        "instans": modell.INSTANSER,
        "utfall": modell.UTFALL,
        "anbefalt_tiltak": modell.ANBEFALT,
        "etat": undersokelse.ETATER,
        "tio_utfall": tio.UTFALL_TIO,
    }
    for navn, sp in undersokelse.oppsett()["sporsmal"].items():
        kat[navn] = list(sp["kategorier"])
    return kat


# column: (kind, nullable, extra) ; kinds: id, str, int, float, bool, date, cat:<key>
_OMRADER = ["formell_kompetanse", "personlige_styrker", "nettverk", "naerhet_arbeidsmarkedet"]
SKJEMA: dict[str, dict[str, tuple[str, bool]]] = {
    "deltakere": {
        "deltaker_id": ("id", False), "satsingsenhet": ("cat:satsingsenhet", False),
        "malgruppe": ("cat:malgruppe", False), "alder": ("int", False),
        "aldersgruppe": ("cat:aldersgruppe", False), "kjonn": ("cat:kjonn", False),
        "innvandrerbakgrunn": ("cat:innvandrerbakgrunn", False),
        "arbeidssokerstatus": ("cat:arbeidssokerstatus", False), "tiltak": ("cat:tiltak", True),
        "i_tiltak": ("bool", False), "startdato": ("date", False),
        "maneder_sosialhjelp_siste_ar": ("int", False), "helseproblem": ("bool", False),
        "rusproblem": ("bool", False), "problem_avdekket_etter_start": ("bool", False),
        "saksbehandler_id": ("str", False), "handlingsplan": ("bool", False),
        "individuell_plan": ("bool", False), "ansvarsgruppe": ("bool", False),
    },
    "kartlegging": {
        "deltaker_id": ("id", False), "screenet": ("bool", False), "kis_kartlagt": ("bool", False),
        "kartlagt_dato": ("date", True), "samtale_nr": ("int", True),
        **{f"{h}_{o}": ("int", True) for o in _OMRADER for h in ("egen", "veileder")},
        "anbefalt_tiltak": ("cat:anbefalt_tiltak", True),
    },
    "oppfolging": {
        "deltaker_id": ("str", False), "dato": ("date", False), "kontakttype": ("cat:kontakttype", False),
        "instans": ("cat:instans", False), "mott": ("bool", False),
    },
    "utfall": {
        "deltaker_id": ("id", False), "avsluttet": ("bool", False), "sluttdato": ("date", True),
        "maneder_i_satsingen": ("float", False), "utfall": ("cat:utfall", True),
    },
    "saksbehandlere": {
        "saksbehandler_id": ("id", False), "satsingsenhet": ("cat:satsingsenhet", False),
        "etat": ("cat:etat", False), "stillingsandel": ("float", False), "antall_deltakere": ("int", False),
    },
    "samarbeid_undersokelse": {
        "skjema_id": ("id", False), "etat": ("cat:etat", False), "satsingsenhet": ("cat:satsingsenhet", False),
        "svart": ("bool", False),
        **{k: (f"cat:{k}", True) for k in ("prioritering", "intern_kontaktperson", "stillingsressurs",
                                           "samarbeidsavtale", "bruk_kommunale_tiltak", "bruk_satsingstiltak",
                                           "vilkar_ungdom", "andel_deltakere_i_jobb")},
    },
    "tio_kohort": {
        "deltaker_id": ("id", False), "prosjekt": ("str", False), "konsulent_id": ("str", False),
        "startdato": ("date", False), "kis_kartlagt": ("bool", False), "ansvarsgruppe": ("bool", False),
        "utskrevet": ("bool", False), "utskrevet_dato": ("date", True), "utfall": ("cat:tio_utfall", True),
    },
}
# ranges for integer columns (inclusive)
_GRENSER = {"alder": (16, 70), "maneder_sosialhjelp_siste_ar": (1, 12), "samtale_nr": (1, 20),
            "antall_deltakere": (0, 10_000),
            **{f"{h}_{o}": (1, 5) for o in _OMRADER for h in ("egen", "veileder")}}

# what a column of each kind must hold: the catalogue's ``casedata.forventet_<kind>``
_FORVENTET = ("id", "str", "int", "float", "bool", "date")


def _forventet(kind: str) -> str:
    return meldinger.t(f"casedata.forventet_{kind}") if kind in _FORVENTET else meldinger.t("casedata.forventet_kjent")


def _feil(fil: str, pos: int, kol: str, verdi, forventet: str) -> DataFeil:
    tom = verdi is None or (isinstance(verdi, float) and np.isnan(verdi))
    vis = meldinger.t("casedata.tom") if tom else f"«{verdi}»"
    return DataFeil(meldinger.t("casedata.feil_verdi", fil=fil, rad=pos + 2, kolonne=kol, verdi=vis,
                                forventet=forventet))


def valider(navn: str, raw: pd.DataFrame) -> pd.DataFrame:
    """Check a raw (all-string) frame against the schema and return it with proper dtypes."""
    if navn not in SKJEMA:
        raise DataFeil(meldinger.t("casedata.ukjent_fil", navn=navn, lovlige=", ".join(SKJEMA)))
    skjema = SKJEMA[navn]
    mangler = [k for k in skjema if k not in raw.columns]
    if mangler:
        raise DataFeil(meldinger.t("casedata.mangler_kolonne", fil=navn, kolonne=mangler[0]))
    ekstra = [k for k in raw.columns if k not in skjema]
    if ekstra:
        raise DataFeil(meldinger.t("casedata.ukjent_kolonne", fil=navn, kolonne=ekstra[0]))
    kat = _kategorier()
    out = {}
    for kol, (kind, nullable) in skjema.items():
        s = raw[kol].reset_index(drop=True)
        tom = s.isna()
        if not nullable and tom.any():
            i = int(np.flatnonzero(tom.to_numpy())[0])
            raise _feil(navn, i, kol, None, _forventet(kind))
        if kind in ("id", "str"):
            if kind == "id" and s.duplicated().any():
                i = int(np.flatnonzero(s.duplicated().to_numpy())[0])
                raise _feil(navn, i, kol, s[i], meldinger.t("casedata.forventet_unik"))
            out[kol] = s.astype("string")
        elif kind in ("int", "float"):
            v = pd.to_numeric(s, errors="coerce")
            bad = v.isna() & ~tom
            if kind == "int":
                bad |= ~tom & (v.round() != v)
                lo, hi = _GRENSER.get(kol, (-(10**9), 10**9))
                bad |= ~tom & ((v < lo) | (v > hi))
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                lo, hi = _GRENSER.get(kol, (None, None))
                if lo is None:
                    forv = _forventet(kind)
                elif kind == "int":
                    forv = meldinger.t("casedata.forventet_int_mellom", lo=lo, hi=hi)
                else:
                    forv = meldinger.t("casedata.forventet_float_mellom", lo=lo, hi=hi)
                raise _feil(navn, i, kol, s[i], forv)
            out[kol] = v.astype("Int64" if nullable else "int64") if kind == "int" else v.astype("float64")
        elif kind == "bool":
            bad = ~s.isin(["True", "False"])
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise _feil(navn, i, kol, s[i], _forventet("bool"))
            out[kol] = s == "True"
        elif kind == "date":
            v = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
            bad = v.isna() & ~tom
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                raise _feil(navn, i, kol, s[i], _forventet("date"))
            out[kol] = v
        else:
            allowed = kat[kind.split(":", 1)[1]]
            bad = ~s.isin(allowed) & ~tom
            if bad.any():
                i = int(np.flatnonzero(bad.to_numpy())[0])
                vis = ", ".join(f"«{a}»" for a in allowed[:6]) + (" …" if len(allowed) > 6 else "")
                raise _feil(navn, i, kol, s[i], meldinger.t("casedata.forventet_en_av", lovlige=vis))
            out[kol] = pd.Categorical(s, categories=allowed)
    return pd.DataFrame(out)


def last(navn: str, mappe: str | Path | None = None) -> pd.DataFrame:
    """Load one synthetic file (e.g. ``last("deltakere")``) with dtypes, validated."""
    if not isinstance(navn, str) or navn.removesuffix(".csv") not in SKJEMA:
        raise DataFeil(meldinger.t("casedata.ukjent_fil", navn=navn, lovlige=", ".join(SKJEMA)))
    navn = navn.removesuffix(".csv")
    path = Path(mappe or standard_mappe()) / f"{navn}.csv"
    if not path.is_file():
        raise DataFeil(meldinger.t("casedata.finner_ikke", fil=str(path)))
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return valider(navn, raw)


def last_alle(mappe: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Load every file and check that the ids refer to each other."""
    d = {n: last(n, mappe) for n in SKJEMA}
    ids = set(d["deltakere"]["deltaker_id"])
    for navn in ("kartlegging", "oppfolging", "utfall"):
        ukjent = ~d[navn]["deltaker_id"].isin(ids)
        if ukjent.any():
            i = int(np.flatnonzero(ukjent.to_numpy())[0])
            raise _feil(navn, i, "deltaker_id", d[navn]["deltaker_id"].iloc[i],
                        meldinger.t("casedata.forventet_id_i", fil="deltakere.csv"))
    sb = ~d["deltakere"]["saksbehandler_id"].isin(set(d["saksbehandlere"]["saksbehandler_id"]))
    if sb.any():
        i = int(np.flatnonzero(sb.to_numpy())[0])
        raise _feil("deltakere", i, "saksbehandler_id", d["deltakere"]["saksbehandler_id"].iloc[i],
                    meldinger.t("casedata.forventet_id_i", fil="saksbehandlere.csv"))
    return d


# --- calibration ------------------------------------------------------------------------------------

def _pst(k, n) -> int:
    return int((200 * int(k) + int(n)) // (2 * int(n)))


def kalibrering(data: dict | None = None) -> pd.DataFrame:
    """For each published figure: source, locator, published value, generated value, and a match flag.

    ``data`` is a dict of frames (from ``last_alle`` or ``tiltakslab.synthetic.generer``); by default
    the committed files. Columns: figur, kilde, lokator, publisert, generert, stemmer, oppnaelig, merknad.
    A few published figures cannot all hold at once (the source rounded inconsistently); those rows
    have ``oppnaelig`` False and the ``merknad`` says why and what we did instead.
    """
    from .synthetic import kohort, tio, undersokelse

    d = data if data is not None else last_alle()
    t = kohort.tabeller()
    K = t["kilde"]
    mgs = list(kohort.MALGRUPPER)
    rows: list[dict] = []

    def add(figur, kilde, lokator, pub, gen, ok=None, oppn=True, merk="", pst=False):
        enhet = " %" if pst else ""
        rows.append({"figur": figur, "kilde": kilde, "lokator": lokator, "publisert": f"{pub}{enhet}",
                     "generert": f"{gen}{enhet}", "stemmer": bool(pub == gen if ok is None else ok),
                     "oppnaelig": oppn, "merknad": merk})

    dl = d["deltakere"]
    mg = dl["malgruppe"].astype(str)
    des = t["tabell3"]["rader"]["Desember"]
    for j, m in enumerate(mgs):
        add(f"Tabell 3, desember: {m}", K, t["tabell3"]["lokator"], des[j], int((mg == m).sum()))
    add("Tabell 3, desember: Sum", K, t["tabell3"]["lokator"], des[3], len(dl))
    for key in ("tabell4", "tabell6", "tabell7"):
        spec = t[key]
        var = dl[spec["variabel"]].astype(str)
        for rad, verdier in spec["rader"].items():
            for j, m in enumerate(mgs):
                add(f"Tabell {key[6:]}: {rad} / {m}", K, spec["lokator"], verdier[j],
                    int(((var == rad) & (mg == m)).sum()))
    for key in ("tabell4", "tabell6", "tabell7"):
        spec = t[key]
        var = dl[spec["variabel"]].astype(str)
        for rad, p in zip(spec["rader"], spec["prosent"], strict=True):
            add(f"Tabell {key[6:]}: {rad}, prosent av alle", K, spec["lokator"], p, _pst((var == rad).sum(), len(dl)),
                pst=True)
    for j, m in enumerate(mgs):
        add(f"Tabell 4: {m}, prosent av alle", K, t["tabell4"]["lokator"], t["tabell4"]["prosent_malgrupper"][j],
            _pst((mg == m).sum(), len(dl)), pst=True)
    status = dl["arbeidssokerstatus"].astype(str)
    for key in ("tabell8", "tabell9"):
        spec = t[key]
        sub = status == spec["gjelder"]
        var = dl["tiltak"].astype(str)
        for rad, p in zip(spec["rader"], spec["prosent"], strict=True):
            add(f"Tabell {key[6:]}: {rad}, prosent", K, spec["lokator"], p,
                _pst((sub & (var == rad)).sum(), max(1, int(sub.sum()))), pst=True)
    for key in ("tabell8", "tabell9"):
        spec = t[key]
        sub = status == spec["gjelder"]
        var = dl["tiltak"].astype(str)
        for rad, verdier in spec["rader"].items():
            for j, m in enumerate(mgs):
                add(f"Tabell {key[6:]}: {rad} / {m}", K, spec["lokator"], verdier[j],
                    int((sub & (var == rad) & (mg == m)).sum()))
    kv = dl["kjonn"].astype(str) == "Kvinne"
    t5 = t["tabell5"]
    for j, m in enumerate([*mgs, "Sum"]):
        sel = (mg == m) if m != "Sum" else np.ones(len(dl), dtype=bool)
        nk, n = int((kv & sel).sum()), int(sel.sum())
        add(f"Tabell 5: kvinner, {m}", K, t5["lokator"], t5["kvinner"][j], _pst(nk, n), pst=True)
        merk, oppn = "", True
        if t5["kvinner"][j] + t5["menn"][j] != 100:
            oppn = False
            merk = meldinger.t("casedata.kalibrering_kjonn", kvinner=t5["kvinner"][j], menn=t5["menn"][j],
                               sum=t5["kvinner"][j] + t5["menn"][j])
        add(f"Tabell 5: menn, {m}", K, t5["lokator"], t5["menn"][j], _pst(n - nk, n), oppn=oppn, merk=merk,
            pst=True)
    t10 = t["tabell10"]
    enhet = dl["satsingsenhet"].astype(str)
    itl = dl["i_tiltak"].to_numpy()
    sum_mg = [0, 0, 0]
    for navn, v in t10["enheter"].items():
        sel = (enhet == navn).to_numpy()
        n = int(sel.sum())
        add(f"Tabell 10: {navn}, antall deltakere", K, t10["lokator"], v[0], n)
        add(f"Tabell 10: {navn}, i tiltak", K, t10["lokator"], v[1], int((sel & itl).sum()))
        add(f"Tabell 10: {navn}, ikke i tiltak", K, t10["lokator"], v[2], int((sel & ~itl).sum()))
        from .synthetic.allokering import enhetsalternativer
        _, avvik = enhetsalternativer(v[0], tuple(v[3:]))
        for j, m in enumerate(mgs):
            k = int((sel & (mg == m).to_numpy()).sum())
            sum_mg[j] += k
            gen = _pst(k, n) if n else 0
            merk, oppn = "", True
            if avvik and gen != v[3 + j]:
                oppn = False
                merk = meldinger.t("casedata.kalibrering_avrunding", antall=v[0], andeler=f"{v[3]}/{v[4]}/{v[5]}",
                                   avvik=avvik)
            add(f"Tabell 10: {navn}, andel {m}", K, t10["lokator"], v[3 + j], gen, oppn=oppn, merk=merk,
                pst=True)
    inn = enhet != t10["utenfor"]["navn"]
    add("Tabell 10: Sum antall deltakere", K, t10["lokator"], t10["sum"][0], int(inn.sum()))
    add("Tabell 10: Sum i tiltak", K, t10["lokator"], t10["sum"][1], int((inn.to_numpy() & itl).sum()))
    add("Tabell 10: Sum ikke i tiltak", K, t10["lokator"], t10["sum"][2], int((inn.to_numpy() & ~itl).sum()))
    for j, m in enumerate(mgs):
        add(f"Tabell 10: Sum {m}", K, t10["lokator"], t10["sum_malgrupper"][j], sum_mg[j])
        add(f"Tabell 10: Sum andel {m}", K, t10["lokator"], t10["sum_prosent"][j],
            _pst(sum_mg[j], max(1, int(inn.sum()))), pst=True)
    add("Fotnote 9: registrert utenfor satsingskommunene", K, t10["utenfor"]["lokator"],
        t10["utenfor"]["antall"], int((~inn).sum()))

    # national outcome figure
    u = d["utfall"]
    av = u[u["avsluttet"]]
    L = max(1, len(av))
    lok = "Del II, Det generelle bildet"
    ut = av["utfall"].astype(str)
    add("Avsluttede: andel til arbeid", K, lok, 42, _pst((ut == "Arbeid").sum(), L), pst=True)
    add("Avsluttede: andel til skole, utdanning eller kurs", K, lok, 18, _pst((ut == "Utdanning/kurs").sum(), L),
        pst=True)
    rest = ut[~ut.isin(["Arbeid", "Utdanning/kurs"])].value_counts()
    storst = str(rest.index[0]) if len(rest) else ""
    add("Avsluttede: de resterende hovedsakelig ledige eller syke", K, lok,
        "Fortsatt ledig/syk størst", f"{storst} størst", ok=storst == "Fortsatt ledig/syk")

    # TIO
    tk = d["tio_kohort"]
    K3, lok6 = "kunnskapsoversikt-vedlegg", "Vedlegg 2, Prosjekt 6"
    ut_t = tk[tk["utskrevet"]]
    add("TIO: deltakere 2006–2008", K3, lok6, tio.N_TIO, len(tk))
    add("TIO: utskrevet (juni 2008)", K3, lok6, tio.N_UTSKREVET, len(ut_t))
    add("TIO: andel utskrevne til arbeidsrettet aktivitet", K3, lok6, tio.ANDEL_ARBEID,
        _pst((ut_t["utfall"].astype(str) == "Arbeidsrettet aktivitet").sum(), max(1, len(ut_t))), pst=True)
    cl = tk["konsulent_id"].value_counts()
    add("TIO: deltakere per konsulent", K3, lok6, "10-15", f"{cl.min()}-{cl.max()}",
        ok=bool(cl.min() >= 10 and cl.max() <= 15))

    # survey
    us = d["samarbeid_undersokelse"]
    o = undersokelse.oppsett()
    for rad in o["publisert"]:
        figur, lokator, sp, kats, etater, nevner, verdi = rad[:7]
        tol = rad[7] if len(rad) > 7 else None
        sel = us["etat"].astype(str).isin(etater)
        if sp == "svart":
            teller, n = int((sel & us["svart"]).sum()), int(sel.sum())
        else:
            svar = us[sp].astype(str)
            teller = int((sel & svar.isin(kats)).sum())
            if nevner == "respondenter":
                n = int((sel & us["svart"]).sum())
            elif nevner == "svar":
                n = int((sel & us[sp].notna()).sum())
            else:  # jobb: those with someone in work
                n = int((sel & us[sp].notna() & (svar != "Ingen")).sum())
        if tol is None:
            add(f"Spørreundersøkelse: {figur}", "afi-notat-2004", lokator, verdi, _pst(teller, max(1, n)), pst=True)
        else:
            gen = round(100 * teller / max(1, n), 1)
            add(f"Spørreundersøkelse: {figur}", "afi-notat-2004", lokator, verdi, gen,
                ok=abs(gen - verdi) <= tol, merk=meldinger.t("casedata.kalibrering_omtrentlig", toleranse=tol),
                pst=True)
    return pd.DataFrame(rows)


# --- vignettes --------------------------------------------------------------------------------------

# Fixed list of fictional first names (common Norwegian given names; no real persons meant).
NAVN_KVINNE = ["Ingrid", "Sara", "Nora", "Amina", "Hanne", "Line", "Marte", "Leila", "Kari", "Sofie",
               "Camilla", "Fatima", "Tone", "Eva", "Mona", "Hilde", "Linnea", "Maja", "Randi", "Selma"]
NAVN_MANN = ["Ola", "Jonas", "Ali", "Erik", "Morten", "Anders", "Kristian", "Omar", "Petter", "Lars",
             "Tor", "Daniel", "Emil", "Henrik", "Yusuf", "Stian", "Geir", "Martin", "Sindre", "Hassan"]


def _hash(tekst: str) -> int:
    return int.from_bytes(hashlib.sha256(tekst.encode("utf-8")).digest()[:8], "big")


@lru_cache(maxsize=4)
def _data(mappe: str) -> dict:
    return last_alle(mappe)


def _hent(mappe) -> dict:
    return _data(str(Path(mappe or standard_mappe())))


def _sakstabell(d: dict) -> pd.DataFrame:
    """One row per participant who can be a case: ≥ 4 contacts, so there is a story to tell.

    Columns: everything in deltakere, kartlegging and utfall (joined on ``deltaker_id``), plus
    ``forlop`` (the outcome so far, «Pågår» while still in the programme) and ``fornavn``.
    """
    antall = d["oppfolging"]["deltaker_id"].astype(str).value_counts()
    df = (d["deltakere"].merge(d["kartlegging"], on="deltaker_id", how="left")
          .merge(d["utfall"], on="deltaker_id", how="left"))
    ids = df["deltaker_id"].astype(str)
    df = df.assign(deltaker_id=ids, forlop=df["utfall"].astype(str).where(df["utfall"].notna(), "Pågår"),
                   fornavn=[_fornavn(i, k == "Kvinne") for i, k in zip(ids, df["kjonn"], strict=True)])
    return df[df["deltaker_id"].map(antall).fillna(0).to_numpy() >= 4].reset_index(drop=True)


@lru_cache(maxsize=4)
def _sakstabell_cached(mappe: str) -> pd.DataFrame:
    return _sakstabell(_data(mappe))


def _strata(df: pd.DataFrame) -> list[np.ndarray]:
    """Candidates grouped into strata (target group × outcome so far), each sorted by id.

    Picking a stratum first and a participant second gives students a mix of target groups and
    courses, not only the common cases.
    """
    grupper = df.groupby([df["malgruppe"].astype(str), "forlop"])["deltaker_id"]
    return [np.sort(g.to_numpy()) for _, g in sorted(grupper, key=lambda x: x[0]) if len(g)]


def _nokkel(premisser: list | None) -> str:
    import json  # noqa: PLC0415

    try:
        return json.dumps(premisser or [], sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError) as err:
        raise DataFeil(str(err)) from err


def _mappe(mappe) -> str:
    return str(Path(mappe or standard_mappe()))


@lru_cache(maxsize=64)
def _utvalg_cached(nokkel: str, mappe: str) -> pd.DataFrame:
    import json  # noqa: PLC0415

    from tiltakslab.premisser import maske  # noqa: PLC0415

    df = _sakstabell_cached(mappe)
    try:
        return df[maske(df, json.loads(nokkel)).to_numpy()]
    except ValueError as err:
        raise DataFeil(str(err)) from err


@lru_cache(maxsize=64)
def _ider_cached(nokkel: str, mappe: str) -> frozenset[str]:
    return frozenset(_utvalg_cached(nokkel, mappe)["deltaker_id"])


@lru_cache(maxsize=256)
def _strata_for(nokkel: str, mappe: str, utenom_navn: str = "") -> tuple[np.ndarray, ...]:
    df = _utvalg_cached(nokkel, mappe)
    if utenom_navn:
        df = df[df["fornavn"] != utenom_navn]
    return tuple(_strata(df))


def kandidater(premisser: list | None = None, mappe: str | Path | None = None) -> list[str]:
    """Sorted ids of the participants that can be a case and satisfy every premise.

    ``premisser`` is an exercise's ``premisser`` list (see ``tiltakslab.premisser``); ``None`` means
    no premise. This is the pool that ``deltaker_for_student`` draws from.
    """
    return sorted(_ider_cached(_nokkel(premisser), _mappe(mappe)))


def oppfyller(deltaker_id: str, premisser: list | None, mappe: str | Path | None = None) -> bool:
    """True when the participant can be a case and satisfies every premise."""
    return str(deltaker_id).strip() in _ider_cached(_nokkel(premisser), _mappe(mappe))


def _trekk(nokkel: str, strata: tuple[np.ndarray, ...]) -> str:
    if not strata:
        raise DataFeil(meldinger.t("premiss.ingen_kandidater"))
    h = _hash(nokkel)
    gruppe = strata[h % len(strata)]
    return str(gruppe[(h // len(strata)) % len(gruppe)])


def deltaker_for_student(student_id: str, premisser: list | None = None,
                         mappe: str | Path | None = None) -> str:
    """Deterministic deltaker_id for a student id, so each student gets a different case.

    With ``premisser`` (an exercise's premise list) the case is drawn only from participants that
    satisfy them (``kandidater(premisser)``); without, from all participants that can be a case.
    """
    if not isinstance(student_id, str) or not student_id.strip():
        raise DataFeil(meldinger.t("casedata.ugyldig_student_id"))
    if os.environ.get("TILTAKSLAB_TILDELING"):  # the instructor's stored assignment is the truth
        from tiltakslab.tildeling import fra_miljo  # noqa: PLC0415

        tildelt = fra_miljo(student_id)
        if tildelt and (not premisser or oppfyller(tildelt, premisser, mappe)):
            return tildelt
    return _trekk("tiltakslab-student:" + student_id.strip().lower(),
                  _strata_for(_nokkel(premisser), _mappe(mappe)))


def sak_for_ovelse(deltaker_id: str, premisser: list | None, foretrukket: list | None = None,
                   mappe: str | Path | None = None) -> str:
    """The case to show for an exercise, given the learner's case ``deltaker_id``.

    The learner's own case is kept when it satisfies the exercise's ``premisser``. Otherwise another
    case is drawn, deterministically from ``deltaker_id``, among participants that satisfy them and
    that do not share the first name of the learner's case (one first name is one person). When
    ``foretrukket`` is given (e.g. every premise declared in the course), the draw is from the
    participants that satisfy those too, if there are any: then every exercise that needs another case
    shows the learner the same second person.
    """
    did = str(deltaker_id).strip()
    if not premisser or oppfyller(did, premisser, mappe):
        return did
    m = _mappe(mappe)
    alle = _sakstabell_cached(m)
    navn = alle.loc[alle["deltaker_id"] == did, "fornavn"]
    utenom = str(navn.iloc[0]) if not navn.empty else ""
    strata = ()
    if foretrukket:
        strata = _strata_for(_nokkel([*foretrukket, *premisser]), m, utenom)
    if not strata:
        strata = _strata_for(_nokkel(premisser), m, utenom)
    return _trekk("tiltakslab-sak:" + did, strata)


def fro_for_student(student_id: str) -> int:
    """Deterministic generator seed for a student id (``tiltakslab generer --seed N``)."""
    if not isinstance(student_id, str) or not student_id.strip():
        raise DataFeil(meldinger.t("casedata.ugyldig_student_id"))
    return _hash("tiltakslab-frø:" + student_id.strip().lower()) % 1_000_000


def _fornavn(deltaker_id: str, kvinne: bool) -> str:
    liste = NAVN_KVINNE if kvinne else NAVN_MANN
    return liste[_hash("tiltakslab-navn:" + deltaker_id) % len(liste)]


def fornavn(deltaker_id: str, mappe: str | Path | None = None) -> str:
    """The fictional first name the vignette uses for a participant."""
    dl = _hent(mappe)["deltakere"]
    treff = dl[dl["deltaker_id"] == str(deltaker_id).strip()]
    if treff.empty:
        raise DataFeil(meldinger.t("casedata.ukjent_deltaker", id=deltaker_id))
    return _fornavn(str(treff.iloc[0]["deltaker_id"]), treff.iloc[0]["kjonn"] == "Kvinne")


def _mnd(verdi: float) -> str:
    """Months with a Norwegian decimal comma: 5.0 -> «5», 13.5 -> «13,5»."""
    return f"{verdi:.1f}".replace(".0", "").replace(".", ",")


def _dato(ts) -> str:
    return meldinger.t("vignett.dato", dag=ts.day, maned=meldinger.t(f"vignett.maned_{ts.month}"), ar=ts.year)


def vignett(deltaker_id: str, mappe: str | Path | None = None, utsnitt: str = "hele") -> str:
    """A short Norwegian case text (Markdown) about one synthetic participant.

    ``utsnitt="hele"`` tells the whole course (registration, mapping, follow-up log, outcome);
    ``utsnitt="start"`` only what is known the day the participant joins (background and problems
    known then), for exercises that play the first meeting: it never reveals mapping or outcome.
    """
    if utsnitt not in ("hele", "start"):
        raise DataFeil(meldinger.t("casedata.ugyldig_utsnitt"))
    d = _hent(mappe)
    dl = d["deltakere"]
    if not isinstance(deltaker_id, str):
        raise DataFeil(meldinger.t("casedata.ugyldig_deltaker_id"))
    treff = dl[dl["deltaker_id"] == deltaker_id.strip()]
    if treff.empty:
        raise DataFeil(meldinger.t("casedata.ukjent_deltaker", id=deltaker_id))
    r = treff.iloc[0]
    did = str(r["deltaker_id"])
    kvinne = r["kjonn"] == "Kvinne"
    navn = _fornavn(did, kvinne)
    hun = meldinger.t("vignett.hun") if kvinne else meldinger.t("vignett.han")
    Hun = hun.capitalize()
    k = d["kartlegging"].set_index("deltaker_id").loc[did]
    u = d["utfall"].set_index("deltaker_id").loc[did]
    logg = d["oppfolging"][d["oppfolging"]["deltaker_id"] == did]
    sb = d["saksbehandlere"].set_index("saksbehandler_id").loc[r["saksbehandler_id"]]
    og = " " + meldinger.t("vignett.og") + " "
    # category value of the data -> catalogue key of its phrase
    mg_tekst = meldinger.t({"Eneforsørger": "vignett.malgruppe_eneforsorger", "20-24 år": "vignett.malgruppe_ung",
                            "Langtid sosialhjelp": "vignett.malgruppe_langtid"}[str(r["malgruppe"])])
    bakgrunn = meldinger.t({"Norge": "vignett.bakgrunn_norge",
                            "Innvandrer ikke-OECD land": "vignett.bakgrunn_ikke_oecd",
                            "Innvandrer OECD land": "vignett.bakgrunn_oecd",
                            "Ukjent": "vignett.bakgrunn_ukjent"}[str(r["innvandrerbakgrunn"])])
    etat = sb["etat"].lower() if sb["etat"] != "Aetat" else "Aetat"
    fotnote = meldinger.t("vignett.fotnote", id=did)
    linjer = [meldinger.t("vignett.tittel", navn=navn, alder=r["alder"]), "",
              meldinger.t("vignett.innledning", navn=navn, malgruppe=mg_tekst, bakgrunn=bakgrunn, Hun=Hun,
                          enhet=r["satsingsenhet"], maneder=r["maneder_sosialhjelp_siste_ar"],
                          dato=_dato(r["startdato"]))]
    if utsnitt == "start":
        problem = [meldinger.t(key) for key, har in (("vignett.helseproblemer", r["helseproblem"]),
                                                    ("vignett.rusproblemer", r["rusproblem"]))
                   if har and not r["problem_avdekket_etter_start"]]
        if problem:
            linjer.append(meldinger.t("vignett.kjent_problem", hun=hun, problem=og.join(problem)))
        linjer.append(meldinger.t("vignett.saksbehandler_start", etat=etat))
        linjer.append(meldinger.t("vignett.start_utsnitt", navn=navn))
        linjer += ["", fotnote]
        return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
    if r["i_tiltak"]:
        linjer.append(meldinger.t("vignett.i_tiltak", hun=hun, status=r["arbeidssokerstatus"], tiltak=r["tiltak"]))
    else:
        linjer.append(meldinger.t("vignett.ikke_i_tiltak", hun=hun, status=r["arbeidssokerstatus"]))
    problem = []
    if r["helseproblem"]:
        problem.append(meldinger.t("vignett.helseproblemer"))
    if r["rusproblem"]:
        problem.append(meldinger.t("vignett.rusproblemer"))
    if problem:
        nar = (meldinger.t("vignett.kjent_etter_start") if r["problem_avdekket_etter_start"]
               else meldinger.t("vignett.kjent_ved_start"))
        linjer.append(meldinger.t("vignett.problem", navn=navn, problem=og.join(problem), nar=nar))
    linjer.append((meldinger.t("vignett.saksbehandler", etat=etat, antall=sb["antall_deltakere"]) + " "
                  + (meldinger.t("vignett.handlingsplan") + " " if r["handlingsplan"]
                     else meldinger.t("vignett.ingen_handlingsplan") + " ")
                  + (meldinger.t("vignett.individuell_plan") + " " if r["individuell_plan"] else "")
                  + (meldinger.t("vignett.ansvarsgruppe") if r["ansvarsgruppe"] else "")).strip())
    if k["kis_kartlagt"]:
        omrader = ("formell_kompetanse", "personlige_styrker", "nettverk", "naerhet_arbeidsmarkedet")
        deler = meldinger.t("vignett.vurderinger", **{f"egen{i}": k["egen_" + c] for i, c in enumerate(omrader, 1)},
                            **{f"veileder{i}": k["veileder_" + c] for i, c in enumerate(omrader, 1)})
        linjer.append(meldinger.t("vignett.kartlagt", navn=navn, nr=k["samtale_nr"], dato=_dato(k["kartlagt_dato"]),
                                  vurderinger=deler, tiltak=k["anbefalt_tiltak"]))
    elif k["screenet"]:
        linjer.append(meldinger.t("vignett.screenet", navn=navn))
    else:
        linjer.append(meldinger.t("vignett.ikke_screenet", navn=navn))
    typer = logg["kontakttype"].astype(str).value_counts()
    uteble = int((~logg["mott"]).sum())
    kontakt = ", ".join(f"{n} × {typ.lower()}" for typ, n in typer.items())
    logg_key = "vignett.logg_en" if uteble == 1 else "vignett.logg"
    linjer.append(meldinger.t(logg_key, antall=len(logg), kontakter=kontakt, navn=navn, uteble=uteble))
    if u["avsluttet"]:
        linjer.append(meldinger.t("vignett.avsluttet", navn=navn, dato=_dato(u["sluttdato"]),
                                  maneder=_mnd(u["maneder_i_satsingen"]), utfall=u["utfall"]))
    else:
        linjer.append(meldinger.t("vignett.fortsatt", navn=navn, maneder=_mnd(u["maneder_i_satsingen"])))
    linjer += ["", fotnote]
    return "\n".join(linjer[:2] + [" ".join(linjer[2:-2])] + linjer[-2:])
