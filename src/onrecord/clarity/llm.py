"""Optional second opinion from an OpenAI-compatible chat endpoint, off by default.

A confidence-gated cascade in the manner of the best SemEval-2026 CLARITY
systems: only exchanges whose evasion confidence is below a threshold are sent,
and only when an endpoint is configured.  Nothing is sent anywhere otherwise.

Configuration (arguments of :class:`LLMConfig` or the environment):

- ``ONRECORD_LLM_URL``: base URL, e.g. ``http://localhost:8080/v1`` (llama.cpp, vLLM, Ollama, hosted)
- ``ONRECORD_LLM_MODEL``: model name sent in the request
- ``ONRECORD_LLM_KEY``: bearer token (optional for local servers)
- ``ONRECORD_LLM_THRESHOLD``: evasion confidence below which to ask (default 0.5)

Timeouts, retries with exponential backoff (honouring ``Retry-After`` on 429
and 5xx), and malformed replies are handled: on any failure the model's own
prediction stands.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from onrecord.clarity.labels import EVASION_LABELS, EVASION_TO_CLARITY
from onrecord.clarity.model import Pair, Prediction, _pair
from onrecord.errors import OnrecordError

log = logging.getLogger(__name__)

SYSTEM = (
    "You annotate answers in political interviews with the QEvasion taxonomy. Given a question and the "
    "answer, pick exactly one label:\n"
    "Explicit: the requested information is stated explicitly.\n"
    "Implicit: the information is given, but only implicitly.\n"
    "Dodging: the answer ignores the question.\n"
    "Deflection: the answer shifts to another topic or attacks the question.\n"
    "Partial/half-answer: only part of the question is answered.\n"
    "General: the answer is too general or vague to answer the question.\n"
    "Declining to answer: the speaker openly refuses or postpones answering.\n"
    "Claims ignorance: the speaker says they do not know.\n"
    "Clarification: the speaker asks what the question means.\n"
    'Reply with JSON only: {"label": "<one of the labels>"}'
)


@dataclass(frozen=True)
class LLMConfig:
    url: str
    model: str
    key: str | None = None
    threshold: float = 0.5
    timeout_s: float = 30.0
    retries: int = 3
    backoff_s: float = 1.0
    max_answer_chars: int = 6000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> LLMConfig | None:
        e = os.environ if env is None else env
        url, model = e.get("ONRECORD_LLM_URL"), e.get("ONRECORD_LLM_MODEL")
        if not url or not model:
            return None
        try:
            threshold = float(e.get("ONRECORD_LLM_THRESHOLD", "0.5"))
        except ValueError:
            raise OnrecordError("ONRECORD_LLM_THRESHOLD must be a number") from None
        return cls(url=url.rstrip("/"), model=model, key=e.get("ONRECORD_LLM_KEY") or None, threshold=threshold)


class LLMError(OnrecordError):
    """The endpoint could not give a usable answer."""


def parse_label(content: str) -> str:
    """The evasion label in a reply: JSON {"label": ...} first, else the first label named in the text."""
    text = content.strip()
    fence = re.search(r"\{.*\}", text, re.S)
    if fence:
        try:
            obj = json.loads(fence.group(0))
        except json.JSONDecodeError:
            obj = None
        if isinstance(obj, dict):
            for key in ("label", "evasion", "answer"):
                val = obj.get(key)
                if isinstance(val, str):
                    hit = _match(val)
                    if hit:
                        return hit
    hit = _match(text)
    if hit:
        return hit
    raise LLMError(f"no evasion label in the reply: {text[:80]!r}")


def _match(text: str) -> str | None:
    low = text.lower()
    found = [(low.find(lab.lower()), lab) for lab in EVASION_LABELS if lab.lower() in low]
    if not found and "partial" in low:
        return "Partial/half-answer"
    return min(found)[1] if found else None


class ChatClient:
    """Minimal OpenAI-compatible ``/chat/completions`` client with retries."""

    def __init__(self, config: LLMConfig, sleep: Callable[[float], None] = time.sleep) -> None:
        try:
            import httpx
        except ImportError as exc:  # pragma: no cover - optional extra
            raise OnrecordError("the LLM backend needs httpx (pip install 'onrecord[llm]')") from exc
        self.config = config
        self._sleep = sleep
        headers = {"Content-Type": "application/json"}
        if config.key:
            headers["Authorization"] = f"Bearer {config.key}"
        self._http = httpx.Client(timeout=config.timeout_s, headers=headers)
        self._httpx = httpx

    def close(self) -> None:
        self._http.close()

    def complete(self, messages: list[dict[str, str]]) -> str:
        cfg = self.config
        body: dict[str, Any] = {"model": cfg.model, "messages": messages, "temperature": 0, "max_tokens": 30}
        last = "no attempt"
        for attempt in range(cfg.retries + 1):
            wait = cfg.backoff_s * (2**attempt)
            try:
                resp = self._http.post(f"{cfg.url}/chat/completions", json=body)
            except self._httpx.HTTPError as exc:  # timeouts, refused connections
                last = f"{type(exc).__name__}: {exc}"
            else:
                if resp.status_code == 200:
                    try:
                        data = resp.json()
                        content = data["choices"][0]["message"]["content"]
                    except (ValueError, KeyError, IndexError, TypeError):
                        raise LLMError(f"malformed reply from {cfg.url}: {resp.text[:80]!r}") from None
                    if not isinstance(content, str):
                        raise LLMError("malformed reply: message content is not text")
                    return content
                last = f"HTTP {resp.status_code}"
                if resp.status_code not in (408, 409, 429) and resp.status_code < 500:
                    raise LLMError(f"{cfg.url} refused the request: {last}")
                retry_after = resp.headers.get("Retry-After")
                if retry_after:
                    with contextlib.suppress(ValueError):
                        wait = max(wait, min(float(retry_after), 60.0))
            if attempt < cfg.retries:
                self._sleep(wait)
        raise LLMError(f"{cfg.url} failed after {cfg.retries + 1} attempts ({last})")

    def classify(self, pair: Pair) -> str:
        user = f"Question: {pair.question.strip()}\n\nAnswer: {pair.answer.strip()[: self.config.max_answer_chars]}"
        if pair.context and pair.context.strip() != pair.question.strip():
            user = f"Interviewer's whole turn: {pair.context.strip()}\n\n" + user
        return parse_label(self.complete([{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]))


def second_opinion(
    pairs: Sequence[Pair | Mapping[str, Any]],
    preds: list[Prediction],
    config: LLMConfig | None = None,
    client: ChatClient | None = None,
) -> list[Prediction]:
    """Replace low-confidence predictions with the LLM's label where it gives one; else keep the model's."""
    cfg = config or LLMConfig.from_env()
    if cfg is None:
        raise OnrecordError("no LLM endpoint configured (set ONRECORD_LLM_URL and ONRECORD_LLM_MODEL)")
    own = client is None
    chat = client or ChatClient(cfg)
    out = list(preds)
    try:
        for i, (raw, pred) in enumerate(zip(pairs, preds, strict=True)):
            if pred.evasion_confidence >= cfg.threshold:
                continue
            pair = raw if isinstance(raw, Pair) else _pair(raw)
            try:
                label = chat.classify(pair)
            except LLMError as exc:
                log.warning("LLM second opinion skipped: %s", exc)
                continue
            clarity = EVASION_TO_CLARITY[label]
            out[i] = replace(
                pred,
                evasion=label,
                evasion_confidence=max(pred.evasion_probs.get(label, 0.0), cfg.threshold),
                clarity=clarity,
                clarity_confidence=max(pred.clarity_probs.get(clarity, 0.0), cfg.threshold),
                source="llm",
            )
    finally:
        if own:
            chat.close()
    return out
