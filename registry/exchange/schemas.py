import marshmallow as ma


class ImportUploadIn(ma.Schema):
    package = ma.fields.Raw(
        required=True,
        metadata={"type": "string", "format": "binary", "description": "the county package as a .zip"},
    )


class ImportFormIn(ma.Schema):
    dry_run = ma.fields.Boolean(
        load_default=False, metadata={"description": "check only; nothing is written"}
    )


class ImportJobOut(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String(
        metadata={"description": "queued | checking | importing | done | refused | failed"}
    )
    progress = ma.fields.Float(metadata={"description": "0..1"})
    report = ma.fields.Dict(
        allow_none=True,
        metadata={
            "description": "{county, year, counts, findings: [{check, severity, source, key, message}]}"
        },
    )


class ExportQuery(ma.Schema):
    county = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(r"^\d{6}$"),
        metadata={"description": "6-digit county code"},
    )
    year = ma.fields.Integer(load_default=None, metadata={"description": "the year in the file names"})
