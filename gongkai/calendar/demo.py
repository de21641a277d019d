"""The demo county's calendar: 2004–2026 from the chinesecalendar package.

2027 is left out on purpose, so deadlines running into it show the provisional (暂定) path and the dashboard
asks the openness office to import the 2027 notice.
"""

from . import services


def load(out):
    created = services.seed_from_package()
    if created:
        out.write(
            f"工作日历：已从 chinesecalendar 数据包导入{created[0]}–{created[-1]}年节假日安排（2027年未导入）。\n"
        )
    else:
        out.write("工作日历：已存在，未改动。\n")
