"""Registry of analyzers: named stages that each add one kind of annotation.

A stage is a function ``(Interview) -> None`` that fills its own fields of the
document and records its version in ``Interview.analyzers``.  Stages register
themselves by name so that a pipeline is just a list of names, and no stage
reaches into another's internals (the spaCy component-registry idea).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from onrecord.document import Interview
from onrecord.errors import OnrecordError

Stage = Callable[[Interview], None]


@dataclass(frozen=True)
class AnalyzerSpec:
    name: str
    version: str
    run: Stage
    requires: tuple[str, ...] = ()


_REGISTRY: dict[str, AnalyzerSpec] = {}

# Modules that register analyzers when imported; imported lazily so that the
# structure-only path never pays for loading models.
_PROVIDERS: dict[str, str] = {}


def register(name: str, version: str, requires: tuple[str, ...] = ()) -> Callable[[Stage], Stage]:
    def wrap(fn: Stage) -> Stage:
        _REGISTRY[name] = AnalyzerSpec(name, version, fn, requires)
        return fn

    return wrap


def provide(name: str, module: str) -> None:
    """Declare which module registers analyzer ``name`` (imported on first use)."""
    _PROVIDERS[name] = module


def get(name: str) -> AnalyzerSpec:
    if name not in _REGISTRY and name in _PROVIDERS:
        importlib.import_module(_PROVIDERS[name])
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(_PROVIDERS))) or "none"
        raise OnrecordError(f"unknown analyzer {name!r} (known: {known})") from None


def available() -> list[str]:
    return sorted(set(_REGISTRY) | set(_PROVIDERS))


# The structure stage (turns, questions, exchanges) is not a registered
# analyzer: every document passes through it before any stage runs, so a stage
# may name it as a requirement and it counts as already done.
BUILT_IN: frozenset[str] = frozenset({"structure"})


def run(doc: Interview, names: list[str]) -> None:
    """Run stages in order, pulling in each stage's requirements first."""
    done: set[str] = set(BUILT_IN)

    def visit(name: str) -> None:
        if name in done:
            return
        spec = get(name)
        for req in spec.requires:
            visit(req)
        spec.run(doc)
        doc.analyzers[name] = spec.version
        done.add(name)

    for name in names:
        visit(name)


provide("claims", "onrecord.analyzers.claims")
provide("numbers", "onrecord.analyzers.numbers")
provide("entities", "onrecord.analyzers.entities")
provide("attributions", "onrecord.analyzers.attributions")
provide("stance", "onrecord.analyzers.stance")
provide("clarity", "onrecord.analyzers.clarity")
