"""PAR-*: parcels."""

from .rule import _LCL, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PAR-01",
        "地块图形须为受支持坐标系下有效、非空的面或多面；无效图形予以拒绝并说明原因，不得静默修复。",
        "A parcel geometry must be a valid, non-empty Polygon/MultiPolygon in a supported CRS; invalid "
        "geometry is "
        "refused with its reason, never silently repaired.",
        "GB/T 21010; CGCS2000",
    ),
    Rule(
        "PAR-02",
        "现行地块不得重叠：内部相交面积超过0.01平方米即为冲突，共边不冲突。",
        "Current parcels may not overlap: interiors intersecting by more than 0.01 m² conflict; shared "
        "edges do not.",
        _LCL + "第二十四条",
    ),
    Rule(
        "PAR-03",
        "面积按CGCS2000（GRS80椭球）计算椭球面积，以平方米和亩报告（1亩=2000/3平方米）。",
        "Area is geodesic on CGCS2000/GRS80, reported in m² and mu (1 mu = 2000/3 m²).",
        "CGCS2000",
    ),
    Rule(
        "PAR-04",
        "地块须位于集体经济组织所在县：始终在该县的高斯-克吕格3度带内；管理员已载入县界的，须在县界以内。",
        "A parcel lies in its collective's county: always within the county's Gauss-Krüger 3° zone, and "
        "within "
        "the county boundary once an administrator has loaded one.",
        "CGCS2000; GB/T 2260",
    ),
)
