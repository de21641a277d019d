from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Passwords must mix letters and digits (常见等保要求：字母与数字组合)."""

    def validate(self, password, user=None):
        has_letter = any(c.isalpha() for c in password)
        has_digit = any(c.isdigit() for c in password)
        if not (has_letter and has_digit):
            raise ValidationError("密码须同时包含字母和数字。", code="password_character_classes")

    def get_help_text(self):
        return "密码须同时包含字母和数字。"


class MinimumLengthValidator:
    """Django's length rule with a Chinese message (Django's own lacks a zh-hans plural translation)."""

    def __init__(self, min_length: int = 10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短：至少需要 {self.min_length} 个字符，当前 {len(password)} 个。",
                code="password_too_short",
            )

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"
