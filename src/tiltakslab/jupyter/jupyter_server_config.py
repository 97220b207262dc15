"""Jupyter server configuration a hub loads through ``JUPYTER_CONFIG_PATH`` (deploy/): the part JSON cannot hold.

The app's pages (Voila as a server extension, ``/voila/render/...``) leave out the learner's own code cells
(``tiltakslab.appside``). The contents manager is set in ``jupyter_server_config.json`` beside this file.
"""

from tiltakslab.appside import uten_egen_kode

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file
c.VoilaConfiguration.prelaunch_hook = uten_egen_kode
