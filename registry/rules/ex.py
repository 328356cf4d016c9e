"""EX-*: the exchange checks of a NY/T 2539 package (exchange.md): an error refuses the import, a warning is
reported."""

from .rule import _LCL, _NYT, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "EX-01",
        "目录结构：县级目录“6位代码+名称”，矢量数据含至少一个DK图层，权属数据含权属表（MDB或XLSX）；文件名"
        "中的年份一致。",
        "Layout: a county folder <6 digits><name>, 矢量数据 with at least one DK shapefile, 权属数据 with "
        "the "
        "tables (MDB or XLSX); the year in the file names agrees.",
        _NYT,
    ),
    Rule(
        "EX-02",
        "标准规定的必选表和必选字段齐全；多余字段保留或忽略。",
        "Every mandatory table and field of the standard is present; extra fields are kept or ignored.",
        _NYT,
    ),
    Rule(
        "EX-03",
        "文本编码依次由DBF语言字节、.cpg、GBK确定；语言字节与.cpg矛盾的拒绝导入。",
        "Text encoding is decided (DBF language byte, then .cpg, then GBK); byte and .cpg that disagree are "
        "refused.",
        _NYT,
    ),
    Rule(
        "EX-04",
        ".prj解析为CGCS2000（EPSG:4490或高斯-克吕格分带4513–4554），且地块位于该县所在分带内。",
        "The .prj resolves to CGCS2000 (EPSG:4490 or a Gauss-Krüger zone 4513–4554) and the parcels fall "
        "inside "
        "the county's zone.",
        _NYT,
    ),
    Rule(
        "EX-05",
        "编码长度与前缀正确（发包方编码14位且属本县；承包方编码=发包方编码+4位；地块编码=发包方编码+5位；"
        "合同编码=承包方编码+承包方式字母）且唯一。",
        "Codes have their lengths and prefixes (FBFBM 14 in the county; CBFBM = FBFBM + 4; DKBM = FBFBM + 5; "
        "CBHTBM = CBFBM + method letter) and are unique.",
        _NYT,
    ),
    Rule(
        "EX-06",
        "引用成立：承包地块信息指向存在的地块、承包方和合同；家庭成员指向存在的承包方；权证有登记簿和合同。",
        "References hold: every CBDKXX names an existing DK, CBF and CBHT; every CBF_JTCY an existing CBF; "
        "every "
        "certificate its register entry and contract.",
        _NYT,
    ),
    Rule(
        "EX-07",
        "地块在包内及与已登记地块之间均符合PAR-01和PAR-02。",
        "Parcels obey PAR-01 and PAR-02, within the package and against the registry.",
        _NYT,
    ),
    Rule(
        "EX-08",
        "实测面积与椭球面积相差不超过1%或1平方米；合同面积之和相符（警告）。",
        "The surveyed area SCMJ agrees with the geodesic area within 1 % or 1 m²; contract areas add up "
        "(warning).",
        _NYT,
    ),
    Rule(
        "EX-09",
        "人员：公民身份号码有效（15位号码转换为18位并报告），每户一名户主，一人只属一户；号码无效或重复的拒绝"
        "。",
        "Persons: valid GB 11643 numbers (a 15-digit number is converted to 18 digits and reported), one 户"
        "主 per "
        "household, a person in one household only; invalid or duplicated numbers are refused.",
        "GB 11643-1999",
    ),
    Rule(
        "EX-10",
        "期限：起始早于终止；9999-01-01表示长久不变；耕地家庭承包符合LC-02（警告）。",
        "Terms: start before end; 9999-01-01 is 长久不变; arable family contracts follow LC-02 (warning).",
        _LCL,
    ),
    Rule(
        "EX-11",
        "取值属于标准代码表（地块类别、土地利用类型、所有权性质、承包方式、与户主关系、性别、承包方类型）。",
        "Values are in the standard's code lists (DKLB, TDLYLX, SYQXZ, CBFS, YHZGX, CYXB, CBFLX).",
        _NYT,
    ),
    Rule(
        "EX-12",
        "导出时所有文本均可用GBK表示；不能表示的记录按名称拒绝导出。",
        "On export, every text is representable in GBK; a record that is not is refused by name.",
        _NYT,
    ),
)
