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
<html lang="nb"><head><meta charset="utf-8"><title>{{ t('innlevering.tittel', student=student) }}</title>
<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em}</style></head>
<body><h1>{{ t('innlevering.tittel', student=student) }}</h1>
<p>{{ t('innlevering.levert', tid=levert) }}</p>
{% for key, rec in svar %}
<section><h2>{{ key }}{% if rec.tittel %} – {{ rec.tittel }}{% endif %}</h2>
<p>{{ t('innlevering.forsok', n=rec.forsok|length) }}{% if rec.siste_status %} ·
{{ t('status.' ~ rec.siste_status) }}{% endif %}</p>
<pre>{{ rec.svar_tekst }}</pre></section>
{% else %}<p>{{ t('innlevering.ingen_svar') }}</p>{% endfor %}
</body></html>
"""


def svar_tekst(svar: object) -> str:
    """A learner's stored answer as readable text."""
    if isinstance(svar, str):
        return svar
    return json.dumps(svar, ensure_ascii=False, indent=1)


def lag_innlevering(lager: Svarlager, sett: Ovelsessett | None, student: str | None = None,
                    mappe: Path | None = None) -> tuple[Path, Path]:
    """Write ``innlevering-<student>-<time>.json`` and ``.html`` atomically; return both paths.

    This is the one function that writes a hand-in (a hub exchange hook can deliver the returned paths).
    ``student`` defaults to the learner's id (hub user, stored id); it is normalised with
    ``tiltakslab.identitet.normaliser`` (a Norwegian ``UgyldigId`` for personal-data shapes).
    """
    from tiltakslab.ovelser.studentid import aktiv_id  # noqa: PLC0415

    data = lager.les()
    student = normaliser(student or aktiv_id(lager) or "")
    ut = {"skjema": SKJEMA, "versjon": VERSJON, "student": student, "levert": naa(), "svar": data["svar"]}
    mappe = Path(mappe) if mappe else lager.mappe / "innlevering"
    mappe.mkdir(parents=True, exist_ok=True)
    stamme = f"innlevering-{student}-{datetime.now():%Y%m%d-%H%M%S}"
    json_sti, html_sti = mappe / f"{stamme}.json", mappe / f"{stamme}.html"
    skriv_atomisk(json_sti, json.dumps(ut, ensure_ascii=False, indent=1))
    rader = []
    for key, rec in sorted(data["svar"].items()):
        forsok = rec.get("forsok") or []
        tittel = sett.ovelser.get(rec.get("ovelse"), {}).get("tittel") if sett else None
        rader.append((key, {"tittel": tittel, "forsok": forsok,
                            "siste_status": forsok[-1].get("status") if forsok else None,
                            "svar_tekst": svar_tekst(forsok[-1].get("svar")) if forsok else ""}))
    env = Environment(autoescape=True)
    env.globals["t"] = t
    skriv_atomisk(html_sti, env.from_string(_MAL).render(student=student, levert=norsk_tid(ut["levert"]),
                                                         svar=rader))
    return json_sti, html_sti
