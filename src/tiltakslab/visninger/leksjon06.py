"""Lesson 06 (resultater): stock and flow, figures that do not hold, creaming, and KIS-like mapping and outcomes."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning
from ._felles import ALLE, PUBLISERT, figur, kalibrering


@visning("beholdning", kilder=("deltakere",))
def beholdning(ut, data):
    deltakere = data.last("deltakere")
    ut.tekst(f"Antall rader (personer i beholdningen): {len(deltakere)}")
    i_tiltak = deltakere["i_tiltak"].map({True: "Ja", False: "Nei"}).value_counts()
    ut.tabell(i_tiltak.rename_axis("I tiltak i desember 2003").to_frame("antall personer"))


@visning("tall-som-ikke-stemmer", kilder=ALLE, kode=PUBLISERT)
def tall_som_ikke_stemmer(ut, data):
    kontroll = kalibrering(data)
    ut.tabell(kontroll.loc[~kontroll["stemmer"], ["figur", "publisert", "generert", "merknad"]].reset_index(drop=True))


def _avsluttet(data):
    koblet = data.last("deltakere").merge(data.last("utfall"), on="deltaker_id")
    avsluttet = koblet[koblet["avsluttet"]].copy()
    avsluttet["gikk_til_arbeid"] = avsluttet["utfall"] == "Arbeid"
    return avsluttet


@visning("creaming", kilder=("deltakere", "utfall"))
def creaming(ut, data):
    avsluttet = _avsluttet(data)
    sosialhjelp = avsluttet["maneder_sosialhjelp_siste_ar"].gt(6).map(
        {True: "Mer enn 6 måneder", False: "6 måneder eller mindre"})
    ut.tabell(avsluttet.groupby(sosialhjelp)["gikk_til_arbeid"].agg(andel_arbeid="mean", antall="size").round(3))


def _med_kis(data):
    return _avsluttet(data).merge(data.last("kartlegging")[["deltaker_id", "kis_kartlagt"]], on="deltaker_id")


KIS_KILDER = ("deltakere", "utfall", "kartlegging")


@visning("kis-og-arbeid", kilder=KIS_KILDER)
def kis_og_arbeid(ut, data):
    totalt = _med_kis(data).groupby("kis_kartlagt")["gikk_til_arbeid"].mean()
    ut.tekst(f"Andel til arbeid – kartlagt: {tall(100 * totalt[True], 1)} %, ikke kartlagt: "
             f"{tall(100 * totalt[False], 1)} %",
             f"Forskjell: {tall(100 * (totalt[True] - totalt[False]), 1)} prosentpoeng")


@visning("kis-og-arbeid-per-enhet", kilder=KIS_KILDER)
def kis_og_arbeid_per_enhet(ut, data):
    avsluttet = _med_kis(data)
    per_enhet = avsluttet.groupby("satsingsenhet", observed=True).agg(
        andel_kis=("kis_kartlagt", "mean"), andel_arbeid=("gikk_til_arbeid", "mean"), antall=("deltaker_id", "size"))
    fig, ax = figur((6, 4))
    per_enhet.plot.scatter(ax=ax, x="andel_kis", y="andel_arbeid", s=per_enhet["antall"] / 3, color="#0072B2",
                           alpha=0.7, title="Satsingsenheter: andel kartlagt og andel til arbeid (syntetiske data)")
    ax.set(xlabel="Andel av de avsluttede som ble kartlagt", ylabel="Andel av de avsluttede som gikk til arbeid")
    fig.tight_layout()
    ut.figur(fig, alt="Punktdiagram: satsingsenhetene etter andel kartlagt med et KIS-lignende skjema og andel som "
                      "gikk til arbeid (syntetiske data). Tallene står under figuren.")
    r = per_enhet["andel_kis"].corr(per_enhet["andel_arbeid"])
    ut.tekst("Tekstalternativ til figuren:",
             f"Hvert punkt er én av {len(per_enhet)} enheter; punktets størrelse viser antall avsluttede.",
             f"Korrelasjon mellom kartleggingsandel (KIS-lignende skjema) og arbeidsandel: {tall(r, 2)}.",
             "Punktene stiger fra nede til venstre mot oppe til høyre: enheter som kartlegger mange, har flere i "
             "arbeid.")


@visning("kis-og-arbeid-innen-enhet", kilder=KIS_KILDER)
def kis_og_arbeid_innen_enhet(ut, data):
    avsluttet = _med_kis(data)
    innen = avsluttet.groupby(["satsingsenhet", "kis_kartlagt"], observed=True)["gikk_til_arbeid"].mean().unstack()
    forskjell = (innen[True] - innen[False]).dropna()
    ut.tekst(f"Median forskjell innen samme enhet: {tall(100 * forskjell.median(), 1)} prosentpoeng "
             f"({len(forskjell)} enheter)")
