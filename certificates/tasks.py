"""Background work for certificates (django-tasks: the database queue, or RQ at scale)."""

from django_tasks import task


@task()
def certificate_render_pdf(certificate_id: int) -> str:
    """Render an issued certificate's PDF once; a retried or duplicate task changes nothing."""
    from certificates.services import certificate_store_pdf

    certificate = certificate_store_pdf(certificate_id=certificate_id)
    return certificate.pdf.name if certificate is not None and certificate.pdf else ""
