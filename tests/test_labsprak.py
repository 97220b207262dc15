"""The interface language follows JupyterLab's language setting when TILTAKSLAB_SPRAK is not set."""

from __future__ import annotations

import os
import sys

import pytest

from tiltakslab.meldinger import katalog, labsprak, t, valgt_sprak

# What JupyterLab writes when a user picks a language (Settings ▸ Language, or the settings editor)
LAB_FIL = """{
    // Language
    // @jupyterlab/translation-extension:plugin
    // Language settings.
    // **************************************

    // Locale
    // Set the interface display language. Examples: 'es_CO', 'fr'. "locale": "fr"
    "locale": "%s"
}
"""


@pytest.fixture
def lab(tmp_path, monkeypatch):
    """An empty JupyterLab settings dir and prefix, TILTAKSLAB_SPRAK unset; returns a writer for the locale."""
    monkeypatch.delenv("TILTAKSLAB_SPRAK", raising=False)
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path / "user-settings"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    labsprak.glem()

    def skriv(locale: str | None, tekst: str | None = None):
        fil = tmp_path / "user-settings" / labsprak.PLUGIN_FIL
        fil.parent.mkdir(parents=True, exist_ok=True)
        fil.write_text(tekst if tekst is not None else LAB_FIL % locale, encoding="utf-8")
        labsprak.glem()
        return fil

    yield skriv
    labsprak.glem()


def test_nynorsk_in_lab_gives_the_nynorsk_interface(lab):
    lab("nn_NO")
    assert labsprak.lab_locale() == "nn_NO"
    assert valgt_sprak() == "nn"
    assert t("status.feil") == katalog("nn")["status.feil"] == "Ikkje riktig enno"


@pytest.mark.parametrize("locale", ["no_NO", "nb_NO", "en", "de_DE"])
def test_other_lab_languages_give_bokmal(lab, locale):
    lab(locale)
    assert labsprak.lab_locale() == locale
    assert t("status.feil") == "Ikke riktig ennå"


def test_the_environment_variable_wins_over_lab(lab, monkeypatch):
    lab("nn_NO")
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nb")
    assert valgt_sprak() == "nb"
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "")  # empty counts as unset
    assert valgt_sprak() == "nn"


def test_no_settings_file_gives_bokmal(lab):
    assert labsprak.lab_locale() is None
    assert valgt_sprak() == "nb"


def test_overrides_json_is_the_default_and_a_user_choice_wins(lab, tmp_path):
    settings = tmp_path / "prefix" / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True)
    (settings / "overrides.json").write_text(
        '{"@jupyterlab/apputils-extension:themes": {"locale": "xx"},\n'
        ' "@jupyterlab/translation-extension:plugin": {"locale": "nn_NO"}}', encoding="utf-8")
    labsprak.glem()
    assert labsprak.lab_locale() == "nn_NO" and valgt_sprak() == "nn"
    lab("no_NO")
    assert valgt_sprak() == "nb"


@pytest.mark.parametrize("tekst", ["", "{", "\x00\xff garbage", '{"locale": 5}', '{"locale": "../../etc"}',
                                   "{" + " " * 300_000 + '"locale": "nn_NO"}'])
def test_a_broken_settings_file_never_fails(lab, tekst):
    lab(None, tekst)
    assert valgt_sprak() == "nb"
    assert t("status.riktig") == "Riktig"


def test_a_folder_in_place_of_the_file_never_fails(lab, tmp_path):
    (tmp_path / "user-settings" / labsprak.PLUGIN_FIL).mkdir(parents=True)
    labsprak.glem()
    assert labsprak.lab_locale() is None and valgt_sprak() == "nb"


def test_the_default_settings_dir_is_under_the_jupyter_config_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("JUPYTERLAB_SETTINGS_DIR", raising=False)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert labsprak.innstillingsmappe() == tmp_path / "cfg" / "lab" / "user-settings"


def test_a_change_is_seen_after_the_pause(lab, monkeypatch):
    lab("nn_NO")
    assert valgt_sprak() == "nn"
    fil = lab("no_NO")
    os.utime(fil, ns=(1, 1))  # a different modification time, as after a save in Lab
    monkeypatch.setattr(labsprak, "_INTERVALL", 0.0)
    assert valgt_sprak() == "nb"


def test_the_start_page_says_in_nynorsk_how_to_get_nynorsk():
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).resolve().parents[1] / "notebooks" / "00_start.ipynb").read_text(encoding="utf-8"))
    [celle] = ["".join(c["source"]) for c in nb["cells"] if 'lang="nn"' in "".join(c["source"])]
    assert "nn_NO" in celle and "Language locale" in celle  # the Lab setting this module reads
    assert "berre på bokmål" in celle  # the lessons' own text is bokmål for now
    assert not {"ikke", "hvordan", "noen", "finnes"} & set(celle.split())
