# The probe lives with its checks (cms/health.py); the URLconf finds it here with the views.
from cms.health import healthz

__all__ = ["healthz"]
