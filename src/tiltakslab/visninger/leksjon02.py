"""Lesson 02 (oppfølging): contact types per unit, contact frequency, and contacts after a job start."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning
from ._felles import figur

ENHETER = ["Moss, Sarpsborg og Fredrikstad", "Haugesund", "Kristiansund", "Oslo"]
VIS = ["Trekantsamtale", "Firkantsamtale", "Hjemmebesøk"]


def _typer(data):
    """Each unit's contacts by contact type, in per cent of the unit's contacts."""
    import pandas as pd  # noqa: PLC0415

    logg = data.last("oppfolging").merge(data.last("deltakere")[["deltaker_id", "satsingsenhet"]], on="deltaker_id")
    return pd.crosstab(logg.satsingsenhet, logg.kontakttype, normalize="index").mul(100).round(1)


@visning("kontaktformer", kilder=("oppfolging", "deltakere"))
def kontaktformer(ut, data):
    ut.tabell(_typer(data).loc[ENHETER].T)


@visning("kontaktformer-figur", kilder=("oppfolging", "deltakere"))
def kontaktformer_figur(ut, data):
    typer = _typer(data)
    fig, ax = figur((7, 3.8))
    typer.loc[ENHETER, VIS].plot.barh(ax=ax, color=["#E69F00", "#0072B2", "#009E73"])
    ax.set(title="Tre kontaktformer i fire enheter (oppdiktede data)", xlabel="Prosent av enhetens kontakter",
           ylabel="")
    ax.legend(title="Kontakttype")
    fig.tight_layout()
    ut.figur(fig, alt="Liggende stolper: andelen trekantsamtaler, firkantsamtaler og hjemmebesøk i fire enheter "
                      "(oppdiktede data). Tallene står under figuren.")
    ut.tekst("Tekstalternativ: liggende stolper, prosent av kontaktene i hver enhet.",
             *(f"{enhet}: " + ", ".join(f"{t.lower()} {tall(typer.loc[enhet, t], 1)} %" for t in VIS) + "."
               for enhet in ENHETER))


@visning("kontakter-per-maned", kilder=("oppfolging", "deltakere", "utfall"))
def kontakter_per_maned(ut, data):
    logg = data.last("oppfolging")
    d = data.last("deltakere").set_index("deltaker_id")
    utfall = data.last("utfall")
    per_maned = logg.groupby("deltaker_id").size() / utfall.set_index("deltaker_id").maneder_i_satsingen
    snitt = per_maned.groupby(d.satsingsenhet, observed=True).mean().sort_values()
    ut.tabell(snitt.round(2).rename("kontakter per deltaker per måned").iloc[[0, 1, 2, -3, -2, -1]].to_frame())


@visning("etter-jobbstart", kilder=("oppfolging", "utfall"))
def etter_jobbstart(ut, data):
    logg = data.last("oppfolging")
    utfall = data.last("utfall")
    til_arbeid = utfall[utfall.utfall == "Arbeid"]
    koblet = logg.merge(til_arbeid, on="deltaker_id")
    etter = koblet[koblet.dato > koblet.sluttdato]
    ut.tekst(f"{len(til_arbeid)} deltakere avsluttet til arbeid. Kontakter i loggen etter sluttdatoen deres: "
             f"{len(etter)}.")
