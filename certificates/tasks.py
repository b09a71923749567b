"""Background work for certificates (django-tasks: the database queue, or RQ at scale)."""

from django_tasks import task


@task()
def certificate_render_pdf(certificate_id: int) -> str:
    """Render an issued certificate's PDF and sign its credential, each once.

    A retried or duplicate task changes nothing.
    """
    from certificates.credentials import credential_ensure
    from certificates.services import certificate_store_pdf

    certificate = certificate_store_pdf(certificate_id=certificate_id)
    if certificate is not None and certificate.status == certificate.Status.ISSUED:
        credential_ensure(certificate=certificate)
    return certificate.pdf.name if certificate is not None and certificate.pdf else ""
