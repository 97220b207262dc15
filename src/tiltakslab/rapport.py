"""The class report for the seminar (``oversikt.html``) and the long results CSV.

Built only from regraded rows (:mod:`tiltakslab.omvurdering`). First a summary (per set: handed in,
completion, mean; the ten most common misconceptions ranked by the share of students whose *final*
answer shows them; exercises that need attention), then one section per answered exercise.
Jinja2 with autoescape; charts never parse text as mathtext.
"""

from __future__ import annotations

import base64
import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from tiltakslab.meldinger import t
from tiltakslab.omvurdering import Svarrad
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.ovelser.slag.base import kort
from tiltakslab.ovelser.slag.plandeler import visning as plandel_visning
from tiltakslab.ovelser.visning import fyll_navn, markdown
from tiltakslab.ovelser.vurdering import formater_tall
from tiltakslab.svartekst import case_for, i_ord

# poeng_auto/maks_auto: a plan's automatically graded choices (empty for every other exercise)
LANG_CSV = ["student", "sett", "ovelse", "poeng", "maks", "status", "vurdert_av", "poeng_auto", "maks_auto"]


def csv_trygg(verdi: object) -> str:
    """Guard against spreadsheet formula injection."""
    s = "" if verdi is None else str(verdi)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def csv_tekst(hode: list[str], rader: list[list[object]], skille: str = ";") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=skille, lineterminator="\r\n")
    w.writerow(hode)
    for r in rader:
        w.writerow([csv_trygg(v) for v in r])
    return buf.getvalue()


def poengtekst(x: float | None) -> str:
    """Empty for unmarked / ungraded, never 0."""
    return "" if x is None else formater_tall(x)


def lang_csv(rader: list[Svarrad]) -> str:
    """One row per student × exercise answered: student, sett, ovelse, poeng, maks, status, vurdert_av
    (and a plan's automatic part: poeng_auto, maks_auto)."""
    return csv_tekst(LANG_CSV, [[r.student, r.sett, r.ovelse, poengtekst(r.poeng), formater_tall(r.maks),
                                 r.status, r.vurdert_av,
                                 poengtekst(r.plan.auto_poeng) if r.plan else "",
                                 formater_tall(r.plan.auto_maks) if r.plan else ""] for r in rader])


# ---------------------------------------------------------------- charts


def _plott(par: list[tuple[str, int]], tittel: str, xetikett: str) -> tuple[str, str] | None:
    """Horizontal bar chart as base64 PNG plus alt text; text is never parsed as mathtext."""
    if not par:
        return None
    import matplotlib  # noqa: PLC0415

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    etiketter = [(e if len(e) <= 40 else e[:39] + "…") for e, _ in par]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(par) + 1.2))
    try:
        ax.barh(range(len(par)), [n for _, n in par], color="#3b6ea5")
        ax.set_yticks(range(len(par)))
        ax.set_yticklabels(etiketter, parse_math=False)
        ax.invert_yaxis()
        ax.set_xlabel(xetikett, parse_math=False)
        ax.set_title(tittel, parse_math=False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=80)
    finally:
        plt.close(fig)
    alt = t("samle.alt_tekst", tittel=tittel, data="; ".join(f"{e}: {n}" for e, n in par))
    return base64.b64encode(buf.getvalue()).decode("ascii"), alt


# ---------------------------------------------------------------- analysis


@dataclass
class Misoppfatning:
    ovelse: str
    tittel: str
    etikett: str
    tekst: str
    studenter: int
    besvart: int

    @property
    def andel(self) -> float:
        return self.studenter / self.besvart if self.besvart else 0.0


_kort = kort


def feil_etiketter(ov: dict, rad: Svarrad) -> list[tuple[str, str]]:
    """(label, feedback text) for each wrong or missing piece of one final answer, named specifically:
    the option chosen or missed, the number given, where the conversation ended – never a lump label."""
    slag = slag_for(ov)
    if rad.resultat is None or slag.manuell or rad.tolket is None:
        return []
    return slag.feil_etiketter(ov, rad)


def misoppfatninger(sett: Ovelsessett, rader: list[Svarrad]) -> list[Misoppfatning]:
    """Every wrong/missing piece of feedback in final answers, counted once per student."""
    besvart = Counter(r.ovelse for r in rader
                      if r.resultat is not None and not slag_for(sett.ovelser[r.ovelse]).manuell)
    teller: dict[tuple[str, str], set[str]] = defaultdict(set)
    tekster: dict[tuple[str, str], str] = {}
    for r in rader:
        for etikett, tekst in feil_etiketter(sett.ovelser[r.ovelse], r):
            teller[(r.ovelse, etikett)].add(r.student)
            tekster[(r.ovelse, etikett)] = tekst
    ut = [Misoppfatning(oid, fyll_navn(sett.ovelser[oid]["tittel"], None), e, tekster[(oid, e)], len(s), besvart[oid])
          for (oid, e), s in teller.items()]
    return sorted(ut, key=lambda m: (-m.andel, -m.studenter, m.ovelse, m.etikett))


def sett_sammendrag(sett: Ovelsessett, rader: list[Svarrad]) -> list[dict]:
    per_sett: dict[str, list[str]] = defaultdict(list)
    for oid, ov in sett.ovelser.items():
        per_sett[str(ov.get("tema", ""))].append(oid)
    ut = []
    for navn, ider in sorted(per_sett.items()):
        mine = [r for r in rader if r.ovelse in ider]
        studenter = sorted({r.student for r in mine})
        if not studenter:
            ut.append({"sett": navn, "levert": 0, "fullfort": None, "snitt": None, "maks": 0, "ovelser": len(ider)})
            continue
        besvarte = sum(len({r.ovelse for r in mine if r.student == s}) for s in studenter)
        fullfort = besvarte / (len(studenter) * len(ider))
        auto = [oid for oid in ider if not slag_for(sett.ovelser[oid]).manuell]
        maks = sum(float(sett.ovelser[oid]["poeng"]) for oid in auto if not sett.ovelser[oid].get("ingen_fasit"))
        summer = [sum(r.poeng or 0 for r in mine if r.student == s and r.ovelse in auto) for s in studenter]
        ut.append({"sett": navn, "levert": len(studenter), "fullfort": fullfort, "ovelser": len(ider),
                   "snitt": sum(summer) / len(summer), "maks": maks})
    return ut


def trenger_oppmerksomhet(sett: Ovelsessett, rader: list[Svarrad]) -> list[dict]:
    """Exercises where most final answers are wrong, or where answers could not be graded or are unmarked."""
    ut = []
    per: dict[str, list[Svarrad]] = defaultdict(list)
    for r in rader:
        per[r.ovelse].append(r)
    for oid, rr in per.items():
        ov = sett.ovelser[oid]
        grunner = []
        graderte = [r for r in rr if r.poeng is not None and r.maks and r.status not in ("vurdert",)]
        if not slag_for(ov).manuell and len(graderte) >= 3:
            andel = sum(r.poeng / r.maks for r in graderte) / len(graderte)
            if andel < 0.5:
                grunner.append(t("rapport.lav_andel", prosent=round(andel * 100)))
        ugyldige = sum(r.status == "ugyldig" for r in rr)
        if ugyldige:
            grunner.append(t("rapport.ugyldige", n=ugyldige))
        umerket = sum(r.status in ("til_vurdering", "selvvurdert") for r in rr)
        if umerket:
            grunner.append(t("rapport.umerket", n=umerket))
        endret = sum(r.endret_etter_vurdering for r in rr)
        if endret:
            grunner.append(t("rapport.endret", n=endret))
        if grunner:
            ut.append({"id": oid, "tittel": fyll_navn(ov["tittel"], None), "grunner": grunner})
    return ut


def histogram(verdier: list[float], maks_stolper: int = 12) -> list[tuple[str, int]]:
    """Counts per value when there are few distinct values, else equal-width bins («a – b»), in order."""
    if not verdier:
        return []
    teller = Counter(verdier)
    if len(teller) <= maks_stolper:
        return [(formater_tall(v), n) for v, n in sorted(teller.items())]
    lo, hi = min(verdier), max(verdier)
    bredde = (hi - lo) / 10
    stolper = [0] * 10
    for v in verdier:
        stolper[min(int((v - lo) / bredde), 9)] += 1
    return [(f"{formater_tall(lo + i * bredde)} – {formater_tall(lo + (i + 1) * bredde)}", n)
            for i, n in enumerate(stolper)]


def likt_modellsvar(ov: dict, svar: object) -> bool:
    """True when a free-text answer is (nearly) the model answer pasted in – worth a look, not a verdict."""
    modell = ov.get("modellsvar")
    if not isinstance(modell, str) or not isinstance(svar, str) or len(svar) < 40:
        return False
    import difflib  # noqa: PLC0415

    a, b = " ".join(svar.lower().split())[:3000], " ".join(modell.lower().split())[:3000]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).quick_ratio() > 0.9 and \
        difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() > 0.9


def _delmerke(ov: dict, linje: dict) -> Markup:
    """For a plan's rubric line: whether it is graded automatically or by the marker."""
    automatisk = slag_for(ov).automatisk_linje(ov, linje)
    if automatisk is None:
        return Markup("")
    tekst = t("plandel.automatisk_kort") if automatisk else t("plandel.manuelle")
    return Markup(" <small>(%s)</small>") % tekst


def _seksjon(ov: dict, rr: list[Svarrad]) -> dict:
    """Everything one exercise section needs."""
    slag = slag_for(ov)
    s: dict = {"ov": ov, "tittel": fyll_navn(ov["tittel"], None),
               "oppgave": Markup(markdown(fyll_navn(ov["oppgavetekst"], None))),
               "rader": [], "plott": None, "alternativer": [], "stier": [], "slutter": [],
               "rubrikk": [Markup(markdown(fyll_navn(r.get("tekst", ""), None))) + _delmerke(ov, r)
                           for r in ov.get("rubrikk") or []],
               "modellsvar": Markup(markdown(fyll_navn(ov["modellsvar"], None))) if ov.get("modellsvar") else None,
               "manuell": slag.manuell}
    for r in rr:
        navn, case_tekst = case_for(r.variant)
        ord_ = i_ord(ov, r.tolket) if r.tolket is not None else [("", str(r.svar)[:500])]
        ord_ = [(fyll_navn(e, navn), fyll_navn(x, navn)) for e, x in ord_]
        s["rader"].append({"rad": r, "ord": ord_, "likt_modellsvar": likt_modellsvar(ov, r.svar),
                           "navn": navn, "case": Markup(markdown(case_tekst)) if case_tekst else None,
                           "poeng": poengtekst(r.poeng), "status": t(f"rapport.status_{r.status}"),
                           "plan": plandel_visning(r.plan, r.manuell_poeng, navn, med_punkter=False)
                           if r.plan else None})
    slag.rapport(ov, rr, s)
    return s


_MAL = """<!doctype html>
<html lang="{{ t('sprak.html') }}"><head><meta charset="utf-8"><title>{{ t('samle.tittel') }}</title>
<style>body{font-family:sans-serif;max-width:70em;margin:2em auto;line-height:1.5;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:left}
.to{display:grid;grid-template-columns:2fr 1fr;gap:1em}.rubrikk{background:#f4f4f4;padding:.5em}
details{margin:.2em 0}.stolpe{display:inline-block;height:.8em;background:#3b6ea5}.avvik{color:#8a2d00}
.tekst{white-space:pre-wrap}
</style></head><body>
<h1>{{ t('samle.tittel') }}</h1>
<p>{{ t('samle.sammendrag', studenter=antall, avvist=avvist|length) }}</p>
<h2>{{ t('rapport.sammendrag') }}</h2>
<table><tr><th>{{ t('rapport.sett') }}</th><th>{{ t('rapport.levert') }}</th><th>{{ t('rapport.fullfort') }}</th>
<th>{{ t('rapport.snitt') }}</th></tr>
{% for s in settliste %}<tr><td>{{ s.sett }}</td><td>{{ s.levert }}</td>
<td>{% if s.fullfort is not none %}{{ (s.fullfort * 100)|round|int }} %{% endif %}</td>
<td>{% if s.snitt is not none %}{{ tall(s.snitt) }} / {{ tall(s.maks) }}{% endif %}</td></tr>{% endfor %}</table>
<h3>{{ t('rapport.misoppfatninger') }}</h3>
{% if mis %}<ol>{% for m in mis %}<li><strong>{{ (m.andel * 100)|round|int }} %</strong>
({{ t('rapport.av_studenter', n=m.studenter, av=m.besvart) }}) –
<a href="#ov-{{ m.ovelse }}">{{ m.ovelse }} {{ m.tittel }}</a>:
{{ m.etikett }}</li>{% endfor %}</ol>{% else %}<p>{{ t('rapport.ingen_misoppfatninger') }}</p>{% endif %}
<h3>{{ t('rapport.oppmerksomhet') }}</h3>
{% if obs %}<ul>{% for o in obs %}<li><a href="#ov-{{ o.id }}">{{ o.id }} {{ o.tittel }}
</a>: {{ o.grunner|join('; ') }}</li>
{% endfor %}</ul>{% else %}<p>{{ t('rapport.ingen_oppmerksomhet') }}</p>{% endif %}
{% if avvik %}<h3>{{ t('rapport.avvik_tittel') }}</h3><table>{% for r in avvik %}<tr><td>{{ r.student }}</td>
<td>{{ r.ovelse }}</td>
<td class="avvik">{{ r.avvik }}</td></tr>{% endfor %}</table>{% endif %}
{% if avvist or merknader %}<h3>{{ t('samle.avvist_tittel') }}</h3><table><tr><th>{{ t('samle.fil') }}</th>
<th>{{ t('samle.grunn') }}</th></tr>{% for fil, grunn in avvist %}<tr><td>{{ fil }}</td><td>{{ grunn }}</td></tr>
{% endfor %}{% for fil, grunn in merknader %}<tr><td>{{ fil }}</td><td>{{ grunn }}</td></tr>{% endfor %}
</table>{% endif %}
{% for s in seksjoner %}<section id="ov-{{ s.ov.id }}"><h2>{{ s.ov.id }} – {{ s.tittel }}</h2>
<details><summary>{{ t('rapport.oppgaven') }}</summary>{{ s.oppgave }}</details>
<p>{{ t('samle.besvart', n=s.rader|length) }}</p>
{% if s.plott %}<img src="data:image/png;base64,{{ s.plott[0] }}" alt="{{ s.plott[1] }}">{% endif %}
{% if s.alternativer %}<table><tr><th>{{ t('rapport.alternativ') }}</th><th>{{ t('samle.antall_studenter') }}</th></tr>
{% for tekst, n, riktig, bredde in s.alternativer %}<tr><td>{{ tekst }}{% if riktig %}
<em>({{ t('rapport.riktig_alt') }})</em>{% endif %}</td>
<td><span class="stolpe" style="width:{{ bredde }}px" aria-hidden="true"></span> {{ n }}</td></tr>{% endfor %}
</table>{% endif %}
{% if s.stier %}<h3>{{ t('rapport.stier') }}</h3><table><tr><th>{{ t('rapport.sti') }}</th>
<th>{{ t('samle.antall_studenter') }}</th></tr>{% for sti, n in s.stier %}<tr><td>{{ sti }}</td>
<td>{{ n }}</td></tr>{% endfor %}</table>
<h3>{{ t('rapport.slutter') }}</h3><table><tr><th>{{ t('rapport.slutt') }}</th>
<th>{{ t('samle.antall_studenter') }}</th><th>{{ t('rapport.poeng') }}</th></tr>
{% for tekst, n, p in s.slutter %}<tr><td>{{ tekst }}</td>
<td>{{ n }}</td><td>{{ p }}</td></tr>{% endfor %}</table>{% endif %}
<details><summary>{{ t('rapport.svar_per_student', n=s.rader|length) }}</summary>
<div class="{{ 'to' if s.manuell else '' }}"><div><table><tr><th>{{ t('samle.kol_student') }}</th>
<th>{{ t('rapport.svar') }}</th>
<th>{{ t('rapport.status') }}</th><th>{{ t('rapport.poeng') }}</th></tr>
{% for x in s.rader %}<tr><td>{{ x.rad.student }}{% if x.navn %}<br>
<small>{{ t('rapport.case', navn=x.navn) }}</small>{% endif %}</td>
<td>{% for etikett, tekst in x.ord %}{% if etikett %}<strong>{{ etikett }}</strong>: {% endif %}
<span class="tekst">{{ tekst }}</span><br>{% endfor %}
{% if x.likt_modellsvar %}<strong class="avvik">{{ t('rapport.likt_modellsvar') }}</strong><br>{% endif %}
{% if x.case %}<details><summary>{{ t('rapport.vis_case', navn=x.navn or '') }}</summary>{{ x.case }}
</details>{% endif %}
{% if x.rad.kommentar %}<em>{{ x.rad.kommentar }}</em>{% endif %}</td>
<td>{{ x.status }}{% if x.rad.endret_etter_vurdering %}<br><strong>{{ t('rapport.endret_kort') }}</strong>{% endif %}
{% if x.rad.feil %}<br><small>{{ x.rad.feil }}</small>{% endif %}
{% if x.rad.selvvurdering %}<br><small>{{ t('rapport.selvvurdering', n=x.rad.selvvurdering.values()|select|list|length,
av=x.rad.selvvurdering|length) }}</small>{% endif %}</td>
<td>{{ x.poeng }}{% if x.poeng %} / {{ tall(x.rad.maks) }}{% endif %}{% if x.plan %}
<small>{% if x.plan.auto %}<br>{{ x.plan.auto }}{% endif %}{% if x.plan.laerer %}<br>{{ x.plan.laerer }}{% endif %}
</small>{% endif %}</td></tr>{% endfor %}</table></div>
{% if s.manuell and (s.rubrikk or s.modellsvar) %}<aside class="rubrikk"><strong>{{ t('samle.rubrikk') }}</strong><ul>
{% for r in s.rubrikk %}<li>{{ r }}</li>{% endfor %}</ul>{% if s.modellsvar %}
<strong>{{ t('rapport.modellsvar') }}</strong>{{ s.modellsvar }}{% endif %}</aside>{% endif %}
</div></details></section>{% endfor %}
{% if ubesvart %}<h2>{{ t('samle.ikke_besvart', n=ubesvart|length) }}</h2><p>{{ ubesvart|join(', ') }}</p>{% endif %}
</body></html>
"""


def rapport_html(sett: Ovelsessett, rader: list[Svarrad], avvist: list, merknader: list, antall: int) -> str:
    per: dict[str, list[Svarrad]] = defaultdict(list)
    for r in rader:
        per[r.ovelse].append(r)
    seksjoner, feil = [], list(merknader)
    for oid, ov in sett.ovelser.items():
        if oid not in per:
            continue
        try:
            seksjoner.append(_seksjon(ov, per[oid]))
        except Exception as err:  # noqa: BLE001 - one exercise never takes down the report
            feil.append((oid, t("rapport.seksjon_feil", feil=type(err).__name__)))
    env = Environment(autoescape=True)
    env.globals.update(t=t, tall=formater_tall)
    return env.from_string(_MAL).render(
        antall=antall, avvist=avvist, merknader=feil, settliste=sett_sammendrag(sett, rader),
        mis=misoppfatninger(sett, rader)[:10], obs=trenger_oppmerksomhet(sett, rader),
        avvik=[r for r in rader if r.avvik], seksjoner=seksjoner,
        ubesvart=[oid for oid in sett.ovelser if oid not in per])
