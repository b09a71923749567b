"""Serve the local fake CE Broker (records/tracking/fake_cebroker.py) for the demo: never the
real service. Point CEBROKER_URL and CEBROKER_VALIDATION_URL at the addresses it prints."""

from django.core.management.base import BaseCommand

from records.tracking.fake_cebroker import FakeCEBrokerServer


class Command(BaseCommand):
    help = "Serve a local fake of CE Broker's roster and licence validation services."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--unknown",
            nargs="*",
            default=["MA000000"],
            help="Licence numbers the fake does not know (rejected, and refused by validation).",
        )
        parser.add_argument(
            "--unknown-course",
            nargs="*",
            default=["20-000000"],
            help="Course tracking numbers the fake does not know (their records are rejected): "
            "set a course's approval number to one of them to try the correction by hand.",
        )

    def handle(self, *args, port: int, unknown: list[str], unknown_course: list[str], **options):
        server = FakeCEBrokerServer(port=port)
        server.fake.unknown_licences.update(unknown)
        server.fake.unknown_courses.update(unknown_course)
        self.stdout.write(
            f"Fake CE Broker: roster {server.url}  validation {server.validation_url}"
        )
        try:
            server.httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.httpd.server_close()
