"""The API against its own OpenAPI schema: every GET path, with and without typical query
parameters, answers without a server error, and every 200 answer matches the declared
fields exactly (no undeclared field can slip out). A stand-in for schemathesis, which is not
in the lock file."""

import copy

import jsonschema
import pytest

TYPICAL = {"integer": "1", "number": "2021", "string": "a", "boolean": "true"}
SAMPLE_STRINGS = {"country": "KE", "field": "education", "area": "advocacy", "q": "alpha"}


@pytest.fixture
def schema(client, open_data):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def strict(node):
    """OpenAPI 3.0 → JSON Schema: `nullable`, and no property beyond those declared."""
    if isinstance(node, list):
        return [strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: strict(value) for key, value in node.items()}
    if node.pop("nullable", False) and "type" in node:
        node["type"] = [node["type"], "null"]
        if "enum" in node:
            node["enum"] = [*node["enum"], None]
    if node.get("type") == "object" and "properties" in node:
        node["additionalProperties"] = False
        node["required"] = sorted(node["properties"])
    return node


def response_schema(schema, operation):
    content = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return {**strict(content), "components": strict(copy.deepcopy(schema["components"]))}


def parameter_values(parameter):
    declared = parameter["schema"]
    if "enum" in declared:
        return declared["enum"]
    values = [TYPICAL[declared.get("type", "string")]]
    if parameter["name"] in SAMPLE_STRINGS:
        values.append(SAMPLE_STRINGS[parameter["name"]])
    return values


def calls(schema):
    """(url, operation) for every GET path, bare and with each query parameter's values."""
    from governance.models import Decision, Document, Vote

    path_values = {
        "/api/members/{slug}/": "djibouti",
        "/api/partners/{slug}/": "alpha",
        "/api/news/{slug}/": "first-assembly",
        "/api/documents/{id}/": str(Document.objects.get(symbol="OEC/GA/1/1").pk),
        "/api/decisions/{id}/": str(Decision.objects.get(symbol="OEC/GA/1/DEC/1").pk),
        "/api/votes/{id}/": str(Vote.objects.filter(decision__is_public=True).first().pk),
    }
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        url = path.replace("{slug}", path_values.get(path, "unknown")).replace(
            "{id}", path_values.get(path, "0")
        )
        yield url, operation
        yield url.replace("djibouti", "no-such").replace("alpha", "no-such"), operation
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            for value in parameter_values(parameter):
                yield f"{url}?{parameter['name']}={value}", operation
            yield f"{url}?{parameter['name']}=%00%ff{'x' * 300}", operation


def test_schema_declares_the_public_endpoints(schema):
    assert sorted(schema["paths"]) == [
        "/api/decisions/",
        "/api/decisions/{id}/",
        "/api/documents/",
        "/api/documents/{id}/",
        "/api/members/",
        "/api/members/{slug}/",
        "/api/news/",
        "/api/news/{slug}/",
        "/api/partners/",
        "/api/partners/{slug}/",
        "/api/votes/",
        "/api/votes/{id}/",
    ]


def test_every_get_path_answers_without_server_error_and_matches_its_schema(
    client, schema, monkeypatch
):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)
    seen = {"200": 0, "4xx": 0}
    for url, operation in calls(schema):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200:
            seen["200"] += 1
            jsonschema.validate(response.json(), response_schema(schema, operation))
        else:
            seen["4xx"] += 1
            assert response.status_code in (400, 404), url
    assert seen["200"] >= 20 and seen["4xx"] >= 10


def test_schema_check_catches_an_undeclared_field(schema, client):
    operation = schema["paths"]["/api/partners/{slug}/"]["get"]
    row = client.get("/api/partners/alpha/").json()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, "email": "x@y.example"}, response_schema(schema, operation))
