"""``tiltakslab rett MAPPE``: mark free text and case work in the browser, without code.

Starts a small web server on the loopback interface only (a free port, a random token in every URL),
opens the marking page and stops with Ctrl+C. The page shows, per exercise, each student's final
answer beside the rubric, the student's case and the model answer, with a form for points and a
comment (suggestions from the exercise's comment bank). Marks go to ``MAPPE/_laerer/vurderinger.json``
(:mod:`tiltakslab.vurderinger`), apart from the hand-ins, so they survive re-running ``samle``; a mark
whose answer has changed since is flagged. Everything is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import argparse
import secrets
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from jinja2 import Environment
from markupsafe import Markup

from tiltakslab import tildeling as tild
from tiltakslab import vurderinger as vurd
from tiltakslab.innleveringer import les_mappe
from tiltakslab.meldinger import t
from tiltakslab.omvurdering import omvurder, svar_fingeravtrykk
from tiltakslab.ovelser.laster import last_ovelser
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.ovelser.slag.plandeler import visning as plandel_visning
from tiltakslab.ovelser.visning import fyll_navn, markdown
from tiltakslab.ovelser.vurdering import formater_tall, tolk_tall
from tiltakslab.svartekst import case_for, i_ord

MAKS_SKJEMA = 100_000

_MAL = """<!doctype html>
<html lang="{{ t('sprak.html') }}"><head><meta charset="utf-8"><title>{{ t('rett.tittel') }}</title>
<style>body{font-family:sans-serif;max-width:80em;margin:1em auto;line-height:1.5;padding:0 1em}
.svar{display:grid;grid-template-columns:3fr 2fr;gap:1em;border-top:2px solid #999;padding:.5em 0}
.side{background:#f4f4f4;padding:.5em}.endret{color:#8a2d00;font-weight:bold}label{display:block;margin-top:.3em}
textarea{width:100%}nav a{margin-right:1em}</style></head><body>
<h1>{{ t('rett.tittel') }}</h1>
{% if melding %}<p role="status"><strong>{{ melding }}</strong></p>{% endif %}
<nav>{% for oid, ov, n, umerket in oversikt %}
<a href="?token={{ token }}&amp;ovelse={{ oid }}">{{ oid }} ({{ umerket }}/{{ n }})</a>{% endfor %}</nav>
{% if valgt %}<h2>{{ valgt.ov.id }} – {{ valgt.tittel }}</h2>
<details open><summary>{{ t('rett.oppgave_og_kriterier') }}</summary>{{ valgt.oppgave }}
<strong>{{ t('samle.rubrikk') }}</strong><ul>{% for r, auto in valgt.rubrikk %}<li>{{ r }}{% if valgt.plan %}
<small>({{ t('plandel.automatisk_kort') if auto else t('plandel.manuelle') }})</small>{% endif %}</li>{% endfor %}</ul>
{% if valgt.modellsvar %}<strong>{{ t('rapport.modellsvar') }}</strong>{{ valgt.modellsvar }}{% endif %}</details>
{% for x in valgt.svar %}<form class="svar" method="post" action="/lagre?token={{ token }}" id="{{ x.rad.student }}">
<div><h3>{{ x.rad.student }}{% if x.navn %} – {{ t('rapport.case', navn=x.navn) }}{% endif %}</h3>
{% for etikett, tekst in x.ord %}<p>{% if etikett %}<strong>{{ etikett }}</strong><br>{% endif %}{{ tekst }}
</p>{% endfor %}
{% if x.rad.endret_etter_vurdering %}<p class="endret">{{ t('rett.endret') }}</p>{% endif %}</div>
<div class="side">{% if x.case %}<details><summary>{{ t('rapport.vis_case', navn=x.navn or '') }}
</summary>{{ x.case }}</details>{% endif %}
{% if x.plan %}<div class="plan"><p><strong>{{ x.plan.auto }}</strong></p>{% if x.plan.punkter %}<ul>
{% for p in x.plan.punkter %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}<p>{{ x.plan.laerer }}</p></div>{% endif %}
{% if x.hint %}<p><small>{{ t('rett.nokkelord') }}: {{ x.hint }}</small></p>{% endif %}
{% if x.rad.selvvurdering %}<p><small>{{ t('rapport.selvvurdering', n=x.rad.selvvurdering.values()|select|list|length,
av=x.rad.selvvurdering|length) }}</small></p>{% endif %}
<input type="hidden" name="ovelse" value="{{ valgt.ov.id }}">
<input type="hidden" name="student" value="{{ x.rad.student }}">
<input type="hidden" name="svar_id" value="{{ x.svar_id }}">
<label>{% if valgt.plan %}{{ t('plandel.poeng_fritekst', maks=tall(valgt.maks)) }}{% else %}
{{ t('rett.poeng', maks=tall(valgt.maks)) }}{% endif %}
<input name="poeng" inputmode="decimal" size="5" value="{{ x.poeng }}"></label>
<label>{{ t('rett.kommentar') }}<textarea name="kommentar" rows="3" list="bank">{{ x.rad.kommentar }}</textarea></label>
{% if valgt.bank %}<label>{{ t('rett.fra_banken') }} <select name="bank"><option value=""></option>
{% for k in valgt.bank %}<option>{{ k }}</option>{% endfor %}</select></label>{% endif %}
<label>{{ t('rett.vurdert_av') }} <input name="vurdert_av" size="12" value="{{ x.rad.vurdert_av or laerer }}"></label>
<button type="submit">{{ t('rett.lagre') }}</button></div></form>{% endfor %}
{% else %}<p>{{ t('rett.velg') }}</p>{% endif %}
</body></html>
"""


class Retting:
    """The marking state for one hand-in folder; pages are rebuilt from disk on every request."""

    def __init__(self, mappe: Path, vurderingsfil: Path | None = None, laerer: str = ""):
        self.mappe = Path(mappe)
        self.fil = Path(vurderingsfil) if vurderingsfil else vurd.standard_fil(self.mappe)
        self.token = secrets.token_urlsafe(16)
        self.laerer = laerer
        self.env = Environment(autoescape=True)
        self.env.globals.update(t=t, tall=formater_tall)

    def _rader(self):
        sett = last_ovelser()
        data = vurd.les(self.fil)
        tildeling = tild.les(self.mappe / "_laerer" / "tildeling.json")
        rader = omvurder(sett, les_mappe(self.mappe), vurd.merker(data), tildeling=tildeling)
        return sett, data, [r for r in rader if slag_for(sett.ovelser[r.ovelse]).manuell]

    def side(self, ovelse: str | None = None, melding: str = "") -> str:
        sett, data, rader = self._rader()
        per = defaultdict(list)
        for r in rader:
            per[r.ovelse].append(r)
        oversikt = [(oid, sett.ovelser[oid], len(rr), sum(r.poeng is None for r in rr)) for oid, rr in per.items()]
        valgt = None
        if ovelse in per:
            ov = sett.ovelser[ovelse]
            svar = []
            for r in per[ovelse]:
                navn, case_tekst = case_for(r.variant)
                ord_ = i_ord(ov, r.tolket) if r.tolket is not None else [("", str(r.svar)[:3000])]
                hint = ""
                if r.resultat is not None and slag_for(ov).hint_til_retter:
                    # keyword prompts for the free-text lines only (a plan's choices are graded: see plan)
                    hint = "; ".join(f"{fyll_navn(d.overskrift, navn)}: {t('status.' + d.status)}"
                                     for d in r.resultat.deler if d.status == "info")
                svar.append({"rad": r, "navn": navn, "case": Markup(markdown(case_tekst)) if case_tekst else None,
                             "ord": [(fyll_navn(e, navn), fyll_navn(x, navn)) for e, x in ord_],
                             "svar_id": svar_fingeravtrykk(r.svar), "hint": hint,
                             "plan": plandel_visning(r.plan, r.manuell_poeng, navn) if r.plan else None,
                             "poeng": "" if r.manuell_poeng is None else formater_tall(r.manuell_poeng)})
            valgt = {"ov": ov, "tittel": fyll_navn(ov["tittel"], None), "svar": svar,
                     "oppgave": Markup(markdown(fyll_navn(ov["oppgavetekst"], None))),
                     "plan": slag_for(ov).plandel(ov, None) is not None, "maks": slag_for(ov).manuell_maks(ov),
                     "rubrikk": [(Markup(markdown(fyll_navn(r.get("tekst", ""), None))),
                                  bool(slag_for(ov).automatisk_linje(ov, r))) for r in ov.get("rubrikk") or []],
                     "modellsvar": (Markup(markdown(fyll_navn(ov["modellsvar"], None)))
                                    if ov.get("modellsvar") else None),
                     "bank": vurd.kommentarbank(data, ovelse)}
        return self.env.from_string(_MAL).render(token=self.token, oversikt=oversikt, valgt=valgt,
                                                 melding=melding, laerer=self.laerer)

    def lagre(self, skjema: dict[str, str]) -> str:
        """Store one mark from the form; return a Norwegian status line."""
        sett = last_ovelser()
        oid = skjema.get("ovelse", "")
        if oid not in sett.ovelser or not slag_for(sett.ovelser[oid]).manuell:
            raise vurd.VurderingsFeil(t("rett.ukjent_ovelse"))
        rå = skjema.get("poeng", "").strip()
        try:
            poeng = tolk_tall(rå) if rå else None
        except ValueError as err:
            raise vurd.VurderingsFeil(t("rett.ugyldig_poeng")) from err
        kommentar = skjema.get("kommentar", "").strip() or skjema.get("bank", "").strip()
        vurd.sett_merke(self.fil, skjema.get("student", ""), oid, poeng, kommentar,
                        skjema.get("vurdert_av", "").strip() or self.laerer, skjema.get("svar_id", ""),
                        slag_for(sett.ovelser[oid]).manuell_maks(sett.ovelser[oid]))
        return t("rett.lagret", student=skjema.get("student", ""), ovelse=oid)


def lag_server(retting: Retting, port: int = 0) -> ThreadingHTTPServer:
    """A loopback-only server for ``retting``; the caller runs ``serve_forever`` and ``shutdown``."""

    class Handler(BaseHTTPRequestHandler):
        def _svar(self, kode: int, tekst: str) -> None:
            data = tekst.encode("utf-8")
            self.send_response(kode)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                        "img-src data:; form-action 'self'")
            self.end_headers()
            self.wfile.write(data)

        def _ok_token(self, url) -> bool:
            return secrets.compare_digest(parse_qs(url.query).get("token", [""])[0], retting.token)

        def do_GET(self):  # noqa: N802
            url = urlparse(self.path)
            if not self._ok_token(url):
                return self._svar(403, t("rett.ingen_tilgang"))
            self._svar(200, retting.side(parse_qs(url.query).get("ovelse", [None])[0]))

        def do_POST(self):  # noqa: N802
            url = urlparse(self.path)
            if url.path != "/lagre" or not self._ok_token(url):
                return self._svar(403, t("rett.ingen_tilgang"))
            lengde = int(self.headers.get("Content-Length") or 0)
            if lengde > MAKS_SKJEMA:
                return self._svar(413, t("rett.for_stort"))
            felt = {k: v[0] for k, v in parse_qs(self.rfile.read(lengde).decode("utf-8", "replace")).items()}
            try:
                melding = retting.lagre(felt)
            except (vurd.VurderingsFeil, ValueError, OSError) as err:
                return self._svar(400, retting.side(felt.get("ovelse"), str(err)))
            self._svar(200, retting.side(felt.get("ovelse"), melding))

        def log_message(self, *_a):  # quiet
            return

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("mappe", help=t("samle.hjelp_mappe"))
    parser.add_argument("--vurderinger", help=t("samle.hjelp_vurderinger"))
    parser.add_argument("--laerer", default="", help=t("rett.hjelp_laerer"))
    parser.add_argument("--ingen-nettleser", action="store_true", help=t("rett.hjelp_ingen_nettleser"))


def run(args: argparse.Namespace) -> int:
    mappe = Path(args.mappe)
    if not mappe.is_dir():
        print(t("samle.ingen_mappe", mappe=str(mappe)))
        return 2
    retting = Retting(mappe, Path(args.vurderinger) if args.vurderinger else None, args.laerer)
    server = lag_server(retting)
    url = f"http://127.0.0.1:{server.server_address[1]}/?token={retting.token}"
    print(t("rett.start", url=url))
    if not args.ingen_nettleser:
        import webbrowser  # noqa: PLC0415

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print(t("rett.stoppet"))
    return 0
