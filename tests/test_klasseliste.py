"""One roster reader (issue 14): ``variant``'s case roster and ``lms``'s LMS roster read the same line
format the same way (tiltakslab.klasseliste)."""

from __future__ import annotations

from argparse import Namespace

import pytest

from tiltakslab import klasseliste, lms, variant
from tiltakslab import tildeling as tild
from tiltakslab.meldinger import t

LISTE = (
    "# klasse H26, eksportert fra LMS\n"
    "Pseudonym;LMS-id;Navn;Seksjon\n"       # a header after a comment line is still a header
    "S023;1001;Kari;A\n"
    '"s017","1002","Ola","B"\n'              # a quoted, comma-separated line (Excel/LMS export)
    "s030\t1003\n"
    "\n"
    "s023;1004\n"                          # the same student again (S023 = s023)
    "12345678901;1005\n"                   # fødselsnummer shape
)


def test_one_reader_for_both_callers(tmp_path):
    fil = tmp_path / "liste.csv"
    fil.write_bytes(LISTE.encode("utf-16"))
    linjer, feil = klasseliste.les_linjer(klasseliste.les_tekstfil(fil))
    assert [(x.nr, x.student) for x in linjer] == [(3, "s023"), (4, "s017"), (5, "s030")]
    forventet_feil = [t("tildeling.dobbel", linje=7, student="s023"),
                      t("tildeling.ugyldig_linje", linje=8, grunn=t("identitet.fodselsnummer"))]
    assert feil == forventet_feil
    # variant: the column after the id is the group
    studenter, grupper, feil_v = tild.les_roster(tild.les_tekstfil(fil))
    assert studenter == ["s023", "s017", "s030"] and grupper == {"s023": "1001", "s017": "1002", "s030": "1003"}
    assert feil_v == forventet_feil
    # lms: the column after the id is the LMS id, then name and section
    liste, feil_l = lms.les_klasseliste(fil)
    assert liste == {"s023": {"lms_id": "1001", "navn": "Kari", "seksjon": "A"},
                     "s017": {"lms_id": "1002", "navn": "Ola", "seksjon": "B"},
                     "s030": {"lms_id": "1003", "navn": "", "seksjon": ""}}
    assert feil_l == forventet_feil


def test_a_header_is_only_the_first_content_line(tmp_path):
    linjer, feil = klasseliste.les_linjer("s001\nstudent\n")
    assert [x.student for x in linjer] == ["s001", "student"] and not feil  # «student» later is an id


def test_lms_roster_without_lms_id_names_the_line(tmp_path):
    fil = tmp_path / "lms.csv"
    fil.write_text("student;lms_id\ns001;77\ns002\n", encoding="utf-8")
    liste, feil = lms.les_klasseliste(fil)
    assert liste == {"s001": {"lms_id": "77", "navn": "", "seksjon": ""}}
    assert feil == [t("lms.mangler_id", linje=3)]


def test_variant_refuses_the_same_problems_with_line_numbers(tmp_path, capsys):
    fil = tmp_path / "klasse.txt"
    fil.write_text(LISTE, encoding="utf-8")
    args = Namespace(student=[], fil=str(fil), csv=None, grupper=False, lagre=None)
    assert variant.run(args) == 2
    err = capsys.readouterr().err
    assert "linje 7" in err and "linje 8" in err


@pytest.mark.parametrize("innhold", [b"", b"\xef\xbb\xbf", "s001;g1\r\n".encode("cp1252")])
def test_empty_and_windows_files(tmp_path, innhold):
    fil = tmp_path / "k.csv"
    fil.write_bytes(innhold)
    linjer, feil = klasseliste.les_linjer(klasseliste.les_tekstfil(fil))
    assert feil == [] and [x.student for x in linjer] == (["s001"] if innhold.strip(b"\xef\xbb\xbf") else [])


def test_missing_file_is_a_norwegian_message(tmp_path):
    with pytest.raises(klasseliste.KlasselisteFeil, match="Fant ikke filen"):
        klasseliste.les_tekstfil(tmp_path / "finnes-ikke.csv")
    with pytest.raises(tild.TildelingsFeil):
        tild.les_tekstfil(tmp_path / "finnes-ikke.csv")
