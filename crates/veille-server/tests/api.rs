//! The HTTP API and pages end to end on the seeds, in process (no socket):
//! every route listed in the OpenAPI document, errors as JSON, the token on
//! writes, and article text escaped in HTML and JSON.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use veille_engine::{Engine, EngineConfig, NoProgress};
use veille_server::{app, routes, AppState, OPENAPI, PAGES};

const TOKEN: &str = "test-token-0123456789";

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn state(dir: &Path) -> AppState {
    let mut engine = Engine::open(EngineConfig::new(dir)).expect("store opens");
    engine
        .ingest(&[seeds_dir()], &NoProgress)
        .expect("ingest runs");
    AppState::open(dir, 2, TOKEN.into()).expect("state")
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn call(state: &AppState, req: Request<Body>) -> Answer {
    let res = app(state.clone()).oneshot(req).await.expect("infallible");
    let status = res.status();
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    Answer {
        status,
        content_type,
        body: String::from_utf8(bytes.to_vec()).expect("utf-8"),
    }
}

async fn get(state: &AppState, uri: &str) -> Answer {
    call(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, token: Option<&str>, content_type: &str, body: &str) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn every_route_is_in_the_openapi_document_and_served() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
    let paths = doc["paths"].as_object().expect("paths");
    let listed: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(|m| (m.clone(), p.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let served: Vec<(String, String)> = routes()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    for r in &served {
        assert!(
            listed.contains(r),
            "{r:?} is served but not in openapi.json"
        );
    }
    for r in &listed {
        assert!(
            served.contains(r),
            "{r:?} is in openapi.json but not served"
        );
    }
    // and every route and page answers something other than the router's own 404
    let pages: Vec<(String, String)> = PAGES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    for (method, path) in served.iter().chain(&pages) {
        let uri = path.replace("{id}", "1");
        let req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let a = call(&state, req).await;
        let code = serde_json::from_str::<serde_json::Value>(&a.body)
            .ok()
            .and_then(|v| v.get("code").cloned());
        assert_ne!(
            code,
            Some(serde_json::json!("no_route")),
            "{method} {uri} is not routed"
        );
    }
}

#[tokio::test]
async fn documents_search_dupes_and_reuse_answer_json() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let a = get(&state, "/api/docs?lang=fr&limit=3").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.content_type.starts_with("application/json"));
    assert_eq!(a.json().as_array().unwrap().len(), 3);

    let a = get(&state, "/api/docs/000_b173b38ccefd84c3").await;
    assert_eq!(a.status, StatusCode::OK);
    let d = a.json();
    let text = d["text"].as_str().unwrap();
    let s0 = &d["sentences"][0];
    let (start, end) = (
        s0["start"].as_u64().unwrap() as usize,
        s0["end"].as_u64().unwrap() as usize,
    );
    assert!(text[start..end].contains("Barda"));
    assert!(
        !d["reused_by"].as_array().unwrap().is_empty(),
        "001 copies 000"
    );

    let a = get(&state, "/api/search?q=missiles%20Barda&lang=fr").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let r = a.json();
    assert!(!r["hits"].as_array().unwrap().is_empty());
    assert!(!r["hits"][0]["snippet"]["highlights"]
        .as_array()
        .unwrap()
        .is_empty());

    let a = get(&state, "/api/dupes").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.json().is_array());

    let a = get(
        &state,
        "/api/reuse?a=000_b173b38ccefd84c3&b=001_770acdc0607464ea",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(!a.json()["pairs"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn errors_are_json_with_the_right_status() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    for (uri, status, code) in [
        (
            "/api/docs/does-not-exist",
            StatusCode::NOT_FOUND,
            "doc_not_found",
        ),
        ("/api/search", StatusCode::BAD_REQUEST, "bad_request"),
        (
            "/api/search?q=barda&from=yesterday",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/docs?limit=minus",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("/api/reuse?a=1", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/nothing", StatusCode::NOT_FOUND, "no_route"),
    ] {
        let a = get(&state, uri).await;
        assert_eq!(a.status, status, "{uri}: {}", a.body);
        assert!(a.content_type.starts_with("application/json"), "{uri}");
        let v = a.json();
        assert_eq!(v["code"], code, "{uri}");
        assert!(!v["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn ingest_needs_the_token_and_a_known_body_type() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let article = r#"{"id": "post-1", "title": "Frappes sur Goris", "date": "2020-10-30",
        "text": "Des frappes ont touché Goris jeudi. La ville est proche de la frontière."}"#;
    let a = call(
        &state,
        post("/api/ingest", None, "application/json", article),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(a.json()["code"], "unauthorized");
    let a = call(
        &state,
        post("/api/ingest", Some("wrong"), "application/json", article),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    let a = call(&state, post("/api/ingest", Some(TOKEN), "text/csv", "a,b")).await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(a.json()["code"], "unsupported_media_type");
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", "{not json"),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);

    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", article),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.json()["added"], 1);
    // searchable at once: the writer runs the search stage on ingest
    let s = get(&state, "/api/search?q=goris").await;
    assert_eq!(s.json()["hits"][0]["source_id"], "post-1");
    // the same body again: nothing new
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", article),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.json()["unchanged"], 1);

    let page = "<html><head><title>Erevan sous tension</title></head><body><article><h1>Erevan sous tension</h1>\
        <p>Des milliers de manifestants se sont rassemblés à Erevan dimanche pour réclamer la démission du gouvernement.</p>\
        <p>La police a bloqué les accès au parlement pendant plusieurs heures.</p></article></body></html>";
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "text/html; charset=utf-8", page),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
}

#[tokio::test]
async fn article_text_is_escaped_in_pages_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let evil = r#"{"id": "evil", "title": "<img src=x onerror=alert(2)> Barda",
        "text": "Un texte piégé <script>alert(1)</script> sur Barda. Deuxième phrase & fin."}"#;
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", evil),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);

    let page = get(&state, "/doc/evil").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"));
    assert!(
        !page.body.contains("<script>alert(1)</script>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<img src=x"), "{}", page.body);
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // the page carries no script at all: it is rendered on the server
    assert!(!page.body.contains("<script"));

    for uri in ["/api/docs/evil", "/api/search?q=pi%C3%A9g%C3%A9"] {
        let a = get(&state, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert!(a.content_type.starts_with("application/json"));
        assert!(
            !a.body.contains("<script>") && !a.body.contains("<img"),
            "{uri}: {}",
            a.body
        );
        // the markup is there, escaped (the title is in both answers)
        assert!(a.body.contains("\\u003cimg src=x"), "{uri}: {}", a.body);
    }
    let d = get(&state, "/api/docs/evil").await.json();
    assert!(d["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));

    // the search page builds results with textContent only
    let js = get(&state, "/static/search.js").await.body;
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML"));
}

#[tokio::test]
async fn stories_events_entities_and_claims_answer_json() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let stories = get(&state, "/api/stories").await.json();
    let first = &stories.as_array().expect("a list")[0];
    let id = first["id"].as_i64().expect("an id");
    assert!(first["n_docs"].as_u64().unwrap() >= 2, "{first}");
    // the seeds dated to a month count on that month
    let daily = first["daily"].as_array().unwrap();
    assert!(
        daily.iter().all(|d| d["docs"].as_u64().unwrap() > 0),
        "{first}"
    );

    let n = first["n_docs"].as_u64().unwrap();
    let at_least = |k: u64| format!("/api/stories?min_docs={k}");
    let kept = get(&state, &at_least(n)).await.json();
    assert!(kept.as_array().unwrap().iter().any(|s| s["id"] == id));
    let kept = get(&state, &at_least(n + 1)).await.json();
    assert!(kept.as_array().unwrap().iter().all(|s| s["id"] != id));
    let story = get(&state, &format!("/api/stories/{id}")).await.json();
    let events = story["events"].as_array().unwrap();
    assert!(!events.is_empty());
    let docs: u64 = events
        .iter()
        .map(|e| e["documents"].as_array().unwrap().len() as u64)
        .sum();
    assert_eq!(docs, story["n_docs"].as_u64().unwrap());

    let places = get(&state, &format!("/api/stories/{id}/entities?kind=place"))
        .await
        .json();
    let places = places.as_array().unwrap();
    assert!(places.iter().all(|p| p["kind"] == "place"));
    let barda = places
        .iter()
        .find(|p| p["canonical"] == "Barda")
        .expect("the story names Barda");
    assert!(barda["lat"].as_f64().is_some() && barda["lon"].as_f64().is_some());
    assert!(barda["docs"].as_u64().unwrap() <= story["n_docs"].as_u64().unwrap());

    let events = get(&state, &format!("/api/events?story={id}")).await.json();
    assert!(events.as_array().unwrap().iter().all(|e| e["story"] == id));

    let found = get(&state, "/api/entities?name=aliyev").await.json();
    let aliev = &found.as_array().unwrap()[0];
    assert_eq!(aliev["kind"], "person");
    let page = get(&state, &format!("/api/entities/{}?limit=3", aliev["id"]))
        .await
        .json();
    assert_eq!(page["entity"]["id"], aliev["id"]);
    let mentions = page["mentions"].as_array().unwrap();
    assert!(!mentions.is_empty() && mentions.len() <= 3);

    // the story's figures are those of its documents, the sentence included
    let facts = get(&state, &format!("/api/facts?story={id}&kind=killed"))
        .await
        .json();
    let facts = facts.as_array().unwrap();
    assert!(facts.iter().any(|f| f["min"] == 21), "no figure of 21");
    assert!(facts.iter().all(|f| f["kind"] == "killed"));
    let one_doc = get(&state, "/api/facts?doc=001_770acdc0607464ea")
        .await
        .json();
    assert!(one_doc
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["doc"] == "001_770acdc0607464ea"));
    let quotes = get(&state, &format!("/api/quotes?story={id}&limit=2"))
        .await
        .json();
    assert!(quotes.as_array().unwrap().len() <= 2);
    let limited = get(&state, &format!("/api/facts?story={id}&limit=3"))
        .await
        .json();
    assert_eq!(limited.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn unknown_stories_and_entities_and_bad_kinds_are_json_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    for (uri, status, code) in [
        ("/api/stories/999", StatusCode::NOT_FOUND, "story_not_found"),
        ("/api/stories/abc", StatusCode::NOT_FOUND, "story_not_found"),
        (
            "/api/stories/999/entities",
            StatusCode::NOT_FOUND,
            "story_not_found",
        ),
        (
            "/api/events?story=999",
            StatusCode::NOT_FOUND,
            "story_not_found",
        ),
        (
            "/api/facts?story=999",
            StatusCode::NOT_FOUND,
            "story_not_found",
        ),
        (
            "/api/entities/999999",
            StatusCode::NOT_FOUND,
            "entity_not_found",
        ),
        (
            "/api/entities?kind=planet",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/facts?kind=eaten",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/stories?limit=x",
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
    ] {
        let a = get(&state, uri).await;
        assert_eq!(a.status, status, "{uri}: {}", a.body);
        assert_eq!(a.json()["code"], code, "{uri}");
    }
}

#[tokio::test]
async fn story_views_come_from_the_engine_views() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let timeline = get(&state, "/api/stories/1/timeline").await.json();
    let entries = timeline.as_array().expect("entries");
    assert!(
        entries
            .iter()
            .any(|e| e["place"]["name"] == "Barda" || e["sentences"].to_string().contains("Barda")),
        "no Barda entry"
    );
    let summary = get(&state, "/api/stories/1/summary?n=2").await.json();
    assert_eq!(summary.as_array().unwrap().len(), 2);
    let c = get(&state, "/api/stories/1/contradictions").await.json();
    for x in c.as_array().unwrap() {
        assert_ne!(x["a"]["source"], x["b"]["source"], "{x}");
    }
    let tolls = get(&state, "/api/stories/1/tolls").await.json();
    assert!(tolls
        .as_array()
        .unwrap()
        .iter()
        .all(|s| !s["points"].as_array().unwrap().is_empty()));
    let docs = get(&state, "/api/stories/1/documents").await.json();
    let docs = docs.as_array().unwrap();
    // the Barda dispatch and its rewrite share sentences, both ways
    assert!(docs
        .iter()
        .any(|d| !d["reused_by"].as_array().unwrap().is_empty()));
    assert!(docs
        .iter()
        .any(|d| !d["reuse_sources"].as_array().unwrap().is_empty()));
    assert_eq!(
        get(&state, "/api/stories/7/timeline").await.status,
        StatusCode::NOT_FOUND
    );
    // a clustered document's page links to its story
    let page = get(&state, "/doc/001_770acdc0607464ea").await.body;
    assert!(page.contains("<a href=\"/story/1\">story 1</a>"), "{page}");
}

#[tokio::test]
async fn new_pages_and_story_endpoints_keep_article_text_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let evil = r#"{"id": "evil", "title": "<img src=x onerror=alert(2)> Barda frappée",
        "published": "2020-10-29",
        "text": "Un texte piégé <script>alert(1)</script> sur Barda: 12 civils ont été tués, selon <b>Bakou</b>. Deuxième phrase & fin."}"#;
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", evil),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let doc = get(&state, "/api/docs/evil").await.json();
    let id = doc["id"].as_i64().unwrap();
    // whichever story holds it, every story endpoint escapes markup
    let stories = get(&state, "/api/stories?limit=500").await.json();
    for s in stories.as_array().unwrap() {
        let sid = s["id"].as_i64().unwrap();
        for part in [
            "",
            "/documents",
            "/timeline",
            "/summary?n=50",
            "/contradictions",
            "/tolls",
            "/entities",
        ] {
            let uri = format!("/api/stories/{sid}{part}");
            let a = get(&state, &uri).await;
            assert_eq!(a.status, StatusCode::OK, "{uri}");
            assert!(
                !a.body.contains("<script") && !a.body.contains("<img") && !a.body.contains("<b>"),
                "{uri}: {}",
                a.body
            );
        }
        let page = get(&state, &format!("/story/{sid}")).await;
        assert_eq!(page.status, StatusCode::OK);
        // the shell holds no article text: the script fills it in with textContent
        assert!(!page.body.contains("<img src=x") && !page.body.contains("alert("));
    }
    for uri in [
        "/api/facts?doc=evil",
        "/api/quotes?doc=evil",
        "/api/stories",
    ] {
        let a = get(&state, uri).await;
        assert!(
            !a.body.contains("<script") && !a.body.contains("<img"),
            "{uri}: {}",
            a.body
        );
    }
    // the highlighted document page escapes around and inside the mark
    let text = doc["text"].as_str().unwrap();
    let start = text.find("<script>").unwrap();
    let page = get(
        &state,
        &format!(
            "/doc/{id}?hl={}-{}",
            start,
            start + "<script>alert(1)</script>".len()
        ),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("<mark id=\"hl\">&lt;script&gt;alert(1)&lt;/script&gt;</mark>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script") && !page.body.contains("<b>"));
    // a span off the text or cutting a character is ignored, not an error
    for hl in ["5-2", "0-999999", "x", "12-13"] {
        let p = get(&state, &format!("/doc/{id}?hl={hl}")).await;
        assert_eq!(p.status, StatusCode::OK, "hl={hl}");
        assert!(!p.body.contains("<script"));
    }
    // no page script ever parses text as markup
    for js in [
        "common.js",
        "stories.js",
        "story.js",
        "entity.js",
        "search.js",
    ] {
        let body = get(&state, &format!("/static/{js}")).await.body;
        for sink in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!body.contains(sink), "{js} uses {sink}");
        }
    }
}

#[tokio::test]
async fn kept_story_views_follow_new_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let before = get(&state, "/api/stories/1/timeline").await.body;
    assert_eq!(
        get(&state, "/api/stories/1/timeline").await.body,
        before,
        "same store, same answer"
    );
    let article = r#"{"id": "later", "published": "2020-10-29",
        "title": "Azerbaïdjan : nouvelle frappe sur Barda, Bakou accuse l'Arménie",
        "text": "L'Azerbaïdjan a accusé jeudi l'Arménie d'avoir tué 4 civils dans des tirs de missiles sur Barda, près du Nagorny Karabakh. Erevan a démenti."}"#;
    let a = call(
        &state,
        post("/api/ingest", Some(TOKEN), "application/json", article),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let story = get(&state, "/api/docs/later").await.json()["id"].clone();
    let after = get(&state, "/api/stories/1/timeline").await.body;
    assert_ne!(after, before, "a kept answer outlived an ingest");
    let joined = get(&state, "/api/stories/1")
        .await
        .body
        .contains("\"source_id\":\"later\"");
    assert_eq!(
        after.contains("\"source_id\":\"later\""),
        joined,
        "doc {story}"
    );
}

#[tokio::test]
async fn kept_answers_follow_another_connection_s_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(tmp.path());
    let uris = [
        "/api/stories",
        "/api/stories/1",
        "/api/stories/1/documents",
        "/api/search?q=Tartouche",
        "/api/search?q=Barda&limit=50",
    ];
    let mut before = Vec::new();
    for uri in uris {
        let a = get(&state, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        assert_eq!(get(&state, uri).await.body, a.body, "{uri}: kept answer");
        before.push(a.body);
    }
    assert!(get(&state, "/api/search?q=Tartouche").await.json()["hits"]
        .as_array()
        .unwrap()
        .is_empty());
    // another engine on the same store, as `veille ingest` in another process
    let dir = tmp.path().join("more");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("later.json"),
        r#"{"id": "later", "published": "2020-10-29",
        "title": "Azerbaïdjan : nouvelle frappe sur Barda près de Tartouche",
        "text": "L'Azerbaïdjan a accusé jeudi l'Arménie d'avoir tué 4 civils dans des tirs de missiles sur Barda, près de Tartouche et du Nagorny Karabakh. Erevan a démenti."}"#,
    )
    .unwrap();
    let mut other = Engine::open(EngineConfig::new(tmp.path())).unwrap();
    let report = other.ingest(&[dir], &NoProgress).unwrap();
    assert_eq!(report.added, 1);
    drop(other);

    let hits = get(&state, "/api/search?q=Tartouche").await.json()["hits"].clone();
    assert_eq!(
        hits.as_array().unwrap().len(),
        1,
        "a kept search outlived an ingest"
    );
    // the spaces of a query do not make another answer
    assert_eq!(
        get(&state, "/api/search?q=%20%20Tartouche%20").await.body,
        get(&state, "/api/search?q=Tartouche").await.body
    );
    // the story list counts the new document, the search finds it
    for (uri, old) in uris.iter().zip(&before) {
        if ["/api/stories", "/api/search?q=Barda&limit=50"].contains(uri) {
            let now = get(&state, uri).await.body;
            assert_ne!(&now, old, "{uri}: a kept answer outlived an ingest");
        }
    }
}
