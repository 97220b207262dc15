"""The app's Voila configuration and our folder-page templates (no server needed)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[1]
JUPYTER = REPO / "config" / "jupyter"
MAL = JUPYTER / "voila" / "templates" / "tiltakslab"


def _konfig():
    return PyFileConfigLoader("voila.py", path=str(JUPYTER)).load_config()


def _dor(**variabler) -> dict[str, str]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MAL)), autoescape=True)
    return {navn: env.get_template(navn).render(base_url="/", **variabler) for navn in ("tree.html", "tree-lab.html")}


def test_voila_konfig_har_xsrf_av_og_katalogens_ord(monkeypatch):
    from tiltakslab.meldinger import t

    monkeypatch.delenv("TILTAKSLAB_SPRAK", raising=False)
    innstillinger = _konfig().Voila.tornado_settings
    assert innstillinger["disable_check_xsrf"] is True  # Voila's shutdown beacon has no _xsrf field
    assert innstillinger["jinja_template_vars"]["tiltakslab"] == {
        "lang": "nb", "tittel": t("sti.dor_tittel"), "til_start": t("sti.dor_til_start")}


def test_voila_konfig_paa_nynorsk(monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
    ord_ = _konfig().Voila.tornado_settings["jinja_template_vars"]["tiltakslab"]
    assert ord_["lang"] == "nn" and ord_["til_start"] == "Gå til startsida for Tiltakslab"


def test_begge_mappesidene_er_samme_dor_med_katalogens_ord(monkeypatch):
    monkeypatch.setenv("TILTAKSLAB_SPRAK", "nn")
    ord_ = _konfig().Voila.tornado_settings["jinja_template_vars"]["tiltakslab"]
    sider = _dor(tiltakslab=ord_)
    assert sider["tree.html"] == sider["tree-lab.html"]  # one partial
    side = sider["tree.html"]
    assert '<html lang="nn">' in side and ">Gå til startsida for Tiltakslab</a>" in side
    assert 'url=/voila/render/notebooks/00_start.ipynb"' in side


def test_dora_uten_konfig_er_bokmal():
    side = _dor()["tree-lab.html"]
    assert '<html lang="nb">' in side and "Gå til startsiden for Tiltakslab" in side
