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
