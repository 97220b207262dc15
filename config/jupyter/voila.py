"""Voila configuration for ``make app`` (read through ``--Voila.config_file_paths=config/jupyter``).

- The app's pages are served on loopback only. Voila's ``beforeunload`` shutdown beacon carries no ``_xsrf``
  field, so that check is off; a closed page then ends its kernel.
- The learner's own code cells are left out of the app's pages (``tiltakslab.appside``, Voila's prelaunch hook;
  it cannot be combined with preheated kernels, which the app does not use).
- The words of our own templates come from the message catalogue (``TILTAKSLAB_SPRAK`` picks bokmål or
  nynorsk when the app starts): ``jinja_template_vars["tiltakslab"]``, used by ``_dor.html``.
"""

from tiltakslab.appside import uten_egen_kode
from tiltakslab.meldinger import t, valgt_sprak

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.Voila.tornado_settings = {
    "disable_check_xsrf": True,
    "jinja_template_vars": {
        "tiltakslab": {
            "lang": valgt_sprak(),
            "tittel": t("sti.dor_tittel"),
            "til_start": t("sti.dor_til_start"),
        },
    },
}
c.VoilaConfiguration.prelaunch_hook = uten_egen_kode
