"""Answer an exercise with the keyboard only: Tab to each control, keys sent with no delay.

Kinds covered: flervalg, flere_riktige, rangering, sortering (select type-ahead), tallsvar (Enter submits),
dialog (Enter on a reply; focus stays in the conversation), refleksjon. Everything else submits with Tab to
«Send inn» and Enter.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from tiltakslab.meldinger import t

MAKS_TAB = 400


def har_fokus(element: Locator) -> bool:
    return element.evaluate("e => document.activeElement === e")


def tab_til(page: Page, element: Locator) -> None:
    """Press Tab until ``element`` has focus (bounded)."""
    for _ in range(MAKS_TAB):
        if har_fokus(element):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"nådde ikke {element} med Tab etter {MAKS_TAB} trykk")


def _etikett(element: Locator) -> str:
    return element.evaluate("e => (e.labels && e.labels[0] ? e.labels[0].innerText : '')")


def svar(page: Page, box: Locator, ov: dict, raw: dict) -> None:
    """Fill in ``raw`` (from ``ovelsehjelp.modellsvar_raw``) and submit, keyboard only."""
    typ = ov["type"]
    if typ in ("rangering", "sortering"):
        verdier = raw["plass"] if typ == "rangering" else raw["kategori"]
        selects = box.locator("select")
        for i in range(selects.count()):
            sel = selects.nth(i)
            navn = _etikett(sel)
            verdi = next(v for tekst, v in verdier.items() if f"«{tekst}»" in navn)
            tab_til(page, sel)
            # arrow keys in the closed select, pressed with no delay (type-ahead would open the list on a space)
            # ipywidgets shows option labels with no-break spaces
            tekster = sel.evaluate("e => Array.from(e.options).map(o => o.text.replace(/\\u00a0/g, ' '))")
            steg = tekster.index(verdi) - sel.evaluate("e => e.selectedIndex")
            for _ in range(abs(steg)):
                page.keyboard.press("ArrowDown" if steg > 0 else "ArrowUp")
            assert sel.evaluate("e => e.options[e.selectedIndex].text.replace(/\\u00a0/g, ' ')") == verdi, (navn, verdi)
    elif typ == "flervalg":
        radios = box.get_by_role("radio")
        tab_til(page, radios.first)
        tekster = [r.evaluate("e => e.parentElement.innerText.trim()") for r in radios.all()]
        maal = tekster.index(raw["velg"][0])
        page.keyboard.press("Space")
        for _ in range(maal):
            page.keyboard.press("ArrowDown")
    elif typ == "flere_riktige":
        for boks in box.get_by_role("checkbox").all():
            tab_til(page, boks)
            if boks.evaluate("e => e.parentElement.innerText.trim()") in raw["velg"]:
                page.keyboard.press("Space")
    elif typ == "tallsvar":
        felt = box.get_by_label(t("inndata.tall"), exact=True)
        tab_til(page, felt)
        page.keyboard.type(raw["tekst"], delay=0)
        page.keyboard.press("Enter")  # Enter submits the number
        return
    elif typ == "refleksjon":
        felt = box.get_by_label(t("inndata.ditt_svar"), exact=True)
        tab_til(page, felt)
        page.keyboard.type(raw["tekst"], delay=0)
    elif typ == "dialog":
        for steg, i in enumerate(raw["valg"]):
            knapp = box.get_by_role("button", name=t("dialog.svar_nr", nr=i + 1), exact=True)
            if steg > 0:  # after a choice the focus is on the first reply, not on the page
                box.locator(".tl-dialog-svar").first.wait_for()
                page.wait_for_function("(b) => b.contains(document.activeElement)",
                                       arg=box.element_handle(), timeout=30_000)
            tab_til(page, knapp)
            page.keyboard.press("Enter")
        return
    else:
        raise AssertionError(f"tastaturdriveren kan ikke {typ}")
    knapp = box.get_by_role("button", name=t("ovelse.send"))
    tab_til(page, knapp)
    page.keyboard.press("Enter")
