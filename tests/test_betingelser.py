"""The one condition format (``tiltakslab.betingelser``): validation, a pandas frame and a plain dict row
agree, the rules of each caller, and the shared schema definition."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys

import pandas as pd
import pytest

from tiltakslab import betingelser, premisser
from tiltakslab.betingelser import FilterFeil, Regler, beskriv, filtrer, maske, oppfyller, valider
from tiltakslab.ovelser import beregning

RADER = [
    {"navn": "Aud", "alder": 20, "gruppe": "a", "ok": True, "x": 1, "y": 2, "dato": "2004-01-15"},
    {"navn": "Bo", "alder": 30, "gruppe": "b", "ok": False, "x": 5, "y": 2, "dato": "2004-06-01"},
    {"navn": "Cim", "alder": 40, "gruppe": None, "ok": True, "x": 3, "y": None, "dato": None},
    {"navn": "Dag", "alder": None, "gruppe": "c", "ok": None, "x": None, "y": 4, "dato": "2005-02-01"},
]


def _df() -> pd.DataFrame:
    df = pd.DataFrame(RADER)
    df["dato"] = pd.to_datetime(df["dato"])
    df["gruppe"] = df["gruppe"].astype("category")
    return df


def _rad(i: int) -> dict:
    """A row as the light case form gives it: dates as ISO text, missing as None."""
    return dict(RADER[i])


CASES = [
    ([{"kolonne": "alder", "operator": "<", "verdi": 35}], ["Aud", "Bo"]),
    ([{"kolonne": "alder", "operator": "!=", "verdi": 30}], ["Aud", "Cim", "Dag"]),
    ([{"kolonne": "alder", "operator": "==", "verdi": 30}], ["Bo"]),
    ([{"kolonne": "gruppe", "operator": "i", "verdier": ["a", "c"]}], ["Aud", "Dag"]),
    ([{"kolonne": "gruppe", "operator": "ikke_i", "verdier": ["a"]}], ["Bo", "Cim", "Dag"]),
    ([{"kolonne": "ok", "operator": "==", "verdi": True}, {"kolonne": "alder", "operator": ">=", "verdi": 40}],
     ["Cim"]),
    ([{"kolonne": "x", "operator": ">", "mot_kolonne": "y"}], ["Bo"]),
    ([{"kolonne": "x", "operator": "!=", "mot_kolonne": "y"}], ["Aud", "Bo", "Cim", "Dag"]),
    ([{"kolonne": "dato", "operator": "<", "verdi": "2004-03-01"}], ["Aud"]),
    ([{"kolonne": "dato", "operator": ">=", "verdi": "2004-06-01"}], ["Bo", "Dag"]),
    ([{"kolonne": "navn", "operator": "i", "verdier": ["Bo", "Ola"]},
      {"kolonne": "gruppe", "operator": "ikke_i", "verdier": ["x"]}], ["Bo"]),
]


@pytest.mark.parametrize(("betingelser_", "forventet"), CASES)
def test_frame_and_dict_row_select_the_same_rows(betingelser_, forventet):
    assert valider(betingelser_) == []
    assert list(filtrer(_df(), betingelser_)["navn"]) == forventet
    assert list(_df()["navn"][maske(_df(), betingelser_).to_numpy()]) == forventet
    assert [r["navn"] for i, r in enumerate(RADER) if oppfyller(_rad(i), betingelser_)] == forventet


def test_missing_value_satisfies_only_not_equal_and_not_in():
    for op in ("==", "<", "<=", ">", ">="):
        assert not oppfyller({"a": None}, [{"kolonne": "a", "operator": op, "verdi": 1}])
        assert not oppfyller({"a": math.nan}, [{"kolonne": "a", "operator": op, "verdi": 1}])
    assert oppfyller({"a": None}, [{"kolonne": "a", "operator": "!=", "verdi": 1}])
    assert oppfyller({"a": None}, [{"kolonne": "a", "operator": "ikke_i", "verdier": [1]}])
    assert not oppfyller({"a": None}, [{"kolonne": "a", "operator": "i", "verdier": [1]}])


def test_dict_row_compares_a_date_value_with_an_iso_text():
    rad = {"d": dt.date(2004, 3, 1), "t": dt.datetime(2004, 3, 1, 12, 0)}
    assert oppfyller(rad, [{"kolonne": "d", "operator": ">=", "verdi": "2004-03-01"}])
    assert not oppfyller(rad, [{"kolonne": "d", "operator": "<", "verdi": "2004-03-01"}])
    assert oppfyller(rad, [{"kolonne": "t", "operator": "==", "verdi": "2004-03-01"}])
    with pytest.raises(FilterFeil, match="kan ikke sammenlignes"):
        oppfyller(rad, [{"kolonne": "d", "operator": "<", "verdi": "mars"}])


def test_incomparable_values_and_unknown_columns_are_named_in_both_paths():
    tekst_mot_tall = [{"kolonne": "navn", "operator": "<", "verdi": 3}]
    with pytest.raises(FilterFeil, match="Kolonnen «navn» kan ikke sammenlignes med «<»"):
        maske(_df(), tekst_mot_tall)
    with pytest.raises(FilterFeil, match="Kolonnen «navn» kan ikke sammenlignes med «<»"):
        oppfyller(_rad(0), tekst_mot_tall)
    ukjent = [{"kolonne": "finnes_ikke", "operator": "==", "verdi": 1}]
    with pytest.raises(FilterFeil, match="Kolonnen «finnes_ikke» finnes ikke"):
        maske(_df(), ukjent)
    with pytest.raises(FilterFeil, match="Kolonnen «finnes_ikke» finnes ikke"):
        oppfyller(_rad(0), ukjent)


def test_every_condition_is_checked_even_after_a_false_one():
    # row 1 fails the first condition; the second one is still an error, not hidden
    with pytest.raises(FilterFeil):
        oppfyller(_rad(1), [{"kolonne": "alder", "operator": "<", "verdi": 0},
                            {"kolonne": "navn", "operator": ">", "verdi": 3}])


@pytest.mark.parametrize(("feil", "ord_"), [
    ("alder < 25", "kan ikke være en tekst"),
    ([], "1 til 20"),
    (["alder"], "må være en betingelse"),
    ([{"kolonne": "alder", "operator": "<", "verdi": 1, "uttrykk": "x"}], "«utvalg[0].uttrykk» er et ukjent felt"),
    ([{"operator": "<", "verdi": 1}], "mangler kolonnenavn"),
    ([{"kolonne": "alder", "operator": "eval", "verdi": 1}], "ukjent operator; bruk en av: ==, !="),
    ([{"kolonne": "alder", "operator": "i", "verdi": 1}], "trenger «verdier»"),
    ([{"kolonne": "alder", "operator": "i", "verdier": [[1]]}], "trenger «verdier»"),
    ([{"kolonne": "alder", "operator": "<"}], "nøyaktig én av «verdi» og «mot_kolonne»"),
    ([{"kolonne": "alder", "operator": "<", "verdi": "x" * 201}], "høyst 200 tegn"),
    ([{"kolonne": "alder", "operator": "<", "verdi": {"__class__": 1}}], "«verdi» må være en tekst"),
])
def test_invalid_conditions_get_norwegian_messages_and_are_never_applied(feil, ord_):
    meldinger = valider(feil)
    assert meldinger and ord_ in meldinger[0], meldinger
    if feil:  # an empty list is refused in a file, but applying it means «no condition»
        with pytest.raises(FilterFeil) as i_tabell:
            maske(_df(), feil)
        assert ord_ in str(i_tabell.value)
        with pytest.raises(FilterFeil) as i_rad:
            oppfyller(_rad(0), feil)
        assert str(i_rad.value) == str(i_tabell.value)


def test_each_caller_has_its_own_rules():
    mot = [{"kolonne": "alder", "operator": ">", "mot_kolonne": "samtale_nr"}]
    assert valider(mot, "utvalg", beregning.REGLER) == []
    assert premisser.valider(mot) == [
        "«premisser[0].mot_kolonne» er et ukjent felt (lovlige: kolonne, operator, verdi, verdier).",
        "«premisser[0]»: sammenligninger trenger nøyaktig én «verdi»."]
    ukjent = [{"kolonne": "__class__", "operator": "==", "verdi": 1}]
    assert valider(ukjent, "utvalg", beregning.REGLER) == []  # a table's columns are checked when applied
    assert premisser.valider(ukjent) == ["«premisser[0].kolonne»: «__class__» er ikke en kolonne i deltakerdataene"]
    elleve = [{"kolonne": "alder", "operator": ">", "verdi": i} for i in range(11)]
    assert valider(elleve, "utvalg", beregning.REGLER) == []
    assert "1 til 10" in premisser.valider(elleve)[0]
    egne = Regler(maks=2, kolonner=frozenset({"a"}))
    assert "ikke en av kolonnene som kan brukes her" in valider([{"kolonne": "b", "operator": "==", "verdi": 1}],
                                                               "f", egne)[0]


def test_premises_on_one_dict_row_match_the_frame_mask():
    rad = {k: None for k in premisser.KOLONNER}
    rad.update(alder=30, arbeidssokerstatus="Ordinær", kis_kartlagt=True, startdato="2004-05-01")
    p = [{"kolonne": "arbeidssokerstatus", "operator": "ikke_i", "verdier": ["Yrkeshemmede i tiltak"]},
         {"kolonne": "kis_kartlagt", "operator": "==", "verdi": True},
         {"kolonne": "startdato", "operator": ">=", "verdi": "2004-01-01"},
         {"kolonne": "tiltak", "operator": "!=", "verdi": "Arbeidspraksis"}]
    assert premisser.oppfylt(rad, p)
    df = pd.DataFrame([rad])
    df["startdato"] = pd.to_datetime(df["startdato"])
    assert list(premisser.maske(df, p)) == [True]
    assert not premisser.oppfylt({**rad, "kis_kartlagt": None}, p)


def test_description_in_words():
    assert beskriv([{"kolonne": "alder", "operator": "<=", "verdi": 25},
                    {"kolonne": "gruppe", "operator": "i", "verdier": ["a", True]}]) \
        == "`alder` er høyst 25 og `gruppe` er en av «a», sann"
    assert beskriv([{"kolonne": "x", "operator": ">", "mot_kolonne": "y"}]) == "`x` er større enn `y`"
    assert beskriv("alder < 25") == "alle rader" and beskriv(None) == "alle rader"


def test_premisser_and_computed_keys_share_one_schema_definition():
    from tiltakslab.ovelser.skjema import ovelse_skjema

    s = ovelse_skjema()
    ref = {"$ref": f"#/$defs/{betingelser.SKJEMA_NAVN}"}
    assert s["$defs"][betingelser.SKJEMA_NAVN] == betingelser.skjema()
    for navn in s["$defs"]:
        if navn != betingelser.SKJEMA_NAVN:
            assert s["$defs"][navn]["properties"]["premisser"] == ref
    beregning_ = s["$defs"]["tallsvar"]["properties"]["beregning"]["properties"]
    assert beregning_["utvalg"] == ref and beregning_["nevner"] == ref


def test_dict_row_path_imports_no_pandas():
    kode = ("import sys\n"
            "from tiltakslab import premisser\n"
            "from tiltakslab.betingelser import oppfyller\n"
            "from tiltakslab.betingelser import rader as betingelser_rader\n"
            "assert oppfyller({'a': 2}, [{'kolonne': 'a', 'operator': '>', 'verdi': 1}])\n"
            "assert not premisser.oppfylt({'alder': 20}, [{'kolonne': 'alder', 'operator': '>', 'verdi': 25}])\n"
            "assert betingelser_rader({'a': [1, 3]}, [{'kolonne': 'a', 'operator': '>', 'verdi': 2}]) == [1]\n"
            "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))\n")
    ut = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, check=True)
    assert ut.stdout.strip() == "[]"


def test_an_expression_payload_is_refused_by_every_path_and_never_run(tmp_path):
    merke = tmp_path / "kjort"
    ondsinnet = f"@t.__globals__['os'].system('touch {merke}')"
    for regler in (beregning.REGLER, premisser.REGLER):
        assert "kan ikke være en tekst" in valider(ondsinnet, "utvalg", regler)[0]
        with pytest.raises(FilterFeil):
            maske(_df(), ondsinnet, regler)
        with pytest.raises(FilterFeil):
            oppfyller(_rad(0), ondsinnet, regler)
    som_kolonne = [{"kolonne": ondsinnet, "operator": "==", "verdi": 1}]
    with pytest.raises(FilterFeil, match="finnes ikke"):
        maske(_df(), som_kolonne)
    assert premisser.valider(som_kolonne)
    assert not merke.exists()


def test_every_premise_in_the_content_selects_the_same_participants_row_by_row():
    """The dict-row path agrees with the frame path on the real synthetic participants and every
    exercise's premises (dates as ``datetime.date``, missing as ``None``)."""
    from tiltakslab import data
    from tiltakslab.ovelser.laster import last_ovelser

    df = (data.last("deltakere").merge(data.last("kartlegging"), on="deltaker_id", how="left")
          .merge(data.last("utfall"), on="deltaker_id", how="left"))
    alle = [ov["premisser"] for ov in last_ovelser().ovelser.values() if ov.get("premisser")]
    assert alle, "the content has premises"

    def verdi(v):
        if v is None or v is pd.NaT or (not isinstance(v, str) and pd.isna(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date()
        return v.item() if hasattr(v, "item") else v

    rader = [{k: verdi(v) for k, v in rad.items()} for rad in df.astype("object").to_dict("records")]
    kolonner = {k: [r[k] for r in rader] for k in df.columns}
    for p in alle:
        fra_tabell = list(premisser.maske(df, p))
        assert 0 < sum(fra_tabell) < len(df), p
        assert [premisser.oppfylt(r, p) for r in rader] == fra_tabell, p
        assert premisser.rader(kolonner, p) == [i for i, ok in enumerate(fra_tabell) if ok], p


def test_column_store_path_agrees_with_the_frame_and_the_row_path():
    kolonner = {k: [r[k] for r in RADER] for k in RADER[0]}
    kolonner["dato"] = [None if v is None else dt.date.fromisoformat(v) for v in kolonner["dato"]]
    for betingelser_, forventet in CASES:
        assert [kolonner["navn"][i] for i in betingelser.rader(kolonner, betingelser_)] == forventet
    assert betingelser.rader(kolonner, None, [3, 1]) == [3, 1]
    assert betingelser.rader(kolonner, [{"kolonne": "alder", "operator": ">", "verdi": 25}], [3, 2, 1]) == [2, 1]
    with pytest.raises(FilterFeil):  # an error on a later condition is not hidden by an earlier false one
        betingelser.rader(kolonner, [{"kolonne": "alder", "operator": "<", "verdi": 0},
                                     {"kolonne": "navn", "operator": ">", "verdi": 3}])
