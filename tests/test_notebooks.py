"""Notebooks are committed clean, numbered, self-explaining and parameterised."""

import re

import nbformat
import pytest
from conftest import ROOT

from caravan_claims.reports import NOTEBOOK_PATTERN, describe_notebook

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks_and_all_are_numbered():
    assert NOTEBOOKS
    for path in NOTEBOOKS:
        assert NOTEBOOK_PATTERN.match(path.name), path.name
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {index} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {index} has a count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exactly_one_parameters_cell_with_defaults(path):
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells tagged 'parameters'"
    assert tagged[0].cell_type == "code"
    assert re.search(r"^\w+ = ", tagged[0].source, re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_the_question_it_answers(path):
    info = describe_notebook(path)
    assert info.title and info.question.endswith("?"), info


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_python3(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_unknown_parameters_are_rejected_right_after_the_parameters_cell(path):
    """The parameters cell opens with the header the check reads, and the check runs next."""
    notebook = nbformat.read(path, as_version=4)
    index = next(
        i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])
    )
    assert notebook.cells[index].source.startswith("# Parameters (")
    assert f'reject_unknown("{path.name}")' in notebook.cells[index + 1].source


def test_unknown_parameter_names_itself_and_the_known_ones():
    from caravan_claims.errors import InputError
    from caravan_claims.parameters import reject_unknown, unknown_parameters

    history = ["", "# Parameters (defaults)\nseeds_dir = None\nstrict = False\n",
               '# Parameters\nseed_dir = "x"\nstrict = True\n']  # fmt: skip
    assert unknown_parameters(history) == ["seed_dir"]
    with pytest.raises(
        InputError,
        match=r"nb: unknown parameter\(s\) 'seed_dir'; expected one of seeds_dir, strict",
    ):
        reject_unknown("nb", history)
    reject_unknown("nb", history[:2])  # JupyterLab: nothing injected, nothing checked


@pytest.mark.slow
def test_plain_papermill_with_a_misspelled_parameter_fails(tmp_path):
    import papermill

    with pytest.raises(papermill.PapermillExecutionError, match=r"unknown parameter.*seed_dir"):
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "01_corpus.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"seed_dir": str(tmp_path)},
            kernel_name="python3",
            progress_bar=False,
        )
