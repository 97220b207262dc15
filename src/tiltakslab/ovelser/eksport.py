"""Export a submission: the learner's store as JSON plus a readable HTML page."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from jinja2 import Environment

from tiltakslab.identitet import normaliser
from tiltakslab.meldinger import t
from tiltakslab.ovelser.lager import Svarlager, naa
from tiltakslab.ovelser.laster import Ovelsessett
from tiltakslab.ovelser.visning import norsk_tid
from tiltakslab.skriving import skriv_atomisk

SKJEMA = "tiltakslab-innlevering"
VERSJON = 1

_MAL = """<!doctype html>
<html lang="{{ t('sprak.html') }}"><head><meta charset="utf-8"><title>{{ tittel }}</title>
<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5;padding:0 1em}
section{border-top:1px solid #999;margin-top:1.5em}.tl-svar{background:#f4f4f4;padding:.5em 1em}
.tl-svar p{white-space:pre-wrap}</style></head>
<body><h1>{{ tittel }}</h1>
<p>{{ t('innlevering.levert', tid=levert) }}</p>
{% for rec in svar %}
<section><h2>{{ rec.tittel }}</h2>
{% if rec.oppgave %}<h3>{{ t('innlevering.oppgaven') }}</h3>{{ rec.oppgave }}{% endif %}
<h3>{{ t('innlevering.ditt_svar') }}</h3>
<div class="tl-svar">{% for etikett, tekst in rec.ord %}<p>{% if etikett %}<strong>{{ etikett }}:</strong>
{% endif %}{{ tekst }}</p>{% endfor %}</div>
<p>{{ t('innlevering.forsok', n=rec.forsok) }}</p>
{% if rec.tilbakemelding %}<h3>{{ t('innlevering.tilbakemelding') }}</h3>{{ rec.tilbakemelding }}{% endif %}
</section>
{% else %}<p>{{ t('innlevering.ingen_svar') }}</p>{% endfor %}
</body></html>
"""


def svar_tekst(svar: object) -> str:
    """A learner's stored answer as plain text (fallback when the exercise is unknown)."""
    if isinstance(svar, str):
        return svar
    return json.dumps(svar, ensure_ascii=False, indent=1)


def svar_i_ord(ov: dict, svar: object, navn: str | None = None) -> list[tuple[str, str]]:
    """The stored answer in words: ``[(label, text)]`` with the options' own texts, never ids."""
    from tiltakslab.ovelser.slag import SLAG  # noqa: PLC0415
    from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

    slag = SLAG.get(ov.get("type"))
    if slag is None:
        return [("", svar_tekst(svar))]
    return slag.svar_i_ord(ov, svar, lambda s: fyll_navn(str(s), navn))


def filstamme(student: str, modul: object = None) -> str:
    """``innlevering-05-samarbeid-s017-20261203-101500``: which set, whose, when (no other paths)."""
    sett_navn = getattr(modul, "sett", None)
    del_ = (sett_navn[:-6] if sett_navn and sett_navn.endswith(".ipynb") else "alle").replace("_", "-")
    return f"innlevering-{del_}-{student}-{datetime.now():%Y%m%d-%H%M%S}"


def _rad(ov: dict | None, rec: dict, utdrag: dict) -> dict:
    from markupsafe import Markup  # noqa: PLC0415

    from tiltakslab.ovelser.visning import fyll_navn, markdown, resultat_html  # noqa: PLC0415

    forsok = rec.get("forsok") or []
    siste = forsok[-1].get("svar") if forsok else None
    navn = None
    if rec.get("variant"):
        try:
            from tiltakslab.data import fornavn  # noqa: PLC0415

            navn = fornavn(str(rec["variant"]))
        except (ImportError, LookupError, ValueError):
            navn = None
    if ov is None:
        return {"tittel": t("innlevering.ukjent_ovelse"), "oppgave": "", "ord": [("", svar_tekst(siste))],
                "forsok": len(forsok), "tilbakemelding": ""}
    tilbakemelding = ""
    from tiltakslab.settmodus import for_ovelse  # noqa: PLC0415 - graded sets hide the key (issue 14)

    if for_ovelse(ov).skjul_fasit:
        return {"tittel": fyll_navn(ov["tittel"], navn),
                "oppgave": Markup(markdown(fyll_navn(ov["oppgavetekst"], navn))),  # noqa: S704 - escaped
                "ord": svar_i_ord(ov, siste, navn), "forsok": len(forsok), "tilbakemelding": ""}
    try:
        from tiltakslab.ovelser.vurdering import tolk_svar, vurder  # noqa: PLC0415

        res = vurder(ov, tolk_svar(ov, siste))
        tilbakemelding = Markup(resultat_html(res, utdrag, navn, len(forsok)))  # noqa: S704 - escaped HTML
    except Exception:  # noqa: BLE001 - the answer is still shown in words; feedback is a bonus
        tilbakemelding = ""
    try:
        ord_ = svar_i_ord(ov, siste, navn)
    except (KeyError, IndexError, TypeError, ValueError):
        ord_ = [("", svar_tekst(siste))]
    return {"tittel": fyll_navn(ov["tittel"], navn),
            "oppgave": Markup(markdown(fyll_navn(ov["oppgavetekst"], navn))),  # noqa: S704 - escaped
            "ord": ord_, "forsok": len(forsok), "tilbakemelding": tilbakemelding}


def lag_innlevering(lager: Svarlager, sett: Ovelsessett | None, student: str | None = None,
                    mappe: Path | None = None, modul: object = None) -> tuple[Path, Path]:
    """Write ``innlevering-<set>-<student>-<time>.json`` and ``.html`` atomically (0600); return both paths.

    This is the one function that writes a hand-in (a hub exchange hook can deliver the returned paths).
    ``modul`` (a ``oversikt.Modul`` or its number, «05») limits the hand-in to that module's exercises and
    names the file after the set; without it every answer is included. ``student`` defaults to the
    learner's id (hub user, stored id); it is normalised with ``tiltakslab.identitet.normaliser`` (a
    Norwegian ``UgyldigId`` for personal-data shapes). The HTML page shows, per exercise, the task, the
    answer in words and the feedback.
    """
    from tiltakslab.ovelser.oversikt import kursmoduler  # noqa: PLC0415
    from tiltakslab.ovelser.studentid import aktiv_id  # noqa: PLC0415

    data = lager.les()
    student = normaliser(student or aktiv_id(lager) or "")
    if isinstance(modul, str):
        modul = next((m for m in kursmoduler() if m.nr == modul), None)
    svar = data["svar"]
    if modul is not None:
        svar = {k: r for k, r in svar.items() if isinstance(r, dict) and r.get("ovelse") in modul.ovelser}
    ut = {"skjema": SKJEMA, "versjon": VERSJON, "student": student, "levert": naa(), "svar": svar}
    if modul is not None:
        ut["modul"] = modul.nr
    mappe = Path(mappe) if mappe else lager.mappe / "innlevering"
    from tiltakslab.skriving import sikker_mappe  # noqa: PLC0415

    sikker_mappe(mappe)  # never into a symlinked folder (SkriveFeil, a Norwegian OSError)
    stamme = filstamme(student, modul)
    json_sti, html_sti = mappe / f"{stamme}.json", mappe / f"{stamme}.html"
    skriv_atomisk(json_sti, json.dumps(ut, ensure_ascii=False, indent=1))
    try:
        from tiltakslab.ovelser.kilder import utdrag_for_visning  # noqa: PLC0415

        utdrag = utdrag_for_visning()
    except Exception:  # noqa: BLE001 - a page without quotes is better than no page
        utdrag = {}
    rekkefolge = {oid: i for i, oid in enumerate(modul.ovelser)} if modul is not None else {}
    poster = sorted(svar.values(), key=lambda r: (rekkefolge.get(r.get("ovelse"), 999), str(r.get("ovelse"))))
    rader = [_rad(sett.ovelser.get(r.get("ovelse")) if sett else None, r, utdrag) for r in poster]
    tittel = t("innlevering.tittel_modul", modul=f"{modul.nr} {modul.navn}", student=student) if modul \
        else t("innlevering.tittel", student=student)
    env = Environment(autoescape=True)
    env.globals["t"] = t
    skriv_atomisk(html_sti, env.from_string(_MAL).render(tittel=tittel, levert=norsk_tid(ut["levert"]),
                                                         svar=rader))
    return json_sti, html_sti
