"""Background work for schools (django-tasks): invitation e-mails leave here, never from the
request that made the invitation."""

from django_tasks import task


@task()
def invitation_send(invitation_id: int) -> bool:
    """Mail an open invitation with a fresh link. False if it closed (accepted, revoked, gone)
    before the worker got to it."""
    from schools.invitation_mail import invitation_mail_send

    return invitation_mail_send(invitation_id=invitation_id)
