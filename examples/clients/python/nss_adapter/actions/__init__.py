"""Every action of the driver protocol (docs/kit.md), by name."""

from .application import file_application
from .change import file_change_application
from .clarification import answer_clarification
from .password import change_password
from .portal import read_id_notice, read_news
from .register import register_temp_account
from .settings import answer_system_settings_clarification, file_system_settings

ACTIONS = {
    "register_temp_account": register_temp_account,
    "file_application": file_application,
    "file_change_application": file_change_application,
    "read_news": read_news,
    "read_id_notice": read_id_notice,
    "answer_clarification": answer_clarification,
    "change_password": change_password,
    "file_system_settings": file_system_settings,
    "answer_system_settings_clarification": answer_system_settings_clarification,
}
