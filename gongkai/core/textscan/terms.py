"""A small default list of wording mistakes seen on government sites (文字关、政治关).

Each entry is (wrong, correct, note[, severity]). Callers pass it to the scanner (``terms=DEFAULT_TERMS``) and add
their own; it is deliberately modest: forms that are wrong in every context an official writes in. "Serious wording
errors" (严重表述错误) fail a government website outright (国办秘函〔2019〕19号), so the political ones are high.
"""

from .model import HIGH, LOW, MEDIUM, Term

DEFAULT_TERMS: tuple[Term, ...] = (
    # 政治性表述 (新华社新闻报道中的禁用词和慎用词)
    Term("台湾总统", "台湾地区领导人", "涉台表述：不称“总统”", HIGH),
    Term("台湾政府", "台湾当局", "涉台表述：不称“政府”", HIGH),
    Term("大陆和香港", "内地和香港", "涉港表述：与香港、澳门对称时用“内地”", HIGH),
    Term("大陆和澳门", "内地和澳门", "涉澳表述：与香港、澳门对称时用“内地”", HIGH),
    # 机构名称与职务
    Term("国家总理", "国务院总理", "职务名称不规范", HIGH),
    Term("国务院办公室", "国务院办公厅", "机构名称错误：国务院设办公厅", HIGH),
    Term("中共中央办公室", "中共中央办公厅", "机构名称错误：中共中央设办公厅", HIGH),
    Term("县政府办公厅", "县政府办公室", "机构名称错误：县级政府设办公室", MEDIUM),
    Term("县人民政府办公厅", "县人民政府办公室", "机构名称错误：县级政府设办公室", MEDIUM),
    Term("党中央国务院", "党中央、国务院", "并列机关之间用顿号", LOW),
    # 常见错别字与用法
    Term("截止目前", "截至目前", "“截至”后接时间点；“截止”不带宾语", MEDIUM),
    Term("截止到", "截至", "“截至”后接时间点", MEDIUM),
    Term("做为", "作为", "错别字", MEDIUM),
    Term("布署", "部署", "错别字", MEDIUM),
    Term("再接再励", "再接再厉", "错别字", MEDIUM),
    Term("迫不急待", "迫不及待", "错别字", MEDIUM),
    Term("一愁莫展", "一筹莫展", "错别字", MEDIUM),
    Term("暴光", "曝光", "错别字", MEDIUM),
    Term("其它", "其他", "规范用字：统一用“其他”", LOW),
    Term("二零二", "二〇二", "年份中的“零”写作“〇”", LOW),
)
