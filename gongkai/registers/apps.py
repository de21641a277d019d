from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "gongkai.registers"
    label = "registers"
    verbose_name = "工作台账（培训、听取汇报、政策评价、信息报送、案例、督查）"

    def ready(self):
        from . import hooks

        hooks.register()
