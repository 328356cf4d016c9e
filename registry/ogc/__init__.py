"""OGC API – Features (Part 1 core/geojson/oas30, Part 2 crs) under /ogc, vector tiles under /tiles and the
GeoPackage round trip, for desktop GIS clients (QGIS, ArcGIS, GDAL) and the web maps.

A plain Flask blueprint, not the smorest Api: OGC wants 400 for bad parameters, which the API edge turns into 422.
"""
