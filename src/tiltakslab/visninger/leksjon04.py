"""Lesson 04 (kartlegging): screening and KIS-like mapping per target group, self-assessment against the adviser's."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning
from ._felles import figur


def _dk(data):
    return data.last("deltakere").merge(data.last("kartlegging"), on="deltaker_id")


@visning("kartlagt-per-malgruppe", kilder=("deltakere", "kartlegging"))
def kartlagt_per_malgruppe(ut, data):
    dk = _dk(data)
    ut.tabell((dk.groupby("malgruppe", observed=True)[["screenet", "kis_kartlagt"]].mean() * 100).round(1))


def _avvik(data):
    dk = _dk(data)
    kartlagt = dk[dk.kis_kartlagt]
    gruppe = (kartlagt.rusproblem | kartlagt.helseproblem).map(
        {True: "Rus- eller helseproblem", False: "Ikke kjent problem"})
    forskjell = kartlagt.egen_naerhet_arbeidsmarkedet - kartlagt.veileder_naerhet_arbeidsmarkedet
    return forskjell.groupby(gruppe).mean().round(2)


@visning("egen-mot-veileder", kilder=("deltakere", "kartlegging"))
def egen_mot_veileder(ut, data):
    avvik = _avvik(data)
    ut.tabell(avvik.rename("egen minus veileder (skala 1–5)").to_frame())
    fig, ax = figur((6, 3.5))
    avvik.plot.bar(ax=ax, color=["#56B4E9", "#D55E00"], rot=0)
    ax.set(title="Egenvurdering minus veilederens vurdering (oppdiktede data)", xlabel="",
           ylabel="Gjennomsnittlig forskjell")
    fig.tight_layout()
    ut.figur(fig, alt="Stolper: gjennomsnittlig forskjell mellom egenvurdering og veilederens vurdering, med og uten "
                      "kjent rus- eller helseproblem (oppdiktede data). Tallene står under figuren.")
    ut.tekst("Tekstalternativ: stolper for gjennomsnittlig forskjell mellom egenvurdering og veilederens vurdering.",
             *(f"{navn}: deltakeren vurderer seg i snitt {tall(verdi, 2)} poeng høyere enn veilederen"
               for navn, verdi in avvik.items()))
