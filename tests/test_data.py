"""tiltakslab.data: dtypes, validation messages, student → case mapping, vignettes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tiltakslab import data

ROOT = Path(__file__).resolve().parents[1]
SYN = ROOT / "data" / "synthetic"


def test_last_gives_dtypes():
    dl = data.last("deltakere")
    assert len(dl) == 3515
    assert dl["alder"].dtype == "int64"
    assert dl["i_tiltak"].dtype == bool
    assert isinstance(dl["malgruppe"].dtype, pd.CategoricalDtype)
    assert str(dl["startdato"].dtype).startswith("datetime64")
    k = data.last("kartlegging")
    assert str(k["egen_nettverk"].dtype) == "Int64"
    assert k.loc[~k["kis_kartlagt"], "egen_nettverk"].isna().all()
    for navn in data.SKJEMA:
        assert list(data.last(navn).columns) == list(data.SKJEMA[navn])


def _copy(tmp_path):
    shutil.copytree(SYN, tmp_path / "syn")
    return tmp_path / "syn"


def _edit(path: Path, line: int, old: str, new: str):
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_bad_bool_names_file_row_column(tmp_path):
    mappe = _copy(tmp_path)
    f = mappe / "utfall.csv"
    line = f.read_text(encoding="utf-8").split("\n")[4]
    _edit(f, 5, line.split(",")[1], "kanskje")
    with pytest.raises(data.DataFeil) as e:
        data.last("utfall", mappe)
    msg = str(e.value)
    assert "utfall.csv" in msg and "rad 5" in msg and "«avsluttet»" in msg and "«kanskje»" in msg
    assert "True eller False" in msg


def test_unknown_category_and_missing_column(tmp_path):
    mappe = _copy(tmp_path)
    f = mappe / "deltakere.csv"
    text = f.read_text(encoding="utf-8").replace(",Kvinne,", ",Ukjent kjønn,", 1)
    f.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataFeil, match="kolonne «kjonn»"):
        data.last("deltakere", mappe)
    g = mappe / "saksbehandlere.csv"
    g.write_text(g.read_text(encoding="utf-8").replace("stillingsandel", "andel", 1), encoding="utf-8")
    with pytest.raises(data.DataFeil, match="kolonnen «stillingsandel» mangler"):
        data.last("saksbehandlere", mappe)


def test_out_of_range_and_unknown_file(tmp_path):
    mappe = _copy(tmp_path)
    f = mappe / "deltakere.csv"
    lines = f.read_text(encoding="utf-8").split("\n")
    cells = lines[1].split(",")
    i = lines[0].split(",").index("maneder_sosialhjelp_siste_ar") + lines[1].count('"') // 2
    cells[i] = "13"
    lines[1] = ",".join(cells)
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(data.DataFeil, match=r"rad 2, kolonne «maneder_sosialhjelp_siste_ar».*fra 1 til 12"):
        data.last("deltakere", mappe)
    with pytest.raises(data.DataFeil, match="Ukjent datafil «tull»"):
        data.last("tull")


def test_error_renders_without_traceback():
    err = data.DataFeil("Feil i x.csv")
    assert err._render_traceback_() == ["DataFeil: Feil i x.csv"]


def test_student_mapping_is_deterministic_and_mixed():
    a = data.deltaker_for_student("student01")
    assert a == data.deltaker_for_student("student01") == data.deltaker_for_student(" Student01 ")
    ids = [data.deltaker_for_student(f"student{i:02d}") for i in range(60)]
    assert len(set(ids)) >= 55
    d = data.last("deltakere").set_index("deltaker_id")
    u = data.last("utfall").set_index("deltaker_id")
    valgt = d.loc[ids]
    assert valgt["malgruppe"].nunique() >= 2 and valgt["i_tiltak"].nunique() == 2
    assert (valgt["helseproblem"] | valgt["rusproblem"]).any()
    assert u.loc[ids, "utfall"].nunique() >= 3
    with pytest.raises(data.DataFeil, match="Student-id"):
        data.deltaker_for_student("")


def test_vignett_text():
    did = data.deltaker_for_student("student07")
    tekst = data.vignett(did)
    r = data.last("deltakere").set_index("deltaker_id").loc[did]
    navneliste = data.NAVN_KVINNE if r["kjonn"] == "Kvinne" else data.NAVN_MANN
    assert tekst.startswith("### ")
    navn = tekst[4:].split(" (")[0]
    assert navn in navneliste
    assert f"({r['alder']} år)" in tekst
    assert str(r["satsingsenhet"]) in tekst
    assert "Oppfølgingsloggen har" in tekst and did in tekst and "oppdiktet" in tekst
    assert data.vignett(did) == tekst
    with pytest.raises(data.DataFeil, match="Fant ingen deltaker"):
        data.vignett("X123")


def test_vignett_covers_mapping_and_outcome():
    k = data.last("kartlegging")
    u = data.last("utfall")
    kart = str(k.loc[k["kis_kartlagt"], "deltaker_id"].iloc[0])
    assert "Egenvurdering mot veileders vurdering" in data.vignett(kart)
    slutt = u[u["avsluttet"]].iloc[0]
    assert f"Utfall: **{slutt['utfall']}**" in data.vignett(str(slutt["deltaker_id"]))


def test_student_seed_is_deterministic():
    assert data.fro_for_student("student01") == data.fro_for_student("STUDENT01 ")
    frø = {data.fro_for_student(f"student{i:02d}") for i in range(50)}
    assert len(frø) == 50 and all(0 <= f < 1_000_000 for f in frø)


def test_ids_must_refer_to_participants(tmp_path):
    mappe = _copy(tmp_path)
    f = mappe / "oppfolging.csv"
    lines = f.read_text(encoding="utf-8").split("\n")
    lines[3] = "D99999" + lines[3][lines[3].index(","):]
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(data.DataFeil, match=r"oppfolging.csv, rad 4, kolonne «deltaker_id».*«D99999»"):
        data.last_alle(mappe)


def test_data_folder_follows_tiltakslab_data(tmp_path, monkeypatch):
    """TILTAKSLAB_DATA moves the synthetic data too, not only the corpus."""
    import shutil

    from tiltakslab import data as modul

    kopi = tmp_path / "data" / "synthetic"
    shutil.copytree(modul.standard_mappe(), kopi)
    monkeypatch.setenv("TILTAKSLAB_DATA", str(tmp_path / "data"))
    assert modul.standard_mappe() == kopi
    assert len(modul.last("deltakere")) == 3515
