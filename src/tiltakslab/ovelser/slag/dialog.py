"""``dialog``: a branching conversation with the case; each end node carries feedback and points.

The input submits itself when an end node is reached (no «Send inn» button).
"""

from __future__ import annotations

from tiltakslab.meldinger import t
from tiltakslab.ovelser.slag import registrer
from tiltakslab.ovelser.slag.base import Dokumentasjon, Inndata, Slag, kort
from tiltakslab.ovelser.slag.felt import BOOL, DELID, SITATER, TEKST, doble_ider, heltall, liste, post
from tiltakslab.ovelser.vurdering import Del, Resultat, SvarFeil, formater_tall, sitert, status_for

SVAR = liste(post({"tekst": TEKST, "til": TEKST, "kommentar": TEKST}, ["tekst", "til"]), 1, 4)
NODE = post({"id": DELID, "replikk": TEKST, "svar": SVAR, "tilbakemelding": TEKST, "sitater": SITATER,
             "poeng": heltall(0, 100), "ingen_fasit": BOOL}, ["id", "replikk"],
            "A node with `svar` leads on; an end node (no `svar`) has `tilbakemelding`, `poeng` and at least "
            "one excerpt in `sitater`.")


def er_tale(replikk: str) -> bool:
    """A dialogue line is the case's speech when it opens with «…» or a stage direction «(…) «…»»."""
    r = replikk.strip()
    return r.startswith("«") or (r.startswith("(") and "«" in r)


def sti(ov: dict, tolket: dict) -> tuple[str, str]:
    """(path as reply texts, ending id) for a dialogue answer."""
    noder = {n["id"]: n for n in ov["noder"]}
    node, deler = noder[str(ov["start"])], []
    for v in tolket["valg"]:
        svar = node["svar"][v]
        deler.append(svar["tekst"][:60])
        node = noder[svar["til"]]
    return " → ".join(deler), node["id"]


class DialogInndata(Inndata):
    """A branching conversation. ``ferdig`` is called with the raw answer when an end node is reached."""

    def __init__(self, ov: dict, navn: str | None):
        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import merk  # noqa: PLC0415

        self.ov, self.navn = ov, navn
        self.noder = {n["id"]: n for n in ov["noder"]}
        self.historikk = merk(w.HTML(), "tl-dialog-historikk")
        self.knapper = w.VBox()
        self.nytt = merk(w.Button(description=t("dialog.start_pa_nytt"), icon="refresh",
                                  layout=w.Layout(width="auto")), "tl-dialog-nytt")
        self.nytt.on_click(lambda _b: self._start_pa_nytt())
        self.ferdig = None  # set by the exercise widget
        self.widget = w.VBox([self.historikk, self.knapper, self.nytt])
        self.start()

    def _start_pa_nytt(self) -> None:
        self.start()
        self._fokus()

    def _fokus(self) -> None:
        """Keep keyboard focus in the conversation: the first reply, or «Start på nytt» at the end."""
        if self.knapper.children:
            self.knapper.children[0].children[0].focus()
        else:
            self.nytt.focus()

    def start(self) -> None:
        self.valg: list[int] = []
        self.linjer: list[str] = []
        self._vis(self.noder[str(self.ov["start"])])

    def _vis(self, node: dict) -> None:
        import html  # noqa: PLC0415

        from tiltakslab.ovelser import delte as w  # noqa: PLC0415
        from tiltakslab.ovelser.inndata import merk  # noqa: PLC0415
        from tiltakslab.ovelser.visning import fyll_navn, markdown  # noqa: PLC0415

        self.node = node
        replikk = fyll_navn(node["replikk"], self.navn)
        if er_tale(replikk):
            self.linjer.append(f'<p class="tl-replikk"><strong>{html.escape(self.navn or t("ovelse.deltakeren"))}'
                               f':</strong> {html.escape(replikk)}</p>')
        else:  # narration («{navn} nøler, men skriver under …») is not labelled as the case's speech
            self.linjer.append(f'<p class="tl-fortelling"><em>{html.escape(replikk)}</em></p>')
        self.historikk.value = "".join(self.linjer)
        knapper = []
        for i, sv in enumerate(node.get("svar") or []):
            b = merk(w.Button(description=t("dialog.svar_nr", nr=i + 1), tooltip=fyll_navn(sv["tekst"], self.navn),
                              layout=w.Layout(width="7em")), "tl-dialog-svar")
            b.on_click(lambda _b, i=i: self.velg(i))
            knapper.append(w.HBox([b, w.HTML(markdown(fyll_navn(sv["tekst"], self.navn)))]))
        self.knapper.children = knapper

    def _du(self, sv: dict) -> None:
        import html  # noqa: PLC0415

        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        self.linjer.append(f'<p class="tl-du"><strong>{html.escape(t("dialog.du"))}:</strong> '
                           f'{html.escape(fyll_navn(sv["tekst"], self.navn))}</p>')

    def velg(self, i: int) -> None:
        sv = self.node["svar"][i]
        self.valg.append(i)
        self._du(sv)
        self._vis(self.noder[sv["til"]])
        self._fokus()  # the clicked button is gone; focus would fall back to the page
        if not self.node.get("svar") and self.ferdig is not None:
            self.ferdig()

    def les(self) -> object:
        return {"valg": list(self.valg)}

    def sett(self, svar: object) -> None:
        self.start()
        for i in (svar or {}).get("valg", []) if isinstance(svar, dict) else []:
            if not self.node.get("svar") or not 0 <= i < len(self.node["svar"]):
                break
            sv = self.node["svar"][i]
            self.valg.append(i)
            self._du(sv)
            self._vis(self.noder[sv["til"]])


# This kind's section of data/ovelser/SKJEMA.md (generated with tiltakslab.ovelser.skjemadok).
DOK = Dokumentasjon(
    tittel='a branching conversation',
    lagret='`{"sti": [node ids], "valg": [reply index per step]}`',
    felt={
        'start': ('', 'first node'),
        'noder': ('', ''),
        'noder[].id': ('', ''),
        'noder[].replikk': ('', 'what the case (or narrator) says; `{navn}` allowed'),
        'noder[].svar': ('for non-end nodes', 'a node without `svar` is an end node'),
        'noder[].svar[].tekst': ('', "the learner's reply"),
        'noder[].svar[].til': ('', 'next node'),
        'noder[].svar[].kommentar': ('', 'shown in the summary at the end of the path'),
        'noder[].tilbakemelding': ('yes for end nodes', 'feedback on the relationship and the decisions on this path'),
        'noder[].sitater': ('no (end nodes: ≥ 1)', ''),
        'noder[].poeng': ('yes for end nodes', 'points for reaching this end'),
        'noder[].ingen_fasit': ('', 'end node: path answered with considerations, not a verdict'),
    },
    mer="""Validation: `start` and every `til` exist; every node is reachable from `start`; from every node an
end node can be reached; each completed path is stored as one attempt.

```yaml
- id: rel-01
  tema: relasjonsarbeid
  type: dialog
  tittel: Første samtale
  oppgavetekst: Du møter {navn} for første gang etter at vilkår om oppmøte er satt.
  start: n1
  noder:
    - id: n1
      replikk: "«Jeg kom fordi jeg måtte. Ellers blir det trekk, sant?»"
      svar:
        - tekst: "Ja, det stemmer. Du må møte."
          til: slutt-kontroll
          kommentar: Du bekreftet kontrollen uten å åpne for samtale.
        - tekst: "Det er et vilkår, ja. Men jeg vil gjerne høre hva du selv tenker om arbeid."
          til: slutt-dialog
    - id: slutt-kontroll
      replikk: "{navn} ser ned og svarer kort resten av samtalen."
      tilbakemelding: Vilkår kan få folk til å møte, men sier lite om motivasjon.
      sitater: [notat-014]
      poeng: 0
    - id: slutt-dialog
      replikk: "{navn} forteller om en praksisplass hun likte."
      tilbakemelding: Du holdt fast ved vilkåret og åpnet samtidig for motivasjon.
      sitater: [notat-014]
      poeng: 2
  poeng: 2
  minutter: 6
  niva: viderekommen
```""",
)


@registrer
class Dialog(Slag):
    navn = "dialog"
    beskrivelse = ("En forgreinet samtale med saken. Hver sluttnode har tilbakemelding og poeng; "
                   "samtalen sendes inn av seg selv når den når en slutt.")
    dok = DOK
    skjema = {"properties": {"start": TEKST, "noder": liste(NODE, 2, 30)}, "required": ["start", "noder"]}
    sender_selv = True

    def sjekk(self, rec):
        yield from doble_ider(rec, "noder")
        maks = rec["poeng"]
        for i, n in enumerate(rec["noder"]):
            if "svar" in n:
                for felt_ in ("tilbakemelding", "poeng", "ingen_fasit"):
                    if felt_ in n:
                        yield ["noder", i, felt_], t("skjema.kun_slutt")
            else:
                for felt_ in ("tilbakemelding", "poeng"):
                    if felt_ not in n:
                        yield ["noder", i, felt_], t("skjema.mangler")
                if n.get("poeng", 0) > maks:
                    yield ["noder", i, "poeng"], t("skjema.ikke_heltall", lo=0, hi=maks)
                if not n["sitater"]:
                    yield ["noder", i, "sitater"], t("skjema.ikke_liste", lo=1, hi=20)
        graf = {n["id"]: [sv["til"] for sv in n.get("svar") or []] for n in rec["noder"]}
        start = rec["start"]
        if start not in graf:
            yield ["start"], t("skjema.ukjent_node", verdi=rec["start"])
            return
        brutt = False
        for i, (_nid, neste) in enumerate(graf.items()):
            for j, til in enumerate(neste):
                if til not in graf:
                    brutt = True
                    yield ["noder", i, "svar", j, "til"], t("skjema.ukjent_node", verdi=til)
        if brutt:
            return
        sett, stabel = {start}, [start]
        while stabel:
            for til in graf[stabel.pop()]:
                if til not in sett:
                    sett.add(til)
                    stabel.append(til)
        for i, nid in enumerate(graf):
            if nid not in sett:
                yield ["noder", i], t("skjema.unaaelig_node")
        # every node must be able to reach an end node
        kan = {nid for nid, neste in graf.items() if not neste}
        endret = True
        while endret:
            endret = False
            for nid, neste in graf.items():
                if nid not in kan and any(x in kan for x in neste):
                    kan.add(nid)
                    endret = True
        for i, nid in enumerate(graf):
            if nid not in kan:
                yield ["noder", i], t("skjema.ingen_slutt")

    def tolk(self, ov, raw):
        noder = {n["id"]: n for n in ov["noder"]}
        valg = list((raw or {}).get("valg") or []) if isinstance(raw, dict) else []
        sti_, node = [str(ov["start"])], noder[str(ov["start"])]
        for v in valg:
            svar = node.get("svar") or []
            if not isinstance(v, int) or not 0 <= v < len(svar):
                raise SvarFeil(t("svar.dialog_ugyldig"))
            node = noder[svar[v]["til"]]
            sti_.append(node["id"])
        if node.get("svar"):
            raise SvarFeil(t("svar.dialog_ikke_ferdig"))
        return {"sti": sti_, "valg": valg}

    def vurder(self, ov, svar):
        noder = {n["id"]: n for n in ov["noder"]}
        deler = []
        node = noder[str(ov["start"])]
        for v in svar["valg"]:
            valgt = node["svar"][v]
            if valgt.get("kommentar"):
                deler.append(Del("info", valgt["kommentar"], t("dialog.du_svarte", tekst=sitert(valgt["tekst"]))))
            node = noder[valgt["til"]]
        slutt = node
        if slutt.get("ingen_fasit"):
            deler.append(Del("ingen_fasit", slutt["tilbakemelding"], t("dialog.slutt"),
                             list(slutt["sitater"])))
            return Resultat("ingen_fasit", float(slutt["poeng"]), ov["poeng"], t("vurdering.ingen_fasit"), deler)
        andel = slutt["poeng"] / ov["poeng"] if ov["poeng"] else 1.0
        status = status_for(andel)
        deler.append(Del("riktig" if status == "riktig" else "feil" if status == "feil" else "mangler",
                         slutt["tilbakemelding"], t("dialog.slutt"), list(slutt["sitater"])))
        return Resultat(status, float(slutt["poeng"]), ov["poeng"],
                        t("vurdering.dialog", poeng=formater_tall(slutt["poeng"]), maks=ov["poeng"]), deler)

    def inndata(self, ov, navn):
        return DialogInndata(ov, navn)

    def i_ord(self, ov, tolket):
        noder = {n["id"]: n for n in ov["noder"]}
        node, ut = noder[str(ov["start"])], []
        for v in tolket["valg"]:
            svar = node["svar"][v]
            ut.append((t("rapport.replikk"), svar["tekst"]))
            node = noder[svar["til"]]
        ut.append((t("rapport.slutt"), node["replikk"][:200]))
        return ut

    def svar_i_ord(self, ov, svar, fyll):
        if not isinstance(svar, dict):
            return super().svar_i_ord(ov, svar, fyll)
        noder = {n["id"]: n for n in ov["noder"]}
        node, ut = noder[str(ov["start"])], []
        for v in svar.get("valg") or []:
            valgt = node["svar"][v]
            ut.append((t("dialog.du"), fyll(valgt["tekst"])))
            node = noder[valgt["til"]]
        return ut

    def feil_etiketter(self, ov, rad):
        from tiltakslab.ovelser.visning import fyll_navn  # noqa: PLC0415

        if rad.resultat.status in ("riktig", "ingen_fasit"):
            return []
        _sti, slutt = sti(ov, rad.tolket)
        node = {n["id"]: n for n in ov["noder"]}[slutt]
        return [(t("rapport.endte", tekst=kort(fyll_navn(node["replikk"], None), 80)),
                 node.get("tilbakemelding", ""))]

    def rapport(self, ov, rader, seksjon):
        from collections import Counter  # noqa: PLC0415

        from markupsafe import Markup  # noqa: PLC0415

        from tiltakslab.ovelser.visning import fyll_navn, markdown  # noqa: PLC0415

        stier: Counter = Counter()
        slutter: Counter = Counter()
        for r in rader:
            if r.tolket is not None:
                s, slutt = sti(ov, r.tolket)
                stier[s] += 1
                slutter[slutt] += 1
        noder = {n["id"]: n for n in ov["noder"]}
        seksjon["stier"] = stier.most_common()
        seksjon["slutter"] = [(Markup(markdown(fyll_navn(noder[k]["replikk"], None))), n,  # noqa: S704
                               noder[k].get("poeng")) for k, n in slutter.most_common()]
