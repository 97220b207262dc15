"""The exercise widget: task text, kind input, «Send inn», inline messages and feedback.

All logic lives in ``vurdering`` (grading), ``lager`` (store) and ``visning`` (HTML); this module
wires them to ipywidgets. Errors in callbacks are caught and shown in Norwegian in the widget.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import time
from dataclasses import dataclass

from tiltakslab import settmodus
from tiltakslab.meldinger import t
from tiltakslab.ovelser import delte as w
from tiltakslab.ovelser import kilder, oversikt, studentid
from tiltakslab.ovelser.beregning import BeregningFeil
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.slag import slag_for
from tiltakslab.ovelser.visning import feil_html, fyll_navn, markdown, norsk_tid, resultat_html
from tiltakslab.ovelser.vurdering import SvarFeil, tolk_svar, vurder

log = logging.getLogger(__name__)


@dataclass
class Deltaker:
    id: str | None
    navn: str | None
    tekst: str | None


def _felt(obj: object, *navn: str) -> object:
    for n in navn:
        if isinstance(obj, dict) and obj.get(n) not in (None, ""):
            return obj[n]
        if not isinstance(obj, (dict, str)) and getattr(obj, n, None) not in (None, ""):
            return getattr(obj, n)
    return None


def tolk_deltaker(deltaker: object) -> Deltaker:
    """Accept a case as an id (looked up with ``tiltakslab.data.vignett``), a mapping or an object."""
    if deltaker is None:
        return Deltaker(None, None, None)
    if isinstance(deltaker, studentid.MinSak):
        return tolk_deltaker(studentid.sak_for(studentid.aktiv_id()))
    if isinstance(deltaker, (str, int)):
        try:
            from tiltakslab.data import fornavn, vignett  # noqa: PLC0415 - pandas only when a case is used
        except ImportError as err:
            raise ValueError(t("ovelse.ingen_datamodul")) from err
        vid = str(deltaker)
        deltaker = vignett(vid)
        if isinstance(deltaker, str):
            return Deltaker(vid, fornavn(vid), deltaker)
        d = tolk_deltaker(deltaker)
        return Deltaker(d.id or vid, d.navn, d.tekst)
    if hasattr(deltaker, "to_dict"):  # pandas Series
        deltaker = deltaker.to_dict()
    did = _felt(deltaker, "deltaker_id", "id")
    navn = _felt(deltaker, "fornavn", "navn")
    tekst = _felt(deltaker, "tekst", "vignett", "beskrivelse", "markdown")
    return Deltaker(None if did is None else str(did), None if navn is None else str(navn),
                    None if tekst is None else str(tekst))


def trygg(metode):
    """Run a callback; show ``SvarFeil`` inline and any other error as a Norwegian message."""

    @functools.wraps(metode)
    def kjør(self, *args, **kwargs):
        try:
            return metode(self, *args, **kwargs)
        except (SvarFeil, BeregningFeil) as err:
            self.melding.value = feil_html(fyll_navn(str(err), self.deltaker.navn))
        except Exception as err:  # noqa: BLE001 - never a traceback to a learner
            log.exception("callback failed in exercise %s", self.ov.get("id"))
            self.melding.value = feil_html(t("ovelse.uventet_feil", feil=type(err).__name__))
        return None

    return kjør


# Scoped styles: ipywidgets' HTML widget uses the control line height (28px) for running text, which
# makes paragraphs hard to read; the case text gets a frame that does not depend on colour alone.
STIL = ("<style>.tl-ovelse .widget-html-content{line-height:1.5}"
        ".tl-ovelse .tl-vignett{border-left:4px solid #0072B2;padding:.25em .75em;margin:.5em 0}"
        ".tl-ovelse .tl-overskrift{margin:.4em 0 .2em}"
        ".tl-ovelse .tl-skjult-etikett>.widget-label{position:absolute!important;width:1px;height:1px;"
        "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
        ".tl-ovelse :focus-visible{outline:3px solid #1a4f8b!important;outline-offset:2px}"
        ".tl-ovelse textarea{min-height:6em;width:100%}"
        ".tl-ovelse .widget-checkbox{height:auto}.tl-ovelse .widget-checkbox label{white-space:normal}"
        ".tl-ovelse .tl-over{flex-direction:column;align-items:stretch;height:auto}"
        ".tl-ovelse .tl-over>.widget-label{width:auto;max-width:none;white-space:normal;line-height:1.4;"
        "margin-bottom:.25em;text-align:left}"
        ".tl-ovelse .tl-over>select,.tl-ovelse .tl-over>textarea{width:100%;flex:none}</style>")


# ipywidgets holds back a widget's second state update until the kernel has answered the first, but sends a
# button's click at once: a click right after typing or choosing can reach the kernel before the value shown.
# A click is therefore graded once the answer's fields have been quiet for ROLIG_S (at most MAKS_VENT_S).
ROLIG_S = 0.3
MAKS_VENT_S = 3.0

_CASE_ID = re.compile(r"Syntetisk case \([A-Za-z]*\d+\)(;[^*\n]*\.)?")  # the footer in bokmål or nynorsk


def _verdifelt(rot: w.Widget) -> list[w.Widget]:
    """The input fields under ``rot`` (value widgets the learner changes; not labels or HTML)."""
    ut, stabel = [], [rot]
    while stabel:
        x = stabel.pop()
        if isinstance(x, w.ValueWidget) and not isinstance(x, (w.Label, w.HTML, w.HTMLMath)):
            ut.append(x)
        stabel.extend(getattr(x, "children", ()) or ())
    return ut


class OvelseWidget:
    """One exercise on screen. Display it by leaving it as the last expression in a cell."""

    def __init__(self, ov: dict, deltaker: object = None, lager: Svarlager | None = None,
                 utdrag: dict | None = None):
        self.ov = ov
        self.slag = slag_for(ov)
        self.egen_sak = isinstance(deltaker, studentid.MinSak)
        self._deltaker_arg = deltaker
        self.deltaker = self._tolk()
        self.lager = lager or Svarlager()
        self.utdrag = utdrag if utdrag is not None else kilder.utdrag_for_visning()
        self.melding = w.HTML(value="")
        self.melding.add_class("tl-melding")
        self.tilbakemelding = w.HTML(value="")
        self.tilbakemelding.add_class("tl-tilbakemelding")
        self.send = w.Button(description=t("ovelse.send"), button_style="primary", icon="check",
                             tooltip=t("ovelse.send_hjelp"))
        self.send.add_class("tl-send")
        self.send.on_click(self._klikk)
        self._sist_endret = 0.0
        self._venter = False
        self.hode = w.HTML(self._hode_html())
        self.boks = w.VBox()
        self._bygg_inndata()
        for k in ("tl-ovelse", f"tl-id-{ov['id']}", f"tl-type-{ov['type']}"):
            self.boks.add_class(k)
        self.gjenopprett()
        if self.egen_sak:
            studentid.lytt(self)

    def _tolk(self) -> Deltaker:
        """The case to show: the argument, adapted to the exercise's premises and ``sak_utsnitt``."""
        from tiltakslab.ovelser import sak_for  # noqa: PLC0415

        return tolk_deltaker(sak_for(self.ov, self._deltaker_arg))

    def _bygg_inndata(self) -> None:
        self.inndata = self.slag.inndata(self.ov, self.deltaker.navn)
        if self.slag.enter_sender:  # Enter in the number field submits
            self.inndata.sendefelt.on_msg(self._enter)
            self.inndata.sendefelt.observe(self._enter_verdi, "value")
        if self.slag.sender_selv:  # a dialogue submits itself when it reaches an end
            self.inndata.ferdig = self.send_inn
            kontroller = [self.inndata.widget]
        else:
            kontroller = [self.inndata.widget, self.send]
        self.boks.children = [self.hode, *kontroller, self.melding, self.tilbakemelding]
        for felt in _verdifelt(self.inndata.widget):
            felt.observe(self._endret, "value")

    def _endret(self, _endring=None) -> None:
        self._sist_endret = time.monotonic()

    def _klikk(self, _knapp=None) -> None:
        """«Send inn» clicked: grade once the fields are quiet (see ROLIG_S); at once outside an event loop."""
        import asyncio  # noqa: PLC0415

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # plain Python (tests, scripts): the values are already here
            self.send_inn()
            return
        if self._venter:  # a second click while the first waits is the same submit
            return
        self._venter = True
        frist = time.monotonic() + MAKS_VENT_S

        def naar_rolig() -> None:
            igjen = self._sist_endret + ROLIG_S - time.monotonic()
            if igjen > 0 and time.monotonic() < frist:
                loop.call_later(igjen, naar_rolig)
                return
            self._venter = False
            self.send_inn()

        loop.call_later(ROLIG_S, naar_rolig)

    def _vis_selvvurdering(self) -> None:
        """After a free-text answer: the criteria to tick and the model answer; stored as self-assessed."""
        navn = self.deltaker.navn
        kryss = {str(r.get("id", nr)): w.Checkbox(value=False, description=fyll_navn(r["tekst"], navn),
                                                  indent=False, layout=w.Layout(width="auto"))
                 for nr, r in enumerate(self.ov["rubrikk"], start=1)}
        modell = self.ov.get("modellsvar")
        deler = [w.HTML(f'<h5 class="tl-overskrift">{html.escape(t("selvvurdering.overskrift"))}</h5>'
                        f"<p>{html.escape(t('selvvurdering.forklaring'))}</p>"
                        + (f'<div class="tl-modellsvar"><strong>{html.escape(t("refleksjon.modellsvar"))}</strong>'
                           f"{markdown(fyll_navn(modell, navn))}</div>" if modell else "")),
                 *kryss.values()]
        lagre = w.Button(description=t("selvvurdering.lagre"), icon="check-square")
        kvittering = w.HTML()
        kvittering.add_class("tl-selvvurdering-kvittering")

        def lagre_kryss(_b=None) -> None:
            valgt = {k: c.value for k, c in kryss.items()}
            if self.lager.lagre_selvvurdering(self.ov["id"], self.nokkel_variant, valgt) is not None:
                tekst = t("selvvurdering.lagret", n=sum(valgt.values()), av=len(valgt))
                kvittering.value = f'<p role="status">{html.escape(tekst)}</p>'

        lagre.on_click(lagre_kryss)
        self.selvvurdering = w.VBox([*deler, lagre, kvittering])
        self.selvvurdering.kryss, self.selvvurdering.lagre, self.selvvurdering.kvittering = kryss, lagre, kvittering
        self.selvvurdering.add_class("tl-selvvurdering")
        barn = [c for c in self.boks.children if not c._dom_classes or "tl-selvvurdering" not in c._dom_classes]
        self.boks.children = [*barn, self.selvvurdering]

    def _enter(self, _widget, innhold, _buffere) -> None:
        """Enter in the number field. The browser sends «submit» *before* the field's new value (the value
        goes on the input's change event), so the submit waits for that value, or 0.3 s when the value
        did not change – the number graded is the number shown."""
        if not (isinstance(innhold, dict) and innhold.get("event") == "submit"):
            return
        import asyncio  # noqa: PLC0415

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (plain Python): the value is already here
            self.send_inn()
            return
        self._enter_venter = True
        loop.call_later(0.3, self._enter_frist)

    def _enter_verdi(self, _endring) -> None:
        if getattr(self, "_enter_venter", False):
            self._enter_venter = False
            self.send_inn()

    def _enter_frist(self) -> None:
        if getattr(self, "_enter_venter", False):
            self._enter_venter = False
            self.send_inn()

    @trygg
    def id_endret(self) -> None:
        """The learner's id changed: show the new id's case and its answers (the others are kept)."""
        ny = self._tolk()
        if ny.id == self.deltaker.id:
            return
        self.deltaker = ny
        self.hode.value = self._hode_html()
        self.melding.value = ""
        self.tilbakemelding.value = ""
        self._bygg_inndata()
        self.gjenopprett()

    @property
    def nokkel_variant(self) -> str | None:
        return self.deltaker.id

    def _hode_html(self) -> str:
        ov, navn = self.ov, self.deltaker.navn
        meta = t("ovelse.meta", id=ov["id"], minutter=ov["minutter"], poeng=ov["poeng"],
                 niva=t(f"niva.{ov['niva']}"))
        deler = [STIL, f'<h4 class="tl-tittel">{html.escape(fyll_navn(ov["tittel"], navn))}</h4>',
                 f'<p class="tl-meta">{html.escape(meta)}</p>']
        vignett = self.deltaker.tekst or ov.get("vignett")
        if vignett:  # the case's record id is for instructors, not for the learner's page
            vignett = _CASE_ID.sub(t("ovelse.oppdiktet_sak"), vignett)
        if vignett:
            deler.append(f'<div class="tl-vignett"><strong>{html.escape(t("ovelse.saken"))}</strong>'
                         f'{markdown(fyll_navn(vignett, navn))}</div>')
        deler.append(f'<div class="tl-oppgave">{markdown(fyll_navn(ov["oppgavetekst"], navn))}</div>')
        if ov.get("egen_forklaring"):
            deler.append(f'<p class="tl-egen"><em>{html.escape(t("ovelse.egen_forklaring"))}</em></p>')
        return "".join(deler)

    def _vis(self, svar: object, forsok: int) -> None:
        res = vurder(self.ov, svar)
        self.resultat = res
        self.tilbakemelding.value = self._tilbakemelding_html(res, forsok)
        return res

    def _tilbakemelding_html(self, res, forsok: int) -> str:
        """Feedback, or only «saved» in a graded set whose key is not released (tiltakslab.settmodus)."""
        if settmodus.for_ovelse(self.ov).skjul_fasit:
            return f'<p class="tl-lagret">{html.escape(t("settmodus.lagret_skjult"))}</p>'
        return resultat_html(res, self.utdrag, self.deltaker.navn, forsok)

    @trygg
    def send_inn(self) -> None:
        """Read, validate, grade, store, show. Bad input: inline message, nothing stored, nothing lost."""
        self.melding.value = ""
        svar = tolk_svar(self.ov, self.inndata.les())
        maks = settmodus.for_ovelse(self.ov).maks_forsok
        if maks and len((self.lager.hent(self._key()) or {}).get("forsok") or []) >= maks:
            raise SvarFeil(t("settmodus.ingen_flere_forsok", maks=maks))
        res = vurder(self.ov, svar)
        self.lager.lagre_forsok(self.ov["id"], self.nokkel_variant, svar, res.til_dict())
        oversikt.meld_endring()
        if self.slag.selvvurdert and self.ov.get("rubrikk") \
                and not settmodus.for_ovelse(self.ov).skjul_fasit:  # the model answer is the key (issue 14)
            self._vis_selvvurdering()
        rec = self.lager.hent(self._key()) or {"forsok": []}
        self.resultat = res
        self.tilbakemelding.value = self._tilbakemelding_html(res, len(rec["forsok"]))
        if self.lager.advarsel:
            self.melding.value = feil_html(self.lager.advarsel)

    def _key(self) -> str:
        from tiltakslab.ovelser.lager import nokkel  # noqa: PLC0415

        return nokkel(self.ov["id"], self.nokkel_variant)

    @trygg
    def gjenopprett(self) -> None:
        """Restore the latest stored answer into the widgets and show its feedback again."""
        rec = self.lager.hent(self._key())
        if self.lager.advarsel:
            self.melding.value = feil_html(self.lager.advarsel)
        if not rec or not rec.get("forsok"):
            if self.egen_sak and self.deltaker.id:
                andre = studentid.svar_til_andre_saker(self.lager.les(), self.deltaker.id)
                if any(self.ov["id"] in ider for ider in andre.values()):
                    self.tilbakemelding.value = (f'<p class="tl-annen-sak" role="status">'
                                                 f'{html.escape(t("studentid.annen_sak_ovelse"))}</p>')
            return
        siste = rec["forsok"][-1]
        self.inndata.sett(siste["svar"])
        try:
            svar = tolk_svar(self.ov, siste["svar"])
        except SvarFeil:
            # the exercise changed since the answer was given; keep the stored answer, say so
            self.melding.value = feil_html(t("lager.endret_ovelse"))
            return
        self._vis(svar, len(rec["forsok"]))
        hentet = html.escape(t("lager.hentet", tid=norsk_tid(siste["tid"])))
        self.tilbakemelding.value = f'<p class="tl-gjenopprettet">{hentet}</p>' + self.tilbakemelding.value

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.boks._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:  # short, stable text for nbval and consoles
            bundle["text/plain"] = t("ovelse.tekstvisning", id=self.ov["id"],
                                      tittel=fyll_navn(self.ov["tittel"], self.deltaker.navn))
        return bundle
