/*
 * Tiltakslab: run a course notebook when it is opened in JupyterLab.
 *
 * A notebook that shows ipywidgets forms needs its cells run before the forms are live; opened fresh it
 * shows only the widgets' text form. This plugin runs the code cells of a notebook when it opens, but only
 * when both hold:
 *   - the server reports the file read-only (make lab's contents manager, tiltakslab.labinnhold.KursInnhold,
 *     does that for the course originals in notebooks/, exercises/ and solutions/), and
 *   - the notebook's metadata says so: {"tiltakslab": {"kjor_ved_apning": true}}.
 * Any other notebook opens as usual and runs nothing by itself (a learner's own copy is writable).
 * The learner's own code cells ({"tiltakslab": {"egen_kode": true}}, marked by tiltakslab bygg) are not run on
 * open: they are the learner's to run (and a data task's cell imports pandas, which nobody needs until then).
 * The panel's attribute data-tiltakslab-kjoring says what was decided: nei, startet, ferdig, uten-kjerne.
 *
 * Hand-written federated module in the shape JupyterLab 4 loads (window._JUPYTERLAB[name] with init/get),
 * so no build step is needed; it uses only the share scope JupyterLab gives it (@jupyterlab/notebook's
 * NotebookActions.runCells, which neither moves the view nor the selection).
 */
(function () {
  "use strict";
  var NAVN = "tiltakslab-kjor";
  var delt = null; // the share scope JupyterLab passes to init()

  function modul(navn) {
    var versjoner = delt && delt[navn];
    if (!versjoner) {
      return Promise.reject(new Error(NAVN + ": " + navn + " is not shared"));
    }
    var nokkel = Object.keys(versjoner).sort().pop();
    return Promise.resolve(versjoner[nokkel].get()).then(function (fabrikk) {
      return fabrikk();
    });
  }

  // Our metadata of a notebook or cell model ({} when there is none).
  function tiltakslab(modell) {
    var meta = modell && (modell.getMetadata ? modell.getMetadata("tiltakslab") : (modell.metadata || {}).tiltakslab);
    return meta || {};
  }

  function skalKjores(panel) {
    var modell = panel.context && panel.context.contentsModel;
    if (!modell || modell.writable !== false) {
      return false;
    }
    return tiltakslab(panel.context.model).kjor_ved_apning === true;
  }

  function egenKode(celle) {
    return tiltakslab(celle.model).egen_kode === true;
  }

  function kjor(panel) {
    return panel.context.ready
      .then(function () {
        if (!skalKjores(panel)) {
          panel.node.setAttribute("data-tiltakslab-kjoring", "nei"); // the decision is visible to tests
          return null;
        }
        panel.node.setAttribute("data-tiltakslab-kurs", ""); // folded code shows no first line (STIL)
        return panel.sessionContext.ready.then(function () {
          var okt = panel.sessionContext.session;
          if (!okt || !okt.kernel || panel.isDisposed) {
            panel.node.setAttribute("data-tiltakslab-kjoring", "uten-kjerne");
            return null; // the learner chose no kernel: nothing to run
          }
          panel.node.setAttribute("data-tiltakslab-kjoring", "startet");
          return modul("@jupyterlab/notebook").then(function (nb) {
            var celler = panel.content.widgets.filter(function (celle) { return !egenKode(celle); });
            return nb.NotebookActions.runCells(panel.content, celler, panel.sessionContext);
          }).then(function () {
            if (!panel.isDisposed) {
              panel.node.setAttribute("data-tiltakslab-kjoring", "ferdig");
            }
          });
        });
      })
      .catch(function (feil) {
        console.error(NAVN + ": could not run " + (panel.context ? panel.context.path : "?"), feil);
      });
  }

  // In a course notebook a folded code cell shows nothing, not even its first line of code (JupyterLab's
  // placeholder would show e.g. an exercise id); the collapser bar on the left still opens the code.
  // Links inside our widgets (hand-in downloads, progress) look like links, as in the app.
  var STIL = ".jp-NotebookPanel[data-tiltakslab-kurs] .jp-CodeCell .jp-InputPlaceholder { display: none; }\n" +
    ".jp-NotebookPanel[data-tiltakslab-kurs] .widget-html-content a { color: var(--jp-content-link-color);" +
    " text-decoration: underline; }";

  var plugin = {
    id: NAVN + ":plugin",
    description: "Runs a read-only Tiltakslab course notebook when it opens, so its forms are live.",
    autoStart: true,
    activate: function (app) {
      var sett = new WeakSet();
      var stil = document.createElement("style");
      stil.setAttribute("data-tiltakslab", "kjor");
      stil.textContent = STIL;
      document.head.appendChild(stil);
      function ny(panel) {
        if (!panel || sett.has(panel) || !panel.context || !panel.sessionContext || !panel.content) {
          return;
        }
        sett.add(panel);
        void kjor(panel);
      }
      app.started.then(function () {
        var fabrikk = app.docRegistry.getWidgetFactory("Notebook");
        if (fabrikk) {
          fabrikk.widgetCreated.connect(function (_, panel) { ny(panel); });
        }
        var apne = app.shell.widgets ? Array.from(app.shell.widgets("main")) : [];
        apne.forEach(ny);
      });
    }
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAVN] = {
    init: function (scope) {
      delt = scope;
    },
    get: function (navn) {
      if (navn !== "./extension") {
        return Promise.reject(new Error(NAVN + ": no module " + navn));
      }
      return Promise.resolve(function () {
        return { __esModule: true, "default": [plugin] };
      });
    }
  };
})();
