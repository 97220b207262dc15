"""Input widgets per exercise kind: build, read raw input (``les``), restore a stored answer (``sett``).

Thin layer: every input has a label (``description``) and a stable CSS class; no logic beyond
moving values between widgets and the answer shapes in ``vurdering``.
"""

from __future__ import annotations

import html
import random

import ipywidgets as w

from tiltakslab.meldinger import t
from tiltakslab.ovelser.skjema import STATUSER
from tiltakslab.ovelser.visning import fyll_navn, markdown
from tiltakslab.ovelser.vurdering import REFLEKSJON_MAKS, STANDARD_MAKS_TEGN

BRED = w.Layout(width="auto")
STIL = {"description_width": "initial"}


def _merk(widget: w.Widget, *klasser: str) -> w.Widget:
    for k in klasser:
        widget.add_class(k)
    return widget


def blandet(ov: dict, felt: str) -> list[dict]:
    """Items shuffled deterministically per exercise id, never in the key's order."""
    elementer = list(ov[felt])
    random.Random(ov["id"]).shuffle(elementer)
    if [e["id"] for e in elementer] == [e["id"] for e in ov[felt]]:
        elementer = elementer[1:] + elementer[:1]
    return elementer


def _nedtrekk_per_element(ov: dict, navn: str | None, valg: list, etikett: str,
                          bredde: str) -> tuple[dict[str, w.Dropdown], list[w.Widget]]:
    """One labelled drop-down per item (shuffled), the item's text beside it: rankings and sortings."""
    nedtrekk: dict[str, w.Dropdown] = {}
    rader = []
    for e in blandet(ov, "elementer"):
        tekst = fyll_navn(e["tekst"], navn)
        # The label names the item («Plass for «…»»): a screen reader hears which item the select is for.
        # It is visually hidden; the item's text is shown beside the select.
        dd = _merk(w.Dropdown(options=valg, value=None, description=t("inndata.for_punkt", etikett=etikett,
                                                                          tekst=tekst),
                              style=STIL, layout=w.Layout(width=bredde)), "tl-inndata", "tl-skjult-etikett")
        dd.tooltip = tekst
        nedtrekk[str(e["id"])] = dd
        rader.append(w.HBox([dd, w.HTML(html.escape(tekst))]))
    return nedtrekk, rader


class Inndata:
    widget: w.Widget

    def les(self) -> object:
        raise NotImplementedError

    def sett(self, svar: object) -> None:
        raise NotImplementedError


class Flervalg(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        valg = [(fyll_navn(a["tekst"], navn), str(a["id"])) for a in ov["alternativer"]]
        self.radio = _merk(w.RadioButtons(options=valg, value=None, description=t("inndata.velg_ett"),
                                          style=STIL, layout=BRED), "tl-inndata")
        self.widget = self.radio

    def les(self) -> object:
        return self.radio.value

    def sett(self, svar: object) -> None:
        if svar in [v for _, v in self.radio.options]:
            self.radio.value = svar


class FlereRiktige(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        self.bokser = {str(a["id"]): _merk(w.Checkbox(value=False, description=fyll_navn(a["tekst"], navn),
                                                      indent=False, layout=BRED), "tl-inndata")
                       for a in ov["alternativer"]}
        self.widget = w.VBox([w.Label(t("inndata.velg_flere")), *self.bokser.values()])

    def les(self) -> object:
        return [k for k, b in self.bokser.items() if b.value]

    def sett(self, svar: object) -> None:
        for k, b in self.bokser.items():
            b.value = k in (svar or [])


class Rangering(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        n = len(ov["elementer"])
        valg = [(t("inndata.ikke_valgt"), None)] + [(str(i), i) for i in range(1, n + 1)]
        self.plasser, rader = _nedtrekk_per_element(ov, navn, valg, t("inndata.plass"), "9em")
        self.widget = w.VBox([w.Label(t("inndata.rangering", n=n)), *rader])

    def les(self) -> object:
        return {k: d.value for k, d in self.plasser.items()}

    def sett(self, svar: object) -> None:
        for plass, eid in enumerate(svar or [], start=1):
            if eid in self.plasser:
                self.plasser[eid].value = plass


class Sortering(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        valg = [(t("inndata.ikke_valgt"), None)] + [(k["navn"], str(k["id"])) for k in ov["kategorier"]]
        self.valg, rader = _nedtrekk_per_element(ov, navn, valg, t("inndata.kategori"), "22em")
        self.widget = w.VBox([w.Label(t("inndata.sortering")), *rader])

    def les(self) -> object:
        return {k: d.value for k, d in self.valg.items()}

    def sett(self, svar: object) -> None:
        for k, v in (svar or {}).items():
            if k in self.valg and v in [x for _, x in self.valg[k].options]:
                self.valg[k].value = v


class Tallsvar(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        # continuous_update=False: the value goes to the kernel once, on Enter or when the field loses focus,
        # so the number graded is the number shown however fast it was typed (no update overtaken by a click).
        self.tekst = _merk(w.Text(value="", placeholder=t("inndata.tall_plassholder"), continuous_update=False,
                                  description=t("inndata.tall"), style=STIL), "tl-inndata")
        enhet = w.Label(ov.get("enhet", ""))
        self.widget = w.HBox([self.tekst, enhet])

    def les(self) -> object:
        return self.tekst.value

    def sett(self, svar: object) -> None:
        if isinstance(svar, dict):
            self.tekst.value = str(svar.get("tekst", ""))


class Kartlegging(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        self.beslutninger = {
            str(b["id"]): _merk(w.RadioButtons(options=[(fyll_navn(v["tekst"], navn), str(v["id"]))
                                                        for v in b["valg"]],
                                               value=None, description=fyll_navn(b["sporsmal"], navn),
                                               style=STIL, layout=BRED), "tl-inndata")
            for b in ov["beslutninger"]}
        statusvalg = [(t("inndata.ikke_valgt"), None)] + [(t(f"kartlegging.status_{s}"), s) for s in STATUSER]
        self.status: dict[str, w.Dropdown] = {}
        self.notat: dict[str, w.Text] = {}
        rader = []
        for o in ov["omrader"]:
            oid = str(o["id"])
            # The label takes its natural width (long area names must not overlap the select).
            self.status[oid] = _merk(w.Dropdown(options=statusvalg, value=None,
                                                description=fyll_navn(o["navn"], navn), style=STIL,
                                                layout=w.Layout(width="auto", min_width="22em")), "tl-inndata")
            self.notat[oid] = _merk(w.Text(value="", placeholder=t("inndata.notat_plassholder"),
                                           description=t("inndata.notat"), style=STIL,
                                           layout=w.Layout(width="28em")), "tl-inndata")
            rader.append(w.HBox([self.status[oid], self.notat[oid]], layout=w.Layout(flex_flow="row wrap")))
        self.widget = w.VBox([*self.beslutninger.values(), w.HTML(f"<strong>{html.escape(t('inndata.omrader'))}"
                                                                  "</strong>"), *rader])

    def les(self) -> object:
        return {"beslutninger": {k: r.value for k, r in self.beslutninger.items()},
                "omrader": {k: {"status": self.status[k].value, "notat": self.notat[k].value}
                            for k in self.status}}

    def sett(self, svar: object) -> None:
        if not isinstance(svar, dict):
            return
        for k, v in (svar.get("beslutninger") or {}).items():
            if k in self.beslutninger:
                self.beslutninger[k].value = v
        for k, v in (svar.get("omrader") or {}).items():
            if k in self.status:
                self.status[k].value = v.get("status")
                self.notat[k].value = v.get("notat", "")


class Oppfolgingsplan(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        self.felt: dict[str, w.Widget] = {}
        for f in ov["felt"]:
            etikett = fyll_navn(f["etikett"], navn)
            if f["type"] == "valg":
                valg = [(t("inndata.ikke_valgt"), "")] + [(fyll_navn(v["tekst"], navn), str(v["id"]))
                                                           for v in f["valg"]]
                wid = w.Dropdown(options=valg, value="", description=etikett, style=STIL,
                                 layout=w.Layout(width="100%", max_width="48em"))
            else:
                maks = f.get("maks_tegn", STANDARD_MAKS_TEGN)
                wid = w.Textarea(value="", description=etikett, rows=max(3, min(8, maks // 100)), style=STIL,
                                 placeholder=t("inndata.maks_tegn", maks=maks),
                                 layout=w.Layout(width="100%", max_width="48em"))
            # the label above the field (CSS class tl-over): the field keeps its full width, at 200 % zoom too
            self.felt[str(f["id"])] = _merk(wid, "tl-inndata", "tl-over")
        self.widget = w.VBox(list(self.felt.values()))

    def les(self) -> object:
        return {k: f.value for k, f in self.felt.items()}

    def sett(self, svar: object) -> None:
        for k, v in (svar or {}).items():
            if k in self.felt:
                try:
                    self.felt[k].value = v
                except Exception:  # noqa: BLE001 - an option removed since; leave the field empty
                    pass


class Refleksjon(Inndata):
    def __init__(self, ov: dict, navn: str | None):
        self.maks = ov.get("maks_tegn", REFLEKSJON_MAKS)
        self.tekst = _merk(w.Textarea(value="", description=t("inndata.ditt_svar"), rows=8, style=STIL,
                                      layout=w.Layout(width="46em")), "tl-inndata")
        self.teller = w.Label(t("inndata.teller", antall=0, maks=self.maks))
        self.tekst.observe(self._tell, names="value")
        self.widget = w.VBox([self.tekst, self.teller])

    def _tell(self, _change=None) -> None:
        self.teller.value = t("inndata.teller", antall=len(self.tekst.value.strip()), maks=self.maks)

    def les(self) -> object:
        return self.tekst.value

    def sett(self, svar: object) -> None:
        if isinstance(svar, str):
            self.tekst.value = svar


def er_tale(replikk: str) -> bool:
    """A dialogue line is the case's speech when it opens with «…» or a stage direction «(…) «…»»."""
    r = replikk.strip()
    return r.startswith("«") or (r.startswith("(") and "«" in r)


class Dialog(Inndata):
    """A branching conversation. ``ferdig`` is called with the raw answer when an end node is reached."""

    def __init__(self, ov: dict, navn: str | None):
        self.ov, self.navn = ov, navn
        self.noder = {str(n["id"]): n for n in ov["noder"]}
        self.historikk = _merk(w.HTML(), "tl-dialog-historikk")
        self.knapper = w.VBox()
        self.nytt = _merk(w.Button(description=t("dialog.start_pa_nytt"), icon="refresh",
                                   layout=w.Layout(width="auto")), "tl-dialog-nytt")
        self.nytt.on_click(lambda _b: self._start_pa_nytt())
        self.ferdig = None  # set by the exercise widget
        self.widget = w.VBox([self.historikk, self.knapper, self.nytt])
        self.start()

    def _start_pa_nytt(self) -> None:
        self.start()
        self._fokus()

    def _fokus(self) -> None:
        """Keep keyboard focus in the conversation: the first reply, or «Start på nytt» at the end."""
        if self.knapper.children:
            self.knapper.children[0].children[0].focus()
        else:
            self.nytt.focus()

    def start(self) -> None:
        self.valg: list[int] = []
        self.linjer: list[str] = []
        self._vis(self.noder[str(self.ov["start"])])

    def _vis(self, node: dict) -> None:
        self.node = node
        replikk = fyll_navn(node["replikk"], self.navn)
        if er_tale(replikk):
            self.linjer.append(f'<p class="tl-replikk"><strong>{html.escape(self.navn or t("ovelse.deltakeren"))}'
                               f':</strong> {html.escape(replikk)}</p>')
        else:  # narration («{navn} nøler, men skriver under …») is not labelled as the case's speech
            self.linjer.append(f'<p class="tl-fortelling"><em>{html.escape(replikk)}</em></p>')
        self.historikk.value = "".join(self.linjer)
        knapper = []
        for i, sv in enumerate(node.get("svar") or []):
            b = _merk(w.Button(description=t("dialog.svar_nr", nr=i + 1), tooltip=fyll_navn(sv["tekst"], self.navn),
                               layout=w.Layout(width="7em")), "tl-dialog-svar")
            b.on_click(lambda _b, i=i: self.velg(i))
            knapper.append(w.HBox([b, w.HTML(markdown(fyll_navn(sv["tekst"], self.navn)))]))
        self.knapper.children = knapper

    def velg(self, i: int) -> None:
        sv = self.node["svar"][i]
        self.valg.append(i)
        self.linjer.append(f'<p class="tl-du"><strong>{html.escape(t("dialog.du"))}:</strong> '
                           f'{html.escape(fyll_navn(sv["tekst"], self.navn))}</p>')
        self._vis(self.noder[str(sv["til"])])
        self._fokus()  # the clicked button is gone; focus would fall back to the page
        if not self.node.get("svar") and self.ferdig is not None:
            self.ferdig()

    def les(self) -> object:
        return {"valg": list(self.valg)}

    def sett(self, svar: object) -> None:
        self.start()
        for i in (svar or {}).get("valg", []) if isinstance(svar, dict) else []:
            if not self.node.get("svar") or not 0 <= i < len(self.node["svar"]):
                break
            sv = self.node["svar"][i]
            self.valg.append(i)
            self.linjer.append(f'<p class="tl-du"><strong>{html.escape(t("dialog.du"))}:</strong> '
                               f'{html.escape(fyll_navn(sv["tekst"], self.navn))}</p>')
            self._vis(self.noder[str(sv["til"])])


TYPER = {"flervalg": Flervalg, "flere_riktige": FlereRiktige, "rangering": Rangering, "sortering": Sortering,
         "tallsvar": Tallsvar, "kartlegging": Kartlegging, "oppfolgingsplan": Oppfolgingsplan,
         "dialog": Dialog, "refleksjon": Refleksjon}
