"""OGC API – Features (Part 1 core/geojson/oas30, Part 2 crs) under /ogc, vector tiles under /tiles and the
GeoPackage round trip, for desktop GIS clients (QGIS, ArcGIS, GDAL) and the web maps.

A plain Flask blueprint, not the smorest Api: OGC wants 400 for bad parameters, which the API edge turns into
422.
"""


def plug_in(app) -> None:
    """Called by create_app in the order of registry.AREAS: /ogc, /tiles, `parcels export --gpkg` and the
    GeoPackage reader of `parcels import`."""
    from ..parcels.cli import FILE_IMPORTERS, parcels_cli
    from .cli import export_parcels, import_gpkg_file
    from .routes import WEB_BLUEPRINTS

    for bp in WEB_BLUEPRINTS:
        app.register_blueprint(bp)
    parcels_cli.add_command(export_parcels)
    FILE_IMPORTERS[".gpkg"] = import_gpkg_file
