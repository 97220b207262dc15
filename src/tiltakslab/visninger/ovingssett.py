"""Exercise sets 02, 04 and 06: the table each data task is answered from (by hand, also in the app).

The learner who wants to compute in Python loads the same table in the set's own code cell (``last(...)``);
only that cell imports pandas, and only when the learner runs it.
"""

from __future__ import annotations

from tiltakslab.visning import norsk_tall as tall

from . import visning


@visning("sett02-kontakttyper", kilder=("oppfolging",))
def kontakttyper(ut, data):
    logg = data.last("oppfolging")
    ut.tekst(f"Kontakter i alt: {tall(len(logg))}")
    ut.tabell(logg.kontakttype.value_counts().rename("antall kontakter").to_frame())


@visning("sett04-hvem-vurderer-hoyest", kilder=("kartlegging",))
def hvem_vurderer_hoyest(ut, data):
    k = data.last("kartlegging")
    kartlagt = k[k.kis_kartlagt]
    ut.tekst(f"Deltakere i tabellen: {tall(len(k))}. Kartlagt (KIS-lignende skjema): {tall(len(kartlagt))}.")
    forskjell = kartlagt.egen_naerhet_arbeidsmarkedet - kartlagt.veileder_naerhet_arbeidsmarkedet
    hvem = forskjell.apply(lambda x: "Deltakeren høyest" if x > 0 else ("Veilederen høyest" if x < 0
                                                                        else "Like vurderinger"))
    ut.tabell(hvem.value_counts().rename_axis("Hvem vurderer nærheten til arbeidsmarkedet høyest?")
              .to_frame("antall kartlagte"))


@visning("sett06-tio-utfall", kilder=("tio_kohort",))
def tio_utfall(ut, data):
    tio = data.last("tio_kohort")
    status = tio["utskrevet"].map({True: "Skrevet ut", False: "Fortsatt med"})
    kis = tio["kis_kartlagt"].map({True: "Kartlagt med KIS", False: "Ikke kartlagt"})
    utfall = tio["utfall"].astype("string").fillna("(ikke skrevet ut)")
    tabell = utfall.groupby([status.rename("Status"), kis.rename("KIS")]).value_counts().unstack(fill_value=0)
    ut.tabell(tabell.assign(Sum=tabell.sum(axis=1)).rename_axis(columns="Utfall"))
