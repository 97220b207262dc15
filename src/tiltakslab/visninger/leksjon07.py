"""Lesson 07 (metode): how Tiltakslab's own excerpts are coded, and what the follow-up log can answer."""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning

HOVEDTEMAER = ["oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid"]
KILDENAVN = {"afi-notat-2004": "AFI-notat 2004", "afi-delrapport-2004": "AFI-delrapport 2004",
             "kunnskapsoversikt-vedlegg": "Kunnskapsoversikt", "strategi-forsok-2003": "Strategi 2003"}
UTDRAG = ("excerpts.yaml", "sources.yaml")


def _koder():
    import pandas as pd  # noqa: PLC0415

    from tiltakslab.sources import load_corpus  # noqa: PLC0415

    utdrag = pd.DataFrame(load_corpus().excerpts.values()).explode("themes")
    return utdrag[utdrag["themes"].isin(HOVEDTEMAER)]


@visning("utdrag-per-tema", filer=UTDRAG, kode=("korpus/vocab.py",))
def utdrag_per_tema(ut, data):
    import pandas as pd  # noqa: PLC0415

    from tiltakslab.korpus.vocab import THEME_LABELS  # noqa: PLC0415

    koder = _koder()
    ut.tabell(pd.crosstab(koder["themes"].map(THEME_LABELS), koder["source"].map(KILDENAVN), margins=True,
                          margins_name="Sum").rename_axis(index="Hovedtema", columns="Kilde"))


@visning("temaer-per-utdrag", filer=UTDRAG)
def temaer_per_utdrag(ut, data):
    from ._felles import figur  # noqa: PLC0415

    fordeling = _koder().groupby("id").size().value_counts().sort_index()
    fig, ax = figur((6, 3.5))
    fordeling.plot.bar(ax=ax, color="#0072B2", rot=0, title="Hovedtemaer per utdrag i Tiltakslab",
                       xlabel="Antall hovedtemaer utdraget er kodet med", ylabel="Antall utdrag")
    ut.figur(fig, alt="Stolper: hvor mange hovedtemaer hvert utdrag i Tiltakslab er kodet med. Tallene står under "
                      "figuren.")
    ut.tekst("Tekstalternativ: Stolpediagram over hvor mange hovedtemaer hvert utdrag er kodet med. "
             + "; ".join(f"{k} hovedtema(er): {n} utdrag" for k, n in fordeling.items()) + ".")


@visning("kontakter-i-loggen", kilder=("oppfolging",))
def kontakter_i_loggen(ut, data):
    logg = data.last("oppfolging")
    ut.tekst(f"{tall(len(logg))} kontakter med {tall(logg['deltaker_id'].nunique())} deltakere (syntetiske data)")
    ut.tabell(logg["kontakttype"].value_counts().rename_axis("Kontakttype").to_frame("Antall kontakter"))
