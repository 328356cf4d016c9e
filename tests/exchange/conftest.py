"""The exchange commands through Flask's CLI runner, as a county's administrator runs them."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli(app):
    return app.test_cli_runner()


@pytest.fixture
def cli_import(cli):
    def run(path, *options):
        return cli.invoke(args=["exchange", "import", str(path), *options])

    return run


@pytest.fixture
def cli_export(cli):
    def run(county, out, year="2016"):
        result = cli.invoke(args=["exchange", "export", "--county", county, "--year", year, str(out)])
        assert result.exit_code == 0, result.output
        return next(p for p in out.iterdir() if p.is_dir())

    return run
