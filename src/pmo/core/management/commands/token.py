"""`pmo token USERNAME`: prints that user's API token (creating it on first use); `--reset` replaces it,
`--revoke` withdraws it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print the API token of USERNAME (use it as 'Authorization: Token <token>')."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="replace the existing token with a new one")
        parser.add_argument("--revoke", action="store_true", help="withdraw the token: it no longer works")

    def handle(self, *args, username: str, reset: bool, revoke: bool, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user '{username}'.") from None
        if revoke:
            deleted, _ = Token.objects.filter(user=user).delete()
            self.stdout.write(f"Token of '{username}' revoked." if deleted else f"'{username}' had no token.")
            return
        if reset:
            Token.objects.filter(user=user).delete()
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
