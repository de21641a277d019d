"""Chinese names of the gazette's audit actions."""

LABELS = {
    "gazette.issue_created": "新建政府公报",
    "gazette.entries_added": "公报增加文件",
    "gazette.entry_removed": "公报移除文件",
    "gazette.entry_moved": "公报调整顺序",
    "gazette.issue_published": "出版政府公报",
    "gazette.distributed": "登记公报赠阅",
}
