"""The web UI: server-rendered pages for clerks, reviewers and police over the same services as the API."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from .routes import WEB_BLUEPRINTS, fill_pages

    fill_pages()
    for bp in WEB_BLUEPRINTS:
        app.register_blueprint(bp)
