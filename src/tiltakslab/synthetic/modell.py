"""Modelled data beyond the published tables: timing, problems, caseworkers, follow-up, mapping, outcomes.

Every rule here has an entry in ``antakelser.yaml`` (the id is given in the comment). Unit-level
hidden variables (internal working practice, KIS practice, contact frequency, caseload) are drawn
per seed and never written out: they are the built-in confounders.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import allokering as A
from .kohort import enheter, tabeller

OBS_SLUTT = np.datetime64("2004-12-31")
BESTAND_SLUTT = np.datetime64("2004-01-01")  # the December 2003 stock is still in the programme in December
MANEDER = ["April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember"]

KONTAKTTYPER = ["Samtale på kontoret", "Telefon", "Trekantsamtale", "Firkantsamtale", "Hjemmebesøk",
                "Oppfølging på tiltaksplass", "Oppfølging på arbeidsplass"]
INSTANSER = ["Aetat", "Sosialtjenesten", "Aetat og sosialtjenesten", "Aetat, sosialtjenesten og arbeidsgiver",
             "Tiltaksarrangør"]
UTFALL = ["Arbeid", "Utdanning/kurs", "Nytt tiltak", "Attføring/trygd", "Fortsatt ledig/syk", "Frafall"]
OMRADER = ["formell_kompetanse", "personlige_styrker", "nettverk", "naerhet_arbeidsmarkedet"]
ANBEFALT = ["Arbeidspraksis", "Opplæring (AMO)", "Lønnstilskudd", "Avklaring", "Helsehjelp/behandling først"]


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _gumbel(rng, n):
    return -np.log(-np.log(rng.random(n) + 1e-300) + 1e-300)


def _topk(score: np.ndarray, k: int) -> np.ndarray:
    """Boolean mask of the k highest scores (ties broken by position)."""
    mask = np.zeros(len(score), dtype=bool)
    if k > 0:
        mask[np.argpartition(-score, k - 1)[:k]] = True
    return mask


def _naer(n: int, p: int, andel: float) -> int:
    """The count of n nearest to andel*n whose share still rounds to p percent."""
    ok = A.gyldige(n, p)
    if len(ok) == 0:
        return int(round(andel * n))
    return int(ok[np.argmin(np.abs(ok - andel * n))])


class Enheter:
    """Hidden per-unit parameters for one seed (antakelser: kis-enhet, oppfolging-frekvens, saksbehandler)."""

    def __init__(self, rng: np.random.Generator):
        navn = enheter()
        k = len(navn)
        self.navn = navn
        self.kvalitet = rng.normal(0.0, 1.0, k)
        self.kis_andel = _sigmoid(-0.2 + 1.2 * self.kvalitet + rng.normal(0.0, 0.5, k))
        self.kontakt_rate = 0.3 + 0.7 * rng.beta(2.0, 2.0, k)
        self.saksmengde = rng.integers(15, 41, k)
        p = np.tile([0.35, 0.22, 0.18, 0.05, 0.04, 0.10, 0.06], (k, 1))
        for enhet, kol, verdi in (("Moss, Sarpsborg og Fredrikstad", 2, 0.55), ("Stavanger", 3, 0.15),
                                  ("Haugesund", 3, 0.15), ("Kristiansund", 4, 0.12)):
            p[navn.index(enhet), kol] = verdi
        self.kontakttype_p = p / p.sum(axis=1, keepdims=True)


def startdato(mg: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Start date: month weights from Table 3 increases per target group (antakelse startdato)."""
    rader = np.array([tabeller()["tabell3"]["rader"][m][:3] for m in MANEDER], dtype=float)
    okning = np.maximum(np.diff(np.vstack([np.zeros(3), rader]), axis=0), 0.0)
    cum = np.cumsum(okning / okning.sum(axis=0), axis=0)
    mnd = np.empty(len(mg), dtype=np.int64)
    for g in range(3):
        idx = np.flatnonzero(mg == g)
        mnd[idx] = np.minimum(np.searchsorted(cum[:, g], rng.random(len(idx)), side="right"), 8)
    months = (np.datetime64("2003-04", "M") + mnd.astype("timedelta64[M]")).astype("datetime64[D]")
    nxt = (np.datetime64("2003-04", "M") + (mnd + 1).astype("timedelta64[M]")).astype("datetime64[D]")
    days = (nxt - months).astype(np.int64)
    return months + np.floor(rng.random(len(mg)) * days).astype("timedelta64[D]")


def utvid_deltakere(df: pd.DataFrame, ee: Enheter, rng: np.random.Generator) -> tuple[pd.DataFrame, dict]:
    """Add modelled columns to the cohort; returns the frame and hidden per-person arrays."""
    n = len(df)
    mg = df["malgruppe"].cat.codes.to_numpy()
    enhet = df["satsingsenhet"].cat.codes.to_numpy()
    status = df["arbeidssokerstatus"].cat.codes.to_numpy()
    mann = (df["kjonn"] == "Mann").to_numpy()
    yh = np.isin(status, [4, 5])

    start = startdato(mg, rng)
    # sosialhjelp-langtid / sosialhjelp-andre / sosialhjelp-fordeling
    mnd_sh = np.where(mg == 2, 7 + rng.binomial(5, 0.6, n), 1 + rng.binomial(11, 0.45, n))
    # helse-rus / helse-yrkeshemmede / avdekket-underveis / andeler-helse
    helse = rng.random(n) < np.where(yh, 0.55, 0.25)
    rus = rng.random(n) < np.where(mann, 0.18, 0.10)
    avdekket = (helse | rus) & (rng.random(n) < 0.4)
    # saksbehandler: caseworkers per unit from the unit's caseload level
    sb_enhet, sb_start = [], [0]
    for u in range(len(ee.navn)):
        nu = int((enhet == u).sum())
        k = max(1, int(np.ceil(nu / ee.saksmengde[u]))) if nu else 0
        sb_enhet += [u] * k
        sb_start.append(sb_start[-1] + k)
    sb_start = np.array(sb_start)
    antall_sb = np.diff(sb_start)
    sb = sb_start[enhet] + np.floor(rng.random(n) * antall_sb[enhet]).astype(np.int64)
    sb_enhet = np.array(sb_enhet, dtype=np.int64)
    caseload = np.bincount(sb, minlength=len(sb_enhet))
    kjent = (helse | rus) & ~avdekket
    handlingsplan = rng.random(n) < 0.85
    ip = rng.random(n) < np.where(helse, 0.15, 0.05)
    ansvarsgruppe = rng.random(n) < np.where(kjent, 0.35, 0.05)
    width = max(4, len(str(len(sb_enhet))))
    sb_ids = np.array([f"S{i:0{width}d}" for i in range(1, len(sb_enhet) + 1)])
    out = df.assign(
        startdato=start,
        maneder_sosialhjelp_siste_ar=mnd_sh.astype(np.int64),
        helseproblem=helse,
        rusproblem=rus,
        problem_avdekket_etter_start=avdekket,
        saksbehandler_id=pd.Categorical.from_codes(sb, categories=sb_ids),
        handlingsplan=handlingsplan,
        individuell_plan=ip,
        ansvarsgruppe=ansvarsgruppe,
    )
    saksbehandlere = pd.DataFrame({
        "saksbehandler_id": sb_ids,
        "satsingsenhet": pd.Categorical.from_codes(sb_enhet, categories=ee.navn),
        "etat": pd.Categorical.from_codes((rng.random(len(sb_enhet)) < 0.5).astype(np.int64),
                                          categories=["Aetat", "Sosialtjenesten"]),
        "stillingsandel": rng.choice([0.2, 0.5, 0.8, 1.0], size=len(sb_enhet)),
        "antall_deltakere": caseload.astype(np.int64),
    })
    # hidden resources (never written): lower for long-term recipients and with problems
    z = rng.normal(0.0, 1.0, n) - 0.5 * (mg == 2) - 0.6 * helse - 0.7 * rus - 0.3 * yh
    skjult = {"z": z, "enhet": enhet, "mg": mg, "helse": helse, "rus": rus, "avdekket": avdekket,
              "kjent": kjent, "start": start, "caseload": caseload[sb], "mnd_sh": mnd_sh,
              "i_tiltak": df["i_tiltak"].to_numpy(), "yh": yh}
    return out, {"saksbehandlere": saksbehandlere, **skjult}


def tidslinje(h: dict, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Potential end date and whether it falls inside the observation window (utfall-avslutning)."""
    n = len(h["z"])
    skala = np.exp(-0.15 * h["z"])
    dager = (30 + rng.exponential(300.0, n) * skala).astype(np.int64)
    slutt = h["start"] + dager.astype("timedelta64[D]")
    # Everyone in the cohort is a participant in December 2003 (the stock of Tables 3-10), so nobody
    # ends before 1 January 2004: an earlier draw is replaced by a fresh residual time from that date
    # (the exponential is memoryless, so the remaining time keeps the same shape).
    rest = (rng.exponential(300.0, n) * skala).astype(np.int64)
    slutt = np.where(slutt < BESTAND_SLUTT, BESTAND_SLUTT + rest.astype("timedelta64[D]"), slutt)
    return slutt, slutt <= OBS_SLUTT


def _oppfolging_blokk(h: dict, ee: Enheter, slutt: np.ndarray, avsluttet: np.ndarray,
                      rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Contacts for one block of participants, as arrays (participant index local to the block)."""
    n = len(slutt)
    end = np.where(avsluttet, slutt, OBS_SLUTT)
    span = np.maximum((end - h["start"]).astype(np.int64), 14)
    rate = ee.kontakt_rate[h["enhet"]]
    antall = 3 + rng.poisson(rate * span / 30.44)
    total = int(antall.sum())
    pid = np.repeat(np.arange(n), antall)
    first_row = np.concatenate([[0], np.cumsum(antall)[:-1]])
    k = np.arange(total) - np.repeat(first_row, antall)
    second = np.minimum(7 + np.floor(rng.random(n) * 22), span // 2).astype(np.int64)
    # sorted uniform offsets inside (second, span) without sorting: normalised cumulative exponentials
    rest = k >= 2
    pid_r = pid[rest]
    gaps = rng.exponential(1.0, int(rest.sum()))
    cs = np.cumsum(gaps)
    n_rest = antall - 2
    first_rest = np.concatenate([[0], np.cumsum(n_rest)[:-1]])
    before = np.concatenate([[0.0], cs])[first_rest]
    within = cs - before[pid_r]
    total_gap = np.concatenate([[0.0], cs])[first_rest + n_rest] - before + rng.exponential(1.0, n)
    frac = within / total_gap[pid_r]
    off = np.zeros(total, dtype=np.int64)
    off[k == 1] = second
    off[rest] = np.floor(second[pid_r] + 1 + frac * (span[pid_r] - second[pid_r] - 1)).astype(np.int64)
    pid_s = pid
    dato = h["start"][pid_s] + off.astype("timedelta64[D]")
    # kontakttype per unit (oppfolging-typer and unit rules)
    enhet_r = h["enhet"][pid_s]
    u = rng.random(total)
    cum = np.cumsum(ee.kontakttype_p, axis=1)
    typ = np.zeros(total, dtype=np.int64)
    for j in range(len(KONTAKTTYPER) - 1):  # inverse CDF, one pass per type (linear in rows)
        typ += u >= cum[enhet_r, j]
    typ[(typ == 5) & ~h["i_tiltak"][pid_s]] = 0
    typ[k == 0] = np.where(rng.random(int((k == 0).sum())) < 0.5, 0, 2)
    # instans from type
    inst = np.where(rng.random(total) < 0.5, 0, 1)
    inst = np.where(typ == 2, 2, inst)
    inst = np.where(typ == 3, 3, inst)
    inst = np.where(typ == 4, 1, inst)
    inst = np.where(typ == 5, 4, inst)
    inst = np.where(typ == 6, 0, inst)
    tel_arr = (typ == 1) & (rng.random(total) < 0.2)
    inst = np.where(tel_arr, 4, inst)
    mott = rng.random(total) < (0.88 - 0.2 * h["rus"][pid_s] - 0.08 * h["helse"][pid_s])
    samtale = dato[np.stack([first_row + 1, first_row + 2], axis=1)]
    return pid_s.astype(np.int64), dato, typ.astype(np.int8), inst.astype(np.int8), mott, samtale


BLOKK = 200_000  # participants per block: keeps temporaries small so time grows linearly


def oppfolging(ids: np.ndarray, h: dict, ee: Enheter, slutt: np.ndarray, avsluttet: np.ndarray,
               rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Dated contacts; returns the log and the date of each participant's 2nd and 3rd contact."""
    n = len(ids)
    deler = []
    for a in range(0, n, BLOKK):
        sl = slice(a, min(n, a + BLOKK))
        hb = {k: (v[sl] if isinstance(v, np.ndarray) and len(v) == n else v) for k, v in h.items()}
        pid, dato, typ, inst, mott, samtale = _oppfolging_blokk(hb, ee, slutt[sl], avsluttet[sl], rng)
        deler.append((pid + a, dato, typ, inst, mott, samtale))
    pid, dato, typ, inst, mott, samtale = (np.concatenate(x) for x in zip(*deler, strict=True))
    logg = pd.DataFrame({
        "deltaker_id": pd.Categorical.from_codes(pid, categories=ids),
        "dato": dato,
        "kontakttype": pd.Categorical.from_codes(typ, categories=KONTAKTTYPER),
        "instans": pd.Categorical.from_codes(inst, categories=INSTANSER),
        "mott": mott,
    })
    return logg, samtale


def kartlegging(ids: np.ndarray, h: dict, ee: Enheter, samtale: np.ndarray,
                rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """KIS-inspired mapping (NOT the real KIS form; see antakelse kis-omrader)."""
    n = len(ids)
    screenet = rng.random(n) < 0.9
    logit = (np.log(ee.kis_andel / (1 - ee.kis_andel))[h["enhet"]] + 0.4 * (h["mg"] != 0)
             - 1.2 * h["kjent"] - 0.6 * (h["z"] > 1.2))
    kis = screenet & (rng.random(n) < _sigmoid(logit))
    nr = np.where(rng.random(n) < 0.8, 2, 3)
    dato = np.where(nr == 2, samtale[:, 0], samtale[:, 1])
    cols: dict[str, object] = {
        "deltaker_id": ids, "screenet": screenet, "kis_kartlagt": kis,
        "kartlagt_dato": np.where(kis, dato, np.datetime64("NaT")),
        "samtale_nr": pd.array(np.where(kis, nr, 0), dtype="Int64"),
    }
    cols["samtale_nr"][~kis] = pd.NA
    bias = 0.4 + 0.8 * (h["helse"] | h["rus"])
    for i, omr in enumerate(OMRADER):
        latent = h["z"] + rng.normal(0, 0.6, n) + (0.3 if i == 1 else 0.0)
        vei = np.clip(np.round(3 + latent), 1, 5).astype(np.int64)
        egen = np.clip(np.round(3 + latent + bias + rng.normal(0, 0.5, n)), 1, 5).astype(np.int64)
        cols[f"egen_{omr}"] = pd.array(np.where(kis, egen, 0), dtype="Int64")
        cols[f"veileder_{omr}"] = pd.array(np.where(kis, vei, 0), dtype="Int64")
        cols[f"egen_{omr}"][~kis] = pd.NA
        cols[f"veileder_{omr}"][~kis] = pd.NA
    anb = np.where(h["kjent"], 4, np.where(h["z"] < -1.0, 3, np.floor(rng.random(n) * 3))).astype(np.int64)
    cols["anbefalt_tiltak"] = pd.Categorical.from_codes(np.where(kis, anb, -1), categories=ANBEFALT)
    return pd.DataFrame(cols), kis


def utfall(ids: np.ndarray, h: dict, ee: Enheter, slutt: np.ndarray, avsluttet: np.ndarray,
           kis: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Outcomes for leavers, exact on the national shares, directions from the knowledge review."""
    n = len(ids)
    end = np.where(avsluttet, slutt, OBS_SLUTT)
    maneder = (end - h["start"]).astype(np.int64) / 30.44
    idx = np.flatnonzero(avsluttet)
    L = len(idx)
    ka = _naer(L, 42, 0.42) if L else 0
    ku = _naer(L, 18, 0.18) if L else 0
    rest = L - ka - ku
    kf, kt, kn = int(round(0.15 * rest)), int(round(0.15 * rest)), int(round(0.20 * rest))
    g = {k: v[idx] for k, v in h.items() if isinstance(v, np.ndarray) and len(v) == n}
    m = maneder[idx]
    score_arbeid = (1.0 * g["z"] + 0.8 * ee.kvalitet[g["enhet"]] + 0.25 * kis[idx] + 0.12 * m
                    + 0.6 * (g["mnd_sh"] <= 6) - 0.005 * (g["caseload"] - 25) + _gumbel(rng, L))
    code = np.full(L, 4, dtype=np.int64)
    free = np.ones(L, dtype=bool)

    def take(score, k, c):
        s = np.where(free, score, -np.inf)
        sel = _topk(s, k)
        code[sel] = c
        free[sel] = False

    take(score_arbeid, ka, 0)
    take(2.5 * (g["rus"] & g["avdekket"]) + 0.8 * g["rus"] - 0.5 * g["z"] + _gumbel(rng, L), kf, 5)
    take(0.6 * (g["mg"] == 1) + 0.3 * g["z"] + _gumbel(rng, L), ku, 1)
    take(1.5 * g["helse"] + 1.0 * g["yh"] + _gumbel(rng, L), kt, 3)
    take(0.5 * g["i_tiltak"] + _gumbel(rng, L), kn, 2)
    full = np.full(n, -1, dtype=np.int64)
    full[idx] = code
    return pd.DataFrame({
        "deltaker_id": ids,
        "avsluttet": avsluttet,
        "sluttdato": np.where(avsluttet, slutt, np.datetime64("NaT")),
        "maneder_i_satsingen": np.round(maneder, 1),
        "utfall": pd.Categorical.from_codes(full, categories=UTFALL),
    })
