"""With DEBUG off, gunicorn alone serves the desk's assets and the publishers' embed script."""


def test_it_serves_the_embed_script_and_the_desk_assets_without_debug(client, settings):
    assert settings.DEBUG is False
    for path, kind in (
        ("/static/claimdesk/embed.js", "javascript"),
        ("/static/vendor/htmx.min.js", "javascript"),
        ("/static/claimdesk/desk.css", "css"),
    ):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        assert kind in response["Content-Type"]
        assert "max-age" in response["Cache-Control"]
        assert b"".join(response.streaming_content)


def test_it_does_not_serve_files_outside_the_static_folders(client):
    response = client.get("/static/../config/settings.py", secure=True)
    assert response.status_code == 404
