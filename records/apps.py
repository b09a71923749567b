"""The CE record: transcripts, share links, the school register, reporting to boards, retention."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "CE records"

    def ready(self) -> None:
        from records import receivers, retention

        retention.connect()  # CE records younger than the retention window cannot be deleted
        receivers.connect()  # a corrected licence number sends rejected completions again
