"""The exercise engine: ``ovelse("kis-03")`` shows one exercise; answers go to the answer store.

Learner-facing functions (exported lazily from ``tiltakslab``): ``ovelse``, ``innlevering``,
``fremdrift``. The schema is documented in ``data/ovelser/SKJEMA.md``.
"""

from __future__ import annotations

import html

from tiltakslab.meldinger import t
from tiltakslab.ovelser.lager import Svarlager
from tiltakslab.ovelser.laster import OvelseFeil, Ovelsessett, last_ovelser

__all__ = ["ovelse", "innlevering", "fremdrift", "last_ovelser", "OvelseFeil", "Ovelsessett", "Svarlager"]


def _feilboks(melding: str):
    import ipywidgets as w  # noqa: PLC0415

    boks = w.HTML(f'<p class="tl-inndatafeil" role="alert">⚠ {html.escape(melding)}</p>')
    boks.add_class("tl-feil")
    return boks


def ovelse(ovelse_id: str, deltaker: object = None):
    """Show exercise ``ovelse_id``, optionally for a case (id, mapping or ``vignett(...)`` result).

    Unknown ids, invalid content or a missing case give a Norwegian message, never a traceback.
    """
    from tiltakslab.ovelser.widget import OvelseWidget  # noqa: PLC0415 - ipywidgets only when used

    try:
        ov = last_ovelser(streng=False).hent(ovelse_id)
        return OvelseWidget(ov, deltaker=deltaker)
    except KeyError as err:
        return _feilboks(err.args[0] if err.args else str(err))
    except (OvelseFeil, ValueError, LookupError) as err:
        return _feilboks(t("ovelse.kan_ikke_vise", id=ovelse_id, feil=str(err)))


def innlevering(student: str | None = None):
    """Export the learner's answers as JSON + HTML; show where they were written."""
    from tiltakslab.ovelser.eksport import lag_innlevering  # noqa: PLC0415

    try:
        try:
            sett = last_ovelser()
        except OvelseFeil:
            sett = None
        json_sti, html_sti = lag_innlevering(Svarlager(), sett, student)
    except (ValueError, OSError) as err:
        return _feilboks(str(err))
    import ipywidgets as w  # noqa: PLC0415

    boks = w.HTML(f"<p>{html.escape(t('innlevering.skrevet', json=str(json_sti), html=str(html_sti)))}</p>")
    boks.add_class("tl-innlevering")
    return boks


def fremdrift():
    """A progress overview (themes, exercises done, points, minutes left) with a refresh button."""
    import ipywidgets as w  # noqa: PLC0415

    from tiltakslab.ovelser.oversikt import fremdrift_data, fremdrift_html  # noqa: PLC0415

    tabell = w.HTML()
    knapp = w.Button(description=t("fremdrift.oppdater"), icon="refresh")

    def oppdater(_b=None) -> None:
        try:
            tabell.value = fremdrift_html(fremdrift_data(last_ovelser(streng=False), Svarlager().les()))
        except (OvelseFeil, OSError) as err:
            tabell.value = f'<p role="alert">⚠ {html.escape(str(err))}</p>'

    knapp.on_click(oppdater)
    oppdater()
    return _Fremdrift(tabell, knapp)


class _Fremdrift:
    """The progress widget; a short text form keeps saved notebooks stable as exercises are added."""

    def __init__(self, tabell, knapp):
        import ipywidgets as w  # noqa: PLC0415

        self.tabell, self.knapp = tabell, knapp
        self.boks = w.VBox([tabell, knapp])
        self.boks.add_class("tl-fremdrift")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.boks._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = t("fremdrift.tittel")
        return bundle
