from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self):
        # The public verify page is kept for anonymous visitors until any certificate changes
        # (issued, revoked, reinstated, reissued): every change saves it or logs an event.
        from django.db.models.signals import post_delete, post_save

        from certificates import receivers
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
