"""The base map: the county's orthophoto (数字正射影像图 of the 确权 package's 栅格数据, or any GeoTIFF)
loaded by an
administrator into instance/ as a Cloud-Optimized GeoTIFF and served as XYZ PNG tiles to signed-in users."""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS: /tiles/basemap and `flask basemap load`."""
    from .cli import basemap_cli
    from .routes import basemap

    app.register_blueprint(basemap)
    app.cli.add_command(basemap_cli)
