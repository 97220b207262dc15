"""Answer Tiltakslab exercises through the page, as a learner would, and read back what is shown.

The model answer for each kind is taken from the exercise's YAML (so content edits do not break
the tests); the page is driven only through its widgets: radio buttons, check boxes, drop-downs,
text fields and buttons. Selectors follow the engine's CSS classes (``tl-ovelse``, ``tl-id-<id>``,
``tl-send``, ``tl-melding``, ``tl-tilbakemelding``, ``tl-resultat``, ``tl-status-<status>``).
"""

from __future__ import annotations

import json
import re
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from tiltakslab.meldinger import t
from tiltakslab.ovelser import last_ovelser
from tiltakslab.ovelser.kilder import utdrag
from tiltakslab.ovelser.visning import fyll_navn
from tiltakslab.ovelser.vurdering import formater_tall, tolk_svar, vurder

from . import lab

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# Status the model answer of each kind must get (a dilemma/no-key exercise is «ingen_fasit»).
MODELLSTATUS = {"flervalg": "riktig", "flere_riktige": "riktig", "rangering": "riktig", "sortering": "riktig",
                "tallsvar": "riktig", "kartlegging": "riktig",
                "oppfolgingsplan": "levert",  # free text is never graded by keywords: no «Riktig» for a plan
                "dialog": "riktig", "refleksjon": "levert"}


def ovelse_data(oid: str) -> dict:
    return last_ovelser().hent(oid)


def boks(scope: Page | Locator, oid: str) -> Locator:
    """The exercise's widget box."""
    return scope.locator(f".tl-ovelse.tl-id-{oid}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# ---------------------------------------------------------------- model answers (data only)

def _fasit_tall(ov: dict) -> float:
    if "svar" in ov:
        return float(ov["svar"])
    from tiltakslab.ovelser.beregning import beregn  # noqa: PLC0415

    return float(beregn(ov["beregning"]))


def _beste_sti(ov: dict) -> list[int]:
    """Reply indices along a shortest path to the end node with the most points."""
    noder = {str(n["id"]): n for n in ov["noder"]}
    beste: tuple[float, list[int]] | None = None
    ko = deque([(str(ov["start"]), [])])
    sett: set[str] = set()
    while ko:
        nid, valg = ko.popleft()
        if nid in sett:
            continue
        sett.add(nid)
        node = noder[nid]
        if not node.get("svar"):
            if beste is None or node.get("poeng", 0) > beste[0]:
                beste = (node.get("poeng", 0), valg)
            continue
        for i, sv in enumerate(node["svar"]):
            ko.append((str(sv["til"]), [*valg, i]))
    assert beste is not None, f"{ov['id']}: no end node"
    return beste[1]


def modellsvar_raw(ov: dict, navn: str | None = None) -> dict:
    """What the learner types/chooses for the model answer, in UI terms (labels, texts)."""
    typ = ov["type"]
    if typ in ("flervalg", "flere_riktige"):
        alt = ov["alternativer"]
        valgt = [a for a in alt if a.get("riktig")] or alt[:1]
        if typ == "flervalg":
            valgt = valgt[:1]
        return {"velg": [fyll_navn(a["tekst"], navn) for a in valgt], "ids": [str(a["id"]) for a in valgt]}
    if typ == "rangering":
        return {"plass": {fyll_navn(e["tekst"], navn): str(i) for i, e in enumerate(ov["elementer"], 1)}}
    if typ == "sortering":
        navn_kat = {str(k["id"]): k["navn"] for k in ov["kategorier"]}
        plass = {}
        for e in ov["elementer"]:
            kat = e.get("kategori") or ov["kategorier"][0]["id"]
            kat = kat[0] if isinstance(kat, list) else kat
            plass[fyll_navn(e["tekst"], navn)] = navn_kat[str(kat)]
        return {"kategori": plass}
    if typ == "tallsvar":
        return {"tekst": formater_tall(_fasit_tall(ov))}
    if typ == "kartlegging":
        bes = {}
        for b in ov["beslutninger"]:
            valg = b.get("modell") or b["valg"][0]["id"]
            tekst = next(v["tekst"] for v in b["valg"] if str(v["id"]) == str(valg))
            bes[fyll_navn(b["sporsmal"], navn)] = fyll_navn(tekst, navn)
        # an area may accept several statuses (modell: [na, senere]); the first is the model answer
        modell = {o["navn"]: (o["modell"][0] if isinstance(o["modell"], list) else o["modell"]) for o in ov["omrader"]}
        omr = {navn_: t(f"kartlegging.status_{m}") for navn_, m in modell.items()}
        notat = {navn_: "Snakke om dette i neste samtale" for navn_, m in modell.items() if m == "na"}
        return {"beslutninger": bes, "omrader": omr, "notater": notat}
    if typ == "oppfolgingsplan":
        felt = {}
        for f in ov["felt"]:
            linjer = [r for r in ov["rubrikk"] if r["felt"] == f["id"]]
            if f["type"] == "valg":
                godta = next((r["godta"][0] for r in linjer if r.get("godta")), f["valg"][0]["id"])
                felt[fyll_navn(f["etikett"], navn)] = fyll_navn(
                    next(v["tekst"] for v in f["valg"] if str(v["id"]) == str(godta)), navn)
            else:
                ord_ = [r["nokkelord"][0] for r in linjer if r.get("nokkelord")]
                felt[fyll_navn(f["etikett"], navn)] = "Planen: " + " og ".join(ord_ or ["arbeid"]) + "."
        return {"felt": felt}
    if typ == "dialog":
        return {"valg": _beste_sti(ov)}
    if typ == "refleksjon":
        minst = ov.get("min_tegn", 20)
        tekst = ("Vilkåret gjøres kjent og begrunnes, og jeg spør samtidig hva deltakeren selv ønsker. "
                 * (minst // 60 + 2)).strip()
        return {"tekst": tekst}
    raise AssertionError(f"unknown kind {typ}")


# ---------------------------------------------------------------- driving the widgets

def _rad(ov_box: Locator, tekst: str) -> Locator:
    """The row (HBox) with an item's text and its drop-down."""
    return ov_box.locator(".widget-hbox").filter(has=ov_box.page.locator("select")).filter(
        has_text=tekst).last


def _velg_i(select: Locator, label: str) -> None:
    # ipywidgets puts the option label (with ordinary spaces) in the value attribute
    select.select_option(value=label)


def _kartleggingsvalg(ov_box: Locator, sporsmal: str, valg: str) -> Locator:
    """A decision's radio button, found by its question and its option text."""
    gruppe = ov_box.locator(".widget-radio").filter(has_text=sporsmal)
    return gruppe.get_by_role("radio", name=valg, exact=True)


def fyll_inn(ov_box: Locator, ov: dict, raw: dict) -> None:
    """Put ``raw`` (from ``modellsvar_raw``) into the exercise's widgets, without submitting."""
    typ = ov["type"]
    if typ == "flervalg":
        ov_box.get_by_role("radio", name=raw["velg"][0], exact=True).check()
    elif typ == "flere_riktige":
        for tekst in raw["velg"]:
            ov_box.get_by_role("checkbox", name=tekst, exact=True).check()
    elif typ == "rangering":
        for tekst, plass in raw["plass"].items():
            _velg_i(_rad(ov_box, tekst).locator("select"), plass)
    elif typ == "sortering":
        for tekst, kat in raw["kategori"].items():
            _velg_i(_rad(ov_box, tekst).locator("select"), kat)
    elif typ == "tallsvar":
        ov_box.get_by_label(t("inndata.tall"), exact=True).fill(raw["tekst"])
    elif typ == "kartlegging":
        for sporsmal, valg in raw["beslutninger"].items():
            _kartleggingsvalg(ov_box, sporsmal, valg).check()
        for omrade, status in raw["omrader"].items():
            _velg_i(ov_box.get_by_label(omrade, exact=True), status)
        for omrade, notat in raw["notater"].items():
            _rad(ov_box, omrade).get_by_label(t("inndata.notat"), exact=True).fill(notat)
    elif typ == "oppfolgingsplan":
        for etikett, verdi in raw["felt"].items():
            felt = ov_box.get_by_label(etikett, exact=True)
            if felt.evaluate("e => e.tagName") == "SELECT":
                _velg_i(felt, verdi)
            else:
                felt.fill(verdi)
    elif typ == "refleksjon":
        ov_box.get_by_label(t("inndata.ditt_svar"), exact=True).fill(raw["tekst"])
    elif typ != "dialog":
        raise AssertionError(f"unknown kind {typ}")


def send_knapp(ov_box: Locator, ov: dict, raw: dict, navn: str | None = None) -> Locator:
    """The control whose click gives feedback: «Send inn», or (dialog) the last reply of the path,
    after clicking the replies before it. Each reply button is found by its own text (tooltip),
    so a click waits for the next step's buttons rather than hitting the previous ones."""
    if ov["type"] != "dialog":
        return ov_box.get_by_role("button", name=t("ovelse.send"))
    noder = {str(n["id"]): n for n in ov["noder"]}
    node = noder[str(ov["start"])]
    for steg, i in enumerate(raw["valg"]):
        sv = node["svar"][i]
        knapp = ov_box.get_by_role("button", name=t("dialog.svar_nr", nr=i + 1), exact=True).and_(
            ov_box.get_by_title(fyll_navn(sv["tekst"], navn), exact=True))
        if steg == len(raw["valg"]) - 1:
            return knapp
        knapp.click()
        node = noder[str(sv["til"])]
    raise AssertionError(f"{ov['id']}: empty dialog path")


def forventet_svar(ov: dict, raw: dict, navn: str | None = None) -> object:
    """The stored answer shape for ``raw`` (SKJEMA.md, «How answers are stored»)."""
    typ = ov["type"]
    if typ == "flervalg":
        return raw["ids"][0]
    if typ == "flere_riktige":
        return sorted(raw["ids"])
    if typ == "rangering":
        return [str(e["id"]) for e in ov["elementer"]]
    if typ == "sortering":
        kat = {k["navn"]: str(k["id"]) for k in ov["kategorier"]}
        tekst_id = {fyll_navn(e["tekst"], navn): str(e["id"]) for e in ov["elementer"]}
        return {tekst_id[tx]: kat[k] for tx, k in raw["kategori"].items()}
    if typ == "tallsvar":
        return tolk_svar(ov, raw["tekst"])
    if typ == "kartlegging":
        return tolk_svar(ov, {
            "beslutninger": {str(b["id"]): str(b.get("modell") or b["valg"][0]["id"]) for b in ov["beslutninger"]},
            "omrader": {str(o["id"]): {"status": o["modell"][0] if isinstance(o["modell"], list) else o["modell"],
                                       "notat": raw["notater"].get(o["navn"], "")}
                        for o in ov["omrader"]}})
    if typ == "oppfolgingsplan":
        ut = {}
        for f in ov["felt"]:
            verdi = raw["felt"][fyll_navn(f["etikett"], navn)]
            if f["type"] == "valg":
                verdi = next(str(v["id"]) for v in f["valg"] if fyll_navn(v["tekst"], navn) == verdi)
            ut[str(f["id"])] = verdi
        return ut
    if typ == "dialog":
        return tolk_svar(ov, {"valg": raw["valg"]})
    if typ == "refleksjon":
        return raw["tekst"]
    raise AssertionError(typ)


# ---------------------------------------------------------------- what the page shows

def tilbakemelding(ov_box: Locator) -> Locator:
    return ov_box.locator(".tl-tilbakemelding .tl-resultat")


def melding(ov_box: Locator) -> Locator:
    return ov_box.locator(".tl-melding")


def vent_pa_melding(ov_box: Locator, tekst: str) -> str:
    """Wait for the inline input message containing ``tekst``; return the message shown."""
    alert = melding(ov_box).get_by_role("alert").filter(has_text=tekst)
    alert.wait_for()
    return lab.tekst(alert)


def vent_pa_status(ov_box: Locator, timeout: int = 60_000) -> None:
    """Wait for graded feedback; if the exercise shows an inline message instead, fail with its text."""
    ov_box.locator(".tl-tilbakemelding .tl-resultat .tl-status, .tl-melding [role=alert]").first.wait_for(
        timeout=timeout)
    alert = melding(ov_box).get_by_role("alert")
    if alert.count() and not tilbakemelding(ov_box).locator(".tl-status").count():
        raise AssertionError(f"øvelsen viste en melding i stedet for tilbakemelding: {lab.tekst(alert.first)!r}")


def sitater_i_tilbakemelding(ov: dict, svar: object) -> list[str]:
    """Excerpt ids the engine's feedback cites for ``svar`` (final and per part)."""
    res = vurder(ov, svar)
    ider = [s for d in res.deler for s in d.sitater] + list(res.sitater)
    return list(dict.fromkeys(ider))


def sjekk_sitater(ov_box: Locator, ider: list[str]) -> int:
    """Each cited excerpt is in the feedback with its verbatim text and source; return how many
    are visible without unfolding anything."""
    alle = utdrag()
    fb = ov_box.locator(".tl-tilbakemelding")
    synlige = 0
    for sid in ider:
        blokk = fb.locator(f'[data-utdrag="{sid}"]')
        if blokk.count() == 0:  # the engine's fallback rendering
            blokk = fb.locator(".tl-sitat").filter(has_text=f"[{sid}]")
        assert blokk.count() >= 1, f"sitatet {sid} vises ikke i tilbakemeldingen"
        vist = _norm(blokk.first.text_content() or "")
        rec = alle[sid]
        assert _norm(str(rec.text)) in vist, f"sitatet {sid} vises ikke ordrett"
        assert str(rec.locator) in vist, f"sitatet {sid} mangler kildehenvisning ({rec.locator})"
        synlige += blokk.first.is_visible()
    return synlige


def sjekk_utfylt(ov_box: Locator, ov: dict, raw: dict, navn: str | None = None) -> None:
    """The widgets show ``raw`` (e.g. restored from the store after a kernel restart)."""
    typ = ov["type"]
    if typ in ("flervalg", "flere_riktige"):
        rolle = "radio" if typ == "flervalg" else "checkbox"
        for a in ov["alternativer"]:
            tekst = fyll_navn(a["tekst"], navn)
            valgt = ov_box.get_by_role(rolle, name=tekst, exact=True).is_checked()
            assert valgt == (tekst in raw["velg"]), f"{ov['id']}: «{tekst}» valgt={valgt}"
    elif typ in ("rangering", "sortering"):
        for tekst, verdi in raw["plass" if typ == "rangering" else "kategori"].items():
            assert _rad(ov_box, tekst).locator("select").input_value() == verdi, f"{ov['id']}: {tekst}"
    elif typ == "tallsvar":
        assert ov_box.get_by_label(t("inndata.tall"), exact=True).input_value() == raw["tekst"]
    elif typ == "kartlegging":
        for sporsmal, valg in raw["beslutninger"].items():
            assert _kartleggingsvalg(ov_box, sporsmal, valg).is_checked(), sporsmal
        for omrade, status in raw["omrader"].items():
            assert ov_box.get_by_label(omrade, exact=True).input_value() == status, omrade
        for omrade, notat in raw["notater"].items():
            assert _rad(ov_box, omrade).get_by_label(t("inndata.notat"), exact=True).input_value() == notat
    elif typ == "oppfolgingsplan":
        for etikett, verdi in raw["felt"].items():
            assert ov_box.get_by_label(etikett, exact=True).input_value() == verdi, etikett
    elif typ == "refleksjon":
        assert ov_box.get_by_label(t("inndata.ditt_svar"), exact=True).input_value() == raw["tekst"]
    elif typ == "dialog":
        assert ov_box.locator(".tl-du").count() == len(raw["valg"]), "samtalen er ikke gjenopprettet"
    else:
        raise AssertionError(typ)


def json_rundtur(value: object) -> object:
    """``value`` as it comes back from the JSON store (tuples become lists)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


# Form controls inside the exercises that have no label a screen reader can announce: no
# <label for=id>, no wrapping <label>, no aria-label/aria-labelledby (each with text).
UMERKEDE_KONTROLLER_JS = """
(root) => Array.from(root.querySelectorAll('.tl-ovelse input, .tl-ovelse select, .tl-ovelse textarea'))
  .filter(e => e.type !== 'hidden')
  .filter(e => {
    const txt = x => !!x && x.textContent.trim().length > 0;
    if (e.id && txt(document.querySelector(`label[for="${CSS.escape(e.id)}"]`))) return false;
    if (txt(e.closest('label'))) return false;
    if ((e.getAttribute('aria-label') || '').trim()) return false;
    const by = e.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).some(id => txt(document.getElementById(id)))) return false;
    return true;
  })
  .map(e => e.closest('.tl-ovelse').className + ' :: ' + e.outerHTML.slice(0, 120))
"""


# ---------------------------------------------------------------- the answer store on disk

def lager(store_dir: Path) -> dict:
    fil = store_dir / "svar.json"
    assert fil.exists(), f"svarfilen {fil} finnes ikke"
    return json.loads(fil.read_text(encoding="utf-8"))


def antall_forsok(store_dir: Path, key: str) -> int:
    fil = store_dir / "svar.json"
    if not fil.exists():
        return 0
    rec = json.loads(fil.read_text(encoding="utf-8"))["svar"].get(key)
    return len(rec["forsok"]) if rec else 0
