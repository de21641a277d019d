"""Recognising a person's name (姓名) in a table, to judge aggregation (数据汇聚).

A name column is found by its header (姓名, 户主, 申请人, 联系人 …). Without a header, a cell of 2–4 Han
characters starting with a common surname counts as a name. The surname list holds the common single surnames
(about 98% of the population) and the usual compound ones.
"""

from __future__ import annotations

import re

from .model import words as _words

SINGLE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖"
    "练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由钊曾"
)
COMPOUND_SURNAMES = frozenset(
    _words(
        "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 西门 南宫 独孤 百里 呼延"
        " 澹台 公冶 太史 申屠 万俟 闻人 赫连 拓跋"
    )
)

# Header cells that announce a column of names.
NAME_HEADERS = frozenset(
    _words(
        "姓名 户主 户主姓名 申请人 申请人姓名 联系人 联系人姓名 收款人 领取人 持卡人 开户人 户名 账户名 监护人 家长姓名"
        " 学生姓名 被救助人 救助对象 补助对象 受助人 当事人 承包人 被征收人 权利人 职工姓名 人员姓名 死者姓名 患者姓名"
    )
)
# Labels that introduce a name inside running text ("联系人：张三").
NAME_LABEL_RE = re.compile(
    r"(?:姓名|户主|申请人|联系人|收款人|领取人|持卡人|监护人|当事人)\s*[:：]?\s*"
    r"((?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|南宫)?[\u4e00-\u9fff]{1,3})"
)

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_FIELD_SEP_RE = re.compile(r"[\s,，|｜;；、]+")
_HAN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}")
# Words that start with a surname character but are not names; and endings of places and bodies.
_NOT_NAMES = frozenset(
    _words(
        "合计 小计 总计 金额 万元 江西 高中 初中 明细 周期 周边 安全 安置 平均 平安 国家 全县 全市 全省 全部 公开 公示 公告"
        " 公司 时间 时限 文件 文化 方式 方面 方案 白天 黄金 石头 程序 许可 成员 成绩 成果 和谐 王牌 管理 管护 任务 任期"
        " 钱款 金融 华侨 华人 余额 于是 向前 常住 常用 温度 康复 施工 施肥 牛羊 齐全 易地 乔木 庄稼 章程 左右 甘蔗 包括"
        " 宁静 尚未 单位 单价 季度 霍乱 路段 路面 游客 辛苦 管道 华人 房屋 房产 屈指 解决 解释 时期 司法 古代 吉祥 简单"
        " 车辆 项目 连续 景区 党员 党委 党建 宫颈 费用 冷库 席位 卫生 米面 宗教 全体 应急 边境 师生 商品 荣誉 原因 原则"
        " 燕子 储蓄 劳动 皮肤 楼房 楼层 盘点 满意 位置 区域 海拔 权益 强化 帅气 盖章 练习 廉政 祖国 巴士 丰收 支出"
        " 支付 国有 平台 计划 计算 索引 宣传 晋升 相关 初步 门诊 云南 容量 敬老 来源 都市 普通 戈壁 薄弱 母亲 修改"
        " 宿舍 鲜花 印发 隆重 诸如 战略 危房 危险 银行 公益 利用 利息 居住 居民 居委 干部 干旱 元旦 信息 信用 展示"
        " 富民 由于 农业 农村 农民 农户 田地 田间 林业 林地 水利 牛奶 马路 高速 高度 东方"
    )
)
_NOT_IN_NAME_COLUMN = frozenset(_words("合计 小计 总计 备注 说明 以下空白 空白"))
_PLACE_OR_BODY_ENDINGS = frozenset("省市县区镇乡村组局委办厅部处科所院校站队馆社会室股街路号栋楼元年月日")


def _surname_start(text: str) -> bool:
    return text[:2] in COMPOUND_SURNAMES or text[0] in SINGLE_SURNAMES


def is_name_header(cell: str) -> bool:
    if not cell or len(cell) > 16:
        return False
    text = "".join(cell.split())
    return text in NAME_HEADERS or (text.endswith("姓名") and len(text) <= 8)


def is_person_name(cell: str) -> bool:
    """A value in a name column: 2–4 Han characters (or a minority name with ·), not masked (张*, 张某)."""
    text = "".join((cell or "").split())
    if not _HAN_NAME_RE.fullmatch(text) or "某" in text:
        return False
    return text not in _NOT_IN_NAME_COLUMN


def looks_like_name(cell: str) -> bool:
    """A cell that is probably a name even without a header: 2–4 Han characters starting with a common surname."""
    text = (cell or "").strip()
    if not (2 <= len(text) <= 4) or not _HAN_NAME_RE.fullmatch(text) or "某" in text:
        return False
    return _surname_start(text) and text not in _NOT_NAMES and text[-1] not in _PLACE_OR_BODY_ENDINGS


def line_has_name(line: str) -> bool:
    """A labelled name ("姓名：张三") or a separated field that looks like a name ("1  张三  138…")."""
    if not _HAN_RE.search(line):
        return False
    for m in NAME_LABEL_RE.finditer(line):
        # With a colon anything name-shaped counts; without one ("户主身份证号") it must start with a surname.
        colon = ":" in m.group() or "：" in m.group()
        if is_person_name(m.group(1)) if colon else looks_like_name(m.group(1)):
            return True
    fields = _FIELD_SEP_RE.split(line.strip())
    if len(fields) < 3:  # a table row flattened to a line ("1 张三 138…"), not a sentence
        return False
    return any(looks_like_name(f) for f in fields)
