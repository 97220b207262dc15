"""Compute and write the light precomputed forms (``tiltakslab.saker``) from the synthetic tables, with pandas.

``python -m tiltakslab.sakbygg [--mappe DIR]`` rewrites ``DIR/saker.json`` and ``DIR/kalibrering.json``
(default: the synthetic data folder) from the CSV files there; ``python -m tiltakslab.synthetic`` does it
after writing new data. The case form holds, per participant, the columns that case premises may use
(``tiltakslab.premisser.KOLONNER``) and everything the case text needs (first name, outcome so far,
follow-up log summary, caseworker). The calibration file holds the rows of ``tiltakslab.data.kalibrering()``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tiltakslab.saker import FIL, FORMAT, KALIBRERING_FIL, kalibrering_hash, kildehash


def _kind(kolonne: str) -> str:
    from tiltakslab.data import SKJEMA  # noqa: PLC0415

    for navn in ("deltakere", "kartlegging", "utfall"):
        if kolonne in SKJEMA[navn]:
            return SKJEMA[navn][kolonne][0]
    raise KeyError(kolonne)


def _kodet(verdier: list, typ: str) -> dict:
    kat = sorted({v for v in verdier if v is not None})
    kode = {v: i for i, v in enumerate(kat)}
    return {"type": typ, "kategorier": kat, "koder": [None if v is None else kode[v] for v in verdier]}


def _kolonne(serie, kind: str) -> dict:
    tom = serie.isna().to_numpy()
    if kind == "date":
        tekst = serie.dt.strftime("%Y-%m-%d").astype(object).to_numpy()
        return _kodet([None if t else v for v, t in zip(tekst, tom, strict=True)], "date")
    if kind.startswith("cat"):
        return _kodet([None if t else str(v) for v, t in zip(serie.astype(object), tom, strict=True)], "cat")
    konv = {"int": int, "float": float, "bool": bool, "id": str, "str": str}[kind]
    verdier = [None if t else konv(v) for v, t in zip(serie.astype(object), tom, strict=True)]
    if kind == "float" and not all(isinstance(v, float) and v == v for v in verdier if v is not None):
        raise ValueError(serie.name)
    return {"type": {"id": "str"}.get(kind, kind), "verdier": verdier}


def bygg(d: dict, kilde: str) -> dict:
    """The form (a JSON-able dict) from validated tables (``tiltakslab.data.last_alle``)."""
    from tiltakslab.data import _fornavn  # noqa: PLC0415
    from tiltakslab.premisser import KOLONNER  # noqa: PLC0415

    df = (d["deltakere"].merge(d["kartlegging"], on="deltaker_id", how="left")
          .merge(d["utfall"], on="deltaker_id", how="left"))
    ids = [str(x) for x in df["deltaker_id"]]
    logg = d["oppfolging"]
    antall, uteble, typer = {}, {}, {}
    for did, g in logg.groupby(logg["deltaker_id"].astype(str), sort=False):
        antall[did] = len(g)
        uteble[did] = int((~g["mott"]).sum())
        typer[did] = [(str(t), int(n)) for t, n in g["kontakttype"].astype(str).value_counts().items()]
    sb = d["saksbehandlere"].set_index(d["saksbehandlere"]["saksbehandler_id"].astype(str))
    sb_id = df["saksbehandler_id"].astype(str)

    kolonner: dict[str, dict] = {"deltaker_id": {"type": "str", "verdier": ids}}
    for kol in KOLONNER:
        kolonner[kol] = _kolonne(df[kol], _kind(kol))
    kvinne = [k == "Kvinne" for k in df["kjonn"].astype(str)]
    forlop = df["utfall"].astype(str).where(df["utfall"].notna(), "Pågår")
    kolonner["fornavn"] = _kodet([_fornavn(i, k) for i, k in zip(ids, kvinne, strict=True)], "cat")
    kolonner["forlop"] = _kodet([str(v) for v in forlop], "cat")
    kolonner["kontakter"] = {"type": "int", "verdier": [antall.get(i, 0) for i in ids]}
    kolonner["uteble"] = {"type": "int", "verdier": [uteble.get(i, 0) for i in ids]}
    navn = sorted({t for par in typer.values() for t, _ in par})
    kode = {t: i for i, t in enumerate(navn)}
    kolonner["kontakttyper"] = {"type": "par", "kategorier": navn,
                                "verdier": [[[kode[t], n] for t, n in typer.get(i, [])] for i in ids]}
    kolonner["sb_etat"] = _kodet([str(v) for v in sb_id.map(sb["etat"].astype(str))], "cat")
    kolonner["sb_antall_deltakere"] = {"type": "int",
                                       "verdier": [int(v) for v in sb_id.map(sb["antall_deltakere"])]}
    return {"format": FORMAT, "kilde": kilde, "antall": len(ids),
            "merknad": "Generert av python -m tiltakslab.sakbygg fra CSV-filene i mappen; ikke rediger.",
            "kolonner": kolonner}


def lag(mappe: str | Path) -> dict:
    """The form for the CSV files in ``mappe`` (loaded and validated by ``tiltakslab.data``)."""
    from tiltakslab.data import last_alle  # noqa: PLC0415

    mappe = Path(mappe)
    return bygg(last_alle(mappe), kildehash(mappe))


def tekst(form: dict) -> str:
    """The file's text: compact, one column per line, stable (so git diffs stay readable)."""
    hode = {k: v for k, v in form.items() if k != "kolonner"}
    linjer = ["{" + json.dumps(hode, ensure_ascii=False)[1:-1] + ', "kolonner": {']
    kol = list(form["kolonner"].items())
    for i, (navn, spec) in enumerate(kol):
        linjer.append(json.dumps(navn, ensure_ascii=False) + ": "
                      + json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
                      + ("," if i < len(kol) - 1 else ""))
    return "\n".join(linjer) + "\n}}\n"


def kalibrering_tekst(mappe: str | Path) -> str:
    """The text of ``kalibrering.json`` for the files in ``mappe`` (one row per line)."""
    from tiltakslab.data import kalibrering_rader, last_alle  # noqa: PLC0415

    mappe = Path(mappe)
    rader = kalibrering_rader(last_alle(mappe))
    hode = json.dumps({"format": FORMAT, "kilde": kalibrering_hash(mappe),
                       "merknad": "Generert av python -m tiltakslab.sakbygg; ikke rediger."}, ensure_ascii=False)
    linjer = [json.dumps(r, ensure_ascii=False) for r in rader]
    return hode[:-1] + ', "rader": [\n' + ",\n".join(linjer) + "\n]}\n"


def skriv(mappe: str | Path) -> list[Path]:
    """Compute both forms for ``mappe`` and write them atomically; return the paths."""
    from tiltakslab.skriving import skriv_atomisk  # noqa: PLC0415

    mappe = Path(mappe)
    ut = []
    for navn, innhold in ((FIL, tekst(lag(mappe))), (KALIBRERING_FIL, kalibrering_tekst(mappe))):
        skriv_atomisk(mappe / navn, innhold, rot=mappe, modus=0o644)
        ut.append(mappe / navn)
    return ut


def main(argv: list[str] | None = None) -> int:
    from tiltakslab.data import standard_mappe  # noqa: PLC0415

    ap = argparse.ArgumentParser(prog="python -m tiltakslab.sakbygg",
                                 description="Lag den lette saksfilen (saker.json) fra de syntetiske dataene.")
    ap.add_argument("--mappe", default=None, help="mappen med CSV-filene (standard: de syntetiske dataene)")
    args = ap.parse_args(argv)
    for sti in skriv(args.mappe or standard_mappe()):
        print(f"skrev {sti}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
