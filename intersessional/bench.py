"""The benchmark's baseline: what Django itself costs on this machine.

Routed only when BENCH_BASELINE=1 (set by scripts/bench.sh), never in production.
It goes through the whole middleware stack like every other page, so a page's
ratio to it is what that page's own work costs.
"""

from django.http import HttpResponse


def ok(request):
    return HttpResponse("ok", content_type="text/plain")
