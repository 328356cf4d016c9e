"""The NY/T 2539 layout as data: DK field widths, the 权属 tables in MDB column order, code lists."""

from __future__ import annotations

from ..codelists import CONTRACT_METHOD, PARCEL_CATEGORY, SEX
from ..people.relations import RELATIONS

# (name, fiona-style type) in template order; `dbf.write_dbf` writes these widths exactly (exchange.md).
DK_SCHEMA = (
    ("BSM", "int:10"),
    ("YSDM", "str:6"),
    ("DKBM", "str:19"),
    ("DKMC", "str:50"),
    ("SYQXZ", "str:2"),
    ("DKLB", "str:2"),
    ("DLDJ", "str:2"),
    ("TDLYLX", "str:3"),
    ("SFJBNT", "str:1"),
    ("TDYT", "str:1"),
    ("DKDZ", "str:50"),
    ("DKXZ", "str:50"),
    ("DKNZ", "str:50"),
    ("DKBZ", "str:50"),
    ("ZJRXM", "str:100"),
    ("DKBZXX", "str:254"),
    ("KJZB", "str:254"),
    ("SCMJ", "float:16.2"),
    ("SCMJM", "float:16.2"),
)
DK_MANDATORY = ("DKBM", "DKLB", "TDLYLX", "SYQXZ", "SCMJ")
# 基本农田保护区 (JBNTBHQ), written on export from the loaded 永久基本农田 layer: 要素代码 251100, the
# protection area's number (the delivered feature's own id, else BSM), its area in mu.
JBNTBHQ_SCHEMA = (("BSM", "int:10"), ("YSDM", "str:6"), ("BHQBH", "str:10"), ("JBNTMJ", "float:15.2"))

# Column kinds: T text, N decimal(15,2), I int16, D date.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "FBF": (
        ("FBFBM", "T"),
        ("FBFMC", "T"),
        ("FBFFZRXM", "T"),
        ("FZRZJLX", "T"),
        ("FZRZJHM", "T"),
        ("LXDH", "T"),
        ("FBFDZ", "T"),
        ("YZBM", "T"),
        ("FBFDCY", "T"),
        ("FBFDCRQ", "D"),
        ("FBFDCJS", "T"),
    ),
    "CBF": (
        ("CBFBM", "T"),
        ("CBFLX", "T"),
        ("CBFMC", "T"),
        ("CBFZJLX", "T"),
        ("CBFZJHM", "T"),
        ("CBFDZ", "T"),
        ("YZBM", "T"),
        ("LXDH", "T"),
        ("CBFCYSL", "I"),
        ("CBFDCRQ", "D"),
        ("CBFDCY", "T"),
        ("CBFDCJS", "T"),
        ("GSJS", "T"),
        ("GSJSR", "T"),
        ("GSSHRQ", "D"),
        ("GSSHR", "T"),
    ),
    "CBF_JTCY": (
        ("CBFBM", "T"),
        ("CYXM", "T"),
        ("CYXB", "T"),
        ("CYZJLX", "T"),
        ("CYZJHM", "T"),
        ("YHZGX", "T"),
        ("CYBZ", "T"),
        ("SFGYR", "T"),
        ("CYBZSM", "T"),
    ),
    "CBHT": (
        ("CBHTBM", "T"),
        ("YCBHTBM", "T"),
        ("FBFBM", "T"),
        ("CBFBM", "T"),
        ("CBFS", "T"),
        ("CBQXQ", "D"),
        ("CBQXZ", "D"),
        ("HTZMJ", "N"),
        ("CBDKZS", "I"),
        ("QDSJ", "D"),
        ("HTZMJM", "N"),
        ("YHTZMJ", "N"),
        ("YHTZMJM", "N"),
    ),
    "CBDKXX": (
        ("DKBM", "T"),
        ("FBFBM", "T"),
        ("CBFBM", "T"),
        ("CBJYQQDFS", "T"),
        ("HTMJ", "N"),
        ("CBHTBM", "T"),
        ("LZHTBM", "T"),
        ("CBJYQZBM", "T"),
        ("YHTMJ", "N"),
        ("HTMJM", "N"),
        ("YHTMJM", "N"),
        ("SFQQQG", "T"),
    ),
    "LZHT": (
        ("CBHTBM", "T"),
        ("LZHTBM", "T"),
        ("CBFBM", "T"),
        ("SRFBM", "T"),
        ("LZFS", "T"),
        ("LZQX", "T"),
        ("LZQXKSRQ", "D"),
        ("LZQXJSRQ", "D"),
        ("LZMJ", "N"),
        ("LZDKS", "I"),
        ("LZQTDYT", "T"),
        ("LZHTDYT", "T"),
        ("LZJGSM", "T"),
        ("HTQDRQ", "D"),
        ("LZMJM", "N"),
    ),
    "CBJYQZDJB": (
        ("CBJYQZBM", "T"),
        ("FBFBM", "T"),
        ("CBFBM", "T"),
        ("CBFS", "T"),
        ("CBQX", "T"),
        ("CBQXQ", "D"),
        ("CBQXZ", "D"),
        ("DKSYT", "T"),
        ("YCBJYQZBH", "T"),
        ("CBJYQZLSH", "T"),
        ("DJBFJ", "T"),
        ("DBR", "T"),
        ("DJSJ", "D"),
    ),
    "CBJYQZ": (
        ("CBJYQZBM", "T"),
        ("FZJG", "T"),
        ("FZRQ", "D"),
        ("QZSFLQ", "T"),
        ("QZLQRQ", "D"),
        ("QZLQRXM", "T"),
        ("QZLQRZJLX", "T"),
        ("QZLQRZJHM", "T"),
    ),
    # 权证补发 / 权证换发 / 权证注销: the history of a certificate line (CBJYQZBM)
    "CBJYQZ_QZBF": (
        ("CBJYQZBM", "T"),
        ("QZBFYY", "T"),
        ("BFRQ", "D"),
        ("QZBFLQRQ", "D"),
        ("QZBFLQRXM", "T"),
        ("BFLQRZJLX", "T"),
        ("BFLQRZJHM", "T"),
    ),
    "CBJYQZ_QZHF": (
        ("CBJYQZBM", "T"),
        ("QZHFYY", "T"),
        ("HFRQ", "D"),
        ("QZHFLQRQ", "D"),
        ("QZHFLQRXM", "T"),
        ("HFLQRZJLX", "T"),
        ("HFLQRZJHM", "T"),
    ),
    "CBJYQZ_QZZX": (("CBJYQZBM", "T"), ("ZXYY", "T"), ("ZXRQ", "D")),
    "QSLYZLFJ": (("CBJYQZBM", "T"), ("ZLFJBH", "T"), ("ZLFJMC", "T"), ("ZLFJRQ", "D"), ("FJ", "T")),
}
MANDATORY_TABLES = ("FBF", "CBF", "CBDKXX", "CBHT", "QSLYZLFJ", "CBJYQZDJB", "CBJYQZ")
# Fields without which a row cannot be loaded (EX-02); the others are kept when present.
MANDATORY_FIELDS = {
    "FBF": ("FBFBM", "FBFMC"),
    "CBF": ("CBFBM", "CBFLX", "CBFMC"),
    "CBF_JTCY": ("CBFBM", "CYXM", "CYZJHM", "YHZGX"),
    "CBHT": ("CBHTBM", "FBFBM", "CBFBM", "CBFS", "CBQXQ", "CBQXZ"),
    "CBDKXX": ("DKBM", "FBFBM", "CBFBM", "CBHTBM"),
    "CBJYQZDJB": ("CBJYQZBM", "CBFBM", "DJSJ"),
    "CBJYQZ": ("CBJYQZBM", "FZRQ"),
    "QSLYZLFJ": ("CBJYQZBM",),
    "LZHT": ("CBHTBM", "LZHTBM", "SRFBM", "LZQXKSRQ", "LZQXJSRQ"),
    "CBJYQZ_QZBF": ("CBJYQZBM", "QZBFYY", "BFRQ"),
    "CBJYQZ_QZHF": ("CBJYQZBM", "QZHFYY", "HFRQ"),
    "CBJYQZ_QZZX": ("CBJYQZBM", "ZXYY", "ZXRQ"),
}
# LZFS of a 转让 / 互换 of the contract right itself (the 确权 contracts already hold its result): replayed
# by `transfers` (LC-07, LC-08); every other LZHT is a lease of the management right (LC-09). LZHT_KEPT: its
# fields the lease keeps as given.
CONTRACT_RIGHT_TRANSFERS = ("200", "300")
LZHT_KEPT = ("SRFBM", "LZFS", "LZQX", "LZQTDYT", "LZJGSM")
# The history tables: (table, reason column, date column, the registry's status of the certificate it ends)
CERTIFICATE_HISTORY = (
    ("CBJYQZ_QZBF", "QZBFYY", "BFRQ", "reissued"),
    ("CBJYQZ_QZHF", "QZHFYY", "HFRQ", "replaced"),
    ("CBJYQZ_QZZX", "ZXYY", "ZXRQ", "cancelled"),
)

CODE_LISTS = {
    "DKLB": set(PARCEL_CATEGORY),
    "SYQXZ": {"30", "31", "32", "33", "34"},
    "SFJBNT": {"1", "2"},
    "CBFS": set(CONTRACT_METHOD),
    "CBFLX": {"1", "2", "3"},
    "CYXB": set(SEX),
    # GB/T 21010-2007 first- and second-level classes as the 确权 packages carry them
    "TDLYLX": {
        "011",
        "012",
        "013",
        "021",
        "022",
        "023",
        "031",
        "032",
        "033",
        "041",
        "042",
        "043",
        "104",
        "114",
        "117",
        "122",
        "123",
        "127",
    },
    "YHZGX": set(RELATIONS),  # GB/T 4761
}
HEAD_RELATIONS = ("01", "02")  # 本人 / 户主
INDEFINITE = "9999-01-01"  # CBQXZ of a term 长久不变


def land_class_2017(tdlylx: str) -> str:
    """GB/T 21010-2007 三位 (011) → the registry's 2017 four-digit class (0101)."""
    return tdlylx[:2] + "0" + tdlylx[2:]


def tdlylx_2007(land_class: str | None) -> str:
    return (land_class[:2] + land_class[3:]) if land_class else ""
