"""Feedback back to students: one readable page per student and set.

Each page gives, per exercise the student answered: the answer in words (option texts, the case's
name filled in), the automatic result with its feedback (rendered Markdown), and the instructor's
points and comment for free text and case work (or «Ikke vurdert ennå»). A graded set that is not yet
released (:mod:`tiltakslab.settmodus`) shows no model answers and no key-based feedback.
No file names, ids, codes or raw timestamps are shown to the learner.

``skriv_for_student(student, rader, sett, mappe)`` writes one student's pages into a given folder
(used by the hub to put them in each student's own folder); ``skriv_alle`` writes a folder per student
plus ``<student>.html`` with every set on one page, the input of ``tiltakslab returner``.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from tiltakslab import settmodus
from tiltakslab.meldinger import t
from tiltakslab.omvurdering import Svarrad
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.ovelser.slag.plandeler import visning as plandel_visning
from tiltakslab.ovelser.visning import fyll_navn, markdown
from tiltakslab.ovelser.vurdering import formater_tall
from tiltakslab.skriving import skriv_atomisk
from tiltakslab.svartekst import case_for, i_ord

_MAL = """<!doctype html>
<html lang="{{ t('sprak.html') }}"><head><meta charset="utf-8">
<title>{{ t('tilbakemelding.tittel', sett=sett) }}</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.6;padding:0 1em}
section{border-top:1px solid #999;padding:.5em 0}.laerer{border-left:4px solid #0072B2;padding:.2em .8em}
.status{font-weight:bold}</style></head><body>
<h1>{{ t('tilbakemelding.tittel', sett=sett) }}</h1><p>{{ t('tilbakemelding.intro') }}</p>
{% if skjul %}<p role="note">{{ t('tilbakemelding.skjult') }}</p>{% endif %}
{% for o in ovelser %}<section><h2>{{ o.tittel }}</h2>
<h3>{{ t('tilbakemelding.ditt_svar') }}</h3><ul>{% for etikett, tekst in o.ord %}<li>{% if etikett %}
<strong>{{ etikett }}</strong>: {% endif %}{{ tekst }}</li>{% endfor %}</ul>
{% if o.manuell %}{% if o.plan and o.plan.auto and not o.skjul %}<p class="status">{{ o.plan.auto }}</p>
{% if o.plan.punkter %}<ul>{% for p in o.plan.punkter %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}{% endif %}
<div class="laerer"><h3>{{ t('tilbakemelding.laererens') }}</h3>
{% if o.rad.status == 'vurdert' %}{% if o.plan and o.plan.laerer %}<p class="status">{{ o.plan.laerer }}</p>
{% elif o.rad.poeng is not none %}
<p class="status">{{ t('tilbakemelding.poeng', poeng=tall(o.rad.poeng), maks=tall(o.rad.maks)) }}</p>
{% endif %}
{% if o.rad.kommentar %}<p>{{ o.rad.kommentar }}</p>{% endif %}
{% elif o.rad.status == 'selvvurdert' %}<p>{{ t('tilbakemelding.selvvurdert') }}</p>
{% else %}<p>{{ t('tilbakemelding.ikke_vurdert') }}</p>{% endif %}</div>
{% if o.modellsvar and not o.skjul %}<details><summary>{{ t('tilbakemelding.modellsvar') }}
</summary>{{ o.modellsvar }}</details>{% endif %}
{% elif o.rad.status == 'ugyldig' %}<p>{{ t('tilbakemelding.ugyldig') }}</p>
{% elif not o.skjul %}<h3>{{ t('tilbakemelding.resultat') }}</h3>
<p class="status">{{ o.status }}
{% if o.rad.maks %} – {{ t('tilbakemelding.poeng', poeng=tall(o.rad.poeng or 0), maks=tall(o.rad.maks)) }}
{% endif %}</p>
{% for d in o.deler %}<div><strong>{{ d[0] }}</strong> {{ d[1] }}</div>{% endfor %}{% endif %}
</section>{% endfor %}
{% if maks %}<p><strong>{{ t('tilbakemelding.sum', poeng=tall(sum), maks=tall(maks)) }}</strong></p>{% endif %}
</body></html>
"""


def _settnavn(navn: str) -> str:
    return navn[:1].upper() + navn[1:] if navn else navn


def side(sett_navn: str, rader: list[Svarrad], sett: Ovelsessett,
         moduser: dict[str, settmodus.Modus] | settmodus.Modus | None = None) -> str:
    """The HTML page for one student's rows (one set, or all sets on one page)."""
    if isinstance(moduser, settmodus.Modus):
        moduser = {r.sett: moduser for r in rader}
    moduser = moduser or {}
    skjul = any(moduser.get(r.sett, settmodus.FORMATIV).skjul_fasit for r in rader)
    ovelser, sum_, maks = [], 0.0, 0.0
    for r in rader:
        ov = sett.ovelser[r.ovelse]
        o_skjul = moduser.get(r.sett, settmodus.FORMATIV).skjul_fasit
        navn, _tekst = case_for(r.variant)
        ord_ = i_ord(ov, r.tolket) if r.tolket is not None else [("", str(r.svar)[:3000])]
        deler = []
        if r.resultat is not None and not slag_for(ov).manuell:
            for d in r.resultat.deler:
                deler.append((fyll_navn(d.overskrift, navn) if d.overskrift else t(f"status.{d.status}"),
                              Markup(markdown(fyll_navn(d.tekst, navn)))))
            if r.poeng is not None and r.maks and not o_skjul:
                sum_ += r.poeng
                maks += r.maks
        elif r.plan is not None and r.plan.auto_poeng is not None and r.plan.auto_maks and not o_skjul:
            sum_ += r.plan.auto_poeng  # a plan's choices count in the automatic sum; the free text is the marker's
            maks += r.plan.auto_maks
        ovelser.append({"rad": r, "skjul": o_skjul, "tittel": fyll_navn(ov["tittel"], navn),
                        "manuell": slag_for(ov).manuell,
                        "plan": plandel_visning(r.plan, r.manuell_poeng, navn) if r.plan else None,
                        "ord": [(fyll_navn(e, navn), fyll_navn(x, navn)) for e, x in ord_], "deler": deler,
                        "status": t(f"rapport.status_{r.status}"),
                        "modellsvar": (Markup(markdown(fyll_navn(ov["modellsvar"], navn)))
                                       if ov.get("modellsvar") else None)})
    env = Environment(autoescape=True)
    env.globals.update(t=t, tall=formater_tall)
    return env.from_string(_MAL).render(sett=_settnavn(sett_navn), ovelser=ovelser, skjul=skjul, sum=sum_, maks=maks)


def skriv_for_student(student: str, rader: list[Svarrad], sett: Ovelsessett, mappe: Path,
                      moduser: dict[str, settmodus.Modus] | None = None) -> list[Path]:
    """Write ``student``'s feedback pages (``tilbakemelding-<sett>.html``) into ``mappe``; return the paths."""
    moduser = moduser or {}
    per_sett: dict[str, list[Svarrad]] = defaultdict(list)
    for r in rader:
        if r.student == student:
            per_sett[r.sett].append(r)
    mappe = Path(mappe)
    return [skriv_atomisk(mappe / f"tilbakemelding-{navn}.html", side(navn, rr, sett, moduser), rot=mappe)
            for navn, rr in sorted(per_sett.items())]


def samlet_side(student: str, rader: list[Svarrad], sett: Ovelsessett,
                moduser: dict[str, settmodus.Modus] | None = None) -> str:
    """All of one student's sets on one page (for ``tiltakslab returner``, which takes ``<student>.html``)."""
    mine = sorted((r for r in rader if r.student == student), key=lambda r: (r.sett, r.ovelse))
    return side(t("tilbakemelding.alle_sett"), mine, sett, moduser)


def skriv_alle(rader: list[Svarrad], sett: Ovelsessett, ut: Path,
               moduser: dict[str, settmodus.Modus] | None = None) -> list[Path]:
    """A folder per student under ``ut`` with that student's pages."""
    ut = Path(ut)
    skrevet = []
    from tiltakslab.skriving import sikker_mappe  # noqa: PLC0415

    for student in sorted({r.student for r in rader}):
        sikker_mappe(ut / student, rot=ut)
        skrevet += skriv_for_student(student, rader, sett, ut / student, moduser)
        # one page with every set, named for `tiltakslab returner SIDER` (hub exchange)
        skrevet.append(skriv_atomisk(ut / f"{student}.html", samlet_side(student, rader, sett, moduser), rot=ut))
    return skrevet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("samle.hjelp_mappe"))
    parser.add_argument("--ut", help=t("tilbakemelding.hjelp_ut"))
    parser.add_argument("--sett", help=t("tilbakemelding.hjelp_sett"))


def run(args: argparse.Namespace) -> int:
    from tiltakslab import samle  # noqa: PLC0415
    from tiltakslab.ovelser.laster import OvelseFeil  # noqa: PLC0415
    from tiltakslab.skriving import SkriveFeil  # noqa: PLC0415

    mappe = Path(args.mappe)
    if not mappe.is_dir():
        print(t("samle.ingen_mappe", mappe=str(mappe)))
        return 2
    try:
        moduser = settmodus.les(Path(args.sett) if args.sett else mappe / "_laerer" / "sett.yaml")
        sett, rader = samle.regrader(mappe)
        ut = Path(args.ut) if args.ut else mappe / "tilbakemelding"
        skrevet = skriv_alle(rader, sett, ut, moduser)
    except (OvelseFeil, SkriveFeil, ValueError) as err:
        print(str(err))
        return 1
    print(t("tilbakemelding.ferdig", antall=len(skrevet), mappe=str(ut)))
    return 0
