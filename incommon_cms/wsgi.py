import os

from django.core.wsgi import get_wsgi_application

from incommon_cms.core.wsgi_guard import TextCharsetOnly

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incommon_cms.settings.production")

application = TextCharsetOnly(get_wsgi_application())
