"""Today with htmx: a tap answers with the exercise's card, a fresh rest timer and the message,
out of band; a refused set answers 422 with the error inside the card and stores nothing."""

from __future__ import annotations

import re

from test_web_pages import count, login

from api_support import World, world_fixture
from runlift.store.tables import SetRow

HX = {"HX-Request": "true", "HX-Boosted": "true"}


world = world_fixture  # the populated API on SQLite and on PostgreSQL


def _main_card(html: str) -> tuple[str, dict[str, str]]:
    """The first working (not warm-up) exercise card and its first one-tap form's fields."""
    card = re.search(r'<section class="exercise main" id="(ex-\d+)"(.*?)</section>', html, re.S)
    assert card, html[:800]
    form = re.search(r'<form method="post" action="/today/sets">(.*?)</form>', card.group(2), re.S)
    assert form
    return card.group(1), dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form.group(1)))


def test_a_tap_answers_with_the_card_timer_and_message(world: World) -> None:
    c = world.client
    token = login(c)
    page = c.get("/today").text
    assert '<script src="/static/htmx-2.0.11.min.js" defer></script>' in page
    assert f'"X-CSRF-Token": "{token}"' in page  # every htmx request carries the token
    assert 'id="rest-timer" data-left="0"' in page
    assert "hidden" in page
    card_id, fields = _main_card(page)
    planned_sets = len(
        re.findall(r'class="set[ "]', page.split(f'id="{card_id}"')[1].split("</section>")[0])
    )
    rest = int(fields["rest_s"])
    assert rest > 0

    for n in range(1, planned_sets + 1):
        r = c.post("/today/sets", data=fields, headers=HX)
        assert r.status_code == 200
        body = r.text
        assert "<html" not in body  # a fragment, not the page
        assert body.count("<section") == 1
        assert f'id="{card_id}"' in body
        assert body.count("✓ Set") == n
        timer = re.search(r'<div class="timer" id="rest-timer" data-left="(\d+)"[^>]*>', body)
        assert timer
        assert int(timer.group(1)) == rest
        assert 'hx-swap-oob="true"' in timer.group(0)
        assert "hidden" not in timer.group(0)
        assert re.search(
            r'<div id="flash" hx-swap-oob="true"><div class="msg" role="status">Logged ', body
        )
    assert count(world, SetRow) == planned_sets
    # The page agrees with the fragments.
    assert c.get("/today").text.count("✓ Set") == planned_sets


def test_a_refused_set_is_shown_in_its_card_and_nothing_is_stored(world: World) -> None:
    c = world.client
    login(c)
    card_id, fields = _main_card(c.get("/today").text)
    bad = {**fields, "load": "heavy"}
    r = c.post("/today/sets", data=bad, headers=HX)
    assert r.status_code == 422
    assert f'id="{card_id}"' in r.text
    assert re.search(r'role="alert">load: expected a number; got &#39;heavy&#39;<', r.text)
    assert "<details open>" in r.text  # the edit form is open to fix it
    assert count(world, SetRow) == 0
    # Without htmx the same refusal is a redirect with the message, as before.
    r = c.post("/today/sets", data=bad, follow_redirects=False)
    assert r.status_code == 303
    assert "err=load" in r.headers["location"]
    assert count(world, SetRow) == 0


def test_htmx_is_served_from_the_package_and_cached(world: World) -> None:
    r = world.client.get("/static/htmx-2.0.11.min.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert "immutable" in r.headers["cache-control"]
    assert "htmx" in r.text[:2000]
    assert len(r.content) > 40_000
    for bad in ("/static/../pyproject.toml", "/static/nope.js", "/static/README.md"):
        assert world.client.get(bad).status_code == 404
