from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .auth import lockout_message


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Tên đăng nhập"))
    password = serializers.CharField(label=_("Mật khẩu"), style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class ObtainTokenView(APIView):
    """Exchange a username and password for an API token (`Authorization: Token …`)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes: list = []

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        if not data.is_valid():
            return Response(
                {"detail": _("Cần nhập tên đăng nhập và mật khẩu."), "errors": data.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        django_request = request._request
        user = authenticate(
            django_request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if getattr(django_request, "axes_locked_out", False):
            return Response({"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not user.is_active:
            return Response(
                {"detail": _("Tên đăng nhập hoặc mật khẩu không đúng.")}, status=status.HTTP_400_BAD_REQUEST
            )
        ttl = timedelta(hours=settings.TOKEN_TTL_HOURS)
        token, _created = Token.objects.get_or_create(user=user)
        if token.created < timezone.now() - ttl:
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key, "expires_at": token.created + ttl})
