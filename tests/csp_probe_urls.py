"""A URLconf for the CSP browser test only: the app's routes plus one page that bypasses escaping.

The page stands for an escaping bug anywhere in the desk: markup an attacker got into a response
unescaped. The Content-Security-Policy, not the template, must stop its scripts.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

INJECTED = """<!doctype html><html><head><title>probe</title></head><body>
<p id="text">An article title an attacker controls:</p>
<script>window.injectedInline = true;</script>
<img id="broken" src="/static/missing.png" onerror="window.injectedHandler = true">
<div id="styled" style="color: rgb(255, 0, 0)">styled inline</div>
<script src="data:text/javascript,window.injectedData=true"></script>
</body></html>"""


def injected(request):
    return HttpResponse(INJECTED)


urlpatterns = [path("csp-probe/", injected), *app_urlpatterns]
