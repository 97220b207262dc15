"""Lesson 01 (kontekst): the calibration check and participants by age and target group."""

from __future__ import annotations

from . import visning
from ._felles import ALLE, OKABE_ITO, PUBLISERT, figur, kalibrering


@visning("kalibrering-stemmer", kilder=ALLE, kode=PUBLISERT)
def kalibrering_stemmer(ut, data):
    kontroll = kalibrering(data)
    mulige = kontroll[kontroll["oppnaelig"]]
    ut.tekst(f"Alle publiserte tall som kan gjenskapes, stemmer: {'ja' if mulige['stemmer'].all() else 'nei'}")


def _fordeling(data):
    deltakere = data.last("deltakere")
    return deltakere, deltakere.groupby(["aldersgruppe", "malgruppe"], observed=False).size().unstack()


@visning("alder-og-malgruppe", kilder=("deltakere",))
def alder_og_malgruppe(ut, data):
    deltakere, fordeling = _fordeling(data)
    ut.tabell(fordeling)
    fig, ax = figur((7, 3.6))
    fordeling.plot.barh(ax=ax, stacked=True, color=list(OKABE_ITO[:3]),
                        title="Deltakere i desember 2003 etter alder og målgruppe (syntetiske data)")
    ax.set(xlabel="Antall deltakere", ylabel="Aldersgruppe")
    ax.invert_yaxis()
    ax.legend(title="Målgruppe")
    fig.tight_layout()
    ut.figur(fig, alt="Liggende, stablede stolper: deltakere i desember 2003 etter aldersgruppe og målgruppe "
                      "(syntetiske data). Tallene står i tekstalternativet under figuren.")
    per_alder = fordeling.sum(axis=1)
    ut.tekst("Tekstalternativ til figuren:",
             f"{len(deltakere)} deltakere i alt. Antall per målgruppe:",
             fordeling.sum().to_string(),
             f"Største aldersgruppe: {per_alder.idxmax()} med {int(per_alder.max())} deltakere.",
             "Alle i aldersgruppen 20-24 år står i målgruppen «20-24 år»; de eldste er nesten bare "
             "langtidsmottakere.")
