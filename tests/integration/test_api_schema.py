"""A bounded property test driven by the OpenAPI document: schemathesis generates valid and
invalid requests for every endpoint that needs no network, against a real server, and finds
no 500 and no response that breaks the documented schema."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime

import hypothesis
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsfeed.web.app import create_app
from newsfeed.web.testing import sample_articles, serve_in_thread

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
BUDGET_S = 60
NETWORK = {("POST", "/sources"), ("POST", "/sources/{source_id}/refresh")}


def test_generated_requests_never_fail_the_server(settings, store):
    source = store.sources.add("https://gazette.example.invalid/feed.xml", title="Gazette", now=NOW)
    store.articles.save(source.id, sample_articles(12, NOW), now=NOW)
    started = time.monotonic()
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    with serve_in_thread(create_app(settings, store)) as base:
        schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
        tested = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            if (operation.method.upper(), operation.path) in NETWORK:
                continue
            run_operation(operation, f"{base}/api/v1", checks, GenerationMode.POSITIVE)
            with contextlib.suppress(hypothesis.errors.Unsatisfiable):  # nothing to break
                run_operation(
                    operation, f"{base}/api/v1", [not_a_server_error], GenerationMode.NEGATIVE
                )
            tested += 1
    assert tested >= 9
    assert time.monotonic() - started < BUDGET_S


def run_operation(operation, base_url: str, checks, mode: GenerationMode) -> None:
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(
        max_examples=20,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def check(case) -> None:
        response = case.call(base_url=base_url)
        case.validate_response(response, checks=checks)

    check()
