"""Lesson 05 (samarbeid): the survey's answers on a cooperation agreement, and participants' job-seeker status."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning
from ._felles import figur


@visning("samarbeidsavtale", kilder=("samarbeid_undersokelse",))
def samarbeidsavtale(ut, data):
    import pandas as pd  # noqa: PLC0415

    u = data.last("samarbeid_undersokelse")
    svar = u[u.svart]
    avtale = (pd.crosstab(svar.etat, svar.samarbeidsavtale, normalize="index") * 100).round(1)
    ut.tabell(avtale)
    fig, ax = figur((7, 3.5))
    avtale.plot.bar(ax=ax, color=["#0072B2", "#F0E442", "#D55E00"], rot=0)
    ax.set(title="Samarbeidsavtale etter etat (oppdiktede svar)", xlabel="", ylabel="Prosent av dem som svarte")
    ax.legend(title="Svar")
    fig.tight_layout()
    ut.figur(fig, alt="Stolper: svar om samarbeidsavtale etter etat, i prosent av dem som svarte (oppdiktede svar). "
                      "Tallene står under figuren.")
    ut.tekst("Tekstalternativ: stolper for andelen av dem som svarte, etter etat og svar.",
             *(f"{etat}: " + ", ".join(f"{svar_} {tall(p, 1)} %" for svar_, p in rad.items())
               for etat, rad in avtale.iterrows()))


@visning("arbeidssokerstatus", kilder=("deltakere",))
def arbeidssokerstatus(ut, data):
    status = data.last("deltakere").arbeidssokerstatus.value_counts()
    ut.tabell(status.to_frame("antall").assign(prosent=(status / status.sum() * 100).round(1)))
