def test_healthz_reports_each_dependency(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client, database_gone):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down"


def test_healthz_answers_head_like_get_without_a_body(client, db):
    # Load balancers check with HEAD.
    response = client.head("/healthz")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_head_is_503_when_the_database_is_down(client, database_gone):
    response = client.head("/healthz")
    assert response.status_code == 503
    assert response.content == b""


def test_healthz_still_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405
