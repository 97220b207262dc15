"""Validate exercise records against the schema in ``data/ovelser/SKJEMA.md``.

Pure functions: ``valider_fil(data, fil)`` returns a list of Norwegian error messages, each
naming the file, the exercise id and the field. An empty list means the file is valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tiltakslab.meldinger import t
from tiltakslab.ovelser.beregning import valider_filter

SKJEMA_VERSJON = 1
TYPER = (
    "flervalg", "flere_riktige", "rangering", "sortering", "tallsvar",
    "kartlegging", "oppfolgingsplan", "dialog", "refleksjon",
)
NIVAER = ("grunnleggende", "viderekommen", "fordypning")
STATUSER = ("na", "senere", "ikke")  # kartlegging area statuses
ID_MONSTER = re.compile(r"^[a-z]{2,5}-\d{2,3}$")
SLUG = re.compile(r"^[a-z0-9_]+$")
DELID = re.compile(r"^[a-z0-9_-]+$")
MAKS_TEGN_GRENSE = 10_000

FELLES = {"id", "tema", "type", "tittel", "oppgavetekst", "poeng", "minutter", "niva", "hint",
          "sitater", "egen_forklaring", "premisser", "sak_utsnitt"}
SAK_UTSNITT = ("hele", "start")  # the whole course of the case, or only what is known when it starts
EGNE = {
    "flervalg": {"alternativer", "ingen_fasit"},
    "flere_riktige": {"alternativer"},
    "rangering": {"elementer"},
    "sortering": {"kategorier", "elementer"},
    "tallsvar": {"svar", "beregning", "toleranse", "enhet", "min", "max", "forklaring"},
    "kartlegging": {"vignett", "beslutninger", "omrader", "notat_maks", "krev_notat"},
    "oppfolgingsplan": {"vignett", "felt", "rubrikk"},
    "dialog": {"start", "noder"},
    "refleksjon": {"min_tegn", "maks_tegn", "modellsvar", "rubrikk"},
}


class _Sjekk:
    """Collects errors for one exercise record."""

    def __init__(self, fil: str, ovelse_id: str):
        self.fil, self.id, self.feil = fil, ovelse_id, []

    def legg(self, felt: str, hva: str) -> None:
        self.feil.append(t("skjema.feil", fil=self.fil, id=self.id, felt=felt, hva=hva))

    def tekst(self, rec: dict, felt: str, sti: str, pakrevd: bool = True, maks: int | None = None) -> bool:
        if felt not in rec:
            if pakrevd:
                self.legg(sti, t("skjema.mangler"))
            return False
        verdi = rec[felt]
        if not isinstance(verdi, str) or not verdi.strip():
            self.legg(sti, t("skjema.ikke_tekst"))
            return False
        if maks is not None and len(verdi) > maks:
            self.legg(sti, t("skjema.for_lang", maks=maks))
            return False
        return True

    def heltall(self, rec: dict, felt: str, sti: str, lo: int, hi: int, pakrevd: bool = True) -> bool:
        if felt not in rec:
            if pakrevd:
                self.legg(sti, t("skjema.mangler"))
            return False
        verdi = rec[felt]
        if isinstance(verdi, bool) or not isinstance(verdi, int) or not lo <= verdi <= hi:
            self.legg(sti, t("skjema.ikke_heltall", lo=lo, hi=hi))
            return False
        return True

    def tall(self, rec: dict, felt: str, sti: str, pakrevd: bool = True) -> bool:
        if felt not in rec:
            if pakrevd:
                self.legg(sti, t("skjema.mangler"))
            return False
        verdi = rec[felt]
        if isinstance(verdi, bool) or not isinstance(verdi, (int, float)):
            self.legg(sti, t("skjema.ikke_tall"))
            return False
        return True

    def bool_(self, rec: dict, felt: str, sti: str) -> None:
        if felt in rec and not isinstance(rec[felt], bool):
            self.legg(sti, t("skjema.ikke_bool"))

    def liste(self, rec: dict, felt: str, sti: str, lo: int, hi: int, pakrevd: bool = True) -> list:
        if felt not in rec:
            if pakrevd:
                self.legg(sti, t("skjema.mangler"))
            return []
        verdi = rec[felt]
        if not isinstance(verdi, list) or not lo <= len(verdi) <= hi:
            self.legg(sti, t("skjema.ikke_liste", lo=lo, hi=hi))
            return []
        return verdi

    def sitater(self, rec: dict, sti: str, minst: int = 0) -> None:
        liste = self.liste(rec, "sitater", f"{sti}sitater", minst, 20, pakrevd=minst > 0)
        for i, sid in enumerate(liste):
            if not isinstance(sid, str) or not DELID.match(sid):
                self.legg(f"{sti}sitater[{i}]", t("skjema.ugyldig_id"))

    def ukjente(self, rec: dict, lovlige: set[str], sti: str) -> None:
        for felt in sorted(set(rec) - lovlige):
            self.legg(f"{sti}{felt}", t("skjema.ukjent_felt"))

    def deler(self, rec: dict, felt: str, lo: int, hi: int, lovlige: set[str],
              hver: Callable[[dict, str], None]) -> list[dict]:
        """Validate a list of sub-records with unique ids; ``hver(sub, prefix)`` checks one."""
        ut: list[dict] = []
        sett: set[str] = set()
        for i, sub in enumerate(self.liste(rec, felt, felt, lo, hi)):
            sti = f"{felt}[{i}]."
            if not isinstance(sub, dict):
                self.legg(f"{felt}[{i}]", t("skjema.ikke_post"))
                continue
            self.ukjente(sub, lovlige, sti)
            sid = sub.get("id")
            if not isinstance(sid, (str, int)) or isinstance(sid, bool) or not DELID.match(str(sid)):
                self.legg(f"{sti}id", t("skjema.ugyldig_id"))
            elif str(sid) in sett:
                self.legg(f"{sti}id", t("skjema.dobbel_id", verdi=sid))
            else:
                sett.add(str(sid))
            hver(sub, sti)
            ut.append(sub)
        return ut


def _valg(s: _Sjekk, rec: dict, felt: str, sti: str) -> set[str]:
    ids: set[str] = set()
    for i, v in enumerate(s.liste(rec, felt, f"{sti}{felt}", 2, 8)):
        if not isinstance(v, dict) or set(v) != {"id", "tekst"}:
            s.legg(f"{sti}{felt}[{i}]", t("skjema.valg_form"))
        else:
            ids.add(str(v["id"]))
    return ids


def _flervalg(s: _Sjekk, rec: dict, flere: bool) -> None:
    ingen = rec.get("ingen_fasit") is True
    s.bool_(rec, "ingen_fasit", "ingen_fasit")
    lovlige = {"id", "tekst", "riktig", "tilbakemelding", "sitater"} | ({"om_ikke_valgt"} if flere else set())

    def hver(a: dict, sti: str) -> None:
        s.tekst(a, "tekst", f"{sti}tekst")
        s.tekst(a, "tilbakemelding", f"{sti}tilbakemelding")
        s.sitater(a, sti)
        if ingen:
            if "riktig" in a:
                s.legg(f"{sti}riktig", t("skjema.riktig_ved_ingen_fasit"))
        elif not isinstance(a.get("riktig"), bool):
            s.legg(f"{sti}riktig", t("skjema.ikke_bool"))
        if flere and a.get("riktig") is True:
            s.tekst(a, "om_ikke_valgt", f"{sti}om_ikke_valgt")

    alt = s.deler(rec, "alternativer", 2, 8, lovlige, hver)
    antall = sum(1 for a in alt if a.get("riktig") is True)
    if alt and not ingen:
        if not flere and antall != 1:
            s.legg("alternativer", t("skjema.en_riktig", antall=antall))
        if flere and antall < 1:
            s.legg("alternativer", t("skjema.minst_en_riktig"))
    if ingen and rec.get("poeng") != 0:
        s.legg("poeng", t("skjema.poeng_null"))


def _rangering(s: _Sjekk, rec: dict) -> None:
    def hver(e: dict, sti: str) -> None:
        s.tekst(e, "tekst", f"{sti}tekst")
        s.tekst(e, "forklaring", f"{sti}forklaring")
        s.sitater(e, sti)

    s.deler(rec, "elementer", 3, 8, {"id", "tekst", "forklaring", "sitater"}, hver)


def _sortering(s: _Sjekk, rec: dict) -> None:
    kat: set[str] = set()

    def kategori(k: dict, sti: str) -> None:
        if s.tekst(k, "navn", f"{sti}navn"):
            kat.add(str(k.get("id")))

    s.deler(rec, "kategorier", 2, 6, {"id", "navn"}, kategori)

    def hver(e: dict, sti: str) -> None:
        s.tekst(e, "tekst", f"{sti}tekst")
        s.tekst(e, "forklaring", f"{sti}forklaring")
        s.bool_(e, "ingen_fasit", f"{sti}ingen_fasit")
        s.sitater(e, sti)
        if e.get("ingen_fasit") is True:
            if "kategori" in e:
                s.legg(f"{sti}kategori", t("skjema.riktig_ved_ingen_fasit"))
            return
        k = e.get("kategori")
        ks = k if isinstance(k, list) else [k]
        if k is None or not ks or any(str(x) not in kat for x in ks):
            s.legg(f"{sti}kategori", t("skjema.ukjent_kategori", verdi=k))

    s.deler(rec, "elementer", 2, 12, {"id", "tekst", "kategori", "forklaring", "ingen_fasit", "sitater"}, hver)


def _tallsvar(s: _Sjekk, rec: dict) -> None:
    har_svar, har_ber = "svar" in rec, "beregning" in rec
    if har_svar == har_ber:
        s.legg("svar", t("skjema.svar_eller_beregning"))
    if har_svar:
        s.tall(rec, "svar", "svar")
    if har_ber:
        b = rec["beregning"]
        if not isinstance(b, dict):
            s.legg("beregning", t("skjema.ikke_post"))
        else:
            s.ukjente(b, {"tabell", "mal", "utvalg", "nevner", "kolonne", "skala"}, "beregning.")
            if s.tekst(b, "tabell", "beregning.tabell") and not SLUG.match(b["tabell"]):
                s.legg("beregning.tabell", t("skjema.ugyldig_id"))
            if b.get("mal") not in ("andel", "antall", "gjennomsnitt"):
                s.legg("beregning.mal", t("skjema.ikke_en_av", lovlige="andel, antall, gjennomsnitt"))
            for felt in ("utvalg", "nevner"):
                if felt in b:
                    for hva in valider_filter(b[felt], f"beregning.{felt}"):
                        s.legg(f"beregning.{felt}", hva)
            s.tekst(b, "kolonne", "beregning.kolonne", pakrevd=b.get("mal") == "gjennomsnitt")
            s.tall(b, "skala", "beregning.skala", pakrevd=False)
    if s.tall(rec, "toleranse", "toleranse") and rec["toleranse"] < 0:
        s.legg("toleranse", t("skjema.negativ"))
    s.tekst(rec, "enhet", "enhet", pakrevd=False)
    s.tall(rec, "min", "min", pakrevd=False)
    s.tall(rec, "max", "max", pakrevd=False)
    s.tekst(rec, "forklaring", "forklaring")


def _kartlegging(s: _Sjekk, rec: dict) -> None:
    s.tekst(rec, "vignett", "vignett", pakrevd=False)
    s.heltall(rec, "notat_maks", "notat_maks", 1, MAKS_TEGN_GRENSE, pakrevd=False)
    s.bool_(rec, "krev_notat", "krev_notat")

    def beslutning(b: dict, sti: str) -> None:
        s.tekst(b, "sporsmal", f"{sti}sporsmal")
        ids = _valg(s, b, "valg", sti)
        s.bool_(b, "ingen_fasit", f"{sti}ingen_fasit")
        if b.get("ingen_fasit") is True:
            if "modell" in b:
                s.legg(f"{sti}modell", t("skjema.riktig_ved_ingen_fasit"))
        elif str(b.get("modell")) not in ids:
            s.legg(f"{sti}modell", t("skjema.ukjent_valg", verdi=b.get("modell")))
        s.tekst(b, "begrunnelse", f"{sti}begrunnelse")
        s.sitater(b, sti)

    s.deler(rec, "beslutninger", 1, 4,
            {"id", "sporsmal", "valg", "modell", "ingen_fasit", "begrunnelse", "sitater"}, beslutning)

    def omrade(o: dict, sti: str) -> None:
        s.tekst(o, "navn", f"{sti}navn")
        modell = o.get("modell")
        modeller = modell if isinstance(modell, list) else [modell]
        if not modeller or len(set(map(str, modeller))) != len(modeller) or any(m not in STATUSER for m in modeller):
            s.legg(f"{sti}modell", t("skjema.ikke_en_av", lovlige=", ".join(STATUSER)))
        s.tekst(o, "begrunnelse", f"{sti}begrunnelse")
        s.sitater(o, sti)

    s.deler(rec, "omrader", 2, 10, {"id", "navn", "modell", "begrunnelse", "sitater"}, omrade)


def _oppfolgingsplan(s: _Sjekk, rec: dict) -> None:
    s.tekst(rec, "vignett", "vignett", pakrevd=False)
    felt_typer: dict[str, tuple[str, set[str]]] = {}

    def felt(f: dict, sti: str) -> None:
        s.tekst(f, "etikett", f"{sti}etikett")
        s.bool_(f, "pakrevd", f"{sti}pakrevd")
        typ = f.get("type")
        ids: set[str] = set()
        if typ == "valg":
            ids = _valg(s, f, "valg", sti)
        elif typ == "tekst":
            s.heltall(f, "maks_tegn", f"{sti}maks_tegn", 1, MAKS_TEGN_GRENSE, pakrevd=False)
            if "valg" in f:
                s.legg(f"{sti}valg", t("skjema.ukjent_felt"))
        else:
            s.legg(f"{sti}type", t("skjema.ikke_en_av", lovlige="tekst, valg"))
        felt_typer[str(f.get("id"))] = (str(typ), ids)

    s.deler(rec, "felt", 1, 8, {"id", "etikett", "type", "valg", "maks_tegn", "pakrevd"}, felt)

    def linje(r: dict, sti: str) -> None:
        s.tekst(r, "tekst", f"{sti}tekst")
        s.tekst(r, "hint", f"{sti}hint")
        s.sitater(r, sti, minst=1)
        fid = str(r.get("felt"))
        if fid not in felt_typer:
            s.legg(f"{sti}felt", t("skjema.ukjent_felt_ref", verdi=r.get("felt")))
            return
        typ, ids = felt_typer[fid]
        if typ == "valg":
            godta = r.get("godta")
            if not isinstance(godta, list) or not godta or any(str(g) not in ids for g in godta):
                s.legg(f"{sti}godta", t("skjema.ukjent_valg", verdi=godta))
            if "nokkelord" in r:
                s.legg(f"{sti}nokkelord", t("skjema.ukjent_felt"))
        else:
            if "godta" in r:
                s.legg(f"{sti}godta", t("skjema.ukjent_felt"))
            for i, ord_ in enumerate(s.liste(r, "nokkelord", f"{sti}nokkelord", 1, 30, pakrevd=False)):
                if not isinstance(ord_, str) or not ord_.strip():
                    s.legg(f"{sti}nokkelord[{i}]", t("skjema.ikke_tekst"))

    s.deler(rec, "rubrikk", 1, 10, {"id", "tekst", "felt", "godta", "nokkelord", "hint", "sitater"}, linje)


def _dialog(s: _Sjekk, rec: dict) -> None:
    maks = rec.get("poeng") if isinstance(rec.get("poeng"), int) else 0

    def node(n: dict, sti: str) -> None:
        s.tekst(n, "replikk", f"{sti}replikk")
        if "svar" in n:
            for i, sv in enumerate(s.liste(n, "svar", f"{sti}svar", 1, 4)):
                if not isinstance(sv, dict):
                    s.legg(f"{sti}svar[{i}]", t("skjema.ikke_post"))
                    continue
                s.ukjente(sv, {"tekst", "til", "kommentar"}, f"{sti}svar[{i}].")
                s.tekst(sv, "tekst", f"{sti}svar[{i}].tekst")
                s.tekst(sv, "til", f"{sti}svar[{i}].til")
                s.tekst(sv, "kommentar", f"{sti}svar[{i}].kommentar", pakrevd=False)
            for felt_ in ("tilbakemelding", "poeng", "ingen_fasit"):
                if felt_ in n:
                    s.legg(f"{sti}{felt_}", t("skjema.kun_slutt"))
        else:
            s.tekst(n, "tilbakemelding", f"{sti}tilbakemelding")
            s.heltall(n, "poeng", f"{sti}poeng", 0, maks)
            s.bool_(n, "ingen_fasit", f"{sti}ingen_fasit")
        s.sitater(n, sti, minst=0 if "svar" in n else 1)

    noder = s.deler(rec, "noder", 2, 30,
                    {"id", "replikk", "svar", "tilbakemelding", "sitater", "poeng", "ingen_fasit"}, node)
    graf = {str(n.get("id")): [str(sv.get("til")) for sv in n.get("svar") or [] if isinstance(sv, dict)]
            for n in noder}
    start = str(rec.get("start"))
    if start not in graf:
        s.legg("start", t("skjema.ukjent_node", verdi=rec.get("start")))
        return
    for nid, neste in graf.items():
        for til in neste:
            if til not in graf:
                s.legg(f"noder[{nid}].svar", t("skjema.ukjent_node", verdi=til))
    if s.feil:
        return
    sett, stabel = {start}, [start]
    while stabel:
        for til in graf[stabel.pop()]:
            if til not in sett:
                sett.add(til)
                stabel.append(til)
    for nid in graf:
        if nid not in sett:
            s.legg(f"noder[{nid}]", t("skjema.unaaelig_node"))
    # every node must be able to reach an end node
    kan = {nid for nid, neste in graf.items() if not neste}
    endret = True
    while endret:
        endret = False
        for nid, neste in graf.items():
            if nid not in kan and any(x in kan for x in neste):
                kan.add(nid)
                endret = True
    for nid in graf:
        if nid not in kan:
            s.legg(f"noder[{nid}]", t("skjema.ingen_slutt"))


def _refleksjon(s: _Sjekk, rec: dict) -> None:
    s.heltall(rec, "min_tegn", "min_tegn", 0, MAKS_TEGN_GRENSE, pakrevd=False)
    s.heltall(rec, "maks_tegn", "maks_tegn", 1, MAKS_TEGN_GRENSE, pakrevd=False)
    s.tekst(rec, "modellsvar", "modellsvar", pakrevd=False)
    for i, r in enumerate(s.liste(rec, "rubrikk", "rubrikk", 1, 10, pakrevd=False)):
        if not isinstance(r, dict):
            s.legg(f"rubrikk[{i}]", t("skjema.ikke_post"))
            continue
        s.ukjente(r, {"tekst", "sitater"}, f"rubrikk[{i}].")
        s.tekst(r, "tekst", f"rubrikk[{i}].tekst")
        s.sitater(r, f"rubrikk[{i}].")


_KIND_SJEKK: dict[str, Callable[[_Sjekk, dict], None]] = {
    "flervalg": lambda s, r: _flervalg(s, r, flere=False),
    "flere_riktige": lambda s, r: _flervalg(s, r, flere=True),
    "rangering": _rangering,
    "sortering": _sortering,
    "tallsvar": _tallsvar,
    "kartlegging": _kartlegging,
    "oppfolgingsplan": _oppfolgingsplan,
    "dialog": _dialog,
    "refleksjon": _refleksjon,
}


def valider_ovelse(rec: object, fil: str, nr: int) -> list[str]:
    """Validate one exercise record; ``nr`` is its position in the file (for records with no id)."""
    if not isinstance(rec, dict):
        return [t("skjema.feil", fil=fil, id=f"#{nr + 1}", felt="-", hva=t("skjema.ikke_post"))]
    oid = rec.get("id")
    s = _Sjekk(fil, str(oid) if isinstance(oid, str) else f"#{nr + 1}")
    if not isinstance(oid, str) or not ID_MONSTER.match(oid):
        s.legg("id", t("skjema.ugyldig_ovelse_id"))
    if s.tekst(rec, "tema", "tema") and not SLUG.match(rec["tema"]):
        s.legg("tema", t("skjema.ugyldig_id"))
    typ = rec.get("type")
    if typ not in TYPER:
        s.legg("type", t("skjema.ikke_en_av", lovlige=", ".join(TYPER)))
        return s.feil
    s.ukjente(rec, FELLES | EGNE[typ], "")
    s.tekst(rec, "tittel", "tittel", maks=120)
    s.tekst(rec, "oppgavetekst", "oppgavetekst")
    s.heltall(rec, "poeng", "poeng", 0, 100)
    s.heltall(rec, "minutter", "minutter", 1, 120)
    if rec.get("niva") not in NIVAER:
        s.legg("niva", t("skjema.ikke_en_av", lovlige=", ".join(NIVAER)))
    s.tekst(rec, "hint", "hint", pakrevd=False)
    s.bool_(rec, "egen_forklaring", "egen_forklaring")
    s.sitater(rec, "")
    if "premisser" in rec:
        from tiltakslab.premisser import valider as valider_premisser  # noqa: PLC0415

        for hva in valider_premisser(rec["premisser"]):
            s.legg("premisser", hva)
    if "sak_utsnitt" in rec and rec["sak_utsnitt"] not in SAK_UTSNITT:
        s.legg("sak_utsnitt", t("skjema.ikke_en_av", lovlige=", ".join(SAK_UTSNITT)))
    _KIND_SJEKK[typ](s, rec)
    return s.feil


def valider_fil(data: object, fil: str) -> list[str]:
    """Validate a whole exercise file's parsed YAML."""
    if not isinstance(data, dict) or "ovelser" not in data:
        return [t("skjema.fil_form", fil=fil)]
    feil: list[str] = []
    if data.get("versjon") != SKJEMA_VERSJON:
        feil.append(t("skjema.fil_versjon", fil=fil, versjon=SKJEMA_VERSJON))
    ukjente = set(data) - {"versjon", "ovelser"}
    if ukjente:
        feil.append(t("skjema.fil_ukjent", fil=fil, felt=", ".join(sorted(map(str, ukjente)))))
    liste = data["ovelser"]
    if not isinstance(liste, list) or not liste:
        return feil + [t("skjema.fil_form", fil=fil)]
    for nr, rec in enumerate(liste):
        feil.extend(valider_ovelse(rec, fil, nr))
    return feil


def siterte_ider(rec: dict) -> list[str]:
    """Every excerpt id cited anywhere in an exercise record (in order, with repeats removed)."""
    funnet: list[str] = []

    def gå(x: object) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "sitater" and isinstance(v, list):
                    funnet.extend(str(i) for i in v)
                else:
                    gå(v)
        elif isinstance(x, list):
            for v in x:
                gå(v)

    gå(rec)
    return list(dict.fromkeys(funnet))
