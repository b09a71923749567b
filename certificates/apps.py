from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self):
        from certificates import receivers, retention  # noqa: F401  (connects the receivers)
        from certificates.demo import demo_loaded_receiver
        from courses.demo.signals import demo_loaded

        retention.connect()  # CE records younger than the retention window cannot be deleted

        # After quizzes' receiver (apps are readied in INSTALLED_APPS order), which finishes
        # the demo learner's course that this one certifies.
        demo_loaded.connect(demo_loaded_receiver, dispatch_uid="certificates.demo_certificate")
