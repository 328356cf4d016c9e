"""Web pages through the Flask test client: sign in as a role, post forms with the page's CSRF token."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD

_TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


class WebClient:
    def __init__(self, client):
        self.client = client
        self._token = None

    def token(self) -> str:
        if self._token is None:
            page = self.client.get("/login")
            self._token = _TOKEN.search(page.get_data(as_text=True)).group(1)
        return self._token

    def login(self, username: str, password: str = PASSWORD):
        self._token = None  # a sign-out before may have ended the session the token belonged to
        r = self.client.post(
            "/login", data={"username": username, "password": password, "csrf_token": self.token()}
        )
        self._token = None  # signing in starts a fresh session
        return r

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post(self, url, data=None, **kw):
        data = {"csrf_token": self.token(), **(data or {})}
        return self.client.post(url, data=data, **kw)

    def post_json(self, url, json=None):
        return self.client.post(url, json=json, headers={"X-CSRFToken": self.token()})


@pytest.fixture
def web(app, world):
    return WebClient(app.test_client())


def text(response) -> str:
    return response.get_data(as_text=True)
