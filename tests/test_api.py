"""The JSON API through the Flask test client, every response validated against the served OpenAPI document."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from searchsvc.web import create_app

D000, D002, D003, D004 = "000_1e7f0d94218035f2", "002_9f455500eaf14fbe", "003_e24eff640925fc20", "004_9aa5411390716ea1"
SPEC_URI = "urn:searchsvc:openapi"


def _strict(schema: Any) -> Any:
    """Return a copy where every object schema that lists its properties forbids undeclared ones."""
    if isinstance(schema, dict):
        out = {k: _strict(v) for k, v in schema.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


class Spec:
    """Validates JSON bodies against the served spec's component schemas (JSON Schema 2020-12)."""

    def __init__(self, spec: dict[str, Any]):
        self.spec = spec
        strict = _strict(copy.deepcopy(spec))
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(strict, default_specification=DRAFT202012))
        for schema in spec["components"]["schemas"].values():
            Draft202012Validator.check_schema(schema)

    def validate(self, instance: Any, name: str) -> None:
        assert name in self.spec["components"]["schemas"], name
        validator = Draft202012Validator({"$ref": f"{SPEC_URI}#/components/schemas/{name}"}, registry=self.registry)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]

    def response_schema(self, path: str, status: int) -> str:
        """Return the component name the spec gives for a path's GET response with this status."""
        response = self.spec["paths"][path]["get"]["responses"][str(status)]
        return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]


@pytest.fixture(scope="module")
def spec(client: FlaskClient) -> Spec:
    r = client.get("/api/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    return Spec(r.get_json())


def test_openapi_document(client: FlaskClient, spec: Spec) -> None:
    doc = spec.spec
    assert doc["openapi"].startswith("3.1")
    for path in ("/api/search", "/api/documents/{id}", "/healthz", "/api/openapi.json"):
        assert "get" in doc["paths"][path], path
    params = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "lang", "from", "to", "source", "sort", "page", "per_page"} <= params
    assert doc["servers"][0]["url"] == "http://localhost"
    # Every $ref points at a component that exists.
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in doc["components"]["schemas"], ref


@pytest.mark.parametrize(
    "params",
    [
        {"q": "diplomaten"},
        {"q": '"persona non grata"'},
        {"q": "diplomaten OR expelled", "per_page": "2", "page": "2"},
        {"q": "diplomaten OR expelled", "per_page": "2", "page": "9"},
        {"q": "diplomaten", "sort": "date"},
        {"q": "diplomaten", "lang": "nl", "from": "2018", "to": "2018-12", "source": "ANP"},
        {"q": "diplomatne"},
        {"q": "title:ruslandstrategie"},
        {"q": "expolled~"},
    ],
)
def test_search_response_matches_spec(client: FlaskClient, spec: Spec, params: dict[str, str]) -> None:
    r = client.get("/api/search", query_string=params)
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    spec.validate(body, spec.response_schema("/api/search", 200))
    assert body["query"] == params["q"]
    assert body["per_page"] == int(params.get("per_page", 10))
    assert body["page"] == int(params.get("page", 1))


def test_search_response_content(client: FlaskClient) -> None:
    body = client.get("/api/search", query_string={"q": '"persona non grata"'}).get_json()
    assert body["total"] == 2 and sorted(h["id"] for h in body["hits"]) == [D000, D004]
    hit = next(h for h in body["hits"] if h["id"] == D004)
    assert hit["language"] == "nl" and hit["date"] == "2018-03-16"
    assert hit["source"] == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert hit["url"] == f"http://localhost/documents/{D004}"
    # No stated title: its opening words, past the letterhead (the source), addressee and dateline.
    assert hit["title"].startswith("Naar aanleiding van de toezegging van de Minister")
    assert body["filters"] == {"lang": [], "from": None, "to": None, "source": []}
    assert body["suggestion"] is None and body["corrected"] is False and body["took_ms"] >= 0


def test_document_response(client: FlaskClient, spec: Spec) -> None:
    r = client.get(f"/api/documents/{D003}")
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    spec.validate(body, spec.response_schema("/api/documents/{id}", 200))
    meta = body["document"]
    assert meta["id"] == D003 and meta["date"] == "2019-12-22" and meta["doc_number"] == "Kamerstuk 35 373, nr. 1 (2019D53771)"
    assert meta["display_title"].endswith("Ruslandstrategie")
    numbers = [p["number"] for p in body["paragraphs"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(p["anchor"] == f"p{p['number']}" for p in body["paragraphs"])
    assert all("<mark>" not in p["html"] for p in body["paragraphs"])
    marked = client.get(f"/api/documents/{D003}", query_string={"q": "Ruslandstrategie"}).get_json()
    spec.validate(marked, "Document")
    assert any("<mark>Ruslandstrategie</mark>" in p["html"] for p in marked["paragraphs"])
    # A query that cannot be parsed marks nothing instead of failing.
    odd = client.get(f"/api/documents/{D003}", query_string={"q": "((("})
    assert odd.status_code == 200
    assert all("<mark>" not in p["html"] for p in odd.get_json()["paragraphs"])


def test_unknown_document_is_404_json(client: FlaskClient, spec: Spec) -> None:
    r = client.get("/api/documents/does-not-exist")
    assert r.status_code == 404 and r.mimetype == "application/json"
    spec.validate(r.get_json(), spec.response_schema("/api/documents/{id}", 404))
    assert r.get_json()["error"]["code"] == "not_found"
    assert "does-not-exist" in r.get_json()["error"]["message"]


def test_health(client: FlaskClient, spec: Spec, seed_index: Path) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    spec.validate(body, spec.response_schema("/healthz", 200))
    assert body["status"] == "ok" and body["documents"] == 5
    assert body["index"] == (seed_index / "CURRENT").read_text(encoding="ascii").strip()


def test_health_without_index_is_503(tmp_path: Path, spec: Spec) -> None:
    empty = tmp_path / "empty-index"
    empty.mkdir()
    app = create_app({"index_dir": str(empty)})
    try:
        c = app.test_client()
        r = c.get("/healthz")
        assert r.status_code == 503 and r.mimetype == "application/json"
        spec.validate(r.get_json(), spec.response_schema("/healthz", 503))
        assert r.get_json()["status"] == "unavailable"
        for url in ("/api/search?q=diplomaten", f"/api/documents/{D000}"):
            r = c.get(url)
            assert r.status_code == 503 and r.mimetype == "application/json", url
            spec.validate(r.get_json(), spec.response_schema("/api/search", 503))
            assert r.get_json()["error"]["code"] == "index_unavailable"
    finally:
        app.extensions["searchsvc_index"].close()


@pytest.mark.parametrize(
    "query",
    ["q=", "q=diplomaten&per_page=101", "q=diplomaten&page=abc", "q=diplomaten&lang=!!", "q=diplomaten&from=2019-13-45", "q=*"],
)
def test_bad_search_matches_error_schema(client: FlaskClient, spec: Spec, query: str) -> None:
    r = client.get("/api/search?" + query)
    assert r.status_code == 400 and r.mimetype == "application/json"
    spec.validate(r.get_json(), spec.response_schema("/api/search", 400))


def test_strict_validation_catches_drift(spec: Spec) -> None:
    """The validator itself must be able to fail: an undeclared key or a wrong type is rejected."""
    with pytest.raises(AssertionError):
        spec.validate({"error": {"code": "x", "message": "y", "extra": 1}}, "Error")
    with pytest.raises(AssertionError):
        spec.validate({"status": "ok", "documents": "five"}, "Health")
