"""Student ids: one normalisation everywhere, personal-data shapes refused with a Norwegian reason."""

from __future__ import annotations

import pytest

from tiltakslab.identitet import UgyldigId, er_gyldig, hub_bruker, normaliser


@pytest.mark.parametrize(("raw", "want"), [("S023", "s023"), (" s023\n", "s023"), ("student-07", "student-07"),
                                           ("gruppe.3", "gruppe.3")])
def test_ids_are_normalised_one_way(raw, want):
    assert normaliser(raw) == want


@pytest.mark.parametrize(("raw", "ord_"), [("01019912345", "fødselsnummer"), ("010199 12345", "fødselsnummer"),
                                           ("ola@nav.no", "e-post"), ("Ola Nordmann", "mellomrom"),
                                           ("../x", "bokstavene"), ("", "student-id"), ("123456789", "personnummer")])
def test_personal_data_shapes_are_refused_with_a_reason(raw, ord_):
    with pytest.raises(UgyldigId) as err:
        normaliser(raw)
    assert ord_ in str(err.value)
    assert not er_gyldig(raw)


def test_hub_user_is_the_id_on_a_hub(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "Kari-01")
    assert hub_bruker() == "kari-01"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert hub_bruker() is None
