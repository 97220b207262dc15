"""``tiltakslab samle DIR``: read a folder of submissions and write a class overview.

Output (in ``--ut``, default ``DIR/oversikt``): ``oversikt.html`` (answer distributions as embedded
PNG with alt text, the most common wrong answers with the feedback they triggered, every free-text
answer with the rubric beside it, and the files that were skipped), ``karakterer.csv`` (one row per
student, one column per exercise, best points) and ``ovelser/<id>.csv`` (one row per student).
Malformed or hostile files (wrong schema, too large, path-like student ids) are reported and skipped.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from tiltakslab.meldinger import t
from tiltakslab.ovelser.lager import SKJEMA as SVAR_SKJEMA
from tiltakslab.ovelser.lager import gyldig_student_id
from tiltakslab.ovelser.laster import OvelseFeil, Ovelsessett, last_ovelser
from tiltakslab.ovelser.vurdering import SvarFeil, formater_tall, tolk_svar, vurder

MAKS_BYTES = 5_000_000
MAKS_FORSOK = 500
GODTATT = {("tiltakslab-innlevering", 1), (SVAR_SKJEMA, 1)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("samle.hjelp_mappe"))
    parser.add_argument("--ut", help=t("samle.hjelp_ut"))


@dataclass
class Innlevering:
    student: str
    fil: str
    levert: str
    svar: dict[str, dict]


@dataclass
class Samling:
    innleveringer: dict[str, Innlevering] = field(default_factory=dict)
    avvist: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def les_innlevering(sti: Path) -> Innlevering:
    """Read one submission; raise ``ValueError`` with a Norwegian reason when it must be skipped."""
    if sti.stat().st_size > MAKS_BYTES:
        raise ValueError(t("samle.for_stor", maks=MAKS_BYTES // 1_000_000))
    try:
        data = json.loads(sti.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(t("samle.ikke_json")) from err
    if not isinstance(data, dict) or (data.get("skjema"), data.get("versjon")) not in GODTATT:
        raise ValueError(t("samle.feil_skjema"))
    student = data.get("student")
    if not gyldig_student_id(student):
        raise ValueError(t("samle.ugyldig_student"))
    svar = data.get("svar")
    if not isinstance(svar, dict):
        raise ValueError(t("samle.feil_skjema"))
    rene: dict[str, dict] = {}
    for key, rec in svar.items():
        if (isinstance(key, str) and isinstance(rec, dict) and isinstance(rec.get("ovelse"), str)
                and isinstance(rec.get("forsok"), list) and len(rec["forsok"]) <= MAKS_FORSOK
                and all(isinstance(f, dict) for f in rec["forsok"])):
            rene[key] = rec
    return Innlevering(student, sti.name, str(data.get("levert") or data.get("endret") or ""), rene)


def les_mappe(mappe: Path) -> Samling:
    """Read ``mappe/*.json`` and, for a hand-in exchange, ``mappe/<student>/*.json`` (utveksling)."""
    from tiltakslab.utveksling import innleveringsfiler  # noqa: PLC0415

    samling = Samling()
    filer = [(None, sti) for sti in sorted(mappe.glob("*.json"))] + list(innleveringsfiler(mappe))
    for eier, sti in filer:
        navn = sti.name if eier is None else f"{eier}/{sti.name}"
        if not sti.is_file() or sti.is_symlink():
            samling.avvist.append((navn, t("samle.ikke_fil")))
            continue
        try:
            inn = les_innlevering(sti)
        except (ValueError, OSError) as err:
            samling.avvist.append((navn, str(err)))
            continue
        if eier is not None and inn.student.lower() != eier:
            samling.avvist.append((navn, t("utveksling.feil_mappe")))
            continue
        inn.fil = navn
        forrige = samling.innleveringer.get(inn.student)
        if forrige is None or inn.levert >= forrige.levert:
            if forrige is not None:
                samling.avvist.append((forrige.fil, t("samle.erstattet", student=inn.student)))
            samling.innleveringer[inn.student] = inn
        else:
            samling.avvist.append((inn.fil, t("samle.erstattet", student=inn.student)))
    return samling


def _csv_trygg(verdi: object) -> str:
    """Guard against spreadsheet formula injection."""
    s = "" if verdi is None else str(verdi)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def _skriv_csv(sti: Path, hode: list[str], rader: list[list[object]]) -> None:
    with sti.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(hode)
        for r in rader:
            w.writerow([_csv_trygg(v) for v in r])


def _forsok(inn: Innlevering, oid: str) -> list[tuple[str | None, list[dict]]]:
    return [(rec.get("variant"), rec["forsok"]) for rec in inn.svar.values() if rec.get("ovelse") == oid]


def _svartekst(svar: object) -> str:
    return svar if isinstance(svar, str) else json.dumps(svar, ensure_ascii=False)


def _plott(teller: Counter, tittel: str) -> tuple[str, str] | None:
    """Bar chart as base64 PNG plus alt text; None when there is nothing to plot."""
    if not teller:
        return None
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    par = teller.most_common(12)
    etiketter = [(e if len(e) <= 40 else e[:39] + "…") for e, _ in par]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(par) + 1.2))
    ax.barh(range(len(par)), [n for _, n in par], color="#3b6ea5")
    ax.set_yticks(range(len(par)), etiketter)
    ax.invert_yaxis()
    ax.set_xlabel(t("samle.antall_studenter"))
    ax.set_title(tittel)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    alt = t("samle.alt_tekst", tittel=tittel, data="; ".join(f"{e}: {n}" for e, n in par))
    return base64.b64encode(buf.getvalue()).decode("ascii"), alt


def _fordeling(ov: dict, siste: list[object]) -> Counter:
    """Distribution of the students' last answers, labelled for the chart."""
    teller: Counter = Counter()
    if ov["type"] in ("flervalg", "flere_riktige"):
        navn = {str(a["id"]): a["tekst"] for a in ov["alternativer"]}
        for s in siste:
            for v in (s if isinstance(s, list) else [s]):
                teller[navn.get(str(v), str(v))] += 1
    elif ov["type"] == "tallsvar":
        for s in siste:
            if isinstance(s, dict) and isinstance(s.get("verdi"), (int, float)):
                teller[formater_tall(float(s["verdi"]))] += 1
    return teller


def analyser(sett: Ovelsessett, samling: Samling) -> list[dict]:
    """Per exercise: rows for the CSV, the distribution, misconceptions and free text."""
    ut = []
    for oid, ov in sett.ovelser.items():
        rader, siste_svar, statuser = [], [], Counter()
        feil: Counter = Counter()
        feil_tekst: dict[str, tuple[str, list[str]]] = {}
        fritekst = []
        for student, inn in sorted(samling.innleveringer.items()):
            for variant, forsok in _forsok(inn, oid):
                if not forsok:
                    continue
                siste = forsok[-1]
                poeng = [f.get("poeng") for f in forsok if isinstance(f.get("poeng"), (int, float))]
                rader.append([student, variant or "", len(forsok), siste.get("status", ""),
                              max(poeng) if poeng else "", ov["poeng"], _svartekst(siste.get("svar"))])
                siste_svar.append(siste.get("svar"))
                statuser[t(f"status.{siste.get('status')}") if siste.get("status") else "?"] += 1
                for f in forsok:
                    try:
                        res = vurder(ov, tolk_svar(ov, f.get("svar")), None)
                    except (SvarFeil, KeyError, TypeError, ValueError, AttributeError, IndexError):
                        continue
                    for d in res.deler:
                        if d.status in ("feil", "mangler"):
                            etikett = d.overskrift or d.tekst[:80]
                            feil[etikett] += 1
                            feil_tekst[etikett] = (d.tekst, d.sitater)
                if ov["type"] == "refleksjon" and isinstance(siste.get("svar"), str):
                    fritekst.append((student, siste["svar"]))
                elif ov["type"] == "oppfolgingsplan" and isinstance(siste.get("svar"), dict):
                    tekst = "\n".join(f"{f['etikett']}: {siste['svar'].get(str(f['id']), '')}" for f in ov["felt"])
                    fritekst.append((student, tekst))
        fordeling = _fordeling(ov, siste_svar) or statuser
        ut.append({"ov": ov, "rader": rader, "plott": _plott(fordeling, f"{oid} – {ov['tittel']}"),
                   "feil": [(e, n, *feil_tekst[e]) for e, n in feil.most_common(5)], "fritekst": fritekst,
                   "rubrikk": [r["tekst"] for r in ov.get("rubrikk") or []], "modellsvar": ov.get("modellsvar")})
    return ut


_MAL = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ t('samle.tittel') }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em;margin:0}</style></head><body>
<h1>{{ t('samle.tittel') }}</h1>
<p>{{ t('samle.sammendrag', studenter=antall, avvist=avvist|length) }}</p>
{% if avvist %}<h2>{{ t('samle.avvist_tittel') }}</h2><table><tr><th>{{ t('samle.fil') }}</th>
<th>{{ t('samle.grunn') }}</th></tr>{% for fil, grunn in avvist %}<tr><td>{{ fil }}</td><td>{{ grunn }}</td></tr>
{% endfor %}</table>{% endif %}
{% for a in analyser if a.rader %}<section><h2>{{ a.ov.id }} – {{ a.ov.tittel }}</h2>
<p>{{ t('samle.besvart', n=a.rader|length) }}</p>
{% if a.plott %}<img src="data:image/png;base64,{{ a.plott[0] }}" alt="{{ a.plott[1] }}">{% endif %}
{% if a.feil %}<h3>{{ t('samle.vanlige_feil') }}</h3><table><tr><th>{{ t('samle.svar') }}</th>
<th>{{ t('samle.antall') }}</th><th>{{ t('samle.tilbakemelding') }}</th></tr>
{% for etikett, n, tekst, sitater in a.feil %}<tr><td>{{ etikett }}</td><td>{{ n }}</td><td>{{ tekst }}
{% if sitater %}<br><small>{{ sitater|join(', ') }}</small>{% endif %}</td></tr>{% endfor %}</table>{% endif %}
{% if a.fritekst %}<h3>{{ t('samle.fritekst') }}</h3>
{% if a.rubrikk or a.modellsvar %}<div><strong>{{ t('samle.rubrikk') }}</strong><ul>{% for r in a.rubrikk %}
<li>{{ r }}</li>{% endfor %}</ul>{% if a.modellsvar %}<p>{{ a.modellsvar }}</p>{% endif %}</div>{% endif %}
<table>{% for student, tekst in a.fritekst %}<tr><th>{{ student }}</th><td><pre>{{ tekst }}</pre></td></tr>
{% endfor %}</table>{% endif %}</section>{% endfor %}
{% set ubesvart = analyser|rejectattr('rader')|list %}{% if ubesvart %}
<h2>{{ t('samle.ikke_besvart', n=ubesvart|length) }}</h2>
<p>{% for a in ubesvart %}{{ a.ov.id }}{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
</body></html>
"""


def skriv_rapport(sett: Ovelsessett, samling: Samling, ut: Path) -> Path:
    (ut / "ovelser").mkdir(parents=True, exist_ok=True)
    analyse = analyser(sett, samling)
    hode = [t("samle.kol_student"), t("samle.kol_variant"), t("samle.kol_forsok"), t("samle.kol_status"),
            t("samle.kol_poeng"), t("samle.kol_maks"), t("samle.kol_svar")]
    for a in analyse:
        _skriv_csv(ut / "ovelser" / f"{a['ov']['id']}.csv", hode, a["rader"])
    ider = list(sett.ovelser)
    karakterer = []
    for student, inn in sorted(samling.innleveringer.items()):
        rad: list[object] = [student]
        for oid in ider:
            poeng = [f.get("poeng") for _v, forsok in _forsok(inn, oid) for f in forsok
                     if isinstance(f.get("poeng"), (int, float))]
            rad.append(formater_tall(min(max(poeng), sett.ovelser[oid]["poeng"])) if poeng else "")
        karakterer.append(rad)
    _skriv_csv(ut / "karakterer.csv", [t("samle.kol_student"), *ider], karakterer)
    env = Environment(autoescape=True)
    env.globals["t"] = t
    html_sti = ut / "oversikt.html"
    html_sti.write_text(env.from_string(_MAL).render(
        analyser=analyse, avvist=samling.avvist, antall=len(samling.innleveringer)), encoding="utf-8")
    return html_sti


def run(args: argparse.Namespace) -> int:
    mappe = Path(args.mappe)
    if not mappe.is_dir():
        print(t("samle.ingen_mappe", mappe=str(mappe)))
        return 2
    try:
        sett = last_ovelser()
    except OvelseFeil as err:
        print(t("samle.ovelsesfeil", feil=str(err)))
        return 1
    samling = les_mappe(mappe)
    ut = Path(args.ut) if args.ut else mappe / "oversikt"
    html_sti = skriv_rapport(sett, samling, ut)
    for fil, grunn in samling.avvist:
        print(t("samle.hoppet_over", fil=fil, grunn=grunn))
    print(t("samle.ferdig", studenter=len(samling.innleveringer), html=str(html_sti)))
    return 0
