"""The message catalogue: strict under tests, bokmål and nynorsk with the same keys and placeholders,
every key the code uses present, and every exercise kind rendered and answered in nynorsk."""

from __future__ import annotations

import copy
import os
import re
import string
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from katalogsjekk import bokmal_i, nynorsk_i, strenger, tekst_av_html

from tiltakslab import meldinger
from tiltakslab.meldinger import KatalogFeil, katalog, katalogfeil_logg, t, valgt_sprak
from tiltakslab.ovelser.slag import tallsvar

SRC = Path(__file__).resolve().parents[1] / "src" / "tiltakslab"


@pytest.fixture
def nynorsk(monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")


def _felt(tekst: str) -> list[str]:
    """The ``{placeholders}`` of a template (with conversion and format spec), in order."""
    ut = []
    for _lit, navn, spec, konv in string.Formatter().parse(tekst):
        if navn is not None:
            ut.append(f"{navn}!{konv or ''}:{spec or ''}")
    return ut


def _merker(tekst: str) -> dict[str, object]:
    """Markdown/HTML marks that must survive translation unchanged."""
    return {"html": sorted(re.findall(r"<[^>]+>", tekst)), "fet": tekst.count("**"), "kode": tekst.count("`"),
            "linjeskift": tekst.count("\n"), "lenker": sorted(re.findall(r"\]\([^)]*\)", tekst)),
            "start_mellomrom": tekst[:1] == " ", "slutt_mellomrom": tekst[-1:] == " "}


# ------------------------------------------------------------------ strict and forgiving t()

def test_strict_mode_is_on_for_the_test_run():
    assert meldinger.streng()


@pytest.mark.parametrize("sprak", ["nb", "nn"])
def test_strict_missing_key_raises_naming_key_and_language(monkeypatch, sprak):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", sprak)
    with pytest.raises(KatalogFeil) as info:
        t("ovelse.finnes_ikke")
    assert "ovelse.finnes_ikke" in str(info.value) and f"{sprak}.yaml" in str(info.value)
    assert (info.value.key, info.value.sprak) == ("ovelse.finnes_ikke", sprak)
    assert katalogfeil_logg[-1] is info.value  # recorded, so a widget's safety net cannot hide it
    katalogfeil_logg.clear()


@pytest.mark.parametrize("kall", [{}, {"feil_navn": 3}])
def test_strict_format_error_raises(kall):
    with pytest.raises(KatalogFeil, match=r"vurdering\.poeng.*nb\.yaml|nb\.yaml.*vurdering\.poeng"):
        t("vurdering.poeng", **kall)
    katalogfeil_logg.clear()


def test_forgiving_for_learners_without_strict_mode(monkeypatch):
    monkeypatch.delenv("TILTAKSLAB_STRENG_KATALOG")
    assert t("ovelse.finnes_ikke") == "ovelse.finnes_ikke"
    assert t("vurdering.poeng", feil_navn=3) == katalog("nb")["vurdering.poeng"]
    assert not katalogfeil_logg


def test_nynorsk_falls_back_to_bokmal_for_a_missing_key_only_without_strict_mode(tmp_path, monkeypatch):
    (tmp_path / "nb.yaml").write_text("a:\n  b: bokmål {x}\n  c: berre nb\n", encoding="utf-8")
    (tmp_path / "nn.yaml").write_text("a:\n  b: nynorsk {x}\n", encoding="utf-8")
    monkeypatch.setattr(meldinger, "_DIR", tmp_path)
    meldinger.katalog.cache_clear()
    try:
        monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
        assert t("a.b", x=1) == "nynorsk 1"
        with pytest.raises(KatalogFeil, match="nn.yaml"):
            t("a.c")
        katalogfeil_logg.clear()
        monkeypatch.delenv("TILTAKSLAB_STRENG_KATALOG")
        assert t("a.c") == "berre nb"
    finally:
        meldinger.katalog.cache_clear()


@pytest.mark.parametrize("verdi,kode", [
    ("nn", "nn"), ("nn_NO", "nn"), ("nn-NO", "nn"), ("NN-no", "nn"), ("nynorsk", "nn"), ("Nynorsk", "nn"),
    ("nn_NO.UTF-8", "nn"), (" nn ", "nn"),
    ("", "nb"), ("nb", "nb"), ("nb_NO", "nb"), ("no", "nb"), ("en", "nb"), ("sv_SE", "nb"), ("nnn", "nb"),
    ("../nn", "nb"), ("bokmål", "nb"),
])
def test_language_setting(verdi, kode):
    assert valgt_sprak(verdi) == kode


def test_language_is_read_on_every_call(monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
    assert t("status.feil") == "Ikkje riktig enno"
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nb_NO")
    assert t("status.feil") == "Ikke riktig ennå"
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nynorsk")
    assert t("vurdering.poeng", poeng=1, maks=2) == "1 av 2 poeng"
    assert t("fremdrift.tittel") == "Framdrifta di"
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "klingon")
    assert t("fremdrift.tittel") == "Din fremdrift"


# ------------------------------------------------------------------ keys used in the code

# Keys built at run time (f-strings, ``+``, Jinja ``~``): prefix -> every suffix the code can produce.
DYNAMISKE = {
    "status.": ("riktig", "feil", "delvis", "mangler", "ingen_fasit", "levert", "info"),
    "kartlegging.status_": ("na", "senere", "ikke"),
    "niva.": ("grunnleggende", "viderekommen", "fordypning"),
    "fremdrift.": ("modul", "tema", "gjort", "poeng", "minutter_igjen", "igjen"),
    "sjekk.ordrett_": ("ikke_funnet", "mangler_fil", "tom"),
    "skjemafeil.type_": ("tekst", "liste", "tabell", "heltall", "tall", "sannhetsverdi", "null"),
    "rapport.status_": ("riktig", "delvis", "feil", "ingen_fasit", "til_vurdering", "vurdert", "selvvurdert",
                        "ugyldig"),
    "variant.dim_": ("malgruppe", "aldersgruppe", "utfall"),
    "casedata.forventet_": ("id", "str", "int", "float", "bool", "date"),
    "cli.hjelp_": tuple(__import__("tiltakslab.cli").cli.VERBS),
    "korpus.tema_": ("oppfolging", "relasjonsarbeid", "kartlegging", "samarbeid", "kontekst", "malgrupper",
                     "resultater", "metode"),
    "korpus.stemme_": ("evaluator", "caseworker", "manager", "participant"),
    "vignett.maned_": tuple(str(m) for m in range(1, 13)),
}
NOKKEL = r"[a-z0-9_]+(?:\.[a-z0-9_]+)+"
STATISK = re.compile(r"\bt\(\s*[\"'](" + NOKKEL + r")[\"']\s*[,)]")
DYNAMISK = re.compile(r"\bt\(\s*f?[\"']([a-z0-9_]+\.[a-z0-9_.]*)(?:\{|[\"']\s*(?:\+|~))")


def _kildekode() -> dict[Path, str]:
    return {f: f.read_text(encoding="utf-8") for f in sorted(SRC.rglob("*.py"))}


def test_every_message_key_used_in_code_exists_in_both_catalogues():
    keys: set[str] = set()
    prefikser: set[str] = set()
    for tekst in _kildekode().values():
        keys |= set(STATISK.findall(tekst))
        prefikser |= set(DYNAMISK.findall(tekst))
    ukjente = sorted(prefikser - set(DYNAMISKE))
    assert not ukjente, f"keys built at run time with an unknown prefix (add them to DYNAMISKE): {ukjente}"
    keys |= {p + s for p, suffikser in DYNAMISKE.items() for s in suffikser}
    for sprak in ("nb", "nn"):
        missing = sorted(k for k in keys if k not in katalog(sprak))
        assert not missing, f"{sprak}.yaml lacks {missing}"
    assert len(keys) > 200
    assert {"korpus.treff", "korpus.fant_ikke", "innlevering.knapp", "status.riktig"} <= keys


def test_the_key_scanner_finds_static_and_built_keys():
    eksempel = ('t("ovelse.send")  t(\n  "a.b_2.c", x=1)  t(f"status.{s}")  t("niva." + n)  '
                "{{ t('status.' ~ rec.s) }}  t(f'fremdrift.{k}')  st(\"x.y\")")
    assert STATISK.findall(eksempel) == ["ovelse.send", "a.b_2.c"]
    assert sorted(DYNAMISK.findall(eksempel)) == ["fremdrift.", "niva.", "status.", "status."]


# ------------------------------------------------------------------ nb.yaml and nn.yaml agree

def test_nb_and_nn_have_the_same_keys():
    nb, nn = katalog("nb"), katalog("nn")
    assert sorted(set(nb) - set(nn)) == [], "keys in nb.yaml without a nynorsk counterpart in nn.yaml"
    assert sorted(set(nn) - set(nb)) == [], "keys in nn.yaml that nb.yaml does not have"


def test_nb_and_nn_have_the_same_placeholders_and_marks():
    nb, nn = katalog("nb"), katalog("nn")
    ulike = {k: (_felt(nb[k]), _felt(nn[k])) for k in nb.keys() & nn.keys()
             if sorted(_felt(nb[k])) != sorted(_felt(nn[k]))}
    assert not ulike, f"placeholders differ: {ulike}"
    merker = {k: (_merker(nb[k]), _merker(nn[k])) for k in nb.keys() & nn.keys() if _merker(nb[k]) != _merker(nn[k])}
    assert not merker, f"Markdown/HTML marks or edge spaces differ: {merker}"


def test_every_template_can_be_filled_in_both_languages():
    brutte = []
    for sprak in ("nb", "nn"):
        for key, tekst in katalog(sprak).items():
            try:
                fylt = tekst.format(**{f.split("!")[0]: "\x00" for f in _felt(tekst)})
            except (KeyError, IndexError, ValueError) as err:
                brutte.append((sprak, key, repr(err)))
                continue
            if fylt.count("\x00") != len(_felt(tekst)) or "{" in fylt or "}" in fylt:
                brutte.append((sprak, key, fylt))
    assert not brutte


# Bokmål forms that are not nynorsk (offisiell rettskriving 2012). Matched as whole words, any case.
BOKMAL_ORD = {
    "ikke", "hva", "hvordan", "hvem", "hvor", "hvis", "hvilken", "hvilke", "hver", "hvert", "noe", "noen", "jeg",
    "mye", "fra", "bare", "ennå", "enda", "øvelse", "øvelsen", "øvelser", "øvelsene", "fremdrift", "kilde", "kilden",
    "kilder", "kildene", "velg", "valgt", "mangler", "finnes", "fant", "gikk", "lagret", "hentet", "tegn", "høyst",
    "tall", "tallet", "deltaker", "deltakeren", "læreren", "flere", "vises", "brukes", "lagres", "leses", "mellom",
    "være", "først", "hjelp", "sjekker", "ukjent",
}
# Allowed where nynorsk has the same form or where the word is an identifier, not prose.
NYNORSK_OGSA = {"mellom", "først", "hjelp", "ukjent"}


def test_nn_uses_nynorsk_forms():
    funn = {}
    for key, tekst in katalog("nn").items():
        # identifiers (field names such as «ikke_i») are not prose
        ord_ = {o.lower() for o in re.findall(r"[\wÆØÅæøå]+", re.sub(r"\{[^}]*\}", " ", tekst)) if "_" not in o}
        feil = sorted((ord_ & BOKMAL_ORD) - NYNORSK_OGSA)
        if feil:
            funn[key] = feil
    assert not funn, f"bokmål forms in nn.yaml: {funn}"


def test_nn_is_a_translation_not_a_copy():
    nb, nn = katalog("nb"), katalog("nn")
    ulike = sum(nb[k] != nn[k] for k in nb)
    assert ulike > 0.6 * len(nb), f"only {ulike} of {len(nb)} texts differ between nb.yaml and nn.yaml"


# ------------------------------------------------------------------ every kind in nynorsk

def _alle_tekster(widget) -> list[str]:
    """Every interface text in a widget tree: labels, descriptions, tooltips, placeholders, options, HTML."""
    import ipywidgets as w

    ut, ko = [], deque([widget])
    while ko:
        x = ko.popleft()
        for attr in ("description", "tooltip", "placeholder"):
            v = getattr(x, attr, None)
            if isinstance(v, str) and v:
                ut.append(v)
        if isinstance(x, w.HTML | w.Label | w.HTMLMath):
            ut.append(tekst_av_html(x.value))
        if isinstance(x, w.Dropdown | w.RadioButtons | w.Select):
            ut.extend(str(lbl) for lbl in x._options_labels)
        ko.extend(getattr(x, "children", ()) or ())
    return [u for u in ut if u]


def _beste_sti(ov: dict, best: bool = True) -> list[int]:
    """Reply indices to the end node with the most (or fewest) points."""
    noder = {str(n["id"]): n for n in ov["noder"]}
    funnet: list[tuple[float, list[int]]] = []
    ko, sett = deque([(str(ov["start"]), [])]), set()
    while ko:
        nid, valg = ko.popleft()
        if nid in sett:
            continue
        sett.add(nid)
        node = noder[nid]
        if not node.get("svar"):
            funnet.append((node.get("poeng", 0), valg))
        for i, sv in enumerate(node.get("svar") or []):
            ko.append((str(sv["til"]), [*valg, i]))
    return (max if best else min)(funnet, key=lambda p: p[0])[1]


def _svar(wid, ov: dict, riktig: bool) -> None:
    """Answer through the widgets (``.value`` and ``Button.click()``): the model answer, or a wrong
    or unfinished one."""
    typ, inn = ov["type"], wid.inndata
    if typ == "flervalg":
        alt = ov["alternativer"]
        inn.radio.value = str(next(a["id"] for a in alt if bool(a.get("riktig")) == riktig))
    elif typ == "flere_riktige":
        for a in ov["alternativer"]:
            inn.bokser[str(a["id"])].value = bool(a.get("riktig")) == riktig
    elif typ == "rangering":
        ids = [str(e["id"]) for e in ov["elementer"]]
        for plass, eid in enumerate(ids if riktig else ids[::-1], start=1):
            inn.plasser[eid].value = plass
    elif typ == "sortering":
        kat = [str(k["id"]) for k in ov["kategorier"]]
        for e in ov["elementer"]:
            rett = e.get("kategori") or kat[0]
            rett = str(rett[0] if isinstance(rett, list) else rett)
            inn.valg[str(e["id"])].value = rett if riktig else next(k for k in kat if k != rett)
    elif typ == "tallsvar":
        if not riktig:  # first not a number at all: an inline message, nothing graded
            inn.tekst.value = "seksten"
            wid.send.click()
            assert t("svar.ikke_tall", tekst="seksten") in tekst_av_html(wid.melding.value)
            assert not wid.tilbakemelding.value
        fasit = float(tallsvar.fasit(ov))
        verdi = fasit if riktig else fasit + 3 * ov["toleranse"] + 1
        inn.tekst.value = f"{verdi:.2f}".replace(".", ",")
    elif typ == "kartlegging":
        for b in ov["beslutninger"]:
            valg = [str(v["id"]) for v in b["valg"]]
            modell = str(b.get("modell") or valg[0])
            inn.beslutninger[str(b["id"])].value = modell if riktig else next(v for v in valg if v != modell)
        for o in ov["omrader"]:
            modell = o["modell"] if isinstance(o["modell"], list) else [o["modell"]]
            status = modell[0] if riktig else next(s for s in ("ikke", "senere", "na") if s not in modell)
            inn.status[str(o["id"])].value = status
            inn.notat[str(o["id"])].value = "Snakke om dette i neste samtale" if status == "na" else ""
    elif typ == "oppfolgingsplan":
        for f in ov["felt"]:
            linjer = [r for r in ov["rubrikk"] if r["felt"] == f["id"]]
            godta = [str(g) for r in linjer for g in r.get("godta") or []]
            if f["type"] == "valg":
                valg = [str(v["id"]) for v in f["valg"]]
                verdi = (godta or valg)[0] if riktig else next((v for v in valg if v not in godta), valg[0])
            elif riktig:
                verdi = "Planen: " + " og ".join([r["nokkelord"][0] for r in linjer if r.get("nokkelord")]
                                                 or ["arbeid"]) + "."
            else:  # filled in, but none of the rubric's keywords
                verdi = "Vi tar en prat."
            inn.felt[str(f["id"])].value = verdi
    elif typ == "dialog":
        inn.nytt.click()
        for i in _beste_sti(ov, best=riktig):
            inn.knapper.children[i].children[0].click()
        return  # the last reply submits
    elif typ == "refleksjon":
        inn.tekst.value = "For kort." if not riktig else (
            "Vilkåret gjøres kjent og begrunnes, og jeg spør samtidig hva deltakeren selv ønsker. " * 8).strip()
    else:
        raise AssertionError(f"unknown kind {typ}")
    wid.send.click()


def _en_av_hver_type() -> dict[str, str]:
    from tiltakslab.ovelser import last_ovelser

    valgt: dict[str, str] = {}
    for oid, ov in sorted(last_ovelser().ovelser.items()):
        if not ov.get("ingen_fasit") and not any(a.get("ingen_fasit") for a in ov.get("elementer", [])):
            valgt.setdefault(ov["type"], oid)
    return valgt


KINDS = ("flervalg", "flere_riktige", "rangering", "sortering", "tallsvar", "kartlegging", "oppfolgingsplan",
         "dialog", "refleksjon")


def test_one_exercise_of_every_kind_is_chosen():
    assert set(_en_av_hver_type()) >= set(KINDS)


@pytest.mark.parametrize("typ", KINDS)
def test_every_kind_renders_and_answers_in_nynorsk(typ, nynorsk, svarlager):
    import tiltakslab

    oid = _en_av_hver_type()[typ]
    wid = tiltakslab.ovelse(oid)
    assert hasattr(wid, "inndata"), f"{oid} not shown: {_alle_tekster(wid)}"
    nn = katalog("nn")
    innhold = strenger(wid.ov)

    def sjekk(hva: str) -> str:
        tekster = _alle_tekster(wid.boks)
        funnet = bokmal_i(tekster, innhold)
        assert not funnet, f"{oid} {hva}: bokmål interface text {funnet} in\n" + "\n".join(tekster)
        return "\n".join(tekster)

    start = sjekk("on display")
    assert t("ovelse.meta", id=oid, minutter=wid.ov["minutter"], poeng=wid.ov["poeng"],
             niva=nn[f"niva.{wid.ov['niva']}"]) in start
    if typ != "dialog":
        assert wid.send.description == nn["ovelse.send"] and wid.send.tooltip == nn["ovelse.send_hjelp"]

    _svar(wid, copy.deepcopy(wid.ov), riktig=False)
    ramme = tekst_av_html(wid.melding.value + " " + wid.tilbakemelding.value)
    assert ramme, f"{oid}: no feedback after a wrong answer"
    sjekk("after a wrong answer")
    nynorske = nynorsk_i(ramme)
    assert nynorske, f"{oid}: no nynorsk interface text in the feedback frame: {ramme}"

    _svar(wid, copy.deepcopy(wid.ov), riktig=True)
    assert wid.melding.value == "", tekst_av_html(wid.melding.value)
    ramme = tekst_av_html(wid.tilbakemelding.value)
    sjekk("after the model answer")
    forventet = nn["status.levert"] if typ == "refleksjon" else nn["status.riktig"]
    assert forventet in ramme, f"{oid}: «{forventet}» missing in {ramme}"


def test_progress_and_hand_in_in_nynorsk(nynorsk, svarlager):
    import tiltakslab
    from tiltakslab.ovelser import fremdrift, innlevering

    nn = katalog("nn")
    oid = _en_av_hver_type()["refleksjon"]
    wid = tiltakslab.ovelse(oid)
    _svar(wid, copy.deepcopy(wid.ov), riktig=True)

    f = fremdrift()
    f.knapp.click()
    tabell = tekst_av_html(f.tabell.value)
    for key in ("fremdrift.tittel", "fremdrift.gjort", "fremdrift.minutter_igjen"):
        assert nn[key] in tabell, (key, tabell)
    assert not bokmal_i(_alle_tekster(f.boks), [])

    skjema = innlevering()
    assert skjema.knapp.description == nn["innlevering.knapp"]
    skjema.felt.value = "01017012345"  # shaped like a fødselsnummer: refused, in nynorsk
    skjema.knapp.click()
    assert nn["identitet.fodselsnummer"] in tekst_av_html(skjema.status.value)
    skjema.felt.value = "s017"
    skjema.knapp.click()
    status = tekst_av_html(skjema.status.value)
    assert nynorsk_i(status) and not bokmal_i([status], []), status
    [side] = (svarlager / "innlevering").glob("*.html")
    assert '<html lang="nn">' in side.read_text(encoding="utf-8")  # screen readers read the page as nynorsk
    sidetekst = tekst_av_html(side.read_text(encoding="utf-8"))
    assert nn["innlevering.tittel"].format(student="s017") in sidetekst
    assert not bokmal_i([sidetekst], strenger(wid.ov)), sidetekst[:2000]


def test_class_report_in_nynorsk(nynorsk, svarlager, tmp_path):
    import tiltakslab
    from tiltakslab.ovelser import last_ovelser
    from tiltakslab.ovelser.eksport import lag_innlevering
    from tiltakslab.ovelser.lager import Svarlager
    from tiltakslab.samle import samle

    nn = katalog("nn")
    valgt = _en_av_hver_type()
    for typ in ("flervalg", "refleksjon"):
        wid = tiltakslab.ovelse(valgt[typ])
        _svar(wid, copy.deepcopy(wid.ov), riktig=False)
    inn = tmp_path / "inn"
    inn.mkdir()
    sett = last_ovelser()
    lag_innlevering(Svarlager(), sett, "s017", inn)
    rapport = samle(inn, tmp_path / "ut").read_text(encoding="utf-8")
    assert '<html lang="nn">' in rapport
    side = tekst_av_html(rapport)
    assert nn["rapport.sammendrag"] in side and nn["samle.sammendrag"].format(studenter=1, avvist=0) in side
    innhold = [s for ov in sett.ovelser.values() for s in strenger(ov)]
    assert not bokmal_i([side], innhold), side[:3000]


def test_cli_help_in_nynorsk():
    env = {**os.environ, "TILTAKSLAB_SPRAK": "nn"}
    out = subprocess.run([sys.executable, "-m", "tiltakslab.cli", "samle", "--help"], capture_output=True,
                         text=True, env=env, check=True).stdout
    tekst = re.sub(r"\s+", " ", out)
    assert katalog("nn")["samle.hjelp_mappe"] in tekst and katalog("nb")["samle.hjelp_mappe"] not in tekst


@pytest.mark.parametrize("sprak", ["nb", "nn"])
def test_schema_explanations_are_catalogue_keys_shown_as_text(sprak, monkeypatch, tmp_path):
    """``x-melding`` in a schema names a catalogue key; a content author sees its text in the chosen language."""
    from tiltakslab.ovelser.skjema import valider_fil
    from tiltakslab.yamlfil import les_yaml

    monkeypatch.setenv("TILTAKSLAB_SPRAK", sprak)
    monkeypatch.setenv("TILTAKSLAB_CACHE", str(tmp_path / "cache"))
    mini = Path(__file__).resolve().parent / "fixtures" / "ovelser" / "mini.yaml"
    data = les_yaml(mini.read_text(encoding="utf-8"))
    data["ovelser"][0]["id"] = "TST_1"
    feil = "\n".join(str(f) for f in valider_fil(data, "mini.yaml"))
    assert katalog(sprak)["skjemaform.ovelse_id"] in feil
    assert "skjemaform." not in feil


FILENDELSER = re.compile(r"\.(py|csv|json|yaml|yml|txt|md|html|ipynb|j2|schema)$")


def _nokler_i_literaler() -> dict[str, set[str]]:
    """Catalogue keys kept in data rather than passed to ``t()`` directly (tables of keys, ``x-melding`` in
    schemas): every string literal in src shaped like ``section.key`` whose section is a catalogue section."""
    import ast

    seksjoner = {k.split(".", 1)[0] for k in katalog("nb")}
    funnet: dict[str, set[str]] = {}
    kilder = [(f, f.read_text(encoding="utf-8")) for f in sorted(SRC.rglob("*.py"))]
    for fil, tekst in kilder:
        tre = ast.parse(tekst)
        deler = {id(v) for n in ast.walk(tre) if isinstance(n, ast.JoinedStr) for v in n.values}  # f"x.{y}"
        for node in ast.walk(tre):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in deler:
                v = node.value
                if re.fullmatch(NOKKEL, v) and v.split(".", 1)[0] in seksjoner and not FILENDELSER.search(v):
                    funnet.setdefault(v, set()).add(fil.name)
    for fil in sorted(SRC.rglob("*.schema.json")):
        for v in re.findall(r'"x-melding":\s*"([^"]+)"', fil.read_text(encoding="utf-8")):
            funnet.setdefault(v, set()).add(fil.name)
    return funnet


def test_every_key_kept_in_a_table_or_schema_exists_in_both_catalogues():
    funnet = _nokler_i_literaler()
    assert {"filter.op_hoyst", "argparse.bruk", "skjemaform.ovelse_id", "skjemaform.utdrag_form",
            "vignett.malgruppe_ung"} <= set(funnet)
    for sprak in ("nb", "nn"):
        mangler = {k: sorted(f) for k, f in funnet.items() if k not in katalog(sprak)}
        assert not mangler, f"{sprak}.yaml lacks {mangler}"


def test_case_vignettes_in_nynorsk(nynorsk):
    from tiltakslab import data
    from tiltakslab.ovelser.widget import _CASE_ID

    ids = list(data.last("deltakere")["deltaker_id"].astype(str))[:40]
    for did in ids:
        for utsnitt in ("hele", "start"):
            tekst = data.vignett(did, utsnitt=utsnitt)
            assert not bokmal_i([tekst], []), (did, utsnitt, tekst)
            assert tekst.endswith(t("vignett.fotnote", id=did))
            assert _CASE_ID.sub("", tekst).rstrip().endswith("**"), tekst[-80:]  # the record id is hidden
    assert any(" ho " in data.vignett(d) for d in ids) and any(" han " in data.vignett(d) for d in ids)
