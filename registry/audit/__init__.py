"""The hash-chained audit log: every write and every audited refusal (UR-05)."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS."""
    from .. import audit_sink
    from ..api import register_api_blueprints
    from .routes import blp
    from .services import record

    audit_sink.use(
        record
    )  # UR-05: the API edge and the web keep refused attempts (audit_sink.record_refusal)
    register_api_blueprints(app, blp)
