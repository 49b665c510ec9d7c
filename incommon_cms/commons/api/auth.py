"""Partner tokens for the write API: `Authorization: Token <key>` (or `Bearer <key>`)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from ..models import ApiToken


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the word Token, with no spaces in it."))
        token = ApiToken.authenticate(header[1])
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class ReadOnlyOrPartnerToken(permissions.BasePermission):
    message = _("Writing needs a partner token.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or isinstance(request.auth, ApiToken)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = PartnerTokenAuthentication
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Writes only: `Token <key>`, a key given by the platform's administrators.",
        }
