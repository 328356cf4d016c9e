"""Exchange with the national 确权 package (NY/T 2539-2016): read, check, load, and write one back."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS: the API, the CLI and the import worker."""
    from ..api import register_api_blueprints
    from .cli import COMMANDS
    from .routes import blp, start_worker

    register_api_blueprints(app, blp)
    for command in COMMANDS:
        app.cli.add_command(command)
    start_worker(app)
