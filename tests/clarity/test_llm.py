from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from onrecord.clarity.llm import ChatClient, LLMConfig, LLMError, parse_label, second_opinion
from onrecord.clarity.model import Pair, Prediction


class _Fake(BaseHTTPRequestHandler):
    script: ClassVar[list[tuple[int, str, dict[str, str]]]] = []
    seen: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        status, payload, headers = type(self).script.pop(0) if type(self).script else (500, "", {})
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        pass


def _reply(content: str) -> str:
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]})


@pytest.fixture()
def server() -> Iterator[str]:
    _Fake.script, _Fake.seen = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _pred(conf: float) -> Prediction:
    return Prediction("Ambivalent", 0.5, "Dodging", conf, {"Clear Non-Reply": 0.2}, {"Declining to answer": 0.1})


def test_retries_429_then_uses_the_label(server: str) -> None:
    _Fake.script = [(429, "{}", {"Retry-After": "0"}), (200, _reply('{"label": "Declining to answer"}'), {})]
    waits: list[float] = []
    cfg = LLMConfig(url=server, model="m", key="k", backoff_s=0.0)
    client = ChatClient(cfg, sleep=waits.append)
    out = second_opinion([Pair("Q?", "I won't say.")], [_pred(0.2)], cfg, client)
    client.close()
    assert out[0].evasion == "Declining to answer" and out[0].clarity == "Clear Non-Reply"
    assert out[0].source == "llm" and out[0].evasion_confidence == 0.5
    assert len(_Fake.seen) == 2 and _Fake.seen[0]["path"] == "/v1/chat/completions"
    assert _Fake.seen[0]["auth"] == "Bearer k" and len(waits) == 1


def test_confident_predictions_are_not_sent(server: str) -> None:
    cfg = LLMConfig(url=server, model="m", threshold=0.5)
    out = second_opinion([Pair("Q?", "A.")], [_pred(0.9)], cfg)
    assert out[0].source == "model" and _Fake.seen == []


def test_malformed_reply_and_server_errors_keep_the_model(server: str) -> None:
    _Fake.script = [(200, "not json", {}), (500, "", {}), (500, "", {})]
    cfg = LLMConfig(url=server, model="m", retries=1, backoff_s=0.0)
    client = ChatClient(cfg, sleep=lambda s: None)
    out = second_opinion([Pair("Q?", "A."), Pair("Q2?", "B.")], [_pred(0.1), _pred(0.1)], cfg, client)
    client.close()
    assert [p.evasion for p in out] == ["Dodging", "Dodging"]
    assert len(_Fake.seen) == 3


def test_timeout_is_an_llm_error() -> None:
    cfg = LLMConfig(url="http://127.0.0.1:9/v1", model="m", retries=0, timeout_s=0.5)
    client = ChatClient(cfg, sleep=lambda s: None)
    with pytest.raises(LLMError):
        client.classify(Pair("Q?", "A."))
    client.close()


def test_parse_label() -> None:
    assert parse_label('```json\n{"label": "Claims ignorance"}\n```') == "Claims ignorance"
    assert parse_label("I'd say this is General.") == "General"
    assert parse_label("partial answer") == "Partial/half-answer"
    with pytest.raises(LLMError):
        parse_label("no idea")


def test_config_from_env() -> None:
    assert LLMConfig.from_env({}) is None
    cfg = LLMConfig.from_env({"ONRECORD_LLM_URL": "http://x/v1/", "ONRECORD_LLM_MODEL": "m"})
    assert cfg is not None and cfg.url == "http://x/v1" and cfg.key is None
