"""API plumbing shared by every app: the error format (JSON with a Vietnamese `detail`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, NotFoundError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotFoundError):
        exc = Http404()
    if isinstance(exc, DomainError) and not isinstance(exc, NotFoundError):
        body: dict[str, Any] = {"detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy hoặc bạn không có quyền xem đối tượng này."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_("Dữ liệu gửi lên không phải JSON hợp lệ."))
    elif isinstance(exc, exceptions.NotAuthenticated):
        exc = exceptions.NotAuthenticated(_("Bạn chưa đăng nhập hoặc chưa gửi mã truy cập (token)."))
    elif isinstance(exc, exceptions.MethodNotAllowed):
        exc = exceptions.MethodNotAllowed(context["request"].method, _("Phương thức không được hỗ trợ."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" not in data:
        # Field errors: keep them per field and add one Vietnamese sentence that names them.
        response.data = {"detail": _("Dữ liệu không hợp lệ, xem lỗi của từng trường."), "errors": data}
    elif isinstance(data, list):
        response.data = {"detail": " ".join(str(x) for x in data)}
    return response
