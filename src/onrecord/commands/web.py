"""``onrecord serve``: the local web app."""

from __future__ import annotations

import ipaddress

import click

from onrecord.errors import InputError, OnrecordError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(main: click.Group, train: click.Group, evaluate: click.Group) -> None:
    @main.command()
    @click.option(
        "--db",
        "db_url",
        required=True,
        metavar="URL",
        help="The corpus: a database URL (e.g. sqlite:///corpus.db), or 'memory:' for a throwaway one.",
    )
    @click.option(
        "--host", default="127.0.0.1", show_default=True, help="Address to bind. Anything but loopback needs --token."
    )
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
    @click.option(
        "--token",
        envvar="ONRECORD_TOKEN",
        default=None,
        help="Token that uploads and deletions must present (env ONRECORD_TOKEN).",
    )
    @click.option("--structure-only", is_flag=True, help="Analyse uploads for structure only (no models).")
    @click.option(
        "--max-upload-kib",
        default=10 * 1024,
        show_default=True,
        type=click.IntRange(1, 50 * 1024),
        help="Largest transcript accepted, in KiB.",
    )
    def serve(db_url: str, host: str, port: int, token: str | None, structure_only: bool, max_upload_kib: int) -> None:
        """Serve the web app: upload transcripts, read reports, browse and search the corpus."""
        try:
            import uvicorn

            from onrecord.web import open_store
            from onrecord.web.app import create_app, default_analyzer
        except ImportError as exc:
            raise OnrecordError(
                f"the web app needs its extras: pip install 'onrecord[web]' ({exc.name} missing)"
            ) from exc
        local = is_loopback(host)
        if not local and not token:
            raise InputError(f"binding to {host} exposes the app to other machines: set --token or ONRECORD_TOKEN")
        if token is not None and len(token) < 12:
            raise InputError("the token is too short: use at least 12 characters")
        store = open_store(db_url)
        allowed = ["127.0.0.1", "localhost", "::1", "[::1]"] if local else None
        app = create_app(
            store,
            token=token,
            analyzer=default_analyzer([] if structure_only else None),
            max_upload=max_upload_kib * 1024,
            allowed_hosts=allowed,
        )
        click.echo(f"onrecord: serving {db_url} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)

    _ = (train, evaluate)
