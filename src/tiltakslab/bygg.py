"""Master -> student pipeline: build ``exercises/`` from ``solutions/``, and execute notebooks.

Modelled on nbgrader: the solutions notebook is the single source. Small preprocessors, each with
one job, are applied in a declared order:

1. ``drop_tagged_cells``   -- remove cells tagged ``losning`` or ``laerernotat``;
2. ``strip_solution_regions`` -- replace ``### LØSNING START`` … ``### LØSNING SLUTT`` regions in
   code cells by a placeholder (an unclosed or stray marker is an error);
3. ``mark_generated``      -- record in notebook metadata that the file is generated, from where;
4. ``hide_widget_code``    -- code cells without a solution region (they only show widgets) get
   ``jupyter.source_hidden`` so a learner in JupyterLab sees the exercise, not the code;
5. ``mark_own_code``       -- a cell with a solution region becomes the learner's own code cell
   (``{"tiltakslab": {"egen_kode": true}}``): JupyterLab does not run it when the set opens and the app
   (Voila, ``tiltakslab.appside``) leaves it out, so pandas is imported only when a learner runs it;
6. ``clear_outputs``       -- outputs are produced by executing the student notebook afterwards.

Executing (``kjor``) uses nbclient with a throw-away answer store, so stored outputs never depend
on the maintainer's own answers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from tiltakslab.appside import EGEN_KODE, egen_kode  # cell metadata: the learner's own code
from tiltakslab.meldinger import STANDARD, med_sprak, t

SCHEMA_VERSION = 1
SOLUTION_TAGS = frozenset({"losning", "laerernotat"})
START = "### LØSNING START"
END = "### LØSNING SLUTT"
PLACEHOLDER = "# Skriv koden din her"
GENERATED_KEY = "tiltakslab"


class BuildError(Exception):
    """A master notebook cannot be turned into a student notebook (message in Norwegian)."""


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def drop_tagged_cells(nb, source: str):
    nb.cells = [c for c in nb.cells if not (_tags(c) & SOLUTION_TAGS)]
    return nb


def _strip_regions(text: str, where: str) -> str:
    out: list[str] = []
    inside = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(START):
            if inside:
                raise BuildError(t("bygg.start_uten_slutt", hvor=where, linje=lineno, start=START, slutt=END))
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + PLACEHOLDER)
        elif stripped.startswith(END):
            if not inside:
                raise BuildError(t("bygg.slutt_uten_start", hvor=where, linje=lineno, start=START, slutt=END))
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise BuildError(t("bygg.ikke_lukket", hvor=where, start=START, slutt=END))
    return "\n".join(out)


def strip_solution_regions(nb, source: str):
    for index, cell in enumerate(nb.cells):
        if START in cell.source or END in cell.source:
            if cell.cell_type != "code":
                raise BuildError(t("bygg.markor_utenfor_kode", hvor=t("bygg.celle", fil=source, nr=index + 1)))
            cell.source = _strip_regions(cell.source, t("bygg.celle", fil=source, nr=index + 1))
    return nb


def _bokmal(key: str) -> str:
    """Stored notebooks are bokmål whatever language the builder's interface uses."""
    with med_sprak(STANDARD):
        return t(key)


def mark_generated(nb, source: str):
    nb.metadata[GENERATED_KEY] = {
        "schema_version": SCHEMA_VERSION,
        "generert_fra": source,
        "merknad": _bokmal("bygg.merknad"),
        # JupyterLab (make lab) runs a read-only course notebook with this flag when it opens (tiltakslab-kjor)
        "kjor_ved_apning": True,
    }
    return nb


def clear_outputs(nb, source: str):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)
    return nb


def hide_widget_code(nb, source: str):
    """Fold the code of cells that only call Tiltakslab (the optional calculation cells stay open)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and PLACEHOLDER not in cell.source:
            cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
    return nb


def mark_own_code(nb, source: str):
    """The learner's own code cells (where a solution was): not run on open in Lab, not in the app."""
    for cell in nb.cells:
        if cell.cell_type == "code" and PLACEHOLDER in cell.source:
            cell.setdefault("metadata", {}).setdefault(GENERATED_KEY, {})[EGEN_KODE] = True
    return nb


PREPROCESSORS: tuple[Callable, ...] = (
    drop_tagged_cells,
    strip_solution_regions,
    mark_generated,
    hide_widget_code,
    mark_own_code,
    clear_outputs,
)


def student_version(master, source: str):
    """Return a new notebook node: the student version of ``master`` (not executed)."""
    import nbformat  # noqa: PLC0415 - the CLI starts without it

    nb = nbformat.reads(nbformat.writes(master), as_version=4)  # deep copy
    for step in PREPROCESSORS:
        nb = step(nb, source)
    return nb


def solution_leaks(nb) -> list[str]:
    """Describe any solution content left in a (student) notebook; empty when clean."""
    leaks = []
    for index, cell in enumerate(nb.cells):
        if _tags(cell) & SOLUTION_TAGS:
            leaks.append(t("bygg.lekkasje_tagg", nr=index + 1, tagger=", ".join(sorted(_tags(cell) & SOLUTION_TAGS))))
        if START in cell.source or END in cell.source:
            leaks.append(t("bygg.lekkasje_markor", nr=index + 1))
    return leaks


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def stable_widget_ids(nb, salt: str):
    """Give widget models ids that depend only on the notebook, not on the run.

    Kernels name widget models with random UUIDs, so every execution would rewrite every stored
    notebook. Models are renumbered in a fixed order (depth first from the views in the outputs, in
    cell order); models no output reaches are dropped from the saved state.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    roots = [o["data"][WIDGET_VIEW]["model_id"] for c in nb.cells if c.cell_type == "code"
             for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    order: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(roots))
    while stack:
        mid = stack.pop()
        if mid in seen:
            continue
        seen.add(mid)
        order.append(mid)
        if mid in state:
            refs = _MODEL_REF.findall(json.dumps(state[mid].get("state", {}), sort_keys=True))
            stack.extend(reversed(refs))
    if state:
        for mid in set(state) - seen:
            del state[mid]
    mapping = {old: uuid.uuid5(uuid.NAMESPACE_URL, f"tiltakslab:{salt}:{i}").hex for i, old in enumerate(order)}
    if not mapping:
        return nb
    import nbformat  # noqa: PLC0415 - the CLI starts without it

    text = nbformat.writes(nb)
    text = re.sub("|".join(map(re.escape, mapping)), lambda m: mapping[m.group(0)], text)
    return nbformat.reads(text, as_version=4)


def execute(path: Path, timeout: int = 600) -> None:
    """Execute a notebook in place, top to bottom, with a throw-away answer store."""
    import nbformat  # noqa: PLC0415 - the CLI starts without it
    from nbclient import NotebookClient  # noqa: PLC0415

    nb = nbformat.read(path, as_version=4)
    # a throw-away answer store, and bokmål outputs (the reference nbval compares) even when the maintainer's
    # TILTAKSLAB_SPRAK or JupyterLab language is nynorsk
    with tempfile.TemporaryDirectory(prefix="tiltakslab-kjor-") as store, med_sprak(STANDARD):
        old = os.environ.get("TILTAKSLAB_SVAR")
        os.environ["TILTAKSLAB_SVAR"] = store
        try:
            NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
                # no saved widget state: nbval does not compare widgets, Lab runs a course notebook on open
                # (tiltakslab-kjor) and Voila renders live; the state was ~70 % of the committed bytes
                store_widget_state=False,
            ).execute()
        finally:
            if old is None:
                os.environ.pop("TILTAKSLAB_SVAR", None)
            else:
                os.environ["TILTAKSLAB_SVAR"] = old
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if egen_kode(cell):  # the learner's own cell does not run on open: no count that says it did
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(stable_widget_ids(nb, path.name), path)


def target_for(master: Path, solutions: Path, exercises: Path) -> Path:
    return exercises / master.relative_to(solutions)


def build(solutions: Path, exercises: Path, run: bool = True) -> list[Path]:
    """Write the student version of every master notebook. Returns the written paths."""
    import nbformat  # noqa: PLC0415 - the CLI starts without it

    written = []
    for master in sorted(solutions.glob("*.ipynb")):
        nb = student_version(nbformat.read(master, as_version=4), master.name)
        target = target_for(master, solutions, exercises)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        if run:
            execute(target)
        written.append(target)
    return written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--losninger", type=Path, default=None, help=t("bygg.hjelp_losninger"))
    parser.add_argument("--ovelser", type=Path, default=None, help=t("bygg.hjelp_ovelser"))
    parser.add_argument("--uten-kjoring", action="store_true", help=t("bygg.hjelp_uten_kjoring"))


def run(args) -> int:
    solutions = args.losninger or Path("solutions")
    exercises = args.ovelser or Path("exercises")
    if not solutions.is_dir():
        print(t("bygg.ingen_mappe", mappe=str(solutions)), file=sys.stderr)
        return 1
    try:
        written = build(solutions, exercises, run=not args.uten_kjoring)
    except BuildError as err:
        print(t("cli.feil", feil=str(err)), file=sys.stderr)
        return 1
    for path in written:
        print(t("cli.skrev", fil=str(path)))
    return 0


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notatboker", nargs="+", type=Path, help=t("bygg.hjelp_notatboker"))


def run_notebooks(args) -> int:
    paths: Iterable[Path] = args.notatboker
    for path in paths:
        if not path.is_file():
            print(t("bygg.ingen_notatbok", fil=str(path)), file=sys.stderr)
            return 1
        execute(path)
        print(t("bygg.kjorte", fil=str(path)))
    return 0
