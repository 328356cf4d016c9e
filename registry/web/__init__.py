"""The web UI: server-rendered pages for clerks, reviewers and police over the same services as the API."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import use_readable_params
    from .labels import readable_params
    from .routes import WEB_BLUEPRINTS, fill_pages

    use_readable_params(readable_params)
    fill_pages()
    for bp in WEB_BLUEPRINTS:
        app.register_blueprint(bp)
