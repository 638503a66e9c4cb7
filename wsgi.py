"""WSGI entry point for gunicorn: `gunicorn wsgi:app`."""

from searchsvc.web import create_app

app = create_app()
