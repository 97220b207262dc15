"""The exercise schema: JSON Schema from the kinds plus cross-field rules, on small fixture files."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tiltakslab.betingelser import SKJEMA_NAVN
from tiltakslab.ovelser.laster import les_filer
from tiltakslab.ovelser.skjema import ovelse_skjema, valider_feil, valider_fil
from tiltakslab.ovelser.slag import SLAG
from tiltakslab.yamlfil import les_yaml

MINI = Path(__file__).resolve().parent / "fixtures" / "ovelser" / "mini.yaml"


@pytest.fixture(autouse=True)
def egen_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def mini():
    return les_yaml(MINI.read_text(encoding="utf-8"))


def _fil(tmp_path: Path, tekst: str) -> list[str]:
    (tmp_path / "ov").mkdir(exist_ok=True)
    (tmp_path / "ov" / "mini.yaml").write_text(tekst, encoding="utf-8")
    return les_filer(tmp_path / "ov")[1]


def test_the_fixture_is_valid(mini):
    assert valider_fil(mini, "mini.yaml") == []


def test_the_schema_has_one_sub_schema_per_kind_and_is_a_valid_json_schema():
    from jsonschema import Draft202012Validator

    skjema = ovelse_skjema()
    Draft202012Validator.check_schema(skjema)
    assert set(skjema["$defs"]) == set(SLAG) | {SKJEMA_NAVN}  # one sub-schema per kind, the shared conditions
    for navn in SLAG:
        sub = skjema["$defs"][navn]
        assert sub["additionalProperties"] is False
        assert set(SLAG[navn].skjema["properties"]) <= set(sub["properties"])
    json.dumps(skjema)  # plain data: SKJEMA.md and tools can read it


def test_a_misspelt_field_is_refused_with_file_record_field_and_line(tmp_path):
    tekst = MINI.read_text(encoding="utf-8").replace("    hint: Les igjen.", "    hnit: Les igjen.")
    linje = tekst.splitlines().index("    hnit: Les igjen.") + 1
    feil = _fil(tmp_path, tekst)
    assert len(feil) == 1
    assert feil[0].startswith(f"data/ovelser/mini.yaml, post «tst-01» (nr. 1), felt «hnit», linje {linje}: ")
    assert "ukjent felt" in feil[0] and "hint" in feil[0]  # names the allowed fields


def test_a_field_of_another_kind_is_refused(mini):
    mini["ovelser"][0]["toleranse"] = 1  # a tallsvar field on a flervalg
    feil = valider_fil(mini, "f.yaml")
    assert feil and all("«toleranse»" in f for f in feil)


def test_positions_are_one_based_and_types_are_named(mini):
    mini["ovelser"][0]["alternativer"][1]["riktig"] = "ja"
    assert valider_fil(mini, "f.yaml") == [
        "f.yaml, post «tst-01» (nr. 1), felt «alternativer nr. 2 › riktig»: må være true eller false."]


def test_cross_field_rules_are_located_too(tmp_path):
    tekst = MINI.read_text(encoding="utf-8").replace("riktig: false", "riktig: true")
    linje = tekst.splitlines().index("    alternativer:") + 1  # the key's line
    feil = _fil(tmp_path, tekst)
    assert len(feil) == 1 and f"post «tst-01» (nr. 1), felt «alternativer», linje {linje}:" in feil[0]
    assert "nøyaktig ett" in feil[0]


@pytest.mark.parametrize("endring,ord_", [
    (lambda d: d["noder"][0]["svar"][0].update(til="borte"), "«borte» finnes ikke"),
    (lambda d: d["noder"].append({"id": "ensom", "replikk": "x", "tilbakemelding": "y", "poeng": 0,
                                  "sitater": ["notat-001"]}), "kan ikke nås"),
    (lambda d: d["noder"][1].update(poeng=5), "heltall fra 0 til 2"),
    (lambda d: d["noder"][1].pop("sitater"), "sitater"),
    (lambda d: d["noder"][0].update(poeng=1), "bare sluttnoder"),
    (lambda d: d.update(start="ingen"), "«ingen» finnes ikke"),
])
def test_dialogue_rules(mini, endring, ord_):
    dialog = mini["ovelser"][2]
    endring(dialog)
    feil = valider_fil(mini, "f.yaml")
    assert feil and any(ord_ in f for f in feil), feil


def test_a_loop_without_an_end_is_refused(mini):
    dialog = copy.deepcopy(mini["ovelser"][2])
    dialog["noder"][0]["svar"].append({"tekst": "Igjen", "til": "s"})
    dialog["noder"].insert(1, {"id": "runde", "replikk": "«Igjen?»", "svar": [{"tekst": "Ja", "til": "runde"}]})
    dialog["noder"][0]["svar"][2]["til"] = "runde"
    mini["ovelser"][2] = dialog
    assert any("ingen vei herfra fører til en slutt" in f for f in valider_fil(mini, "f.yaml"))


def test_number_answer_needs_exactly_one_key(mini):
    mini["ovelser"][1]["beregning"] = {"tabell": "deltakere", "mal": "antall"}
    assert any("enten «svar» eller «beregning»" in f for f in valider_fil(mini, "f.yaml"))
    del mini["ovelser"][1]["svar"]
    mini["ovelser"][1]["beregning"]["mal"] = "gjennomsnitt"
    feil = valider_fil(mini, "f.yaml")
    assert feil == ["f.yaml, post «tst-02» (nr. 2), felt «beregning › kolonne»: mangler"]


def test_file_level_problems(mini):
    assert valider_fil([], "f.yaml") == ["f.yaml: må være en tabell med felt."]
    mini["versjon"] = 2
    mini["ekstra"] = 1
    feil = valider_fil(mini, "f.yaml")
    assert "f.yaml, felt «versjon»: må være 1." in feil
    assert any(f.startswith("f.yaml, felt «ekstra»: ukjent felt") for f in feil)
    mini = {"versjon": 1, "ovelser": [{"type": "gjetting"}]}
    assert any("«gjetting»" in f and "flervalg" in f for f in valider_fil(mini, "f.yaml"))


def test_a_valid_file_is_remembered_and_a_broken_one_is_not(mini, tmp_path):
    mini["ovelser"][0]["tittel"] = f"Bare her {tmp_path.name}"  # not validated before in this process
    assert valider_feil(mini, "f.yaml") == []
    cache = json.loads((tmp_path / "cache" / "tiltakslab" / "validert.json").read_text(encoding="utf-8"))
    assert len(cache) == 1
    mini["ovelser"][0]["poeng"] = -1
    assert valider_feil(mini, "f.yaml")
    assert len(json.loads((tmp_path / "cache" / "tiltakslab" / "validert.json").read_text(encoding="utf-8"))) == 1


def test_skjema_md_is_generated_from_the_schema_and_current():
    from tiltakslab.ovelser.skjemadok import lag, udokumenterte

    fil = Path(__file__).resolve().parents[1] / "data" / "ovelser" / "SKJEMA.md"
    assert fil.read_text(encoding="utf-8") == lag(), (
        'SKJEMA.md is stale: python -c "from tiltakslab.ovelser.skjemadok import skriv; skriv()"')
    assert udokumenterte() == []  # no documented field the schema does not have
    tekst = lag()
    for navn in SLAG:
        assert f"`{navn}` — " in tekst
    assert "| `alternativer[].riktig` | bool | yes unless `ingen_fasit` |" in tekst  # rule kept in Python
    assert "| `tittel` | string, ≤ 120 chars | yes |" in tekst  # limits read from the schema


def test_loaded_records_are_clean_ids_as_text_and_empty_lists_present(tmp_path):
    tekst = MINI.read_text(encoding="utf-8").replace("{id: a, tekst: Alfa", "{id: 1, tekst: Alfa")
    (tmp_path / "ov").mkdir()
    (tmp_path / "ov" / "mini.yaml").write_text(tekst, encoding="utf-8")
    sett, feil = les_filer(tmp_path / "ov")
    assert feil == []
    fv = sett.ovelser["tst-01"]
    assert [a["id"] for a in fv["alternativer"]] == ["1", "b"]
    assert fv["sitater"] == [] and all(a["sitater"] == [] for a in fv["alternativer"])
    dialog = sett.ovelser["tst-03"]
    assert "svar" not in dialog["noder"][1]  # an end node stays an end node (a reply list may not be empty)
    assert valider_fil({"versjon": 1, "ovelser": list(sett.ovelser.values())}, "f.yaml") == []  # still valid
    from tiltakslab.ovelser.vurdering import tolk_svar, vurder

    assert vurder(fv, tolk_svar(fv, 1)).status == "feil"  # the number id answers as text
