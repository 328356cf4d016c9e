"""The web UI: server-rendered pages for clerks, reviewers and police over the same services as the API."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from ..api import use_param_reader
    from .labels import readable_params
    from .routes import WEB_BLUEPRINTS, fill_pages

    use_param_reader(readable_params)  # API problem details name fields by their labels
    fill_pages()
    for bp in WEB_BLUEPRINTS:
        app.register_blueprint(bp)
