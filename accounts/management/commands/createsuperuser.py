"""Django's createsuperuser, whose new account can sign in through the site's one login.

Whoever runs it at the server's console chose the address, so it is marked verified (the login
refuses unverified accounts, accounts/auth_backends.py), and it is stored lower-cased, as
allauth stores addresses and looks them up ("Admin@..." could never sign in).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.management.commands import createsuperuser


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        database = options["database"]
        users = self.UserModel._default_manager.db_manager(database)
        existing = set(users.filter(is_superuser=True).values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in users.filter(is_superuser=True).exclude(pk__in=existing):
            if not users.filter(email=user.email.lower()).exclude(pk=user.pk).exists():
                user.email = user.email.lower()
                user.save(update_fields=["email"])
            EmailAddress.objects.db_manager(database).update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
