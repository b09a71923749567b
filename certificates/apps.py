from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self):
        from certificates import receivers, retention
        from certificates.demo import demo_loaded_receiver
        from courses.demo.signals import demo_loaded

        retention.connect()  # CE records younger than the retention window cannot be deleted

        # After quizzes' receiver (apps are readied in INSTALLED_APPS order), which finishes
        # the demo learner's course that this one certifies.
        demo_loaded.connect(demo_loaded_receiver, dispatch_uid="certificates.demo_certificate")

        # The public verify page is kept for anonymous visitors until any certificate changes
        # (issued, revoked, reinstated, reissued): every change saves it or logs an event.
        from django.db.models.signals import post_delete, post_save

        from certificates.models import Certificate, CertificateEvent
        from cms import page_cache

        page_cache.register_scope("/certificates/verify/", receivers.VERIFY_PAGES)
        for model in (Certificate, CertificateEvent):
            for signal in (post_save, post_delete):
                signal.connect(
                    receivers.certificate_changed,
                    sender=model,
                    dispatch_uid=f"certificates_verify_cache_{model.__name__}_{id(signal)}",
                )
