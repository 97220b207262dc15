"""The exercise engine: ``ovelse("kis-03")`` shows one exercise; answers go to the answer store.

Learner-facing functions (exported lazily from ``tiltakslab``): ``ovelse``, ``innlevering``,
``fremdrift``. The schema is documented in ``data/ovelser/SKJEMA.md``.
"""

from __future__ import annotations

import html
import json
from datetime import datetime

from tiltakslab.meldinger import t
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.laster import OvelseFeil, Ovelsessett, last_ovelser

__all__ = ["ovelse", "innlevering", "fremdrift", "velg_id", "min_sak", "last_ovelser", "OvelseFeil", "Ovelsessett",
           "Svarlager"]


def _feilboks(melding: str):
    from tiltakslab.ovelser import delte as w  # noqa: PLC0415

    boks = w.HTML(f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(melding)}</p>')
    boks.add_class("tl-feil")
    return boks


def sak_for(ov: dict, deltaker: object, sett: Ovelsessett | None = None) -> object:
    """The case to show ``ov`` with, given the learner's case (an id or ``MinSak``); other shapes pass through.

    Honours the exercise's ``premisser`` (another case is drawn when the learner's own does not fit,
    see ``tiltakslab.data.sak_for_ovelse``; the premises of every exercise in ``sett`` are preferred,
    so a learner meets at most one second person) and ``sak_utsnitt: start`` (the case as known on
    the day it starts, without mapping, log or outcome).
    """
    if not (ov.get("premisser") or ov.get("sak_utsnitt") == "start"):
        return deltaker
    from tiltakslab.ovelser import studentid  # noqa: PLC0415

    if isinstance(deltaker, studentid.MinSak):
        deltaker = studentid.sak_for(studentid.aktiv_id())
    if not isinstance(deltaker, (str, int)) or isinstance(deltaker, bool):
        return deltaker
    from tiltakslab import data  # noqa: PLC0415 - pandas only when a case is used

    did = str(deltaker)
    if ov.get("premisser"):
        if sett is None:
            try:
                sett = last_ovelser(streng=False)
            except OvelseFeil:
                sett = None
        alle = [p for o in (sett.ovelser.values() if sett else []) for p in (o.get("premisser") or [])]
        did = data.sak_for_ovelse(did, ov["premisser"], foretrukket=alle or None)
    if ov.get("sak_utsnitt") == "start":
        return {"deltaker_id": did, "fornavn": data.fornavn(did), "tekst": data.vignett(did, utsnitt="start")}
    return did


def egen_sak_for_ovelse(ovelse_id: str, sak: str) -> str:
    """The case id exercise ``ovelse_id`` is shown with for a learner whose own case is ``sak``."""
    try:
        sett = last_ovelser(streng=False)
        ov = sett.hent(ovelse_id)
    except (KeyError, OvelseFeil):
        return sak
    vist = sak_for(ov, sak, sett)
    return str(vist["deltaker_id"]) if isinstance(vist, dict) else str(vist)


def ovelse(ovelse_id: str, deltaker: object = None):
    """Show exercise ``ovelse_id``, optionally for a case (id, mapping or ``vignett(...)`` result).

    Unknown ids, invalid content or a missing case give a Norwegian message, never a traceback.
    """
    from tiltakslab.ovelser.widget import OvelseWidget  # noqa: PLC0415 - ipywidgets only when used

    try:
        sett = last_ovelser(streng=False)
        ov = sett.hent(ovelse_id)
        return OvelseWidget(ov, deltaker=deltaker)  # the widget applies sak_for() to the case
    except KeyError as err:
        return _feilboks(err.args[0] if err.args else str(err))
    except (OvelseFeil, ValueError, LookupError) as err:
        return _feilboks(t("ovelse.kan_ikke_vise", id=ovelse_id, feil=str(err)))


def min_sak():
    """"The learner's own case" for ``ovelse(..., deltaker=min_sak())``: drawn from the id set in ``velg_id()``."""
    from tiltakslab.ovelser.studentid import MinSak  # noqa: PLC0415

    return MinSak()


def _id_status(sid: str | None, lager: Svarlager) -> str:
    """The identity line: who, which case, and answers kept for other cases (never hidden silently)."""
    from tiltakslab.ovelser import studentid  # noqa: PLC0415

    deler = []
    if sid is None:
        deler.append(t("studentid.ingen"))
    from tiltakslab.data import fornavn  # noqa: PLC0415

    sak = studentid.sak_for(sid)
    navn = fornavn(sak)
    if sid is not None:
        deler.append(t("studentid.hub" if studentid.er_hub() else "studentid.valgt", id=sid, navn=navn))
    andre = studentid.svar_til_andre_saker(lager.les(), sak)
    if andre:
        ider = set().union(*andre.values())
        navnene = []
        for did in sorted(andre):
            try:
                navnene.append(fornavn(did))
            except (LookupError, ValueError):
                continue
        deler.append(t("studentid.andre_saker", n=len(ider), navn=", ".join(navnene) or "?"))
    return "".join(f"<p>{html.escape(d)}</p>" for d in deler)


def velg_id():
    """The learner's id, set once without code: a text field and «Lagre» (on a JupyterHub: the hub user)."""
    from tiltakslab.identitet import UgyldigId  # noqa: PLC0415
    from tiltakslab.ovelser import delte as w  # noqa: PLC0415
    from tiltakslab.ovelser import studentid  # noqa: PLC0415

    lager = Svarlager()
    sid = studentid.aktiv_id(lager)
    status = w.HTML(_id_status(sid, lager))
    status.add_class("tl-id-status")
    overskrift = w.HTML(f'<h2 class="tl-id-tittel">{html.escape(t("studentid.overskrift"))}</h2>')
    if studentid.er_hub():
        boks = w.VBox([overskrift, status])
    else:
        felt = w.Text(value=sid or "", description=t("studentid.felt"), placeholder="s017",
                      style={"description_width": "initial"}, continuous_update=False)
        knapp = w.Button(description=t("studentid.knapp"), button_style="primary", icon="user")
        melding = w.HTML()
        melding.add_class("tl-melding")

        def lagre(_b=None) -> None:
            try:
                ny = studentid.sett_id(felt.value, lager)
            except UgyldigId as err:
                melding.value = f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(str(err))}</p>'
                return
            except OSError as err:
                melding.value = f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(str(err))}</p>'
                return
            felt.value = ny
            status.value = _id_status(ny, lager)
            melding.value = f'<p role="status">{html.escape(t("studentid.lagret", id=ny))}</p>'

        knapp.on_click(lagre)
        boks = w.VBox([overskrift, w.HTML(f"<p>{html.escape(t('studentid.forklaring'))}</p>"),
                       w.HBox([felt, knapp]), melding, status])
        boks.felt, boks.knapp, boks.melding = felt, knapp, melding
    boks.status = status
    boks.add_class("tl-velg-id")
    return _Tekstform(boks, t("studentid.overskrift"))


class _Tekstform:
    """Wrap a widget box with a short, stable text/plain form (saved notebooks stay stable)."""

    def __init__(self, boks, tekst: str):
        self.boks, self._tekst = boks, tekst

    def __getattr__(self, navn):
        return getattr(self.__dict__["boks"], navn)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.boks._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = self._tekst
        return bundle


def _nedlasting(sti, tekst: str, mime: str) -> str:
    """A download link that carries the file itself (works in JupyterLab and in the app, no server path)."""
    import base64  # noqa: PLC0415

    data = base64.b64encode(sti.read_bytes()).decode("ascii")
    return (f'<a class="tl-last-ned" download="{html.escape(sti.name)}" '
            f'href="data:{mime};base64,{data}">{html.escape(tekst)}</a>')


def _lever(student: str | None, modul: str | None = None) -> str:
    """Write the submission; return the Norwegian status line (HTML). Raises ValueError/OSError."""
    from tiltakslab.ovelser.eksport import lag_innlevering  # noqa: PLC0415

    try:
        sett = last_ovelser(streng=False)
    except OvelseFeil:
        sett = None
    from tiltakslab.identitet import hub_bruker, normaliser  # noqa: PLC0415
    from tiltakslab.ovelser.studentid import sak_for, svar_til_andre_saker  # noqa: PLC0415
    from tiltakslab.utveksling import lever, utvekslingsmappe  # noqa: PLC0415

    student = hub_bruker() or student  # on a hub the hub user is the student id
    lager = Svarlager()
    json_sti, html_sti = lag_innlevering(lager, sett, student or None, modul=modul)
    if utvekslingsmappe() is not None:  # a hub with an exchange: delivered, nothing to upload
        lever([json_sti, html_sti], json.loads(json_sti.read_text(encoding="utf-8"))["student"])
        ut = f"<p>{html.escape(t('utveksling.levert', tid=datetime.now().strftime('%H:%M')))}</p>"
    else:
        ut = (f"<p>{html.escape(t('innlevering.skrevet', json=json_sti.name, html=html_sti.name))}</p>"
              f"<p>{_nedlasting(json_sti, t('innlevering.last_ned'), 'application/json')} · "
              f"{_nedlasting(html_sti, t('innlevering.last_ned_side'), 'text/html')}</p>")
    andre = svar_til_andre_saker(lager.les(), sak_for(normaliser(student) if student else None))
    if andre:
        n = len(set().union(*andre.values()))
        ut += f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(t("innlevering.annen_sak", n=n))}</p>'
    return ut


def innlevering(student: str | None = None, modul: str | None = None):
    """Hand in: export the learner's answers as JSON + HTML.

    ``innlevering(student="s017")`` writes at once. ``innlevering()`` shows a small form (student id +
    button), so a learner in the app view can hand in without code. ``modul="05"`` hands in that module's
    exercises only (the exercise sets use it), in a file named after the set; the status line has download
    links that carry the files.
    """
    from tiltakslab.ovelser import delte as w  # noqa: PLC0415

    if student is not None:
        try:
            boks = w.HTML(_lever(student, modul))
        except (ValueError, OSError) as err:
            return _feilboks(str(err))
        boks.add_class("tl-innlevering")
        return boks

    from tiltakslab.identitet import hub_bruker  # noqa: PLC0415
    from tiltakslab.ovelser import studentid  # noqa: PLC0415
    from tiltakslab.ovelser.studentid import aktiv_id  # noqa: PLC0415

    hub = hub_bruker()
    felt = w.Text(value=hub or aktiv_id() or "", disabled=bool(hub), description=t("innlevering.student_id"),
                  placeholder="s017", style={"description_width": "initial"})
    knapp = w.Button(description=t("innlevering.knapp"), button_style="primary", icon="paper-plane")
    status = w.HTML()
    status.add_class("tl-melding")

    def lever(_b=None) -> None:
        try:
            status.value = _lever(felt.value.strip(), modul)
        except (ValueError, OSError, LookupError) as err:
            status.value = f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(str(err))}</p>'

    knapp.on_click(lever)
    skjema = w.VBox([w.HBox([felt, knapp]), status])
    skjema.add_class("tl-innlevering")
    skjema.felt, skjema.knapp, skjema.status = felt, knapp, status  # for tests and browser tests
    skjema.lytter = _FolgId(felt)  # the field follows the id set in velg_id() on the same page
    studentid.lytt(skjema.lytter)
    return _Tekstform(skjema, t("sti.innlevering_tekst"))  # no widget repr in a saved notebook


class _FolgId:
    """Keeps a hand-in form's id field in step with the learner's id."""

    def __init__(self, felt):
        self.felt = felt

    def id_endret(self) -> None:
        from tiltakslab.ovelser.studentid import aktiv_id  # noqa: PLC0415

        self.felt.value = aktiv_id() or ""


def fremdrift():
    """Progress per module (lesson + set, course order) and in total, refreshed after every submit."""
    from tiltakslab.ovelser import delte as w  # noqa: PLC0415
    from tiltakslab.ovelser import oversikt  # noqa: PLC0415

    tabell = w.HTML()
    knapp = w.Button(description=t("fremdrift.oppdater"), icon="refresh")
    visning = _Fremdrift(tabell, knapp)
    knapp.on_click(lambda _b: visning.oppdater())
    visning.oppdater()
    oversikt.lytt(visning)
    return visning


class _Fremdrift:
    """The progress widget; a short text form keeps saved notebooks stable as exercises are added."""

    def __init__(self, tabell, knapp):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415

        self.tabell, self.knapp = tabell, knapp
        self.boks = w.VBox([tabell, knapp])
        self.boks.add_class("tl-fremdrift")

    def oppdater(self) -> None:
        from tiltakslab.ovelser.oversikt import fremdrift_data, fremdrift_html  # noqa: PLC0415

        try:
            self.tabell.value = fremdrift_html(fremdrift_data(last_ovelser(streng=False), Svarlager().les()))
        except (OvelseFeil, OSError) as err:
            self.tabell.value = f'<p role="alert">⚠ {html.escape(str(err))}</p>'

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.boks._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = t("fremdrift.tittel")
        return bundle
