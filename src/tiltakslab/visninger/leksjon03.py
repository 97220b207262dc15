"""Lesson 03 (relasjonsarbeid): share of contacts the participant attended, with and without a drug problem."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning
from ._felles import figur


def _mott(data):
    logg = data.last("oppfolging").merge(data.last("deltakere")[["deltaker_id", "rusproblem"]], on="deltaker_id")
    logg["gruppe"] = logg.rusproblem.map({True: "Med rusproblem", False: "Uten rusproblem"})
    mott = logg.pivot_table(index="kontakttype", columns="gruppe", values="mott", aggfunc="mean", observed=True)
    return mott.mul(100).round(1)


@visning("oppmote", kilder=("oppfolging", "deltakere"))
def oppmote(ut, data):
    mott = _mott(data)
    ut.tabell(mott)
    fig, ax = figur((7, 4.6))
    mott[["Uten rusproblem", "Med rusproblem"]].plot.barh(ax=ax, color=["#56B4E9", "#D55E00"], xlim=(0, 100))
    ax.set(title="Andel kontakter der deltakeren møtte (oppdiktede data)", xlabel="Prosent", ylabel="")
    ax.legend(title="Deltakere", loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
    fig.tight_layout()
    ut.figur(fig, alt="Liggende stolper: andelen kontakter der deltakeren møtte, etter kontakttype, med og uten "
                      "rusproblem (oppdiktede data). Tallene står under figuren.")
    ut.tekst("Tekstalternativ: liggende stolper, prosent av kontaktene der deltakeren møtte.",
             *(f"{typ}: {tall(rad['Uten rusproblem'], 1)} % uten rusproblem, {tall(rad['Med rusproblem'], 1)} % med "
               "rusproblem." for typ, rad in mott.iterrows()))
